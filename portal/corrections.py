"""The editable content against the official reading: every difference is a correction.

A figure or a Turkish text that differs from what the document prints is
published only with staff's note on it (`corrections:` on the item: which
field, why, on what authority, since when).  Without the note the build
stops, one line per difference, naming the line, the official value and
the edited one: a typo never reaches the site as a figure.  With the note,
the site shows the corrected value and says what the document printed.
Even then, an amount a hundred times off its official value, or a line that
no longer adds up to a total the document prints, is warned about.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from portal.amounts import turkish_amount
from portal.errors import Problem, Problems, one_line
from portal.fieldnames import field_label
from portal.i18n import both
from portal.labels import _
from portal.model import (
    ECON_CODES, OFF_BUDGET_SOURCES, Correction, CorrectionNote, Goal, Origin, Program, Text,
)
from portal.reconcile import page_table_totals

# The fields a correction can name, per kind of item, as the content file spells them.
CORRECTABLE = {
    "programme": ("title", "mission", "vision"),
    "aim": ("name",),
    "goal": ("text", "unit"),
    "indicator": ("name", "measure"),
    "activity": ("name", "unit"),
    "page": ("title", "text"),
    "unit": ("duties",),  # as one programme states them (content/<year>/duties.yaml)
}
CORRECTABLE_NUMBERED = {
    "programme": (("values", re.compile(r"^[1-9]\d*$")),),
    "indicator": (("values", re.compile(r"^\d{4}$")),),
    "activity": (("budget", re.compile(f"^[{ECON_CODES[0]}-{ECON_CODES[-1]}]$")),
                 ("off_budget", re.compile(f"^(?:{'|'.join(OFF_BUDGET_SOURCES)})$"))),
}
CORRECTABLE_SHOWN = {
    "programme": ("title", "mission", "vision", "values.1"),
    "aim": ("name",),
    "goal": ("text", "unit"),
    "indicator": ("name", "measure", "values.2024"),
    "activity": ("name", "unit", "budget.1 … budget.9", *(f"off_budget.{s}" for s in OFF_BUDGET_SOURCES)),
    "page": ("title", "text"),
    "unit": ("duties",),
}
MAGNITUDE = 100  # a corrected amount this many times above or below the official one is suspect


@dataclass(frozen=True)
class Value:
    """One correctable field of one item: its official and its edited value, comparable."""

    field: str
    official: object  # a Decimal or a text (folded of runs of white space); None: not in that reading
    edited: object
    shown_official: Decimal | Text | None  # as readers see it: an amount, or a text (a unit by its name)
    shown_edited: Decimal | Text | None


def _words(text: Text | None) -> str | None:
    return None if text is None else " ".join(text.tr.split())


def _text_values(pairs) -> list[Value]:
    """Turkish texts, compared word for word: the document's wording is Turkish only."""
    turkish = lambda t: Text(t.tr) if t is not None else None  # noqa: E731
    return [Value(f, _words(o), _words(e), turkish(o), turkish(e)) for f, o, e in pairs]


def _amount_values(pairs) -> list[Value]:
    return [Value(f, o, e, o, e) for f, o, e in pairs]


def _unit_value(official: str, edited: str, units: dict) -> Value:
    name = lambda slug: units[slug].name if slug in units else Text(slug)  # noqa: E731
    return Value("unit", official, edited, name(official), name(edited))


def as_written(value: Decimal | Text | None) -> str:
    """A value as the content file and the document write it (for staff's messages)."""
    if value is None:
        return "–"
    return turkish_amount(value) if isinstance(value, Decimal) else value.tr


