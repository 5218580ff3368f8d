"""Open data: activities.csv and program.json, language-neutral.

Amounts are written as plain decimals with a dot ("72435000.00"), as
strings in JSON so no reader turns them into binary floats.
"""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from portal.amounts import plain
from portal.continuity import Continuity, indicator_history
from portal.model import ECON_CODES, OFF_BUDGET_SOURCES, Goal, Program, Site, Text, UnitDuties
from portal.outputs.datapackage import (
    activities_schema, all_indicator_years, all_years_schema, corrections_schema, discrepancies_schema, goals_schema,
    indicators_schema,
)
from portal.reconcile import Discrepancy, entries


def columns(schema: dict) -> list[str]:
    """A CSV file's header: the names of its fields in the data package, so that the
    description a reader's tools check the file against cannot drift from the file."""
    return [field["name"] for field in schema["fields"]]


ACTIVITY_COLUMNS = columns(activities_schema())  # written for every slice: worked out once
GOAL_COLUMNS = columns(goals_schema())


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """Amounts in the open-data form; text a spreadsheet would run as a formula gets a
    leading apostrophe; other figures stay as they are."""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_START) and not value.lstrip("-").replace(".", "").isdigit():
        return "'" + value
    return value


def csv_file(header: list[str], rows) -> bytes:
    """UTF-8 with a BOM, so spreadsheet programs set to Turkish show the letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# Each table's rows hold typed values (amounts as Decimal): the CSV writes them in the
# open-data form, the spreadsheet as numbers (portal/outputs/spreadsheet.py).
def activity_rows(site: Site, program: Program, activities=None) -> list[list]:
    """One row per activity (all of them, or a goal's or a unit's slice)."""
    rows = []
    for a in program.activities if activities is None else activities:
        unit = site.units[a.unit]
        c = a.cost
        rows.append(
            [program.year, a.code.split(".")[0], a.goal_code, a.code, a.document_code, a.unit,
             unit.name.tr, unit.name.en, a.name.tr, a.name.en]
            + [c.budget_lines[k] for k in ECON_CODES]
            + [c.budget] + [c.off_budget_lines[s] for s in OFF_BUDGET_SOURCES]
            + [c.off_budget, c.total]
        )
    return rows


def activities_csv(site: Site, program: Program, activities=None) -> bytes:
    return csv_file(ACTIVITY_COLUMNS, activity_rows(site, program, activities))


def goal_rows(site: Site, program: Program) -> list[list]:
    rows = []
    for g in program.goals:
        unit = site.units[g.unit]
        rows.append([program.year, g.aim, g.code, g.document_code, g.unit, unit.name.tr, unit.name.en,
                     g.text.tr, g.text.en, len(g.activities), g.budget, g.off_budget,
                     g.total, *_printed(program, g).table_total[::2]])
    return rows


def goals_csv(site: Site, program: Program) -> bytes:
    return csv_file(GOAL_COLUMNS, goal_rows(site, program))


def indicator_rows(program: Program) -> list[list]:
    rows, years = [], program.indicator_years
    for g in program.goals:
        for i in g.indicators:
            values = [i.values[y].tr if y in i.values else "" for y in years]
            rows.append([program.year, g.code, i.code, i.document_code, _printed_code(program, g, i), g.unit,
                         i.name.tr, i.name.en, i.measure.tr, i.measure.en, *values])
    return rows


def indicators_csv(site: Site, program: Program) -> bytes:
    return csv_file(columns(indicators_schema(program.indicator_years)), indicator_rows(program))


def discrepancy_rows(program: Program, discrepancies: tuple[Discrepancy, ...]) -> list[list]:
    """The document's disagreements with itself, one row per entry of the data-notes page, in its
    order: the entry's id (its anchor there), its kind and figures (those of the place that shows
    the whole gap), and every place that shows it."""
    typed = lambda v: "" if v is None else v  # noqa: E731
    rows = []
    for e in entries(discrepancies):
        d = e.lead
        rows.append([program.year, e.id, e.category.value, d.kind.value, d.subject, d.field, d.goal or "",
                     d.activity or "", d.indicator or "", d.page or "", typed(d.stated), typed(d.computed),
                     typed(d.difference), len(e.places), "; ".join(_place(p) for p in e.places), str(d.origin)])
    return rows


def _place(d: Discrepancy) -> str:
    """One place of an entry, for the CSV: 'goal_table_row_total goal 1.6 row 2 total at file:line'."""
    return f"{d.kind.value} {d.subject} {d.field} at {d.origin}".replace("  ", " ")


def discrepancies_csv(program: Program, discrepancies: tuple[Discrepancy, ...]) -> bytes:
    return csv_file(columns(discrepancies_schema()), discrepancy_rows(program, discrepancies))


# ------------------------------------------------------------ every year in one file
def _continuity(found: Continuity, kind: str, year: int, code: str) -> list:
    """previous_year, previous_code and continuity of one row."""
    history = found.history(kind, year, code)
    i = next(n for n, h in enumerate(history) if h.year == year)
    if i == 0:
        return ["", "", "first"]
    step, before = history[i], history[i - 1]
    if step.state in ("", "renumbered"):
        return [before.year, before.code, step.state or "continued"]
    return ["", "", step.state]


def _rows(data: bytes) -> list[str]:
    """A CSV file's rows without its byte-order mark and header."""
    return data.decode("utf-8-sig").split("\r\n", 1)[1].splitlines(keepends=True)


