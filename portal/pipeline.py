"""content -> model -> pages and data -> atomic write: the one path every build takes."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

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
from portal.write import Output, write_atomically


@dataclass
class Rendered:
    """One build in memory: every file, which of them are pages, and what the build found."""

    output: Output
    notes: dict[int, tuple[Discrepancy, ...]]
    pages: set[str] = field(default_factory=set)


def data_files(site: Site, output: Output, notes: dict[int, tuple[Discrepancy, ...]]) -> None:
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


_FORKED: tuple | None = None  # what a forked worker renders from: (renderer, language)


def _render_in_worker(_: int) -> tuple[list[tuple[str, str]], list]:
    renderer, lang = _FORKED
    return list(renderer.render(langs=(lang,), neutral=False)), renderer.listed


def _render_pages(renderer: Renderer, select, parallel: bool) -> Iterator[tuple[str, str]]:
    """With two cores, a forked process renders the Turkish pages while this one renders
    the English ones; the pages, and the order they are listed in, are the same."""
    global _FORKED
    if not parallel or select is not None or (os.cpu_count() or 1) < 2 or \
            "fork" not in multiprocessing.get_all_start_methods():
        yield from renderer.render(select)
        return
    _FORKED = (renderer, LANGS[0])
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        first = pool.submit(_render_in_worker, 0)
        rest = list(renderer.render(langs=LANGS[1:]))
        pages, listed = first.result()
    _FORKED = None
    renderer.listed[:0] = listed
    yield from pages
    yield from rest


def render(site: Site, base_url: str = "/", select: Callable[[PageSpec], bool] | None = None,
           parallel: bool = False) -> Rendered:
    """Every file of the site in memory; with `select`, only the pages it accepts."""
    output = Output()
    notes = {year: reconcile(program) for year, program in site.programs.items()}
    data_files(site, output, notes)
    urls = Urls(base_url)
    assets = {}
    for name, (path, content) in static_assets().items():
        output.add(path, content)
        assets[name] = path
    for lang in LANGS:
        content = search_index(site, lang, urls)
        path = fingerprinted(f"search-{lang}.json", content)
        output.add(path, content)
        assets[f"search-{lang}.json"] = path
    renderer = Renderer(site, urls, assets, notes, site.url)
    rendered = Rendered(output, notes)
    for path, html in _render_pages(renderer, select, parallel):
        output.add(path, html)
        rendered.pages.add(path)
    output.add("sitemap.xml", sitemap(renderer.listed, renderer.absolute))
    output.add("robots.txt", robots(renderer.absolute("sitemap.xml")))
    return rendered


@dataclass
class BuildResult:
    site: Site
    discrepancies: dict[int, tuple[Discrepancy, ...]]
    files: int
    pages: int
    untranslated: list[str]


def build(content: Path, out: Path, base_url: str = "/") -> BuildResult:
    """Load everything, render everything, then swap the finished folder in."""
    site = load(content)
    rendered = render(site, base_url, parallel=True)
    write_atomically(rendered.output, out)
    return BuildResult(site, rendered.notes, len(rendered.output.files), len(rendered.pages), untranslated(site))
