"""content -> model -> pages and data -> atomic write: the one path every build takes."""
from __future__ import annotations

import os
import pickle
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

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
from portal.write import StagedSite, checked


@dataclass
class Rendered:
    """What one build made besides its files: which files are pages, and what it found."""

    notes: dict[int, tuple[Discrepancy, ...]]
    pages: set[str] = field(default_factory=set)


def data_files(site: Site, output, notes: dict[int, tuple[Discrepancy, ...]]) -> None:
    for year, program in site.programs.items():
        output.add(f"data/{year}/activities.csv", activities_csv(site, program))
        output.add(f"data/{year}/goals.csv", goals_csv(site, program))
        output.add(f"data/{year}/indicators.csv", indicators_csv(site, program))
        output.add(f"data/{year}/program.json", program_json(site, program, notes[year]))
        for goal in program.goals:
            output.add(Urls.data_slice(year, "goal", goal.code), activities_csv(site, program, goal.activities))
            for activity in goal.activities:
                output.add(Urls.data_slice(year, "activity", activity.code),
                           activities_csv(site, program, (activity,)))
        for slug in program.unit_totals:
            output.add(Urls.data_slice(year, "unit", slug),
                       activities_csv(site, program, program.activities_of_unit(slug)))
    output.add("data/datapackage.json", datapackage(site))


def _render_pages(renderer: Renderer, sink, select, rendered: Rendered, workers: int) -> Iterator[tuple[str, str]]:
    """With two workers and a site written to disk, a forked child renders and writes the
    Turkish pages while this process renders the English ones; the files, and the order
    the sitemap lists them in, are the same as one process makes."""
    if workers < 2 or not isinstance(sink, StagedSite) or select is not None or not hasattr(os, "fork"):
        yield from renderer.render(select)
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _page_worker(renderer, sink, read_end, write_end)  # never returns
    os.close(write_end)
    finished = False
    try:
        yield from renderer.render(langs=LANGS[1:])
        finished = True
    finally:
        if not finished:  # this half failed: the other half is no longer wanted
            os.kill(pid, signal.SIGTERM)
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
    try:
        kind, first, second = pickle.loads(data)
    except Exception:
        raise WorkerError(f"the process rendering the Turkish pages stopped unexpectedly "
                          f"(exit status {os.waitstatus_to_exitcode(status)})") from None
    if kind == "error":
        raise WorkerError(first)
    sink.claim(first)
    rendered.pages.update(first)
    renderer.listed[:0] = second


def _page_worker(renderer: Renderer, sink: StagedSite, read_end: int, write_end: int) -> None:
    """The forked child: render and write the first language's pages, report one line
    (what it wrote, or what went wrong, with the template's file and line), and leave
    without running the parent's clean-up."""
    status = 0
    try:
        os.close(read_end)
        written = []
        for path, html in renderer.render(langs=LANGS[:1], neutral=False):
            sink.write(checked(path), html.encode("utf-8"))
            written.append(path)
        report = ("ok", written, renderer.listed)
    except TemplateError as exc:
        report, status = ("error", f"{template_location(exc)}: {exc.message or type(exc).__name__}", None), 1
    except BaseException as exc:  # noqa: BLE001  reported to the parent as one line
        where = template_frame(exc)
        report, status = ("error", f"{where + ': ' if where else ''}{type(exc).__name__}: {exc}", None), 1
    try:
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(report, pipe)
    finally:
        os._exit(status)


def render(site: Site, sink, base_url: str = "/", select: Callable[[PageSpec], bool] | None = None,
           after_pages: Callable[[], None] | None = None, workers: int = 1) -> Rendered:
    """Every file of the site into `sink`; with `select`, only the pages it accepts.
    Pages come before the data files, so a preview can reload as soon as they are written."""
    notes = {year: reconcile(program) for year, program in site.programs.items()}
    urls = Urls(base_url)
    assets = {}
    for name, (path, content) in static_assets().items():
        sink.add(path, content)
        assets[name] = path
    for lang in LANGS:
        content = search_index(site, lang, urls)
        path = fingerprinted(f"search-{lang}.json", content)
        sink.add(path, content)
        assets[f"search-{lang}.json"] = path
    renderer = Renderer(site, urls, assets, notes, site.url)
    rendered = Rendered(notes)
    for path, html in _render_pages(renderer, sink, select, rendered, workers):
        sink.add(path, html)
        rendered.pages.add(path)
    sink.add("sitemap.xml", sitemap(renderer.listed, renderer.absolute))
    sink.add("robots.txt", robots(renderer.absolute("sitemap.xml")))
    if after_pages:
        after_pages()
    data_files(site, sink, notes)
    return rendered


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
    site = load(content)
    with StagedSite(out) as staged:
        rendered = render(site, staged, base_url, workers=min(2, _cores()))
    return BuildResult(site, rendered.notes, len(staged.paths), len(rendered.pages), untranslated(site))
