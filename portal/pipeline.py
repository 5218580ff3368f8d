"""content -> model -> page contexts -> pages and data -> atomic write: the one path every build takes.

One unit of work is a language: its search index and its pages (for the
first language, also each chart's CSV, one for both).  Units run in
`min(cores, languages)` processes, the last one in this process, which
also writes the assets, the language chooser and, once every unit has
reported its pages, the data package and the sitemap.  The data files
every language's pages link to (the programme's tables, each page's
slice) go to whichever process is free first.  The files are the same
whichever process wrote them (a test compares one process with two).
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

from jinja2 import TemplateError

from portal.continuity import match
from portal.contexts import LANGS, YEARS_STYLE, PageContexts, PageSpec, language_neutral
from portal.dependencies import Inputs, Values
from portal.diskcache import keep_language
from portal.errors import WorkerError, template_frame, template_location
from portal.i18n import catalog_digest
from portal.keptsite import kept_site
from portal.model import Site
from portal.outputs.assets import fingerprinted, static_assets
from portal.outputs.charts import Listing
from portal.outputs.datapackage import datapackage, slices
from portal.outputs.open_data import (
    activities_csv, all_activities_csv, all_goals_csv, all_indicators_csv, corrections_csv, discrepancies_csv,
    goals_csv, indicators_csv, program_json,
)
from portal.outputs.search import search_index
from portal.outputs.share import card_png, favicon_ico, favicon_svg
from portal.outputs.sitemap import robots, sitemap
from portal.outputs.spreadsheet import workbook
from portal.reconcile import Discrepancy, reconcile
from portal.render import Renderer, kept_renderer, template_digests
from portal.untranslated import untranslated
from portal.urls import Urls
from portal.write import StagedSite

ShouldRender = Callable[[PageSpec, Values], bool]  # given the page and this build's values


@dataclass
class Rendered:
    """What one build made besides its files: its inputs, its pages, and the sitemap's list."""

    inputs: Inputs
    pages: set[str] = field(default_factory=set)  # files that are pages
    rendered: int = 0  # pages rendered this time (the others were known unchanged)
    listed: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @property
    def notes(self) -> dict[int, tuple[Discrepancy, ...]]:
        return self.inputs.notes


@dataclass
class LanguageReport:
    """What one language's unit of work did, sent back to the parent from a worker."""

    lang: str
    search_assets: dict[str, str]  # the search indexes it wrote: name -> fingerprinted path
    listed: list[tuple[str, dict[str, str]]]
    pages: list[str]
    rendered: int
    charts: list[Listing] = field(default_factory=list)  # each chart its pages drew, for the data package
    sink: object = None  # what the sink needs to know of the files the worker wrote


def inputs_for(site: Site) -> Inputs:
    """What every page may read, before any language is rendered."""
    notes = {year: reconcile(program) for year, program in site.programs.items()}
    static = static_assets()  # the pages name each file as the build writes it: read once
    assets = {name: path for name, (path, _) in static.items()}
    return Inputs(site, notes, assets, template_digests(), {lang: catalog_digest(lang) for lang in LANGS},
                  match(site), static)


