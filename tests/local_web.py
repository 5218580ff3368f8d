"""Servers on 127.0.0.1 and headless Chromium, for the tests and bench/; the accessibility
checkers the tests inject into a page (axe-core, HTML_CodeSniffer, vendored in tests/vendor/)."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60, process: subprocess.Popen | None = None) -> bool:
    """True once something listens on `port`; False after `timeout` or once `process` has ended."""
    deadline = time.time() + timeout
    while time.time() < deadline and (process is None or process.poll() is None):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.1)
    return False


class _Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    headers_for = None  # path -> headers, as the host sends them for that path
    compress = False  # text files gzipped for a client that accepts it, as hosts send them

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not (self.compress and "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file()
                and kind.startswith(("text/", "application/json", "application/javascript", "image/svg"))):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        for name, value in (("Content-Type", kind), ("Content-Encoding", "gzip"), ("Content-Length", str(len(body))),
                            ("Vary", "Accept-Encoding")):
            self.send_header(name, value)
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        headers = dict(self.extra_headers)
        if self.headers_for is not None:
            headers.update(self.headers_for(self.path.split("?")[0]))
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def static_server(folder: Path, headers: dict[str, str] | None = None, headers_for=None,
                  tls: tuple[Path, Path] | None = None, compress: bool = False):
    """`folder` as a static host serves it (with `headers` on every response, or those
    `headers_for(path)` gives for each path); yields the base URL.  With `tls` (a certificate
    for localhost and its key) it serves HTTPS only, at https://localhost:PORT; with `compress`,
    text gzipped where the client accepts it."""
    handler = type("Handler", (_Handler,), {"extra_headers": dict(headers or {}), "compress": compress,
                                           "headers_for": staticmethod(headers_for) if headers_for else None})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*map(str, tls))
        server.socket = context.wrap_socket(server.socket, server_side=True)
        server.handle_error = lambda request, address: None  # a client that does not speak TLS
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"{'https://localhost' if tls else 'http://127.0.0.1'}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def preview_server(content: Path, out: Path, *, project: Path = ROOT, python: str = sys.executable,
                   stdout=subprocess.PIPE):
    """`build.py serve` of `project` on a free port; yields (base URL, process)."""
    port = free_port()
    proc = subprocess.Popen([python, str(project / "build.py"), "serve", "--port", str(port), "--content",
                             str(content), "--out", str(out)], cwd=project, stdout=stdout,
                            stderr=subprocess.STDOUT, text=True)
    try:
        if not wait_for_port(port, process=proc):
            proc.kill()
            output = proc.communicate()[0] if stdout == subprocess.PIPE else ""
            raise RuntimeError(f"the preview server did not start: {output}")
        yield f"http://127.0.0.1:{port}", proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@contextmanager
def chromium():
    """Headless Chromium (the system's `chromium`) through Playwright; yields the browser."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if not executable:
        raise RuntimeError("no `chromium` on PATH: scripts/setup --browser installs it")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


AXE = ROOT / "tests/vendor/axe-core/axe.min.js"


def axe_report(page) -> dict:
    """axe-core's WCAG 2.1 A and AA checks of the page open in `page` (its context must
    bypass the policy: axe is injected for the test only)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})""")


def violations(report: dict) -> list:
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in report["violations"]]


HTMLCS = ROOT / "tests/vendor/html_codesniffer/HTMLCS.js"


def htmlcs_errors(page, standard: str = "WCAG2AA") -> list[tuple[str, str, str]]:
    """HTML_CodeSniffer's errors (its messages of type 1) on the page open in `page`, as pa11y's
    htmlcs runner reports them at `standard`: (code, message, the element's start); pa11y ignores
    no error by default, and neither does this.  Its warnings and notices are pa11y's defaults'
    too: left out.  As for axe, the page's context must bypass the policy."""
    page.add_script_tag(path=str(HTMLCS))
    return [tuple(error) for error in page.evaluate("""(standard) => new Promise((resolve, reject) => {
        HTMLCS.process(standard, document, () => resolve(HTMLCS.getMessages().filter(m => m.type === 1)
            .map(m => [m.code, m.msg, (m.element.outerHTML || m.element.nodeName).slice(0, 120)])),
            reject);
    })""", standard)]