class Comparison:
    """One programme year's edited content against its official reading."""

    def __init__(self, official: Program, edited: Program, problems: Problems, units: dict,
                 kept: dict | None = None):
        self.official, self.edited, self.problems, self.units = official, edited, problems, units
        self.corrected: list[Correction] = []
        self.warnings: list[Problem] = []
        self.kept = {} if kept is None else kept  # goal file -> what comparing it found

    # -------------------------------------------------------------- items
    def run(self) -> Program:
        o, e = self.official, self.edited
        values = [(f"values.{i}", o.values[i - 1] if i <= len(o.values) else None,
                   e.values[i - 1] if i <= len(e.values) else None)
                  for i in range(1, max(len(o.values), len(e.values)) + 1)]
        self.item("programme", str(e.year), lambda: both(_("the programme")), e.corrections, e.lines, e.origin,
                  _text_values([("title", o.title, e.title), ("mission", o.mission, e.mission),
                                ("vision", o.vision, e.vision), *values]))
        self.matched("aim", {a.number: a for a in o.aims}, {a.number: a for a in e.aims}, self.aim)
        self.matched("goal", {g.code: g for g in o.goals}, {g.code: g for g in e.goals}, self.goal)
        for slug in sorted(set(o.pages) & set(e.pages)):  # a page the import missed is staff's own
            self.page(o.pages[slug], e.pages[slug])
        self.duties(o.duties, e.duties)
        self.plausible()
        # where the document states each unit's duties is the official reading's
        duties = {slug: replace(d, page=o.duties[slug].page, heading=o.duties[slug].heading)
                  for slug, d in e.duties.items() if slug in o.duties}
        return replace(e, official=o, section_d=o.section_d, stated_counts=o.stated_counts, duties=duties,
                       corrected=tuple(self.corrected), warnings=tuple(self.warnings))

    def matched(self, kind: str, official: dict, edited: dict, compare_item) -> None:
        """Items pair by code; the content cannot add or drop an item of the document."""
        for key, item in edited.items():
            if key in official:
                compare_item(official[key], item)
            else:
                self.problems.add(item.origin.path, item.origin.line, both(
                    _("{kind} {code} is not in the official document; the programme's items come from the "
                      "document (import its revised text to add one)"), kind=both(KIND_NAMES[kind]), code=key))
        for key, item in official.items():
            if key not in edited:
                where = self.edited.origin
                self.problems.add(where.path, where.line, both(
                    _("{kind} {code} of the official document is missing from the content ({file}); "
                      "restore it"), kind=both(KIND_NAMES[kind]), code=key, file=item.origin.path))

    def aim(self, o, e) -> None:
        self.item("aim", str(e.number), lambda: both(_("aim {code} ({name})"), code=e.number, name=e.name),
                  e.corrections, e.lines, e.origin, _text_values([("name", o.name, e.name)]))

    def goal(self, o: Goal, e: Goal) -> None:
        """A goal with its indicators and activities: what comparing the same two goals (the
        loader's objects, kept while their files are unchanged) found is taken as it was."""
        file, before = e.origin.path, (len(self.problems.items), len(self.corrected), len(self.warnings))
        found = self.kept.get(file)
        if found is not None and found[0] is o and found[1] is e and found[2] == self.units:
            self.corrected.extend(found[3])
            self.warnings.extend(found[4])
            return
        self._goal(o, e)
        if len(self.problems.items) == before[0]:
            self.kept[file] = (o, e, self.units, self.corrected[before[1]:], self.warnings[before[2]:])
        else:
            self.kept.pop(file, None)

    def _goal(self, o: Goal, e: Goal) -> None:
        self.item("goal", e.code, lambda: both(_("goal {code}"), code=e.code), e.corrections, e.lines, e.origin,
                  [*_text_values([("text", o.text, e.text)]), _unit_value(o.unit, e.unit, self.units)], e.code)
        self.matched("indicator", {i.code: i for i in o.indicators}, {i.code: i for i in e.indicators},
                     lambda oi, ei: self.item(
                         "indicator", ei.code, lambda: both(_("indicator {code} ({name})"), code=ei.code, name=ei.name),
                         ei.corrections, ei.lines, ei.origin,
                         _text_values([("name", oi.name, ei.name), ("measure", oi.measure, ei.measure),
                                       *((f"values.{y}", oi.values.get(y), ei.values.get(y))
                                         for y in sorted(set(oi.values) | set(ei.values)))]), e.code))
        self.matched("activity", {a.code: a for a in o.activities}, {a.code: a for a in e.activities},
                     lambda oa, ea: self.item(
                         "activity", ea.code, lambda: both(_("activity {code} ({name})"), code=ea.code, name=ea.name),
                         ea.corrections, ea.lines, ea.origin,
                         [*_text_values([("name", oa.name, ea.name)]), _unit_value(oa.unit, ea.unit, self.units),
                          *_amount_values((f"budget.{c}", oa.cost.budget_lines[c], ea.cost.budget_lines[c])
                                          for c in ECON_CODES),
                          *_amount_values((f"off_budget.{s}", oa.cost.off_budget_lines[s],
                                           ea.cost.off_budget_lines[s]) for s in OFF_BUDGET_SOURCES)], e.code))

    def page(self, o, e) -> None:
        """A general page: its Turkish title, and its text (line by line)."""
        lines = dict(e.lines)
        text = _prose_value("text", o.body.tr, e.body.tr, lines)
        self.item("page", e.slug, lambda: both(_("general page {name}"), name=e.title), e.corrections, lines, e.origin,
                  [*_text_values([("title", o.title, e.title)]), text])

    def duties(self, official: dict, edited: dict) -> None:
        """Units' duties pair by unit; only the document states a unit's duties, so the content
        can neither add nor drop one.  The text is compared line by line."""
        for slug, e in edited.items():
            if slug not in official:
                self.problems.add(e.origin.path, e.origin.line, both(
                    _("unit {slug}: the official document does not state its duties; a unit's duties come from "
                      "the document (import its revised text). Write your own words about the unit in its "
                      "description (units/{slug}.yaml)"), slug=slug))
                continue
            o, lines = official[slug], dict(e.lines)
            text = _prose_value("duties", o.text.tr, e.text.tr, lines)
            self.item("unit", slug, lambda: both(_("unit {slug}"), slug=slug), e.corrections, lines, e.origin, [text])
        for slug, o in official.items():
            if slug not in edited:
                where = self.edited.origin
                self.problems.add(where.path, where.line, both(
                    _("unit {slug}: the duties the official document states ({file}) are missing from the "
                      "content; restore them"), slug=slug, file=o.origin.path))

    # -------------------------------------------------------------- fields
    def item(self, kind: str, code: str, named, notes: tuple[CorrectionNote, ...], lines: dict,
             origin: Origin, values: list[Value], goal: str = "") -> None:
        """One item's fields against the official ones; named() is the item's name in messages,
        worded only when there is something to say (most items have nothing)."""
        if not notes and all(v.official == v.edited for v in values):
            return
        name = named()
        by_field: dict[str, CorrectionNote] = {}
        for note in notes:
            if note.field in by_field:
                self.problems.add(note.origin.path, note.origin.line, both(
                    _("{item}: the field {field} has a correction already (line {line})"), item=name,
                    field=note.field, line=by_field[note.field].origin.line))
            by_field.setdefault(note.field, note)
        for v in values:
            note = by_field.pop(v.field, None)
            where = lines.get(v.field, origin)
            if v.official == v.edited:
                if note is not None:
                    label = field_label(v.field)
                    self.warn(note.origin, both(
                        _("{item}: the correction of {label} changes nothing: the content says what the "
                          "official document prints ({official}); remove the note"),
                        item=name, label=label, official=as_written(v.shown_official)))
                continue
            label = field_label(v.field)
            if note is None:
                self.problems.add(where.path, where.line, both(
                    _("{item}: {label}: the official document prints “{official}”, the content says “{edited}”. "
                      "If this corrects the document, record it in the item's corrections: (field: {field}, "
                      "reason, authority, date); if it is a typo, write the official value back"),
                    item=name, label=label, official=as_written(v.shown_official), edited=as_written(v.shown_edited),
                    field=v.field))
                continue
            self.corrected.append(Correction(kind, code, v.field, label, v.shown_official, v.shown_edited,
                                             note.reason, note.authority, note.date, note.origin, goal))
            if isinstance(v.official, Decimal) and v.official and v.edited and (
                    v.edited >= v.official * MAGNITUDE or v.edited * MAGNITUDE <= v.official):
                above = v.edited > v.official
                ratio = round(v.edited / v.official if above else v.official / v.edited)
                message = (_("{item}: {label} is corrected to {edited}, about {factor} times the official {official}: "
                             "check the figure") if above else
                           _("{item}: {label} is corrected to {edited}, about a {factor}th of the official {official}: "
                             "check the figure"))
                self.warn(where, both(message, item=name, label=label, edited=as_written(v.shown_edited),
                                      official=as_written(v.shown_official),
                                      factor=Text(f"{ratio:,}".replace(",", "."), f"{ratio:,}")))
        for field_name, note in by_field.items():
            if not any(v.field == field_name for v in values):
                self.warn(note.origin, both(_("{item}: the correction names {field}, which this item does not "
                                              "have; remove the note"), item=name, field=field_name))

    def warn(self, origin: Origin, message: Text) -> None:
        self.warnings.append(Problem(f"{origin}: {one_line(message.en)}", f"{origin}: {one_line(message.tr)}"))

    # ------------------------------------------------- totals the document prints
    def plausible(self) -> None:
        """Where the official lines add up to a printed total and the corrected ones do not."""
        o, e = self.official, self.edited
        corrected = {(c.kind, c.code) for c in self.corrected}
        if not corrected:
            return
        self.page_tables_add_up(corrected)
        for oa in o.activities:
            if ("activity", oa.code) not in corrected or not e.has_activity(oa.code):
                continue
            ea, c = e.activity(oa.code), oa.cost
            for label, printed, before, after in (
                    (_("the cost table's printed budget total"), c.stated_budget, c.budget, ea.cost.budget),
                    (_("the cost table's printed off-budget total"), c.stated_off_budget, c.off_budget,
                     ea.cost.off_budget),
                    (_("the cost table's printed total"), c.stated_total, c.total, ea.cost.total)):
                self.adds_up(ea.corrections[0].origin if ea.corrections else ea.origin,
                             both(_("activity {code}"), code=oa.code), both(label), printed, before, after)
        for og in o.goals:
            if not e.has_goal(og.code) or og.table_total is None:
                continue
            eg = e.goal(og.code)
            touched = [a for a in eg.activities if ("activity", a.code) in corrected]
            if not touched:
                continue
            where = touched[0].corrections[0].origin
            for row in og.table_rows:
                oa = next((a for a in og.activities if a.number == row.number), None)
                ea = next((a for a in touched if a.number == row.number), None)
                if oa is not None and ea is not None:
                    self.adds_up(where, both(_("activity {code}"), code=ea.code),
                                 both(_("its row in the goal table")), row.total, oa.cost.total, ea.cost.total)
            self.adds_up(where, both(_("goal {code}"), code=og.code), both(_("the goal table's printed TOTAL")),
                         og.table_total[2], og.total, eg.total)
        d = o.section_d
        if d is not None and any(kind == "activity" for kind, _code in corrected):
            where = next(c.origin for c in self.corrected if c.kind == "activity")
            before, after = o.totals.by_econ, e.totals.by_econ
            for code in ECON_CODES:
                self.adds_up(where, both(_("section D")), both(_("its activities column for {code}"), code=code),
                             d.budget_lines[code].activities, before[code], after[code])
            self.adds_up(where, both(_("section D")), both(_("its printed grand total")), d.stated_total.stated_total,
                         o.total, e.total)

    def page_tables_add_up(self, corrected: set) -> None:
        """A corrected general page whose tables' TOTAL rows add up in the document, and no longer do."""
        pages = [slug for kind, slug in corrected if kind == "page"]
        if not pages:
            return
        printed = {(d.page, d.field, d.row) for d in page_table_totals(self.official, pages)}
        for d in page_table_totals(self.edited, pages):
            if (d.page, d.field, d.row) not in printed:
                note = self.edited.pages[d.page].corrections[0].origin
                self.warn(note, both(_("general page {page}: after the corrections, column {column} of {table} adds "
                                       "up to {summed}, but its TOTAL row says {stated}, as the column did before"),
                                     page=d.page, column=d.row, table=d.field, summed=d.computed, stated=d.stated))

    def adds_up(self, where: Origin, item: Text, label: Text, printed: Decimal | None, before: Decimal,
                after: Decimal) -> None:
        if printed is not None and printed == before and printed != after:
            self.warn(where, both(_("{item}: after the corrections its lines add up to {after}, but {label} "
                                    "is {printed}, as the lines did before"), item=item, label=label,
                                  after=turkish_amount(after), printed=turkish_amount(printed)))