def render_language(inputs: Inputs, lang: str, urls: Urls, sink, should_render: ShouldRender | None = None,
                    keep: bool = False) -> LanguageReport:
    """One language's search index and pages into `sink`; with `should_render`, only the
    pages it accepts are rendered (the others are listed, and known unchanged).  With
    `keep`, what the pages were made with is kept for the next build (diskcache)."""
    site = inputs.site
    content = search_index(site, lang, urls)
    search_asset = fingerprinted(f"search-{lang}.json", content)
    sink.add(search_asset, content)
    inputs.assets[f"search-{lang}.json"] = search_asset
    if len(site.programs) > 1:  # each earlier year's own index, for a search asked from its pages
        for year, program in site.programs.items():
            if program is not site.latest:
                name = f"search-{lang}-{year}.json"
                content = search_index(site, lang, urls, program)
                inputs.assets[name] = fingerprinted(name, content)
                sink.add(inputs.assets[name], content)
    renderer = _renderer(inputs, lang, urls)
    report = LanguageReport(lang, {name: path for name, path in inputs.assets.items()
                                   if name.startswith(f"search-{lang}")}, [], [], 0)
    values = Values(inputs)
    for spec in PageContexts(inputs, lang).pages():
        renderer.record(spec)
        file = Urls.file_for(spec.path)
        if spec.indexed:
            report.listed.append((spec.path, spec.alternates))
        report.pages.append(file)
        if should_render is None or should_render(spec, values):
            sink.add(file, renderer.render(spec))
            report.rendered += 1
        if spec.share is not None:  # kept by what it shows: an unchanged card costs a file read
            sink.add(spec.share_file, card_png(spec.share))
        for path, content in renderer.chart_files(spec, figures=lang == LANGS[0]):  # the CSV is one for both
            sink.add(path, content)
        report.charts.extend(chart.listing for chart in spec.charts)
    if keep and should_render is None:  # every page made: what they used is kept for the next build
        keep_language(lang)
    return report


def _renderer(inputs: Inputs, lang: str, urls: Urls) -> Renderer:
    return kept_renderer(lang, urls.base, inputs.site.url, tuple(sorted(inputs.templates.items())),
                         inputs.catalogs[lang])


def render_pages(inputs: Inputs, lang: str, urls: Urls, sink, files: set[str],
                 should_render: ShouldRender) -> int:
    """Only these pages of one language, ahead of the rest (the preview's open tabs);
    how many were rendered."""
    renderer, values, count = _renderer(inputs, lang, urls), Values(inputs), 0
    contexts = PageContexts(inputs, lang)
    for file in sorted(f for f in files if f.startswith(f"{lang}/")):
        spec = contexts.page(file)
        if spec is not None:
            renderer.record(spec)
            if should_render(spec, values):  # its share card is the full pass's: no tab shows it
                sink.add(file, renderer.render(spec))
                count += 1
    return count


def neutral_pages(inputs: Inputs, urls: Urls, sink, should_render: ShouldRender | None = None) -> list[str]:
    """The static assets, the site's icon, the language chooser at / and the bilingual 404."""
    several = len(inputs.site.programs) > 1
    for name, (path, content) in inputs.static.items():
        if name != YEARS_STYLE or several:
            sink.add(path, content)
    letter = inputs.site.municipality.tr[:1] or "·"
    sink.add(Urls.icon(), favicon_ico(letter))
    sink.add(Urls.svg_icon(), favicon_svg(letter))
    renderer, files, values = _renderer(inputs, "tr", urls), [], Values(inputs)
    for name, spec in language_neutral(inputs):
        renderer.record(spec)
        files.append(name)
        if should_render is None or should_render(spec, values):
            sink.add(name, renderer.render(spec))
    return files


def programme_data(site: Site, sink, notes: dict[int, tuple[Discrepancy, ...]], continuity=None) -> None:
    """Each programme's whole tables; with more than one programme, also every year's rows
    in one file, with how each continues."""
    programme_tables(site, sink, notes, continuity)
    programme_workbooks(site, sink, notes)


def programme_tables(site: Site, sink, notes: dict[int, tuple[Discrepancy, ...]], continuity=None) -> None:
    """The tables as CSV and the programme as JSON."""
    if continuity is not None and len(site.programs) > 1:
        sink.add("data/activities.csv", all_activities_csv(site, continuity))
        sink.add("data/goals.csv", all_goals_csv(site, continuity))
        sink.add("data/indicators.csv", all_indicators_csv(site, continuity))
    for year, program in site.programs.items():
        sink.add(f"data/{year}/activities.csv", activities_csv(site, program))
        sink.add(f"data/{year}/goals.csv", goals_csv(site, program))
        sink.add(f"data/{year}/indicators.csv", indicators_csv(site, program))
        sink.add(f"data/{year}/corrections.csv", corrections_csv(program))
        sink.add(f"data/{year}/discrepancies.csv", discrepancies_csv(program, notes[year]))
        sink.add(f"data/{year}/program.json", program_json(site, program, notes[year]))


