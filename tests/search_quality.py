"""Hit@1 and hit@5 of the table of people's queries (tests/search_queries.tsv), measured in a
browser against a built site: the figures the search is judged by, before and after a change.

    .venv/bin/python tests/search_quality.py SITE_FOLDER

prints each query's rank and the totals; tests/test_search_quality.py asserts them.
"""
from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
TABLE = Path(__file__).with_name("search_queries.tsv")
YEAR = 2024
sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    expected: tuple[str, ...]  # kind:code, any of them
    note: str


def queries() -> list[Query]:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [Query(row["lang"], row["query"], tuple(e.strip() for e in row["expected"].split("|")),
                  row.get("note") or "")
            for row in csv.DictReader(lines, delimiter="\t")]


def expected_paths(query: Query) -> set[str]:
    """The link paths (without the base) that count as finding the item."""
    from portal.urls import Urls

    urls, lang, out = Urls("/"), query.lang, set()
    for item in query.expected:
        kind, _, code = item.partition(":")
        if kind == "activity":
            out.add(urls.activity(lang, YEAR, code))
        elif kind == "goal":
            out.add(urls.goal(lang, YEAR, code))
        elif kind == "aim":
            out.add(urls.aim(lang, YEAR, int(code)))
        elif kind == "unit":
            out.add(urls.unit(lang, YEAR, code))
        elif kind == "glossary":
            out.add(urls.glossary(lang) + "#" + code)
        elif kind == "page":
            out.add(urls.page(lang, YEAR, code))
        else:
            raise ValueError(f"{TABLE.name}: unknown kind in {item!r}")
    return {"/" + p.lstrip("/") for p in out}


def _matches(href: str, wanted: set[str]) -> bool:
    parts = urlsplit(href)
    path = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
    # a general page counts with any of its headings' anchors
    return path in wanted or parts.path in wanted and parts.path.rstrip("/").split("/")[-2] in ("genel", "general")


def rank_of(page, base: str, query: Query, depth: int = 10) -> int | None:
    """The 1-based rank of the first result that is the expected item, or None."""
    where = "tr/ara" if query.lang == "tr" else "en/search"
    page.goto(f"{base}/{where}/?q={quote(query.text)}")
    page.wait_for_selector("#search-results[data-ready='true']", state="attached")
    hrefs = page.eval_on_selector_all("#search-results ol:not(.search-start) li > a", "as => as.map(a => a.getAttribute('href'))")
    wanted = expected_paths(query)
    for i, href in enumerate(hrefs[:depth], 1):
        if _matches(href, wanted):
            return i
    return None


def measure(page, base: str) -> list[tuple[Query, int | None]]:
    return [(q, rank_of(page, base, q)) for q in queries()]


def summary(ranks: list[tuple[Query, int | None]]) -> str:
    n = len(ranks)
    at1 = sum(1 for _, r in ranks if r == 1)
    at5 = sum(1 for _, r in ranks if r is not None and r <= 5)
    out = [f"hit@1 {at1}/{n} ({at1 / n:.0%}), hit@5 {at5}/{n} ({at5 / n:.0%})"]
    for lang in ("tr", "en"):
        part = [(q, r) for q, r in ranks if q.lang == lang]
        a1 = sum(1 for _, r in part if r == 1)
        a5 = sum(1 for _, r in part if r is not None and r <= 5)
        out.append(f"  {lang}: hit@1 {a1}/{len(part)}, hit@5 {a5}/{len(part)}")
    return "\n".join(out)


def _main(folder: str) -> None:
    import functools
    import http.server
    import shutil
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            ranks = measure(browser.new_page(), f"http://127.0.0.1:{server.server_address[1]}")
            browser.close()
    finally:
        server.shutdown()
    for q, r in ranks:
        print(f"{q.lang}\t{r if r else '-'}\t{q.text}")
    print(summary(ranks))


if __name__ == "__main__":
    _main(sys.argv[1])
