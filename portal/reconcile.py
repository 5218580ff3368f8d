"""Where the official document disagrees with itself.

Every total is recomputed from its lines and compared with what the
document prints; every count it states is compared with what it lists.
Nothing is corrected: the list is published on the data-notes page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from portal.kinds import LISTING_KINDS, Kind
from portal.model import ECON_CODES, ZERO, Goal, Origin, Program, Text
from portal.tables import cell_label, count, tables_in
from portal.text import fold

# Below this similarity two wordings of one name are different names, not
# spelling variants ("Erzak Yardımı" vs "Gıda, Giyim, ... Yardımı").
SAME_NAME = 0.85


@dataclass(frozen=True)
class Discrepancy:
    kind: Kind  # a published key; the site words each kind in both languages
    subject: str  # for people reading the build log: "activity 1.5.2", "goal 4.5 row 2", "section D"
    stated: Decimal | int | str
    computed: Decimal | int | str
    origin: Origin
    goal: str | None = None
    activity: str | None = None
    field: str = ""  # which figure: budget, off_budget, total, activities, unit, text, name, code, or an econ code
    row: int | None = None  # goal-table row
    indicator: str | None = None
    page: str | None = None  # a general-information page, for its tables
    label: Text | None = None  # where on that page, in both languages: "Tablo 6, Okuryazar"

    @property
    def difference(self) -> Decimal | int | None:
        if isinstance(self.stated, (Decimal, int)) and isinstance(self.computed, (Decimal, int)):
            return self.stated - self.computed
        return None

    def __str__(self) -> str:
        what = f" {self.field}" if self.field else ""
        return (f"{self.origin}: {self.subject}{what} ({self.kind}): document states {self.stated}, "
                f"lines give {self.computed}")


def _amount(out, kind, subject, field, stated, computed, origin, goal=None, activity=None, row=None):
    if stated != computed:
        out.append(Discrepancy(kind, subject, stated, computed, origin, goal, activity, field, row))


def _activity_checks(program: Program, out: list) -> None:
    for a in program.activities:
        c, s = a.cost, f"activity {a.code}"
        _amount(out, Kind.COST_TABLE_BUDGET, s, "budget", c.stated_budget, c.budget, a.origin, a.goal_code, a.code)
        _amount(out, Kind.COST_TABLE_OFF_BUDGET, s, "off_budget", c.stated_off_budget, c.off_budget, a.origin,
                a.goal_code, a.code)
        _amount(out, Kind.COST_TABLE_TOTAL, s, "total", c.stated_total, c.stated_budget + c.stated_off_budget,
                a.origin, a.goal_code, a.code)


def _goal_table_checks(goal: Goal, out: list) -> None:
    s = f"goal {goal.code}"
    for row in goal.table_rows:
        _amount(out, Kind.GOAL_TABLE_ROW_TOTAL, f"{s} row {row.number}", "total", row.total,
                row.budget + row.off_budget, row.origin, goal.code, row=row.number)
    budget, off, total = goal.table_total
    origin = goal.table_total_origin
    rows = goal.table_rows
    _amount(out, Kind.GOAL_TABLE_SUM, s, "budget", budget, sum((r.budget for r in rows), ZERO), origin, goal.code)
    _amount(out, Kind.GOAL_TABLE_SUM, s, "off_budget", off, sum((r.off_budget for r in rows), ZERO), origin,
            goal.code)
    _amount(out, Kind.GOAL_TABLE_SUM, s, "total", total, sum((r.total for r in rows), ZERO), origin, goal.code)
    _amount(out, Kind.GOAL_TABLE_VS_COST_TABLES, s, "budget", budget, goal.budget, origin, goal.code)
    _amount(out, Kind.GOAL_TABLE_VS_COST_TABLES, s, "total", total, goal.total, origin, goal.code)
    if len(rows) != len(goal.activities):
        out.append(Discrepancy(Kind.GOAL_TABLE_ROW_COUNT, s, len(rows), len(goal.activities), origin, goal.code,
                               field="activities"))
    by_number = {a.number: a for a in goal.activities}
    for row in rows:
        a = by_number.get(row.number)
        if a is None:
            continue
        for field, stated, computed in (("budget", row.budget, a.cost.budget),
                                        ("off_budget", row.off_budget, a.cost.off_budget),
                                        ("total", row.total, a.cost.total)):
            _amount(out, Kind.GOAL_TABLE_ROW_VS_COST_TABLE, f"{s} row {row.number}", field, stated, computed,
                    row.origin, goal.code, a.code, row=row.number)


@lru_cache(maxsize=4096)
def _similar(a: str, b: str) -> bool:
    words = lambda t: " ".join(re.findall(r"\w+", fold(t)))  # noqa: E731
    a, b = words(a), words(b)
    return a == b or SequenceMatcher(None, a, b).ratio() >= SAME_NAME  # most names agree word for word


def _text_checks(goal: Goal, out: list) -> None:
    s = f"goal {goal.code}"
    if goal.strategic_goal_text and not _similar(goal.strategic_goal_text, goal.text.tr):
        out.append(Discrepancy(Kind.STRATEGIC_GOAL_TEXT, s, goal.strategic_goal_text, goal.text.tr, goal.origin,
                               goal.code, field="text"))
    for name, listing in goal.listings.items():
        if not _similar(listing.text, goal.text.tr):
            out.append(Discrepancy(LISTING_KINDS[name].goal_text, s, listing.text, goal.text.tr, listing.origin,
                                   goal.code, field="text"))
        if len(listing.activities) == len(goal.activities):
            for (listed, _), a in zip(listing.activities, goal.activities):
                if not _similar(listed, a.name.tr):
                    out.append(Discrepancy(LISTING_KINDS[name].activity_name, f"activity {a.code}", listed, a.name.tr,
                                           listing.origin, goal.code, a.code, field="name"))
    by_number = {a.number: a for a in goal.activities}
    for row in goal.table_rows:
        a = by_number.get(row.number)
        if a is not None and not _similar(row.name.tr, a.name.tr):
            out.append(Discrepancy(Kind.GOAL_TABLE_ROW_NAME, f"activity {a.code}", row.name.tr, a.name.tr,
                                   row.origin, goal.code, a.code, field="name"))
    for ind in goal.indicators:
        # "PG1.12.1" only drops a dot; "PG1.1.2.2" for 1.12.2 names another indicator.
        if ind.printed_code and re.findall(r"\d+", ind.printed_code) != re.findall(r"\d+", ind.code):
            out.append(Discrepancy(Kind.INDICATOR_CODE, f"indicator {ind.code}", ind.printed_code,
                                   ind.document_code, ind.origin, goal.code, field="code", indicator=ind.code))


def _listing_checks(goal: Goal, out: list) -> None:
    s = f"goal {goal.code}"
    for name, listing in goal.listings.items():
        if len(listing.activities) != len(goal.activities):
            out.append(Discrepancy(LISTING_KINDS[name].activity_count, s, len(listing.activities), len(goal.activities),
                                   listing.origin, goal.code, field="activities"))
        if listing.unit != goal.unit:
            out.append(Discrepancy(LISTING_KINDS[name].unit, s, listing.unit, goal.unit, listing.origin, goal.code,
                                   field="unit"))
    for a in goal.activities:
        if a.unit != goal.unit:
            out.append(Discrepancy(Kind.ACTIVITY_UNIT, f"activity {a.code}", a.unit, goal.unit, a.origin,
                                   goal.code, a.code, field="unit"))


def _section_d_checks(program: Program, out: list) -> None:
    d, s = program.section_d, "section D"
    for code, row in d.budget_lines.items():
        _amount(out, Kind.SECTION_D_ROW_TOTAL, s, str(code), row.stated_total, row.total, row.origin)
    for column in ("activities", "general_administration", "other_administrations"):
        lines = sum((getattr(r, column) for r in d.budget_lines.values()), ZERO)
        _amount(out, Kind.SECTION_D_COLUMN_SUM, s, column, getattr(d.stated_budget, column), lines,
                d.stated_budget.origin)
    _amount(out, Kind.SECTION_D_COLUMN_SUM, s, "total", d.stated_budget.stated_total, d.budget,
            d.stated_budget.origin)
    for column in ("activities", "general_administration", "other_administrations"):
        sources = sum((getattr(r, column) for r in d.off_budget_lines.values()), ZERO)
        _amount(out, Kind.SECTION_D_OFF_BUDGET_SUM, s, column, getattr(d.stated_off_budget, column), sources,
                d.stated_off_budget.origin)
        _amount(out, Kind.SECTION_D_TOTAL, s, column, getattr(d.stated_total, column),
                getattr(d.stated_budget, column) + getattr(d.stated_off_budget, column), d.stated_total.origin)
    _amount(out, Kind.SECTION_D_TOTAL, s, "total", d.stated_total.stated_total, d.total,
            d.stated_total.origin)
    by_econ = program.totals.by_econ
    for code in ECON_CODES:
        row = d.budget_lines[code]
        _amount(out, Kind.SECTION_D_ACTIVITIES_VS_COST_TABLES, s, str(code), row.activities, by_econ[code],
                row.origin)
    _amount(out, Kind.SECTION_D_ACTIVITIES_VS_COST_TABLES, s, "budget", d.stated_budget.activities,
            program.budget, d.stated_budget.origin)
    _amount(out, Kind.SECTION_D_TOTAL_VS_PROGRAMME, s, "total", d.stated_total.stated_total, program.total,
            d.stated_total.origin)


def page_table_totals(program: Program, slugs=None, english: dict | None = None) -> list[Discrepancy]:
    """Each column of the general pages' tables (of `slugs`, or all) against its TOTAL row.
    Cells are labelled in English from the translated pages (`english`: slug -> page)."""
    english = english or {}
    en = lambda slug: english[slug].body.en if slug in english else ""  # noqa: E731
    out: list[Discrepancy] = []
    for slug, page in program.pages.items():
        if slugs is not None and slug not in slugs:
            continue
        for table in tables_in(page.body.tr):
            total = table.total_row()
            if total is None:
                continue
            rows = [r for r in table.rows if r is not total and any(count(c) is not None for c in r[1:])]
            for column in range(1, len(total)):
                stated = count(total[column])
                if stated is None:
                    continue
                summed = sum((count(r[column]) or Decimal(0) for r in rows if column < len(r)), Decimal(0))
                if summed != stated:
                    out.append(Discrepancy(Kind.PAGE_TABLE_TOTAL, f"page {slug}", int(stated), int(summed),
                                           Origin(page.origin.path, table.line), field=table.caption,
                                           page=slug, row=column,
                                           label=cell_label(page.body.tr, en(slug), table.number, 0, column)))
    return out


def _page_checks(program: Program, english: dict, out: list) -> None:
    """The tables of the general pages against their TOTAL rows, and what the text says
    about a table against the table."""
    en = lambda slug: english[slug].body.en if slug in english else ""  # noqa: E731
    out.extend(page_table_totals(program, english=english))
    for st in program.statements:
        body = program.pages[st.page].body
        table = next(t for t in tables_in(body.tr) if t.caption == st.table)
        row = table.row(st.row)
        cell = count(row[st.column])
        if cell != st.stated:
            out.append(Discrepancy(Kind.TEXT_VS_TABLE, f"page {st.page}", int(st.stated), int(cell), st.origin,
                                   field=f"{st.table}, {st.row}", page=st.page,
                                   label=cell_label(body.tr, en(st.page), table.number, table.rows.index(row))))


def _count_checks(program: Program, out: list) -> None:
    origin = program.origin
    counted = {"aims": len(program.aims), "goals": len(program.goals), "activities": len(program.activities)}
    for key, stated in program.stated_counts.items():
        if stated != counted[key]:
            out.append(Discrepancy(Kind.STATED_COUNT, "programme", stated, counted[key], origin, field=key))


def reconcile(program: Program) -> tuple[Discrepancy, ...]:
    """Every disagreement in the document, in reading order: the official reading's, so
    that nothing staff edit shows as the document's contradiction."""
    english, program = program.pages, program.reading
    out: list[Discrepancy] = []
    _count_checks(program, out)
    for goal in program.goals:
        _listing_checks(goal, out)
        _text_checks(goal, out)
        _goal_table_checks(goal, out)
    _activity_checks(program, out)
    _section_d_checks(program, out)
    _page_checks(program, english, out)
    return tuple(out)
