"""Page weight per page kind (HTML + its CSS and JS, gzip), and the search page's payload and speed in Chromium."""
from __future__ import annotations

import gzip
import re
from functools import cache

from common import Context, Section, median, spread, table

PAGE_BUDGET_KB, SEARCH_BUDGET_KB, KEYSTROKE_MS, FIRST_RESULT_MS = 30, 45, 5, 150
KINDS = [  # (kind, pattern on the site-relative path); first match wins
    ("home", r"(tr|en)/index\.html"),
    ("programme overview", r"(tr|en)/\d{4}/index\.html"),
    ("aim", r"(tr/\d{4}/amaclar|en/\d{4}/aims)/[^/]+/index\.html"),
    ("goal", r"(tr/\d{4}/hedefler|en/\d{4}/goals)/[^/]+/index\.html"),
    ("activity", r"(tr/\d{4}/faaliyetler|en/\d{4}/activities)/[^/]+/index\.html"),
    ("units index", r"(tr/\d{4}/birimler|en/\d{4}/units)/index\.html"),
    ("unit", r"(tr/\d{4}/birimler|en/\d{4}/units)/[^/]+/index\.html"),
    ("data notes", r"(tr/\d{4}/veri-notlari|en/\d{4}/data-notes)/index\.html"),
    ("search", r"(tr/ara|en/search)/index\.html"),
    ("glossary", r"(tr/sozluk|en/glossary)/index\.html"),
    ("general page", r"(tr/\d{4}/genel|en/\d{4}/general)/[^/]+/index\.html"),
    ("downloads", r"(tr/veri|en/data)/index\.html"),
    ("language chooser", r"index\.html"),
    ("404", r"404\.html"),
]
ASSET = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(/[^"]+)"|<script\b[^>]*\bsrc="(/[^"]+)"')
QUERIES = ["asfalt", "çöp", "sosyal yardım", "kamulastirma", "isik", "PH.1.5.F2", "zabıta", "bisiklt", "park",
           "nikah"]
KEYSTROKE = """(q) => new Promise(resolve => {
    const status = document.getElementById('search-status'), input = document.getElementById('search-query');
    const start = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input'));
    const done = () => status.textContent ? resolve(performance.now() - start) : requestAnimationFrame(done);
    done();
})"""


FIRST_RESULT = """new MutationObserver(function (_, observer) {
    if (document.querySelector('#search-results li')) {
        window.__firstResult = performance.now();
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});"""  # ms since navigation, recorded in the page


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def kb(n: float) -> str:
    return f"{n / 1000:.1f}"


def page_weight(ctx: Context) -> Section:
    site = ctx.reference_site()

    @cache
    def asset(url: str) -> tuple[int, int]:
        data = (site / url.split("?")[0].lstrip("/")).read_bytes()
        return len(data), gz(data)

    kinds: dict[str, list[dict]] = {}
    for f in sorted(site.rglob("*.html")):
        rel, data = f.relative_to(site).as_posix(), f.read_bytes()
        assets = [asset(a or b) for a, b in dict.fromkeys(ASSET.findall(data.decode("utf-8")))]
        row = {"path": rel, "html_raw": len(data), "html_gz": gz(data), "assets_gz": sum(a[1] for a in assets)}
        row.update(total_raw=len(data) + sum(a[0] for a in assets), total_gz=row["html_gz"] + row["assets_gz"])
        kinds.setdefault(next((k for k, pattern in KINDS if re.fullmatch(pattern, rel)), "other"), []).append(row)
    rows = []
    for kind in [k for k, _ in KINDS if k in kinds] + ["other"] * ("other" in kinds):
        group = kinds[kind]
        top = max(group, key=lambda r: r["total_gz"])
        rows.append([kind, len(group), kb(top["html_raw"]), kb(top["total_raw"]), kb(top["html_gz"]),
                     kb(top["assets_gz"]), kb(median(r["total_gz"] for r in group)), f"**{kb(top['total_gz'])}**",
                     f"`/{top['path']}`"])
    pages = [r for kind, group in kinds.items() if kind != "search" for r in group]
    worst = max(pages, key=lambda r: r["total_gz"])
    over = sum(r["total_gz"] > PAGE_BUDGET_KB * 1000 for r in pages)
    return Section("Page weight (KB = 1,000 bytes)", [
        table(["kind", "pages", "HTML raw", "+ CSS, JS raw", "HTML gzip", "CSS, JS gzip", "+ CSS, JS gzip, median",
               "+ CSS, JS gzip, max", "heaviest page"], rows)],
        headline=[("heaviest page with its CSS and JS, gzip (search page apart)",
                   f"{kb(worst['total_gz'])} KB (`/{worst['path']}`), {over} over", f"≤ {PAGE_BUDGET_KB} KB")],
        data={kind: {"pages": len(g), "max_total_gz": max(r["total_gz"] for r in g),
                     "median_total_gz": median(r["total_gz"] for r in g)} for kind, g in kinds.items()})


def search(ctx: Context) -> Section:
    from tests.local_web import chromium, static_server

    ctx.log("search: payload and keystroke to results in Chromium")
    with static_server(ctx.reference_site()) as base, chromium() as browser:
        page = browser.new_page()
        fetched: list[tuple[str, bytes]] = []

        def note(response) -> None:
            if response.ok:
                fetched.append((response.url.replace(base, ""), response.body()))
        page.on("response", note)
        page.goto(f"{base}/tr/ara/?q=asfalt")
        page.wait_for_selector("#search-results li")
        page.remove_listener("response", note)  # the first load's files only: none read as the browser closes
        files = [[url, len(body), gz(body)] for url, body in fetched]
        first = []
        for _ in range(max(ctx.runs, 3) * 2):  # each in a new browser context: nothing cached
            context = browser.new_context()
            fresh = context.new_page()
            fresh.add_init_script(FIRST_RESULT)
            fresh.goto(f"{base}/tr/ara/?q=asfalt")
            fresh.wait_for_selector("#search-results li")
            first.append(fresh.evaluate("window.__firstResult"))
            context.close()
        samples = []
        for _ in range(max(ctx.runs, 3)):
            for query in QUERIES:
                page.fill("#search-query", "")
                samples.append(page.evaluate(KEYSTROKE, query))
    raw, zipped = sum(f[1] for f in files), sum(f[2] for f in files)
    rows = [[url, kb(n), kb(z)] for url, n, z in files] + [["**total**", kb(raw), kb(zipped)]]
    return Section("Search", [
        table(["fetched before the first result", "raw (KB)", "gzip (KB)"], rows),
        table(["keystroke to results", "queries × runs", "median (ms)", "min–max (ms)"],
              [[", ".join(QUERIES), f"{len(QUERIES)} × {max(ctx.runs, 3)}", f"{median(samples):.1f}",
                spread(samples, 1)]]),
        table(["navigation to the first result (`?q=asfalt`, nothing cached)", "runs", "median (ms)",
               "min–max (ms)"], [["", str(len(first)), f"{median(first):.0f}", spread(first, 0)]]),
    ], headline=[("search: bytes before the first result, gzip", f"{kb(zipped)} KB", f"≤ {SEARCH_BUDGET_KB} KB"),
                 ("search: keystroke to results", f"{median(samples):.1f} ms", f"≤ {KEYSTROKE_MS} ms"),
                 ("search: navigation to the first result", f"{median(first):.0f} ms", f"≤ {FIRST_RESULT_MS} ms")],
        data={"files": files, "keystroke_ms": samples, "first_result_ms": first})
