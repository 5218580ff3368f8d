"""What a page read, recorded while its context is built, and whether it changed.

Every piece of content a page context uses is read through a `Reader`,
by a key such as ("activity", 2024, "1.5.2").  The key names the value
and `READS` says how to get it from the build's inputs: one definition
serves the page that reads it and the rebuild that asks whether it
changed.  A page whose every recorded value is equal in the new inputs
renders to the same bytes (its context is a function of those values
alone), so the preview re-renders exactly the other pages.  Lektor's
`record_dependency` is the model.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, Callable, NamedTuple

from portal.continuity import Continuity, changes_in, indicator_history
from portal.model import Indicator, Site, Text, Totals
from portal.official import ORGANISATION_PAGE
from portal.reconcile import Discrepancy, entries
from portal.text import fold

Key = tuple


@dataclass(frozen=True)
class GoalSummary:
    """What a listing or a breadcrumb shows of a goal: not its indicators or activities."""

    code: str
    document_code: str
    text: Text
    unit: str
    aim: int
    totals: Totals

    @property
    def total(self):
        return self.totals.total


class GoalIndicators(NamedTuple):
    """What an activity's page shows of its goal: the goal's indicators, as the goal's page does."""

    code: str
    indicators: tuple[Indicator, ...]
    indicator_years: tuple[str, ...]


class UnitName(NamedTuple):
    """What a page that links to a unit shows of it: not its description."""

    slug: str
    name: Text


@dataclass
class Inputs:
    """Everything a page can read: the model, what the build derived from it, and
    the digests of the templates and catalogs the pages are rendered with."""

    site: Site
    notes: dict[int, tuple[Discrepancy, ...]]
    assets: dict[str, str]
    templates: dict[str, str] = field(default_factory=dict)
    catalogs: dict[str, str] = field(default_factory=dict)
    continuity: Continuity | None = None  # the matches between the programme years
    static: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # name -> (site path, bytes), read once
    built: date = field(default_factory=lambda: build_date())  # the day of this build, for citations
    _entries: dict = field(default_factory=dict, repr=False, compare=False)

    def entries(self, year: int) -> tuple:
        """The year's disagreements, one entry per gap (portal/reconcile.py), grouped once:
        every page with a notice reads them."""
        if year not in self._entries:
            self._entries[year] = entries(self.notes.get(year, ()))
        return self._entries[year]


def build_date() -> date:
    """Today (UTC), or the day SOURCE_DATE_EPOCH names: a rebuild of old content can say
    the day it was first built, and two builds of one day are the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return moment.date()


def _summary(inputs: Inputs, year: int, code: str) -> GoalSummary:
    g = inputs.site.programs[year].goal(code)
    return GoalSummary(g.code, g.document_code, g.text, g.unit, g.aim, g.totals)


def _indicators(inputs: Inputs, year: int, code: str) -> GoalIndicators:
    g = inputs.site.programs[year].goal(code)
    return GoalIndicators(g.code, g.indicators, tuple(g.indicator_years))


def _organisation_naming(inputs: Inputs, year: int, slug: str) -> tuple[str, Text] | None:
    """The general page of the programme's organisation, (slug, title), if its Turkish text
    names the unit (as the organisation paragraph lists the directorates); else None."""
    page = inputs.site.programs[year].pages.get(ORGANISATION_PAGE)
    if page is None or _plain_words(inputs.site.units[slug].name.tr) not in _plain_words(page.body.tr):
        return None
    return page.slug, page.title


@lru_cache(maxsize=1024)
def _plain_words(text: str) -> str:
    """A text folded, its bold marks and line breaks as single spaces: every unit page of
    both languages looks for its unit's name in the same page."""
    return " ".join(fold(text).replace("*", " ").split())