def _all_years(header: list[str], per_year, extra) -> bytes:
    """Each programme's rows as its own file writes them, followed by the continuity
    columns: the same figures, to the kuruş, in one file."""
    rows = []
    for year, data, keys in per_year:
        for line, key in zip(csv.reader(_rows(data)), keys):
            rows.append(line + extra(year, key))
    return csv_file(header, rows)


def all_activities_csv(site: Site, found: Continuity) -> bytes:
    header = columns(all_years_schema(activities_schema(), "activity"))
    return _all_years(header, [(y, activities_csv(site, p), [a.code for a in p.activities])
                               for y, p in sorted(site.programs.items())],
                      lambda y, code: _continuity(found, "activity", y, code))


def all_goals_csv(site: Site, found: Continuity) -> bytes:
    header = columns(all_years_schema(goals_schema(), "goal"))
    return _all_years(header, [(y, goals_csv(site, p), [g.code for g in p.goals])
                               for y, p in sorted(site.programs.items())],
                      lambda y, code: _continuity(found, "goal", y, code))


def all_indicators_csv(site: Site, found: Continuity) -> bytes:
    """Every programme's indicators with a value column for every year any of them prints;
    an indicator continues its goal's indicator of the same Turkish name."""
    years = all_indicator_years(site)
    rows = []
    for year, program in sorted(site.programs.items()):
        first = year == min(site.programs)
        for g in program.goals:
            printed = {code: p for code, p in indicator_history(site, found, year, g.code)}
            for i in g.indicators:
                values = [i.values[y].tr if y in i.values else "" for y in years]
                earlier = [p for p in printed.get(i.code, ()) if p.programme < year]
                previous = found.previous_year(year)
                if first:
                    extra = ["", "", "first"]
                elif earlier and earlier[-1].programme == previous:
                    extra = [previous, earlier[-1].code, "continued" if earlier[-1].code == i.code else "renumbered"]
                else:
                    extra = ["", "", "unmatched"]
                rows.append([year, g.code, i.code, i.document_code, _printed_code(program, g, i), g.unit,
                             i.name.tr, i.name.en, i.measure.tr, i.measure.en, *values, *extra])
    return csv_file(columns(all_years_schema(indicators_schema(years), "indicator")), rows)


def correction_rows(program: Program) -> list[list]:
    """Every published correction of the official document, one row each."""
    return [[program.year, c.kind, c.code, c.field, c.label.tr, c.label.en, _corrected(c.official) or "",
             _corrected(c.corrected) or "", c.date.isoformat(), c.reason.tr, c.reason.en, c.authority.tr,
             c.authority.en] for c in program.corrected]


def corrections_csv(program: Program) -> bytes:
    return csv_file(columns(corrections_schema()), correction_rows(program))


def _printed(program: Program, goal: Goal) -> Goal:
    """The goal as the document prints it: its goal table and misprinted codes."""
    return program.reading.goal(goal.code) if program.reading.has_goal(goal.code) else goal


def _row_name(program: Program, goal: Goal, row) -> Text:
    """A goal-table row's name as printed, with the English of its activity where the
    activity's printed name is the same words."""
    printed = {a.number: a.name.tr for a in _printed(program, goal).activities}
    activity = next((a for a in goal.activities if a.number == row.number), None)
    same = activity is not None and printed.get(row.number) == row.name.tr
    return Text(row.name.tr, activity.name.en if same else "")