def programme_workbooks(site: Site, sink, notes: dict[int, tuple[Discrepancy, ...]]) -> None:
    """Each programme as one spreadsheet: the largest of the data tasks (60 to 90 ms)."""
    for year, program in site.programs.items():
        sink.add(f"data/{year}/program.xlsx", workbook(site, program, notes[year]))


def data_slices(site: Site, sink) -> None:
    """The rows of each goal, activity and unit: the CSV behind each page's download link."""
    for year, program in site.programs.items():
        for kind, key, activities in slices(program):
            sink.add(Urls.data_slice(year, kind, key), activities_csv(site, program, activities))


def render(site: Site, sink, base_url: str = "/", should_render: ShouldRender | None = None,
           after_pages: Callable[[], None] | None = None, workers: int = 1, inputs: Inputs | None = None,
           keep: bool = False) -> Rendered:
    """Every file of the site into `sink`: with `should_render`, only the pages it accepts
    are rendered.  Pages come before the data files, so a preview can reload as soon as
    they are written (`after_pages`).  With `keep`, a full render keeps the charts, tables
    and stems it made for the next build: a build and a preview's first build do."""
    urls = Urls(base_url)
    given = inputs
    # the data files every language's pages link to, made by whichever process is free first
    # (the larger first); with `after_pages`, the programme's files wait until the pages are announced
    shared = _Shared(([] if after_pages else [lambda inputs: programme_workbooks(site, sink, inputs.notes),
                                              lambda inputs: programme_tables(site, sink, inputs.notes,
                                                                              inputs.continuity)])
                     + [lambda inputs: data_slices(site, sink)])

    def unit(inputs: Inputs, lang: str) -> LanguageReport:
        return render_language(inputs, lang, urls, sink, should_render, keep)

    def forked_unit(lang: str) -> LanguageReport:
        inputs = given or inputs_for(site)
        report = unit(inputs, lang)
        shared.run(inputs)
        return report

    forked: list[_Worker] = []  # each as it is forked: a fork that fails stops the ones before it
    finished = False
    try:
        # a worker makes its own inputs (or inherits the given ones): no process waits for another
        if workers >= 2 and hasattr(os, "fork"):
            _fork_workers(LANGS[:-1], forked_unit, sink, forked)
        inputs = given or inputs_for(site)
        rendered = Rendered(inputs)
        own = [unit(inputs, lang) for lang in LANGS[len(forked):]]
        rendered.pages.update(neutral_pages(inputs, urls, sink, should_render))
        shared.run(inputs)
        reports = [_collect(worker, sink) for worker in forked] + own
        finished = True
    finally:
        shared.close()
        if not finished:
            _stop(forked)
    for report in reports:
        inputs.assets.update(report.search_assets)
        rendered.listed.extend(report.listed)
        rendered.pages.update(report.pages)
        rendered.rendered += report.rendered
    if after_pages:
        after_pages()
        programme_data(site, sink, inputs.notes, inputs.continuity)
    # every data file is known once every language has drawn its charts
    sink.add(Urls.data("datapackage.json"), datapackage(site, [chart for r in reports for chart in r.charts]))
    absolute = _absolute(urls, site.url)
    sink.add("sitemap.xml", sitemap(rendered.listed, absolute))
    sink.add("robots.txt", robots(absolute("sitemap.xml")))
    return rendered


def _absolute(urls: Urls, site_url: str) -> Callable[[str], str]:
    base = site_url.rstrip("/")
    return lambda path: f"{base}{urls.link(path)}"


