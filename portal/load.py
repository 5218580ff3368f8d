"""Content files -> validated model.  Collects every problem, file:line each.

Nothing is built before the whole content has loaded: a single bad value
stops the build with a list of one-line problems and no traceback.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple
from pathlib import Path

import yaml

from portal.continuity import codes_of
from portal.errors import Problems
from portal.corrections import CORRECTABLE, CORRECTABLE_NUMBERED, CORRECTABLE_SHOWN, KIND_NAMES, compare
from portal.i18n import both
from portal.labels import _
from portal.model import (
    ECON_CODES, OFF_BUDGET_SOURCES, Activity, Aim, ContinuityLink, CorrectionNote, Cost, GlossaryTerm, Goal,
    GoalTableRow, Indicator, Licence, Listing, Origin, Page, Program, SectionD, SectionDRow, Site, SourceDocument,
    Statement, Synonym, Text, Unit, UnitDuties, YearlyFigures,
)
from portal.official import DUTIES, OFFICIAL
from portal.tables import count, tables_in
from portal.yamlsource import Invalid, Node, parse, read, read_text, unreadable

GOAL_CODE = re.compile(r"^[1-9]\d*\.[1-9]\d*$")
ACTIVITY_CODE = re.compile(r"^[1-9]\d*\.[1-9]\d*\.[1-9]\d*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
YEAR_DIR = re.compile(r"^\d{4}$")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)
SECTION_D_COLUMNS = ("activities", "general_administration", "other_administrations")
AIM_NUMBER = re.compile(r"^[1-9]\d*$")
# continuity.yaml: its sections, the kind of item each lists, and how that kind's codes look
CONTINUITY_SECTIONS = {"aims": ("aim", AIM_NUMBER, "1"), "goals": ("goal", GOAL_CODE, "1.5"),
                       "activities": ("activity", ACTIVITY_CODE, "1.5.2"), "units": ("unit", SLUG, "fen-isleri")}


@dataclass
class LoadCache:
    """What the preview keeps from one load to the next, one entry per file, each used only
    while its file (and what else the entry names) is unchanged: the preview loads all the
    content on every save, and only the saved file has changed.  Entries of files with
    problems are never kept."""

    parsed: dict = field(default_factory=dict)  # file -> (its text, its YAML tree)
    goals: dict = field(default_factory=dict)  # goal file -> (what the goal was read from, the goal)
    compared: dict = field(default_factory=dict)  # goal file -> its comparison with the official reading


class Loader:
    def __init__(self, content: Path, cache: LoadCache | None = None):
        self.content = content
        self._under = os.path.join(str(content.parent), "")  # rel() on strings: it runs for every file
        self.problems = Problems()
        self.units: dict[str, Unit] = {}
        self.cache = LoadCache() if cache is None else cache

    def rel(self, path: Path) -> str:
        """A file as messages name it: from the content folder's parent ("content/2024/...")."""
        name = str(path)
        if name.startswith(self._under):
            return name[len(self._under):].replace(os.sep, "/")
        return path.as_posix()

    def read(self, path: Path) -> Node | None:
        return read(path, self.rel(path), self.problems, self.cache.parsed)

    # ---------------------------------------------------------------- site
    def load(self) -> Site:
        site_file = self.content / "site.yaml"
        if not self.content.is_dir():
            self.problems.add(self.rel(self.content), 1, both(_("content folder not found")))
            self.problems.raise_if_any()
        settings = self._site_settings(site_file)
        self.units = self._units()
        glossary = self._glossary(self.content / "glossary.yaml")
        synonyms = self._synonyms(self.content / "search.yaml")
        programs = {}
        for year_dir in sorted(p for p in self.content.iterdir() if p.is_dir() and YEAR_DIR.match(p.name)):
            program = self._guard(lambda: self._program(year_dir))
            if program is not None:
                programs[program.year] = program
        if not programs and not self.problems.items:
            self.problems.add(self.rel(self.content), 1, both(_("no programme year folder (such as 2024/) found")))
        self._check_continuity(programs)
        self.problems.raise_if_any()
        name, municipality, languages, default, url, licence, documents, figures = settings
        for year, document in documents.items():
            if year not in programs:
                self.problems.add(self.rel(site_file), document[1],
                                  both(_("documents: there is no {year} programme (no folder {year}/)"), year=year))
        self.problems.raise_if_any()
        site = Site(name=name, municipality=municipality, languages=languages, default_language=default,
                    units=self.units, programs=programs, glossary=glossary, url=url, synonyms=synonyms,
                    origin=Origin(self.rel(site_file), 1), licence=licence,
                    documents={year: document for year, (document, _line) in documents.items()},
                    population=figures["population"], price_index=figures["price_index"])
        self._check_synonyms(site)
        self.problems.raise_if_any()
        return site

    def _check_synonyms(self, site: Site) -> None:
        """Every word a synonym leads to must be found in that language's search index: a
        misspelt or removed word would otherwise quietly find nothing."""
        from portal.outputs.search import Vocabulary
        from portal.untranslated import untranslated

        english_written = not untranslated(site)
        for lang, entries in site.synonyms.items():
            if lang != "tr" and not english_written:
                continue  # a new programme's English is still to come (the build lists what is missing)
            known = Vocabulary(site, lang, [also for entry in entries for also in entry.also])
            lacks = (_("{lang}.{word}: '{missing}' (in '{also}') is in no document of the Turkish search index")
                     if lang == "tr" else
                     _("{lang}.{word}: '{missing}' (in '{also}') is in no document of the English search index"))
            for entry in entries:
                for also, origin in zip(entry.also, entry.origins):
                    for word in known.lacks(also):
                        self.problems.add(origin.path, origin.line,
                                          both(lacks, lang=lang, word=entry.word, missing=word, also=also))

    def _guard(self, fn):
        try:
            return fn()
        except Invalid:
            return None

    def _items(self, node: Node | None) -> list[Node]:
        """The items of a list that may be absent (no file, no key): none then, and none
        when it is not a list, which is recorded as a problem."""
        return (self._guard(node.sequence) or []) if node is not None else []

    def _each(self, items, read_item) -> list:
        """read_item applied to each item.  An item with a problem is left out (its problem
        is already recorded), so that the items after it are still checked and one build
        reports every problem at once."""
        out = []
        for item in items:
            try:
                out.append(read_item(item))
            except Invalid:
                continue
        return out

    def _site_settings(self, path: Path):
        root = self.read(path) if path.exists() else None
        if root is None:
            if not path.exists():
                self.problems.add(self.rel(path), 1, both(_("site settings file is missing")))
            self.problems.raise_if_any()
        try:
            m = root.mapping(required=("name", "municipality", "languages", "default_language", "url"),
                             optional=("licence", "documents", "population", "price_index"))
            languages = tuple(n.text() for n in m["languages"].sequence())
            if languages != ("tr", "en"):
                m["languages"].fail(both(_("languages must be [tr, en]: Turkish first, English second")))
            default = m["default_language"].text()
            if default not in languages:
                m["default_language"].fail(both(_("'{language}' is not one of the languages"), language=default))
            url = m["url"].text()
            if not re.match(r"^https?://[^/\s]+$", url):
                m["url"].fail(both(_("url '{url}' must be a scheme and host only, like https://example.org"),
                                   url=url))
            licence = self._guard(lambda: self._licence(m["licence"])) if "licence" in m else None
            documents = self._documents(m["documents"]) if "documents" in m else {}
            figures = {key: self._guard(lambda: self._yearly(m[key], key)) if key in m else None
                       for key in ("population", "price_index")}
            return (m["name"].bilingual(), m["municipality"].bilingual(), languages, default, url, licence, documents,
                    figures)
        except Invalid:
            self.problems.raise_if_any()

    @staticmethod
    def _web_address(node: Node) -> str:
        address = node.text()
        if not re.match(r"^https?://\S+$", address):
            raise node.fail(both(_("'{address}' is not a web address (https://...)"), address=address))
        return address

    def _yearly(self, node: Node, key: str) -> YearlyFigures:
        """The population (whole residents, 134.321) or a price index (2.139,47) per year,
        named and with its source: the official figures, as their publisher prints them."""
        m = node.mapping(required=("name", "source", "values"))
        values = {}
        for year, value in m["values"].mapping().items():
            if not YEAR_DIR.match(year):
                raise value.fail(both(_("'{year}' is not a year"), year=year))
            figure = self._guard(value.amount)
            if figure is not None and key == "population" and figure != figure.to_integral_value():
                value.fail(both(_("a population is a whole number of residents, like 134.321")))
            elif figure is not None and figure > 0:
                values[int(year)] = figure
            elif figure is not None:
                value.fail(both(_("must be above zero")))
        if not values:
            raise m["values"].fail(both(_("must not be empty")))
        return YearlyFigures(m["name"].bilingual(), m["source"].bilingual(), values)

    def _licence(self, node: Node) -> Licence:
        """The open data's licence, as the municipality chose it: its identifier, where its
        text is, and its name in both languages."""
        m = node.mapping(required=("name", "url", "title"))
        return Licence(m["name"].text(), self._web_address(m["url"]), m["title"].bilingual())

    def _documents(self, node: Node) -> dict[int, tuple[SourceDocument, int]]:
        """Each programme year's official document: where it is published, when it was
        adopted and on what authority; every part optional, none guessed."""
        out = {}
        for key, item in (self._guard(node.mapping) or {}).items():
            try:
                if not YEAR_DIR.match(key):
                    raise item.fail(both(_("'{year}' is not a year"), year=key))
                m = item.mapping(optional=("url", "adopted", "authority"))
                adopted = None
                if "adopted" in m:
                    try:
                        adopted = date.fromisoformat(m["adopted"].text())
                    except ValueError:
                        raise m["adopted"].fail(both(_("'{date}' is not a date written as YYYY-MM-DD, like 2024-03-12"),
                                                     date=m["adopted"].text())) from None
                out[int(key)] = (SourceDocument(int(key), self._web_address(m["url"]) if "url" in m else "", adopted,
                                                m["authority"].bilingual() if "authority" in m else None), item.line)
            except Invalid:
                continue
        return out

    def _units(self) -> dict[str, Unit]:
        units = {}
        folder = self.content / "units"
        for path in sorted(folder.glob("*.yaml")):
            slug = path.stem
            root = self.read(path)
            if root is None:
                continue
            if not SLUG.match(slug):
                self.problems.add(self.rel(path), 1, both(
                    _("unit file name '{slug}' must be lower-case ASCII words joined by '-'"), slug=slug))
                continue
            try:
                m = root.mapping(required=("name", "description"))
                units[slug] = Unit(slug, m["name"].bilingual(),
                                   m["description"].bilingual(allow_empty_tr=True), root.origin)
            except Invalid:
                continue
        if not units:
            self.problems.add(self.rel(folder), 1, both(_("no unit files found")))
        return units

    def _glossary(self, path: Path) -> tuple[GlossaryTerm, ...]:
        root = self.read(path) if path.exists() else None
        keys: set[str] = set()

        def term(node: Node) -> GlossaryTerm:
            m = node.mapping(required=("key", "term", "definition"))
            key = m["key"].text()
            if not SLUG.match(key) or key in keys:
                raise m["key"].fail(both(_("glossary key '{key}' must be unique lower-case ASCII words joined by "
                                           "'-'"), key=key))
            found = GlossaryTerm(key, m["term"].bilingual(), m["definition"].bilingual(), node.origin)
            keys.add(key)
            return found
        return tuple(self._each(self._items(root), term))

    def _synonyms(self, path: Path) -> dict[str, tuple[Synonym, ...]]:
        """Each language's entries: `word: [also, ...]`, words or phrases on both sides."""
        root = self.read(path) if path.exists() else None
        out: dict[str, tuple[Synonym, ...]] = {}
        try:
            for lang, table in (root.mapping(optional=("tr", "en")) if root else {}).items():
                entries = []
                for word, also in table.mapping().items():
                    try:
                        items = also.sequence()
                        if not items:
                            raise also.fail(both(_("'{word}' lists no words to find"), word=word))
                        entries.append(Synonym(word, tuple(n.text() for n in items), tuple(n.origin for n in items)))
                    except Invalid:
                        continue
                out[lang] = tuple(entries)
        except Invalid:
            pass
        return out

    def unit_ref(self, node: Node) -> str:
        slug = node.text()
        if slug not in self.units:
            raise node.fail(both(_("unknown unit '{slug}' (no file units/{slug}.yaml)"), slug=slug))
        return slug

    # ------------------------------------------------------------- programme
    def _text(self, node: Node, allow_empty: bool = False) -> Text:
        """A text field: Turkish and English in the content, Turkish alone in the official
        reading (the document is Turkish)."""
        return Text(node.text(allow_empty)) if self.official else node.bilingual(allow_empty_tr=allow_empty)

    def _program(self, folder: Path) -> Program:
        """The programme as staff edit it, checked against the official reading beside it."""
        reading = folder / OFFICIAL
        if not (reading / "program.yaml").exists():
            self.problems.add(self.rel(reading / "program.yaml"), 1,
                              both(_("the official reading of the {year} programme is missing: it is written by "
                                     "tools/import_seed.py when the programme is imported"), year=folder.name))
            raise Invalid()
        self.official = True
        try:
            official = self._programme_files(reading, pages=reading / "pages")
        finally:
            self.official = False
        before = len(self.problems.items)
        program = self._programme_files(folder, pages=folder / "pages")
        if official is None or program is None or len(self.problems.items) > before:
            raise Invalid()  # compared only once it reads: an item left out for a problem is not "missing"
        return compare(official, program, self.problems, self.units, self.cache.compared)

    def _programme_files(self, folder: Path, pages: Path) -> Program | None:
        official = self.official
        root = self.read(folder / "program.yaml") if (folder / "program.yaml").exists() else None
        if root is None:
            if not (folder / "program.yaml").exists():
                self.problems.add(self.rel(folder / "program.yaml"), 1, both(_("programme file is missing")))
            return None
        keys = ("year", "title", "mission", "vision", "values")
        m = self._guard(lambda: root.mapping(required=keys + (("stated_counts", "section_d") if official else ()),
                                             optional=() if official else ("corrections",)))
        if m is None:
            return None
        year = self._guard(m["year"].integer)
        if year is not None and str(year) != (folder.parent.name if official else folder.name):
            m["year"].fail(both(_("year {year} does not match its folder '{folder}'"), year=year,
                                folder=folder.name))
        counts, section_d = {}, None
        if official:
            counts_map = self._guard(lambda: m["stated_counts"].mapping(optional=("aims", "goals", "activities")))
            counts = {k: v for k, n in (counts_map or {}).items() if (v := self._guard(n.integer)) is not None}
            section_d = self._guard(lambda: self._section_d(m["section_d"]))
        aims = self._aims(folder / "aims.yaml")
        goals = self._goals(folder / "goals", {a.number for a in aims})
        title = self._guard(lambda: self._text(m["title"]))
        mission = self._guard(lambda: self._text(m["mission"]))
        vision = self._guard(lambda: self._text(m["vision"]))
        values = tuple(self._each(self._items(m["values"]), self._text))
        lines = {"title": _turkish_line(m["title"]), "mission": _turkish_line(m["mission"]), "vision": _turkish_line(m["vision"]),
                 **{f"values.{i}": _turkish_line(n) for i, n in enumerate(self._items(m["values"]), 1)}}
        notes = self._correction_notes(m.get("corrections"), "programme")
        page_files = self._pages(pages, official=official)
        # what the text says about its tables: checked against the pages as printed
        statements = self._statements(folder.parent / "statements.yaml", page_files) if official else ()
        continuity = self._continuity(folder / "continuity.yaml") if not official else ()
        duties = self._duties(folder / DUTIES, page_files)
        if year is None or (official and section_d is None) or title is None or mission is None or vision is None:
            return None
        return Program(year=year, title=title, mission=mission, vision=vision, values=values,
                       aims=aims, goals=goals, section_d=section_d, stated_counts=counts,
                       pages=page_files, origin=root.origin, statements=statements, continuity=continuity,
                       duties=duties, corrections=notes, lines=lines)

    def _duties(self, path: Path, pages: dict[str, Page]) -> dict[str, UnitDuties]:
        """Units' duties, keyed by unit: in the official reading as the document states them,
        with the general page of its section and the heading naming the unit; in the content,
        in both languages.  No file: the document states no unit's duties."""
        root = self.read(path) if path.exists() else None
        entries = (self._guard(root.mapping) or {}) if root is not None else {}
        names = {k.value: k.start_mark.line + 1 for k, _v in root.node.value if isinstance(k, yaml.ScalarNode)} \
            if entries else {}

        def duties(entry: tuple[str, Node]) -> tuple[str, UnitDuties]:
            slug, node = entry
            if slug not in self.units:
                self.problems.add(node.path, names[slug], both(
                    _("unknown unit '{slug}' (no file units/{slug}.yaml)"), slug=slug))
                raise Invalid()
            if self.official:
                m = node.mapping(required=("page", "heading", "duties"))
                page = m["page"].text()
                if page not in pages:
                    raise m["page"].fail(both(_("no general-information page '{slug}'"), slug=page))
                return slug, UnitDuties(slug, Text(m["duties"].text()), node.origin, page, m["heading"].text(),
                                        lines={"duties": _text_start(m["duties"])})
            m = node.mapping(required=("duties",), optional=("corrections",))
            return slug, UnitDuties(slug, m["duties"].bilingual(), node.origin,
                                    corrections=self._correction_notes(m.get("corrections"), "unit"),
                                    lines={"duties": _text_start(m["duties"])})
        return dict(self._each(entries.items(), duties))

    def _correction_notes(self, node: Node | None, kind: str) -> tuple[CorrectionNote, ...]:
        """An item's `corrections:`: which of its fields differs from the official document
        on purpose, why, on what authority and since when (checked in corrections.py)."""
        def note(item: Node) -> CorrectionNote:
            m = item.mapping(required=("field", "reason", "authority", "date"))
            field_name = m["field"].text()
            if field_name not in CORRECTABLE[kind] and not any(
                    field_name.startswith(prefix + ".") and pattern.match(field_name[len(prefix) + 1:])
                    for prefix, pattern in CORRECTABLE_NUMBERED.get(kind, ())):
                raise m["field"].fail(both(_("this {kind} has no field '{field}' that a correction can change "
                                             "(one of: {fields})"), kind=_kind(kind), field=field_name,
                                           fields=", ".join(CORRECTABLE_SHOWN[kind])))
            when = m["date"].text()
            try:
                day = date.fromisoformat(when)
            except ValueError:
                raise m["date"].fail(both(_("'{date}' is not a date written as YYYY-MM-DD, like 2024-03-12"),
                                          date=when)) from None
            return CorrectionNote(field_name, m["reason"].bilingual(), m["authority"].bilingual(), day,
                                  item.origin)
        return tuple(self._each(self._items(node), note))

    def _aims(self, path: Path) -> tuple[Aim, ...]:
        root = self.read(path) if path.exists() else None
        if root is None:
            if not path.exists():
                self.problems.add(self.rel(path), 1, both(_("aims file is missing")))
            return ()
        numbers: set[int] = set()

        def aim(node: Node) -> Aim:
            m = node.mapping(required=("number", "name"), optional=() if self.official else ("corrections",))
            number = m["number"].integer()
            if number in numbers:
                raise m["number"].fail(both(_("{kind} {code} is listed twice"), kind=_kind("aim"), code=number))
            found = Aim(number, self._text(m["name"]), node.origin,
                        self._correction_notes(m.get("corrections"), "aim"), {"name": _turkish_line(m["name"])})
            numbers.add(number)
            return found
        return tuple(sorted(self._each(self._items(root), aim), key=lambda a: a.number))

    def _section_d_row(self, node: Node, with_total: bool) -> SectionDRow:
        keys = SECTION_D_COLUMNS + (("total",) if with_total else ())
        m = node.mapping(required=keys)
        values = {k: m[k].amount() for k in keys}
        return SectionDRow(values["activities"], values["general_administration"],
                           values["other_administrations"], values.get("total"), node.origin)

    def _section_d(self, node: Node) -> SectionD:
        m = node.mapping(required=("budget", "budget_total", "off_budget", "off_budget_total", "total"))
        lines = self._keyed(m["budget"], [str(c) for c in ECON_CODES],
                            lambda n: self._section_d_row(n, True))
        off = self._keyed(m["off_budget"], list(OFF_BUDGET_SOURCES),
                          lambda n: self._section_d_row(n, False))
        return SectionD(
            budget_lines={int(k): v for k, v in lines.items()},
            stated_budget=self._section_d_row(m["budget_total"], True),
            off_budget_lines=off,
            stated_off_budget=self._section_d_row(m["off_budget_total"], False),
            stated_total=self._section_d_row(m["total"], True),
        )

    def _keyed(self, node: Node, keys: list[str], read_value) -> dict:
        m = node.mapping(required=tuple(keys))
        out, failed = {}, False
        for key in keys:
            try:
                out[key] = read_value(m[key])
            except Invalid:
                failed = True
        if failed:
            raise Invalid()
        return out

    # ----------------------------------------------------------------- goals
    def _goals(self, folder: Path, aim_numbers: set[int]) -> tuple[Goal, ...]:
        goals: dict[str, Goal] = {}
        activity_files: dict[str, str] = {}
        for path in sorted(folder.glob("*.yaml")):
            goal = self._cached_goal(path, aim_numbers)
            if goal is None:
                continue
            if goal.code in goals:
                self.problems.add(goal.origin.path, goal.origin.line,
                                  _defined_twice("goal", goal.code, goals[goal.code].origin))
                continue
            for activity in goal.activities:
                if activity.code in activity_files:
                    self.problems.add(activity.origin.path, activity.origin.line,
                                      _defined_twice("activity", activity.code, activity_files[activity.code]))
                activity_files[activity.code] = str(activity.origin)
            goals[goal.code] = goal
        if not goals and folder.exists():
            self.problems.add(self.rel(folder), 1, both(_("no goal files found")))
        key = lambda code: tuple(int(x) for x in code.split("."))  # noqa: E731
        return tuple(goals[c] for c in sorted(goals, key=key))

    def _cached_goal(self, path: Path, aim_numbers: set[int]) -> Goal | None:
        """A goal file parsed again only when it or what it refers to changed: the preview
        loads the content on every save, and only the saved file has changed.  Files with
        problems are never kept."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problems.add(self.rel(path), 1, unreadable(exc))
            return None
        rel = self.rel(path)
        key = (raw, frozenset(self.units), frozenset(aim_numbers), self.official)
        cached = self.cache.goals.get(rel)
        if cached is not None and cached[0] == key:
            return cached[1]
        self.cache.goals.pop(rel, None)
        before = len(self.problems.items)
        root = self.read(path)
        goal = self._guard(lambda: self._goal(root, path, aim_numbers)) if root is not None else None
        if goal is not None and len(self.problems.items) == before:
            self.cache.goals[rel] = (key, goal)
        return goal

    def _goal(self, root: Node, path: Path, aim_numbers: set[int]) -> Goal:
        if self.official:
            m = root.mapping(required=("code", "unit", "text", "indicators", "goal_table", "activities"),
                             optional=("strategic_goal_text", "listings"))
        else:
            m = root.mapping(required=("code", "unit", "text", "indicators", "activities"),
                             optional=("notes", "corrections"))
        code = m["code"].text()
        if not GOAL_CODE.match(code):
            raise m["code"].fail(both(_("goal code '{code}' must look like 1.5"), code=code))
        if path.stem != code:
            m["code"].fail(both(_("goal code '{code}' does not match the file name '{file}'"), code=code,
                                file=path.name))
        if int(code.split(".")[0]) not in aim_numbers:
            m["code"].fail(both(_("goal {code} belongs to aim {aim}, which aims.yaml does not list"), code=code,
                                aim=code.split(".")[0]))
        unit = self._guard(lambda: self.unit_ref(m["unit"]))
        text = self._guard(lambda: self._text(m["text"]))
        indicators = self._indicators(m["indicators"], code)
        activities = self._activities(m["activities"], code)
        lines = {"text": _turkish_line(m["text"]), "unit": m["unit"].origin}
        if not self.official:
            if unit is None or text is None:
                raise Invalid()
            return Goal(code=code, unit=unit, text=text, indicators=indicators, activities=activities,
                        origin=root.origin, corrections=self._correction_notes(m.get("corrections"), "goal"),
                        lines=lines)
        rows, table_total = self._goal_table(m["goal_table"])
        listings = self._listings(m["listings"]) if "listings" in m else {}
        strategic = self._guard(m["strategic_goal_text"].text) if "strategic_goal_text" in m else ""
        if unit is None or text is None or table_total is None:
            raise Invalid()
        return Goal(code=code, unit=unit, text=text, indicators=indicators, activities=activities,
                    table_rows=rows, table_total=table_total[0], table_total_origin=table_total[1],
                    listings=listings, origin=root.origin, strategic_goal_text=strategic or "", lines=lines)

    @staticmethod
    def _code_in_goal(node: Node, goal: str, seen: set[str], kind: str, twice: str) -> str:
        """An indicator's or activity's code: numbered under its goal (1.5.2 in goal 1.5) and
        new in it; seen collects the codes read so far, twice is the message when it is not."""
        code = node.text()
        if not ACTIVITY_CODE.match(code) or not code.startswith(goal + "."):
            raise node.fail(both(_("{kind} code '{code}' must look like {goal}.1"), kind=_kind(kind), code=code,
                                 goal=goal))
        if code in seen:
            raise node.fail(both(twice, kind=_kind(kind), code=code))
        seen.add(code)
        return code

    def _indicators(self, node: Node, goal: str) -> tuple[Indicator, ...]:
        seen: set[str] = set()

        def indicator(item: Node) -> Indicator:
            m = item.mapping(required=("code", "name", "measure", "values"),
                             optional=("printed_code",) if self.official else ("better", "corrections"))
            code = self._code_in_goal(m["code"], goal, seen, "indicator", _("{kind} {code} is listed twice"))
            values, lines = {}, {"name": _turkish_line(m["name"]), "measure": _turkish_line(m["measure"])}
            for year, value in m["values"].mapping().items():
                if not YEAR_DIR.match(year):
                    raise value.fail(both(_("'{year}' is not a year"), year=year))
                values[year] = (value.bilingual() if isinstance(value.node, yaml.MappingNode) and not self.official
                                else Text(value.text()))
                lines[f"values.{year}"] = _turkish_line(value)
            printed = m["printed_code"].text() if "printed_code" in m else ""
            better = m["better"].text() if "better" in m else "up"
            if better not in ("up", "down"):
                raise m["better"].fail(both(_("better must be 'up' or 'down' (which way counts as progress), "
                                              "not '{better}'"), better=better))
            return Indicator(code, self._text(m["name"]), self._text(m["measure"], allow_empty=True),
                             values, item.origin, printed, better,
                             self._correction_notes(m.get("corrections"), "indicator"), lines)
        return tuple(self._each(self._items(node), indicator))

    def _goal_table(self, node: Node):
        try:
            m = node.mapping(required=("rows", "total"))
            rows = self._each(m["rows"].sequence(), self._goal_table_row)
            t = m["total"].mapping(required=("budget", "off_budget", "total"))
            total = (t["budget"].amount(), t["off_budget"].amount(), t["total"].amount())
            return tuple(rows), (total, m["total"].origin)
        except Invalid:
            return (), None

    @staticmethod
    def _goal_table_row(item: Node) -> GoalTableRow:
        """A row of the goal table: only the official reading has one."""
        r = item.mapping(required=("number", "name", "budget", "off_budget", "total"))
        return GoalTableRow(r["number"].integer(), Text(r["name"].text()), r["budget"].amount(),
                            r["off_budget"].amount(), r["total"].amount(), item.origin)

    def _activities(self, node: Node, goal: str) -> tuple[Activity, ...]:
        seen: set[str] = set()

        def activity(item: Node) -> Activity:
            printed = ("budget_total", "off_budget_total", "total") if self.official else ()
            m = item.mapping(required=("code", "name", "unit", "budget", "off_budget") + printed,
                             optional=() if self.official else ("notes", "corrections"))
            code = self._code_in_goal(m["code"], goal, seen, "activity",
                                      _("{kind} {code} is listed twice in this goal"))
            budget = self._keyed(m["budget"], [str(c) for c in ECON_CODES], Node.amount)
            off = self._keyed(m["off_budget"], list(OFF_BUDGET_SOURCES), Node.amount)
            stated = [m[k].amount() for k in printed] or [None, None, None]
            cost = Cost({int(k): v for k, v in budget.items()}, off, *stated)
            lines = {"name": _turkish_line(m["name"]), "unit": m["unit"].origin,
                     **{f"budget.{k}": n.origin for k, n in m["budget"].mapping().items()},
                     **{f"off_budget.{k}": n.origin for k, n in m["off_budget"].mapping().items()}}
            return Activity(code, self._text(m["name"]), self.unit_ref(m["unit"]), cost, item.origin,
                            self._correction_notes(m.get("corrections"), "activity"), lines)
        return tuple(self._each(self._items(node), activity))

    def _listings(self, node: Node) -> dict[str, Listing]:
        def listing(entry: tuple[str, Node]) -> tuple[str, Listing]:
            name, item = entry
            m = item.mapping(required=("text", "unit", "activities"))
            acts = []
            for a in m["activities"].sequence():
                am = a.mapping(required=("name", "unit"))
                acts.append((am["name"].text(), self.unit_ref(am["unit"])))
            return name, Listing(m["text"].text(), self.unit_ref(m["unit"]), tuple(acts), item.origin)
        entries = self._guard(lambda: node.mapping(optional=("plan", "annex"))) or {}
        return dict(self._each(entries.items(), listing))

    def _statements(self, path: Path, pages: dict[str, Page]) -> tuple[Statement, ...]:
        """Figures quoted from a page's text, each pointing at the table cell it describes;
        the quote must be in the page and the cell must exist."""
        root = self.read(path) if path.exists() else None

        def statement(node: Node) -> Statement:
            m = node.mapping(required=("page", "quote", "stated", "table", "row", "column"))
            slug, quote = m["page"].text(), m["quote"].text()
            if slug not in pages:
                raise m["page"].fail(both(_("no general-information page '{slug}'"), slug=slug))
            if " ".join(quote.split()) not in " ".join(pages[slug].body.tr.split()):
                raise m["quote"].fail(both(_("this text is not in pages/{slug}.tr.md"), slug=slug))
            table = next((t for t in tables_in(pages[slug].body.tr) if t.caption == m["table"].text()), None)
            if table is None:
                raise m["table"].fail(both(_("no table captioned '{caption}' in pages/{slug}.tr.md"),
                                           caption=m["table"].text(), slug=slug))
            row, column = table.row(m["row"].text()), m["column"].integer()
            if row is None or column >= len(row) or count(row[column]) is None:
                raise m["column"].fail(both(_("{table} has no count in row '{row}', column {column}"),
                                            table=table.caption, row=m["row"].text(), column=column))
            return Statement(slug, quote, m["stated"].amount(), table.caption, m["row"].text(), column,
                             node.origin)
        return tuple(self._each(self._items(root), statement))

    # ------------------------------------------------------------ continuity
    def _continuity(self, path: Path) -> tuple[ContinuityLink, ...]:
        """How this programme's items follow the previous programme's, where code and
        Turkish name alone do not say it: `old: new` (renumbered), `old: ended`, `new: new`,
        and `code: [ended, new]` (or `[other, new]`) where a code now names another item.
        The codes are checked against both programmes once every year has loaded."""
        root = self.read(path) if path.exists() else None
        if root is None:
            return ()
        sections = self._guard(lambda: root.mapping(optional=tuple(CONTINUITY_SECTIONS))) or {}
        links: list[ContinuityLink] = []
        for section, node in sections.items():
            if section not in CONTINUITY_SECTIONS:
                continue  # reported as an unknown key
            entries = self._guard(node.mapping) if node.node.tag != "tag:yaml.org,2002:null" else {}
            targets: dict[str, ContinuityLink] = {}
            for key, value in (entries or {}).items():
                for link in self._continuity_entry(CONTINUITY_SECTIONS[section], key, value):
                    if link.current is not None and link.current in targets:
                        value.fail(both(_("{kind} {code} is already stated at line {line}"), kind=_kind(link.kind),
                                        code=link.current, line=targets[link.current].origin.line))
                        continue
                    if link.current is not None:
                        targets[link.current] = link
                    links.append(link)
        return tuple(links)

    def _continuity_entry(self, section: tuple, key: str, value: Node) -> list[ContinuityLink]:
        """One line of continuity.yaml: at most one statement about the previous programme's
        item (a code or `ended`) and one about this programme's (`new`)."""
        kind, pattern, example = section
        if not pattern.match(key):
            value.fail(both(_("'{key}' is not a {kind} code like {example}"), key=key, kind=_kind(kind),
                            example=example))
            return []
        items = self._guard(value.sequence) if isinstance(value.node, yaml.SequenceNode) else [value]
        out: list[ContinuityLink] = []
        for item in items or []:
            target = self._guard(item.text)
            if target is None:
                continue
            if target == "new":
                link = ContinuityLink(kind, None, key, item.origin)
            elif target == "ended":
                link = ContinuityLink(kind, key, None, item.origin)
            elif pattern.match(target):
                link = ContinuityLink(kind, key, target, item.origin)
            else:
                item.fail(both(_("'{target}' must be this programme's {kind} code (like {example}), 'new' or "
                                 "'ended'"), target=target, kind=_kind(kind), example=example))
                continue
            if any((link.previous is None) == (other.previous is None) for other in out):
                item.fail(both(_("{kind} {code}: say once what became of the previous programme's item (a code "
                                 "or 'ended') and once whether this programme's is new"), kind=_kind(kind), code=key))
                continue
            out.append(link)
        return out

    def _check_continuity(self, programs: dict) -> None:
        """Each stated code exists in the programme it names: the key in the previous
        programme (in this one for `new`), the value in this one."""
        years = sorted(programs)
        for year in years:
            program = programs[year]
            if not program.continuity:
                continue
            earlier = [y for y in years if y < year]
            if not earlier:
                first = program.continuity[0].origin
                self.problems.add(first.path, first.line, both(
                    _("continuity: the {year} programme is the first one; there is no earlier programme to "
                      "continue (remove this file)"), year=year))
                continue
            previous = programs[earlier[-1]]
            for link in program.continuity:
                before, now = codes_of(previous, link.kind), codes_of(program, link.kind)
                for code, codes, in_year in ((link.previous, before, previous.year), (link.current, now, year)):
                    if code is not None and code not in codes:
                        self.problems.add(link.origin.path, link.origin.line, both(
                            _("continuity: the {year} programme has no {kind} {code}"), year=in_year,
                            kind=_kind(link.kind), code=code))

    # ----------------------------------------------------------------- pages
    def _pages(self, folder: Path, official: bool = False) -> dict[str, Page]:
        """The general pages; in the official reading, each Turkish page as printed (slug.md)."""
        pages = {}
        if official:
            for path in sorted(folder.glob("*.md")):
                tr = self._markdown(path, required=True)
                if tr is not None:
                    pages[path.stem] = Page(path.stem, Text(tr.title), Text(tr.body), Origin(self.rel(path), 1),
                                            lines={k: Origin(self.rel(path), line) for k, line in tr.lines.items()})
            return pages
        for tr_path in sorted(folder.glob("*.tr.md")):
            slug = tr_path.name[: -len(".tr.md")]
            if not SLUG.match(slug):
                self.problems.add(self.rel(tr_path), 1, both(
                    _("page file name '{slug}' must be lower-case ASCII words joined by '-' (it becomes the page's "
                      "address)"), slug=slug))
                continue
            tr = self._markdown(tr_path, required=True)
            en_path = tr_path.with_name(f"{slug}.en.md")
            en = self._markdown(en_path, required=False) if en_path.exists() else PageFile("", "", "", (), {})
            if tr is None or en is None:
                continue
            origin = Origin(self.rel(tr_path), 1)
            pages[slug] = Page(slug, Text(tr.title, en.title), Text(tr.body, en.body, en.en_of), origin,
                               tr.corrections, {k: Origin(origin.path, line) for k, line in tr.lines.items()})
        for en_path in folder.glob("*.en.md"):
            if not en_path.with_name(en_path.name.replace(".en.md", ".tr.md")).exists():
                self.problems.add(self.rel(en_path), 1, both(_("English page without its Turkish original (.tr.md)")))
        return pages

    def _markdown(self, path: Path, required: bool) -> "PageFile | None":
        """A page file's title, body, en_of (on an English page, the hash of the Turkish it
        was translated from: see Text.en_of) and, on a Turkish page, its correction notes."""
        display = self.rel(path)
        source = read_text(path, display, self.problems, encoding="utf-8-sig")
        if source is None:
            return None
        source = source.replace("\r\n", "\n")
        match = FRONT_MATTER.match(source)
        if not match:
            self.problems.add(display, 1, both(_("page must start with front matter: ---, title: ..., ---")))
            return None
        front = match.group(1).splitlines()
        title_line = next((ln for ln in front if ln.startswith("title:")), None)
        title = title_line[len("title:"):].strip().strip("\"'") if title_line else ""
        en_of_line = next((ln for ln in front if ln.startswith("en_of:")), None)
        body = match.group(2).strip()
        if required and (not title or not body):
            self.problems.add(display, 2 if not title else 4, both(_("page needs a title and some text")))
            return None
        notes: tuple[CorrectionNote, ...] = ()
        if any(ln.startswith("corrections:") for ln in front):  # YAML, its lines where they are in the file
            root = parse("\n" + match.group(1), display, self.problems)
            fields = self._guard(lambda: root.mapping(optional=("title", "corrections", "en_of"))) if root else None
            notes = self._correction_notes((fields or {}).get("corrections"), "page")
        body_line = source[:match.start(2)].count("\n") + 1 + (len(match.group(2)) - len(match.group(2).lstrip("\n")))
        lines = {"title": 1 + next((i for i, ln in enumerate(front, 1) if ln.startswith("title:")), 1),
                 "text": body_line}
        return PageFile(title, body, en_of_line[len("en_of:"):].strip() if en_of_line else "", notes, lines)