def _printed_code(program: Program, goal: Goal, indicator) -> str:
    printed = next((i for i in _printed(program, goal).indicators if i.code == indicator.code), indicator)
    return printed.printed_code or indicator.document_code


def _corrected(value):
    return None if value is None else value.tr if isinstance(value, Text) else plain(value)


def _text(t: Text) -> dict:
    return {"tr": t.tr, "en": t.en}


def _duties(duties: UnitDuties | None) -> dict | None:
    """What the programme states a unit does, and where: the general page and the heading, as printed."""
    return None if duties is None else {"text": _text(duties.text), "page": duties.page, "heading": duties.heading}


def _value(v):
    return plain(v) if isinstance(v, Decimal) else v


def _discrepancy(d: Discrepancy, entry: str) -> dict:
    return {"entry": entry, "kind": d.kind, "subject": d.subject, "field": d.field,
            "goal": d.goal, "activity": d.activity, "page": d.page,
            "stated": _value(d.stated), "computed": _value(d.computed),
            "difference": _value(d.difference), "source": str(d.origin)}


def program_json(site: Site, program: Program, discrepancies: tuple[Discrepancy, ...]) -> bytes:
    entry = {d: e.id for e in entries(discrepancies) for d in e.places}  # each under its entry's id
    goals = []
    for g in program.goals:
        goals.append({
            "code": g.code, "aim": g.aim, "unit": g.unit, "text": _text(g.text),
            "indicators": [{"code": i.code, "name": _text(i.name), "measure": _text(i.measure),
                            "values": {y: _text(v) for y, v in i.values.items()}} for i in g.indicators],
            "activities": [{
                "code": a.code, "document_code": a.document_code, "name": _text(a.name), "unit": a.unit,
                "budget_by_econ": {str(k): plain(v) for k, v in a.cost.budget_lines.items()},
                "budget": plain(a.cost.budget),
                "off_budget_by_source": {k: plain(v) for k, v in a.cost.off_budget_lines.items()},
                "off_budget": plain(a.cost.off_budget), "total": plain(a.cost.total),
            } for a in g.activities],
            "goal_table_as_printed": {
                "rows": [{"number": r.number, "name": _text(_row_name(program, g, r)), "budget": plain(r.budget),
                          "off_budget": plain(r.off_budget), "total": plain(r.total)}
                         for r in _printed(program, g).table_rows],
                "total": dict(zip(("budget", "off_budget", "total"), map(plain, _printed(program, g).table_total))),
            },
            "budget": plain(g.budget), "off_budget": plain(g.off_budget), "total": plain(g.total),
        })
    d = program.section_d

    def row(r) -> dict:  # as printed: the total too is the document's, not a sum
        printed = {"activities": plain(r.activities), "general_administration": plain(r.general_administration),
                   "other_administrations": plain(r.other_administrations)}
        if r.stated_total is not None:
            printed["total"] = plain(r.stated_total)
        return printed
    data = {
        "year": program.year,
        "municipality": _text(site.municipality),
        "title": _text(program.title),
        "currency": "TRY",
        "mission": _text(program.mission), "vision": _text(program.vision),
        "values": [_text(v) for v in program.values],
        "aims": [{"number": a.number, "name": _text(a.name)} for a in program.aims],
        "units": [{"slug": u.slug, "name": _text(u.name), "duties": _duties(program.duties.get(u.slug))}
                  for u in site.units.values()],
        "goals": goals,
        "totals": {
            "budget": plain(program.budget), "off_budget": plain(program.total - program.budget),
            "total": plain(program.total),
            "budget_by_econ": {str(k): plain(v) for k, v in program.totals.by_econ.items()},
        },
        "section_d_as_printed": {
            "budget_by_econ": {str(k): row(r) for k, r in d.budget_lines.items()},
            "budget": row(d.stated_budget),
            "off_budget_by_source": {k: row(r) for k, r in d.off_budget_lines.items()},
            "off_budget": row(d.stated_off_budget),
            "total": row(d.stated_total),
        },
        "stated_counts": program.stated_counts,
        "discrepancies": [_discrepancy(x, entry[x]) for x in discrepancies],
        "corrections": [{"item": c.kind, "code": c.code, "field": c.field, "official": _corrected(c.official),
                         "corrected": _corrected(c.corrected), "date": c.date.isoformat(), "reason": _text(c.reason),
                         "authority": _text(c.authority)} for c in program.corrected],
    }
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
