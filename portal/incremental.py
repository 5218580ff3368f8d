"""Rebuild after an edit, re-rendering only the pages whose recorded reads changed.

Every page context records what it read (portal/dependencies.py); a page
is rendered again when one of those values differs between the previous
build and this one, and otherwise keeps its bytes.  Only files whose
bytes changed are rewritten, each one atomically; the result is what a
full build writes (tests compare the two for every kind of edit).
"""
from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from portal.dependencies import Changes, Inputs, Values
from portal.load import LoadCache, load
from portal.contexts import LANGS
from portal.pipeline import inputs_for, render, render_pages, workers
from portal.urls import Urls
from portal.write import DuplicateOutput, Output, checked, write_atomically

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Update:
    written: list[str]
    removed: list[str]
    pages_rendered: int
    seconds: float


class Builder:
    """The preview's builder: the last build's inputs and files, kept between edits."""

    def __init__(self, content: Path, out: Path, base_url: str = "/", processes: int | None = None):
        self.content, self.out, self.base_url = content.resolve(), out.resolve(), base_url
        self.processes = workers() if processes is None else processes
        self.inputs: Inputs | None = None
        self.files: dict[str, bytes] = {}
        self.pages: set[str] = set()
        self.cache = LoadCache()  # what the last load read, kept while its files do not change

    @property
    def site(self):
        return self.inputs.site if self.inputs else None

    def full(self) -> Update:
        start = time.perf_counter()
        site = load(self.content, self.cache)
        output = Output()
        rendered = render(site, output, self.base_url, workers=self.processes, keep=True)
        write_atomically(output, self.out)
        self.inputs, self.files, self.pages = rendered.inputs, output.files, rendered.pages
        return Update(sorted(self.files), [], rendered.rendered, time.perf_counter() - start)

    def update(self, changed_paths: set[Path] | None = None, after_pages=None, first: set[str] = frozenset()
               ) -> Update:
        """Rebuild after an edit (which files changed does not matter: what each page read
        does).  Bad content (ContentError) is found before anything is written; a template
        error can leave some pages rewritten and others not, until the template is fixed.
        `after_pages` is called once the changed pages are on disk (the data files follow);
        the pages in `first` (the open tabs) are rendered, written and announced before the
        others, as Hugo's fast render mode does."""
        if self.inputs is None:
            return self.full()
        start = time.perf_counter()
        site = load(self.content, self.cache)
        inputs = inputs_for(site)
        sink = _WriteChanged(self.out, self.files)
        early = self._open_pages_first(inputs, sink, first & self.pages) if after_pages else 0
        if early:
            after_pages()
        rendered = render(site, sink, self.base_url, self._should_render(), None if early else after_pages,
                          workers=self.processes, inputs=inputs)
        new = sink.files
        for path in rendered.pages - new.keys():  # not rendered: unchanged
            new[path] = self.files[path]
        removed = [path for path in self.files if path not in new]
        for path in removed:
            (self.out / path).unlink(missing_ok=True)
            for folder in (self.out / path).parents:  # a full build has no empty folders either
                if folder == self.out or any(folder.iterdir()):
                    break
                folder.rmdir()
        self.inputs, self.files, self.pages = rendered.inputs, new, rendered.pages
        return Update(sink.written, removed, rendered.rendered + early, time.perf_counter() - start)

    def _should_render(self):
        """New pages, and those whose recorded reads changed since the last build."""
        changes, known = Changes(self.inputs), self.pages

        def should_render(spec, after: Values) -> bool:
            return Urls.file_for(spec.path) not in known or changes.any(spec.reads, after)
        return should_render

    def _open_pages_first(self, inputs: Inputs, sink: "_WriteChanged", files: set[str]) -> int:
        """Render and write these pages now; the full pass renders them again, and writes
        them again only if they came out differently (a search page, whose index is made
        later, shows the index it had until then)."""
        if not files:
            return 0
        early = _WriteChanged(self.out, self.files)
        inputs.assets.update({name: path for name, path in self.inputs.assets.items() if name.startswith("search-")})
        urls = Urls(self.base_url)
        should_render = self._should_render()
        count = sum(render_pages(inputs, lang, urls, early, files, should_render)
                    for lang in LANGS if any(f.startswith(f"{lang}/") for f in files))
        sink.before = {**self.files, **early.files}
        sink.written.extend(early.written)
        return count


class _WriteChanged:
    """The sink of an incremental rebuild: each file is written at once if its bytes changed."""

    def __init__(self, out: Path, before: dict[str, bytes]):
        self.out, self.before = out, before
        self.files: dict[str, bytes] = {}
        self.written: list[str] = []

    def add(self, path: str, content: bytes | str) -> None:
        key = checked(path)
        if key in self.files:
            raise DuplicateOutput(f"two outputs for one path: {key}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files[key] = data
        if self.before.get(key) != data:
            _write_file(self.out / key, data)
            self.written.append(key)

    # a worker process writes its files itself; the parent takes over its bookkeeping
    def mark(self) -> tuple[set[str], int]:
        return set(self.files), len(self.written)

    def since(self, mark: tuple[set[str], int]) -> tuple[dict[str, bytes], list[str]]:
        keys, written = mark
        return {k: v for k, v in self.files.items() if k not in keys}, self.written[written:]

    def absorb(self, report: tuple[dict[str, bytes], list[str]]) -> None:
        files, written = report
        for key in files:
            if key in self.files:
                raise DuplicateOutput(f"two outputs for one path: {key}")
        self.files.update(files)
        self.written.extend(written)


def _write_file(path: Path, content: bytes) -> None:
    """Replace one file atomically: a reader sees the old bytes or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
