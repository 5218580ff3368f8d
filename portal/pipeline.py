"""content -> model -> pages and data -> atomic write: the one path every build takes."""
from __future__ import annotations

import gc
import os
import pickle
import signal
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError

from portal.errors import WorkerError, template_frame, template_location
from portal.load import load
from portal.model import Site
from portal.outputs.assets import fingerprinted, static_assets
from portal.outputs.datapackage import datapackage
from portal.outputs.open_data import activities_csv, goals_csv, indicators_csv, program_json
from portal.outputs.search import search_index
from portal.outputs.sitemap import robots, sitemap
from portal.reconcile import Discrepancy, reconcile
from portal.render import LANGS, PageSpec, Renderer
from portal.untranslated import untranslated
from portal.urls import Urls
from portal.write import StagedSite


@dataclass
class Rendered:
    """What one build made besides its files: which files are pages, and what it found."""

    notes: dict[int, tuple[Discrepancy, ...]]
    pages: set[str] = field(default_factory=set)


def programme_data(site: Site, output, notes: dict[int, tuple[Discrepancy, ...]]) -> None:
    """Each programme's whole tables and the data package describing them."""
    for year, program in site.programs.items():
        output.add(f"data/{year}/activities.csv", activities_csv(site, program))
        output.add(f"data/{year}/goals.csv", goals_csv(site, program))
        output.add(f"data/{year}/indicators.csv", indicators_csv(site, program))
        output.add(f"data/{year}/program.json", program_json(site, program, notes[year]))
    output.add("data/datapackage.json", datapackage(site))


def data_slices(site: Site, output) -> None:
    """The activities of one goal, activity or unit: the CSV behind each page's download link."""
    for year, program in site.programs.items():
        for goal in program.goals:
            output.add(Urls.data_slice(year, "goal", goal.code), activities_csv(site, program, goal.activities))
            for activity in goal.activities:
                output.add(Urls.data_slice(year, "activity", activity.code),
                           activities_csv(site, program, (activity,)))
        for slug in program.unit_totals:
            output.add(Urls.data_slice(year, "unit", slug),
                       activities_csv(site, program, program.activities_of_unit(slug)))


def _pages(site: Site, sink, urls: Urls, rendered: Rendered, langs: tuple[str, ...] = LANGS,
           shared: bool = True, select: Callable[[PageSpec], bool] | None = None) -> Renderer:
    """The pages of these languages, each language's search index before them (its
    fingerprinted name is on the search page) and, with `shared`, the static assets and
    the language-neutral pages."""
    assets = {}
    for name, (path, content) in static_assets().items():
        if shared:
            sink.add(path, content)
        assets[name] = path
    for lang in langs:
        content = search_index(site, lang, urls)
        path = fingerprinted(f"search-{lang}.json", content)
        sink.add(path, content)
        assets[f"search-{lang}.json"] = path
    renderer = Renderer(site, urls, assets, rendered.notes, site.url)
    for path, html in renderer.render(select, langs=langs, neutral=shared):
        sink.add(path, html)
        rendered.pages.add(path)
    return renderer


def _site_files(sink, renderer: Renderer, listed) -> None:
    sink.add("sitemap.xml", sitemap(listed, renderer.absolute))
    sink.add("robots.txt", robots(renderer.absolute("sitemap.xml")))


def render(site: Site, sink, base_url: str = "/", select: Callable[[PageSpec], bool] | None = None,
           after_pages: Callable[[], None] | None = None, workers: int = 1) -> Rendered:
    """Every file of the site into `sink`; with `select`, only the pages it accepts.
    Pages come before the data files, so a preview can reload as soon as they are written."""
    urls = Urls(base_url)
    if workers >= 2 and isinstance(sink, StagedSite) and select is None and after_pages is None \
            and hasattr(os, "fork"):
        return _render_in_two(site, sink, urls)
    rendered = Rendered(_notes(site))
    renderer = _pages(site, sink, urls, rendered, select=select)
    _site_files(sink, renderer, renderer.listed)
    if after_pages:
        after_pages()
    programme_data(site, sink, rendered.notes)
    data_slices(site, sink)
    return rendered


def _notes(site: Site) -> dict[int, tuple[Discrepancy, ...]]:
    return {year: reconcile(program) for year, program in site.programs.items()}


def _render_in_two(site: Site, sink: StagedSite, urls: Urls) -> Rendered:
    """A forked child writes the first language's search index and pages, and the data
    slices, into the staging folder while this process writes the other languages, the
    shared files and the programme's data files; the files, and the order the sitemap
    lists pages in, are the same as one process makes."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _page_worker(site, sink, urls, read_end, write_end)  # never returns
    os.close(write_end)
    finished = False
    try:
        rendered = Rendered(_notes(site))
        renderer = _pages(site, sink, urls, rendered, langs=LANGS[1:])
        programme_data(site, sink, rendered.notes)
        finished = True
    finally:
        if not finished:  # this half failed: the other half is no longer wanted
            os.kill(pid, signal.SIGTERM)
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
    try:
        kind, *report = pickle.loads(data)
    except Exception:
        raise WorkerError(f"the process writing the Turkish pages and the data slices stopped unexpectedly "
                          f"(exit status {os.waitstatus_to_exitcode(status)})") from None
    if kind == "error":
        raise WorkerError(report[0])
    written, pages, listed = report
    sink.claim(written)
    rendered.pages.update(pages)
    _site_files(sink, renderer, listed + renderer.listed)
    return rendered


def _page_worker(site: Site, staged: StagedSite, urls: Urls, read_end: int, write_end: int) -> None:
    """The forked child: write the first language and the data slices, report one line
    (what it wrote, or what went wrong, with the template's file and line), and leave
    without running the parent's clean-up."""
    status = 0
    try:
        os.close(read_end)
        # this process's copy of the staging folder's bookkeeping was empty at the fork, so its
        # paths are what this half wrote; the parent claims them (still one producer per path)
        rendered = Rendered(_notes(site))
        renderer = _pages(site, staged, urls, rendered, langs=LANGS[:1], shared=False)
        data_slices(site, staged)
        report = ("ok", sorted(staged.paths), rendered.pages, renderer.listed)
    except TemplateError as exc:
        report, status = ("error", f"{template_location(exc)}: {exc.message or type(exc).__name__}"), 1
    except BaseException as exc:  # noqa: BLE001  reported to the parent as one line
        where = template_frame(exc)
        if where is None and isinstance(exc, Exception):
            traceback.print_exc()  # a fault in the generator, not in a template: as build.py keeps it
        report, status = ("error", f"{where + ': ' if where else ''}{type(exc).__name__}: {exc}"), 1
    try:
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(report, pipe)
    finally:
        os._exit(status)


def _cores() -> int:
    """Cores this process may use (its affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass
class BuildResult:
    site: Site
    discrepancies: dict[int, tuple[Discrepancy, ...]]
    files: int
    pages: int
    untranslated: list[str]


def build(content: Path, out: Path, base_url: str = "/") -> BuildResult:
    """Load everything, then render into a staging folder and swap it in."""
    with _no_cycle_collection():
        site = load(content)
        with StagedSite(out) as staged:
            rendered = render(site, staged, base_url, workers=min(2, _cores()))
    return BuildResult(site, rendered.notes, len(staged.paths), len(rendered.pages), untranslated(site))


@contextmanager
def _no_cycle_collection():
    """A build is one short pass whose garbage reference counting frees: peak memory at
    100 times the content is the same without the cycle collector, whose passes over the
    growing heap cost a twentieth of the build."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