def _prose_value(field: str, official: str, edited: str, lines: dict) -> Value:
    """A Turkish text of many lines, compared line by line (re-wrapping changes nothing): a
    difference is reported on the line where it starts (lines[field] is moved there, from
    where the text starts), quoting that line rather than the whole text."""
    text = Value(field, _text_lines(official), _text_lines(edited), Text(official), Text(edited))
    if text.official == text.edited:
        return text
    first = next((i for i, (a, b) in enumerate(zip(text.official, text.edited)) if a != b),
                 min(len(text.official), len(text.edited)))
    start = lines[field]
    lines[field] = Origin(start.path, start.line + _body_line(edited, first))
    return Value(field, text.official, text.edited, Text(_excerpt(text.official, first)),
                 Text(_excerpt(text.edited, first)))


def _text_lines(text: str) -> tuple[str, ...]:
    """A page's text as its non-empty lines, each of single spaces: re-wrapping changes nothing."""
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _body_line(text: str, index: int) -> int:
    """The line (from 0) of a page's text on which its index-th non-empty line is."""
    found = [n for n, line in enumerate(text.splitlines()) if line.strip()]
    return found[index] if index < len(found) else len(text.splitlines())


def _excerpt(lines: tuple[str, ...], index: int) -> str:
    """The line where two texts part, to quote in a message or a notice."""
    return lines[index] if index < len(lines) else "–"


KIND_NAMES = {"aim": _("aim"), "goal": _("goal"), "indicator": _("indicator"), "activity": _("activity"),
              "programme": _("programme"), "page": _("general page"), "unit": _("unit")}


def compare(official: Program, edited: Program, problems: Problems, units: dict | None = None,
            kept: dict | None = None) -> Program:
    """The edited programme with its corrections and warnings, and its official reading
    attached; each unrecorded difference is added to problems.  `kept` (the preview's)
    holds each goal's comparison while neither of its two files changes."""
    return Comparison(official, edited, problems, units or {}, kept).run()