# ------------------------------------------------------------------ workers
class _Shared:
    """Tasks that any process may do, each done once: one byte per task in a pipe made
    before the workers are forked, which every process reads one byte at a time."""

    def __init__(self, tasks: list[Callable[[Inputs], None]]):
        self.tasks = tasks
        read_end, write_end = os.pipe()
        os.write(write_end, bytes(range(len(self.tasks))))
        os.close(write_end)
        self._read = read_end

    def run(self, inputs: Inputs) -> None:
        while taken := os.read(self._read, 1):
            self.tasks[taken[0]](inputs)

    def close(self) -> None:
        os.close(self._read)


@dataclass
class _Worker:
    pid: int
    pipe: int
    lang: str


def _fork_workers(langs: tuple[str, ...], unit: Callable[[str], LanguageReport], sink,
                  workers: list[_Worker]) -> None:
    """Each language's unit in a forked child that writes its files itself and sends back its
    report; each child is added to `workers` as soon as it runs."""
    for lang in langs:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if pid == 0:
            os.close(read_end)
            _child(lambda: unit(lang), sink, write_end)  # never returns
        os.close(write_end)
        workers.append(_Worker(pid, read_end, lang))


def _child(unit: Callable[[], LanguageReport], sink, write_end: int) -> None:
    """Run one unit and report one pickle: its report, or one line saying what went wrong
    (with the template's file and line); leave without running the parent's clean-up."""
    status = 0
    try:
        before = sink.mark()
        report = unit()
        report.sink = sink.since(before)
        message = ("ok", report)
    except TemplateError as exc:
        message, status = ("error", f"{template_location(exc)}: {exc.message or type(exc).__name__}"), 1
    except BaseException as exc:  # noqa: BLE001  reported to the parent as one line
        where = template_frame(exc)
        if where is None and isinstance(exc, Exception):
            traceback.print_exc()  # a fault in the generator, not in a template: as build.py keeps it
        message, status = ("error", f"{where + ': ' if where else ''}{type(exc).__name__}: {exc}"), 1
    try:
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(message, pipe)
    finally:
        os._exit(status)


def _collect(worker: _Worker, sink) -> LanguageReport:
    with os.fdopen(worker.pipe, "rb") as pipe:
        data = pipe.read()
    worker.pipe = -1  # closed
    _, status = os.waitpid(worker.pid, 0)
    try:
        kind, report = pickle.loads(data)
    except Exception:
        raise WorkerError(f"the process writing the {worker.lang!r} pages stopped unexpectedly "
                          f"(exit status {os.waitstatus_to_exitcode(status)})") from None
    if kind == "error":
        raise WorkerError(report)
    sink.absorb(report.sink)
    return report


def _stop(workers: list[_Worker]) -> None:
    """This process failed: the other workers' files are no longer wanted."""
    for worker in workers:
        if worker.pipe >= 0:
            os.close(worker.pipe)
            worker.pipe = -1
        try:
            os.kill(worker.pid, signal.SIGTERM)
            os.waitpid(worker.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _cores() -> int:
    """Cores this process may use (its affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def workers() -> int:
    return min(_cores(), len(LANGS))


@dataclass
class BuildResult:
    site: Site
    discrepancies: dict[int, tuple[Discrepancy, ...]]
    files: int
    pages: int
    untranslated: list[str]
    unmatched: list[str] = field(default_factory=list)  # items of one programme matched to none of the next


def build(content, out, base_url: str = "/", processes: int | None = None) -> BuildResult:
    """Load everything (or take the site kept from a build of the same content), then
    render into a staging folder and swap it in."""
    with _no_cycle_collection():
        site = kept_site(content)
        with StagedSite(out) as staged:
            rendered = render(site, staged, base_url, workers=workers() if processes is None else processes,
                              keep=True)
    return BuildResult(site, rendered.notes, len(staged.paths), len(rendered.pages), untranslated(site),
                       list(rendered.inputs.continuity.warnings))


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
