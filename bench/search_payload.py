"""Search: bytes before the first result, navigation-to-first-result and keystroke-to-results
time, in Chromium."""
from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import threading

from common import Section, median, spread, table

QUERIES = ["asfalt", "çöp", "sosyal yardım", "kamulastirma", "isik", "PH.1.5.F2", "zabıta", "bisiklt", "park",
           "nikah"]
BUDGET_KB = 45
TIME_MS = 5


# When the first result appears, in ms since navigation started (recorded in the page).
_FIRST_RESULT = """new MutationObserver(function (_, observer) {
    if (document.querySelector('#search-results li')) {
        window.__firstResult = performance.now();
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});"""
FIRST_MS = 150


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def run(ctx):
    from playwright.sync_api import sync_playwright

    site = ctx.reference_site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    ctx.log("search: payload and keystroke-to-results in Chromium")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                              "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            fetched: list[tuple[str, bytes]] = []
            page.on("response", lambda r: fetched.append((r.url, r.body())) if r.ok else None)
            page.add_init_script(_FIRST_RESULT)
            page.goto(f"{base}/tr/ara/?q=asfalt")
            page.wait_for_selector("#search-results li")
            first = [page.evaluate("window.__firstResult")]
            raw = sum(len(body) for _, body in fetched)
            zipped = sum(len(gzip.compress(body, 6, mtime=0)) for _, body in fetched)
            files = [(url.replace(base, ""), len(body), len(gzip.compress(body, 6, mtime=0))) for url, body in fetched]
            for _ in range(max(ctx.runs, 3) * 2):  # each in a new context: nothing cached
                context = browser.new_context()
                fresh = context.new_page()
                fresh.add_init_script(_FIRST_RESULT)
                fresh.goto(f"{base}/tr/ara/?q=asfalt")
                fresh.wait_for_selector("#search-results li")
                first.append(fresh.evaluate("window.__firstResult"))
                context.close()
            samples = []
            for _ in range(max(ctx.runs, 3)):
                for query in QUERIES:
                    page.fill("#search-query", "")
                    ms = page.evaluate("""(q) => new Promise(resolve => {
                        const status = document.getElementById('search-status'), input = document.getElementById('search-query');
                        const start = performance.now();
                        input.value = q;
                        input.dispatchEvent(new Event('input'));
                        const done = () => status.textContent ? resolve(performance.now() - start) : requestAnimationFrame(done);
                        done();
                    })""", query)
                    samples.append(ms)
            browser.close()
    finally:
        server.shutdown()
    rows = [[path, f"{n / 1024:.1f}", f"{z / 1024:.1f}"] for path, n, z in files]
    body = "\n".join([
        "The search page opened with `?q=asfalt` in headless Chromium, served locally: every response until "
        "the first result shows (page, CSS, script, index), raw and gzip (level 6, as a host would send it).",
        "",
        table(["file", "raw (KB)", "gzip (KB)"], rows + [["**total**", f"{raw / 1024:.1f}", f"{zipped / 1024:.1f}"]]),
        "",
        f"Keystroke to results: the time from an input event to the result list in the page, for {len(QUERIES)} "
        f"queries ({', '.join(QUERIES)}) × {max(ctx.runs, 3)}: median {median(samples):.1f} ms, "
        f"{spread(samples, 1)} ms.",
        "",
        f"Navigation to the first result shown (`?q=asfalt`, measured in the page, nothing cached, "
        f"{len(first) - 1} visits after the first, each in a new browser context): median "
        f"{median(first[1:]):.0f} ms, {spread(first[1:], 0)} ms (the browser's very first page: {first[0]:.0f} ms).",
    ])
    return Section("Search payload", body, headline=[
        ("search: bytes before the first result, gzip", f"{zipped / 1024:.1f} KB", f"≤ {BUDGET_KB} KB"),
        ("search: keystroke to results", f"{median(samples):.1f} ms", f"≤ {TIME_MS} ms"),
        ("search: navigation to first result", f"{median(first[1:]):.0f} ms", f"≤ {FIRST_MS} ms"),
    ], data={"bytes_raw": raw, "bytes_gzip": zipped, "keystroke_ms": samples, "first_result_ms": first})
