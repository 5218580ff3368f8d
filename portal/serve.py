"""Preview for staff: build, serve on this machine, rebuild and reload on every save.

Files are watched with inotify (watchfiles) instead of livereload's 800 ms
polling, and the open tab is told to reload as soon as the rebuild is
written.  A broken edit does not stop the server: pages show the problem,
naming file and line, in the page's language, until the file is fixed;
the last good page stays one click away.
"""
from __future__ import annotations

import logging
import re
import sys
import threading
import time
import traceback
from functools import lru_cache
from pathlib import Path

from jinja2 import TemplateError
from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

from portal.errors import ContentError, template_frame, template_location
from portal.headers import preview_headers
from portal.incremental import ROOT, Builder
from portal.write import UnsafeTarget, check_target
from portal.render import environment
from portal.urls import Urls

WATCHED = ("templates", "static", "locale")
OPEN_PAGES = 8  # how many of the pages served last are rebuilt before the others
TAB_HEAD_START = 0.25  # s: how long the rest of a rebuild waits for a reloading tab to get its page
TAB_SHOW = 0.08  # s: then how long it lets the tab parse and lay out that page alone
WATCHED_SUFFIXES = {".yaml", ".yml", ".md", ".html", ".css", ".js", ".po", ".json"}


class PreviewState:
    """What the server shows: the built folder, or the problems of the last edit."""

    def __init__(self, builder: Builder, base_url: str):
        self.builder, self.base_url = builder, base_url
        self.problems: list[str] = []  # of the last build; shown instead of pages while there are any
        self.warnings: list[str] = []  # of the last good build: shown above every page
        self._open_pages: dict[str, None] = {}  # the pages served last, newest last: rebuilt first
        self._lock = threading.Lock()  # pages are served on the server's thread, rebuilt on the watcher's
        self._rebuilding = threading.Lock()  # one rebuild at a time: the first build and a save during it
        self._page_sent = threading.Event()

    def served(self, path: str) -> None:
        with self._lock:
            self._open_pages.pop(path, None)
            self._open_pages[path] = None
            while len(self._open_pages) > OPEN_PAGES:
                del self._open_pages[next(iter(self._open_pages))]

    def open_pages(self) -> set[str]:
        with self._lock:
            return set(self._open_pages)

    def sent(self) -> None:
        self._page_sent.set()

    def _reload_first(self, reload) -> None:
        """Reload the open tabs, and let the first of them fetch its page and lay it out
        before the rest of the rebuild takes the machine (both cores) and the server's
        interpreter: a browser parsing beside two busy processes takes twice as long."""
        self._page_sent.clear()
        reload()
        if self.open_pages() and self._page_sent.wait(TAB_HEAD_START):
            time.sleep(TAB_SHOW)

    def rebuild(self, changed: set[Path], reload) -> None:
        """Rebuild, and reload the open tabs once: as soon as the changed pages are written,
        or when the rebuild failed (to show why) or had to start again from a broken state.
        Rebuilds run one at a time: the first build, then the watcher's."""
        with self._rebuilding:
            self._rebuild(changed, reload)

    def _rebuild(self, changed: set[Path], reload) -> None:
        problems, was_broken, first = [], bool(self.problems), self.builder.site is None
        try:
            if was_broken:
                update = self.builder.full()
            else:
                update = self.builder.update(changed, after_pages=lambda: self._reload_first(reload),
                                             first=self.open_pages())
        except ContentError as exc:
            problems = exc.problems
        except TemplateError as exc:
            problems = [f"{template_location(exc)}: {exc.message or type(exc).__name__}"]
        except Exception as exc:  # a preview must survive anything an edit can cause
            where = template_frame(exc)
            if where is None:  # a fault in the generator, not in what staff edit: as build.py keeps it
                traceback.print_exc()
            problems = [f"{where + ': ' if where else ''}{type(exc).__name__}: {exc}"]
        self.problems = problems
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr, flush=True)
        if not problems:
            warnings = [w for p in self.builder.site.programs.values() for w in p.warnings]
            for warning in (w for w in warnings if w not in self.warnings):
                print(f"warning: {warning}", file=sys.stderr, flush=True)
            self.warnings = warnings
        if problems or was_broken:
            reload()
        if not problems:
            done = "built" if first else "rebuilt"
            print(f"{done} {len(update.written)} file(s) in {update.seconds * 1000:.0f} ms", flush=True)

    def error_page(self, path: str) -> str:
        """The problems, in the language of the page asked for (path is inside the site)."""
        lang = _language(path)
        return environment(lang).get_template("build_error.html").render(
            problems=[_said(p, lang) for p in self.problems], last_good=self.base_url + path + "?last-good")

    def with_warnings(self, path: str, page: bytes) -> bytes:
        """A page with the last build's warnings above it, in its language; only the preview
        shows them: the site as published does not."""
        lang = _language(path)
        banner = _banner(lang, tuple(_said(w, lang) for w in self.warnings))
        head, found, rest = page.partition(b"<body")
        if not found:
            return page
        tag_end = rest.index(b">") + 1
        return head + found + rest[:tag_end] + banner.encode("utf-8") + rest[tag_end:]


@lru_cache(maxsize=4)
def _banner(lang: str, warnings: tuple[str, ...]) -> str:
    """The warnings box of one language, rendered once per set of warnings: every page
    served while they last shows it."""
    return environment(lang).get_template("preview_warnings.html").render(warnings=warnings)