class PageFile(NamedTuple):
    """What one page file says: see Loader._markdown."""

    title: str
    body: str
    en_of: str
    corrections: tuple
    lines: dict[str, int]  # the title's line and the first line of the text


def _kind(kind: str) -> Text:
    """A kind of item ("activity") as a word of a message, in both languages."""
    return both(KIND_NAMES[kind])


def _defined_twice(kind: str, code: str, other) -> Text:
    """A goal or activity whose code another file (other: its file:line) defines too."""
    return both(_("{kind} {code} is defined twice (also in {place})"), kind=_kind(kind), code=code, place=other)


def _turkish_line(node: Node) -> Origin:
    """Where a field's Turkish is written: its `tr:` line, or the value's own."""
    if isinstance(node.node, yaml.MappingNode):
        for key, value in node.node.value:
            if getattr(key, "value", None) == "tr":
                return Origin(node.path, value.start_mark.line + 1)
    return node.origin


def _text_start(node: Node) -> Origin:
    """The line a text of several lines starts on: below `tr: |` (or `duties: |`), where its
    first line is written."""
    where = _turkish_line(node)
    value = node.node
    if isinstance(value, yaml.MappingNode):
        value = next((v for k, v in value.value if getattr(k, "value", None) == "tr"), value)
    block = isinstance(value, yaml.ScalarNode) and value.style in ("|", ">")
    return Origin(where.path, where.line + 1) if block else where


def load(content: Path, cache: LoadCache | None = None) -> Site:
    """The whole site model, or ContentError listing every problem; with `cache` (the
    preview's), what is unchanged since the last load is not read or compared again."""
    return Loader(content, cache).load()