def _unit_goals(inputs: Inputs, year: int, slug: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The goals a unit has a part in, each with the codes of the unit's own activities."""
    program = inputs.site.programs[year]
    return tuple((g.code, tuple(a.code for a in g.activities if a.unit == slug))
                 for g in program.goals_of_unit(slug))


def _program(inputs: Inputs, year: int):
    return inputs.site.programs[year]


READS: dict[str, Callable[..., Any]] = {
    # the site as a whole
    "site": lambda i: (i.site.name, i.site.municipality, i.site.url),
    "years": lambda i: tuple((year, p.title) for year, p in i.site.programs.items()),
    "latest": lambda i: i.site.latest.year,
    "unit": lambda i, slug: i.site.units[slug],
    "unit name": lambda i, slug: UnitName(slug, i.site.units[slug].name),
    "unit names": lambda i: {slug: u.name for slug, u in i.site.units.items()},
    "glossary": lambda i: i.site.glossary,
    "licence": lambda i: i.site.licence,
    "source document": lambda i, y: i.site.documents.get(y),
    "build date": lambda i: i.built,
    "population": lambda i: i.site.population,
    "price index": lambda i: i.site.price_index,
    "asset": lambda i, name: i.assets.get(name, ""),
    "template": lambda i, name: i.templates.get(name),
    "catalog": lambda i, lang: i.catalogs.get(lang),
    # one programme
    "programme title": lambda i, y: _program(i, y).title,
    "programme words": lambda i, y: (_program(i, y).title, _program(i, y).mission, _program(i, y).vision,
                                     _program(i, y).values),
    "programme totals": lambda i, y: _program(i, y).totals,
    "programme counts": lambda i, y: (len(_program(i, y).goals), len(_program(i, y).activities)),
    "aims": lambda i, y: _program(i, y).aims,
    "aim totals": lambda i, y, number: _program(i, y).aim_totals[number],
    "goals": lambda i, y: tuple(g.code for g in _program(i, y).goals),
    "goals of aim": lambda i, y, number: tuple(g.code for g in _program(i, y).goals_of_aim(number)),
    "goal": lambda i, y, code: _program(i, y).goal(code),
    "goal summary": _summary,
    "goal indicators": _indicators,
    "activity": lambda i, y, code: _program(i, y).activity(code),
    "activities of programme": lambda i, y: tuple(a.code for a in _program(i, y).activities),
    "units of programme": lambda i, y: tuple(_program(i, y).unit_totals),
    "unit totals": lambda i, y, slug: _program(i, y).unit_totals[slug],
    "goals of unit": _unit_goals,
    "unit duties": lambda i, y, slug: _program(i, y).duties.get(slug),
    "organisation naming unit": _organisation_naming,
    "section d": lambda i, y: _program(i, y).section_d,
    "note entries": lambda i, y: i.entries(y),
    "notes of goal": lambda i, y, code: tuple(e for e in i.entries(y) if e.touches("goal", code)),
    "notes of activity": lambda i, y, code: tuple(e for e in i.entries(y) if e.touches("activity", code)),
    "notes of page": lambda i, y, slug: tuple(e for e in i.entries(y) if e.touches("page", slug)),
    "notes of programme": lambda i, y: tuple(e for e in i.entries(y) if e.programme_wide),
    "corrections": lambda i, y: _program(i, y).corrected,
    "corrections of": lambda i, y, kind, code: _program(i, y).corrections_of(kind, code),
    "general pages": lambda i, y: tuple((slug, p.title) for slug, p in _program(i, y).pages.items()),
    "general page": lambda i, y, slug: _program(i, y).pages[slug],
    # the programme years side by side (portal/continuity.py)
    "year list": lambda i: tuple(sorted(i.site.programs)),
    "history": lambda i, kind, y, code: i.continuity.history(kind, y, code),
    "previous year": lambda i, y: i.continuity.previous_year(y),
    "activity cost": lambda i, y, code: _program(i, y).activity(code).cost,
    "goal totals": lambda i, y, code: _program(i, y).goal(code).totals,
    "indicator history": lambda i, y, code: indicator_history(i.site, i.continuity, y, code),
    "indicator changes": lambda i, y: changes_in(i.site, i.continuity, y),
}


class Reader:
    """Reads content for one page and remembers every key it read."""

    __slots__ = ("inputs", "keys")

    def __init__(self, inputs: Inputs):
        self.inputs = inputs
        self.keys: set[Key] = set()

    def __call__(self, kind: str, *args):
        self.keys.add((kind, *args))
        return READS[kind](self.inputs, *args)


class Values:
    """The value of each key in one set of inputs, each computed once."""

    def __init__(self, inputs: Inputs):
        self.inputs = inputs
        self.known: dict[Key, Any] = {}

    def __getitem__(self, key: Key):
        try:
            return self.known[key]
        except KeyError:
            pass
        try:
            value = READS[key[0]](self.inputs, *key[1:])
        except KeyError:  # the thing is gone: a value no page saw
            value = _GONE
        self.known[key] = value
        return value


_GONE = object()


class Changes:
    """Whether what pages read differs from the previous build: each key compared once."""

    def __init__(self, before: Inputs):
        self.before = Values(before)
        self.known: dict[Key, bool] = {}

    def any(self, keys: set[Key], after: Values) -> bool:
        for key in keys:
            differs = self.known.get(key)
            if differs is None:
                differs = self.known[key] = self.before[key] != after[key]
            if differs:
                return True
        return False