def _language(path: str) -> str:
    return "en" if path.startswith("en/") else "tr"


def _said(problem: str, lang: str) -> str:
    """A problem or warning in the page's language, where it was written in both."""
    return problem.said_in(lang) if hasattr(problem, "said_in") else problem


class PreviewFileHandler(StaticFileHandler):
    """Static files from the output folder (Tornado refuses paths outside it),
    or the build problems in place of a page while the content is broken."""

    state: PreviewState

    def prepare(self):
        """The published site's headers (portal/headers.py), for pages, files and the error page."""
        site_path = "/" + self.request.path[len(self.state.base_url):]
        for name, value in preview_headers(site_path).items():
            self.set_header(name, value)

    def set_extra_headers(self, path):
        # fingerprinted assets never change under their name; everything else may change on each save
        immutable = path.startswith("assets/")
        self.set_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-store")

    def compute_etag(self):
        """A page is sent whole from here (see get), not as a static file: no etag."""
        return super().compute_etag() if getattr(self, "absolute_path", None) else None

    def should_return_304(self) -> bool:
        return False  # a rebuild within the same second keeps the old Last-Modified: always send the file

    async def get(self, path, include_body=True):
        is_page = path == "" or path.endswith("/") or path.endswith(".html")
        if self.state.problems and is_page and "last-good" not in self.request.arguments:
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(self.state.error_page(path))
            return
        if is_page:
            self.state.served(Urls.file_for(path))
            root = Path(self.root).resolve()
            target = (root / Urls.file_for(path)).resolve()
            try:  # a page inside the output folder only, as the static handler checks; read at once,
                # so that a rebuild writing it meanwhile cannot make its length and its bytes disagree
                page = target.read_bytes() if root in target.parents else None
            except OSError:
                page = None
            if page is not None:
                if self.state.warnings and "last-good" not in self.request.arguments:
                    page = self.state.with_warnings(path, page)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.set_extra_headers(path)  # no-store, as when the static handler sent it
                self.finish(page)
                self.state.sent()
                return
        await super().get(path, include_body)


class BuildWatcher(Watcher):
    """Rebuild on each save (inotify), then reload the open tabs.  A save is seen about
    twice the step after it is written: 4 ms at a 2 ms step, 10 ms at 5 ms (for about half
    a per cent more of one core while idle); changes within 10 ms make one rebuild."""

    def __init__(self, state: PreviewState, paths: list[Path]):
        super().__init__()
        self.state, self.paths = state, paths
        self.stop_event = threading.Event()
        for path in paths:
            self.watch(str(path))  # listed for livereload's bookkeeping; watchfiles does the watching

    def arm(self, loop: IOLoop) -> None:
        """Start watching, and return once the files are watched: a save from then on is seen."""
        ready = threading.Event()
        threading.Thread(target=self._run, args=(loop, ready), daemon=True).start()
        if not ready.wait(timeout=30):
            raise OSError("the file watcher did not start")

    def start(self, callback) -> bool:
        return True  # livereload's call: armed already (see arm), and no polling

    def _run(self, loop: IOLoop, ready: threading.Event) -> None:
        from watchfiles import watch

        # the first (empty) yield comes once the watches are in place
        for changes in watch(*self.paths, debounce=10, step=2, stop_event=self.stop_event, rust_timeout=100,
                             yield_on_timeout=True, watch_filter=lambda _, p: Path(p).suffix in WATCHED_SUFFIXES):
            ready.set()
            if changes:
                self.state.rebuild({Path(p) for _, p in changes},
                                   lambda: loop.add_callback(LiveReloadHandler.reload_waiters, "*"))


class PreviewServer(Server):
    base_url = "/"

    def get_web_handlers(self, script):
        return [(re.escape(self.base_url) + "(.*)", PreviewFileHandler,
                 {"path": self.root, "default_filename": "index.html"})]


def serve(args) -> int:
    """`build.py serve`: a full build first, then serve and watch until Ctrl-C."""
    builder = Builder(args.content, args.out, args.base_url)
    state = PreviewState(builder, args.base_url)
    try:
        check_target(args.out, keep=(ROOT, args.content), never_inside=(args.content,))
    except UnsafeTarget as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    watched = [args.content] + [ROOT / name for name in WATCHED]
    watcher = BuildWatcher(state, [p for p in watched if p.exists()])
    watcher.arm(IOLoop.current())  # before the first build: a save made during it is rebuilt after it
    state.rebuild(set(), reload=lambda: None)  # the first build: a full one, problems shown like later ones
    args.out.mkdir(parents=True, exist_ok=True)
    PreviewFileHandler.state = state
    server = PreviewServer(watcher=watcher)
    server.base_url = args.base_url
    logging.getLogger("livereload").setLevel(logging.WARNING)
    url = f"http://{args.host}:{args.port}{args.base_url}"
    print(f"Preview: {url}  (open it in your browser; Ctrl-C stops)", flush=True)
    try:
        server.serve(port=args.port, host=args.host, root=str(args.out.resolve()), restart_delay=0)
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port} ({exc.strerror}); try another --port",
              file=sys.stderr)
        return 1
    finally:
        watcher.stop_event.set()
    print("stopped", flush=True)
    return 0
