"""Rebuild after an edit, re-rendering only the pages the edit can change.

A goal file whose amounts and units did not change (only words) touches
its goal and activity pages, its aim and units, the data notes and the
search pages; anything else (amounts or units, which show up as totals
and shares on many pages; templates; styles; catalogs; other content
files) re-renders every page.  Either way only files whose bytes changed
are rewritten, each one atomically; the result is what a full build
writes (tests compare the two).
"""
from __future__ import annotations

import gc
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from portal.load import load
from portal.model import Program, Site
from portal.pipeline import render
from portal.render import LANGS
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
    def __init__(self, content: Path, out: Path, base_url: str = "/"):
        self.content, self.out, self.base_url = content.resolve(), out.resolve(), base_url
        self.site: Site | None = None
        self.files: dict[str, bytes] = {}
        self.pages: set[str] = set()

    def full(self) -> Update:
        start = time.perf_counter()
        site = load(self.content)
        output = Output()
        rendered = render(site, output, self.base_url)
        write_atomically(output, self.out)
        self.site, self.files, self.pages = site, output.files, rendered.pages
        gc.collect()
        gc.freeze()  # the kept build is long-lived: spare it from every later collection
        return Update(sorted(self.files), [], len(rendered.pages), time.perf_counter() - start)

    def update(self, changed: set[Path], after_pages=None) -> Update:
        """Rebuild after these files changed.  Bad content (ContentError) is found before
        anything is written; a template error can leave some pages rewritten and others
        not, until the template is fixed.  `after_pages` is called once the changed pages
        are on disk (the data files follow)."""
        if self.site is None:
            return self.full()
        start = time.perf_counter()
        site = load(self.content)
        select = self._pages_to_render(site, {p.resolve() for p in changed})
        sink = _WriteChanged(self.out, self.files)
        rendered = render(site, sink, self.base_url, select, after_pages)
        new = sink.files
        if select is not None:  # pages not re-rendered keep what they were
            for path in self.pages - rendered.pages:
                new[path] = self.files[path]
            pages = self.pages
        else:
            pages = rendered.pages
        removed = [path for path in self.files if path not in new]
        for path in removed:
            (self.out / path).unlink(missing_ok=True)
            for folder in (self.out / path).parents:  # a full build has no empty folders either
                if folder == self.out or any(folder.iterdir()):
                    break
                folder.rmdir()
        self.site, self.files, self.pages = site, new, pages
        return Update(sink.written, removed, len(rendered.pages), time.perf_counter() - start)

    def _pages_to_render(self, site: Site, changed: set[Path]):
        """A page filter for this edit, or None when every page may differ."""
        old = self.site
        goal_files = {p for p in changed if p.parent.name == "goals" and p.suffix == ".yaml"
                      and p.is_relative_to(self.content)}
        if not changed or changed != goal_files or old.programs.keys() != site.programs.keys():
            return None
        paths: set[str] = set()
        for year, program in site.programs.items():
            before = old.programs[year]
            if [g.code for g in before.goals] != [g.code for g in program.goals]:
                return None
            if before.unit_totals != program.unit_totals:
                return None  # unit totals show on the overview, the units index and every activity
            for goal_before, goal in zip(before.goals, program.goals):
                if goal_before == goal:
                    continue
                if goal_before.totals != goal.totals or goal_before.unit != goal.unit or \
                        [(a.code, a.unit, a.cost) for a in goal_before.activities] != \
                        [(a.code, a.unit, a.cost) for a in goal.activities]:
                    return None  # amounts and units show as totals and shares on many pages
                paths |= _goal_scope(program, goal_before) | _goal_scope(program, goal)
            if paths:
                paths |= {Urls.notes(lang, year) for lang in LANGS}
        paths |= {Urls.search(lang) for lang in LANGS}  # they name the new search index
        return lambda spec: spec.path in paths


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


def _goal_scope(program: Program, goal) -> set[str]:
    """The pages that show something of this goal besides its amounts."""
    year, paths = program.year, set()
    units = {goal.unit} | {a.unit for a in goal.activities}
    for lang in LANGS:
        paths.add(Urls.goal(lang, year, goal.code))
        paths.add(Urls.aim(lang, year, goal.aim))
        paths |= {Urls.activity(lang, year, a.code) for a in goal.activities}
        paths |= {Urls.unit(lang, year, slug) for slug in units}
    return paths


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
