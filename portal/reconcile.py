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

from portal.kinds import LISTING_KINDS, Category, Kind
from portal.model import ECON_CODES, ZERO, Goal, Origin, Program, Statement, Text
from portal.tables import TextFigure, cell_label, count, figures_in_text, labelled, tables_in
from portal.text import fold
from portal.urls import note_anchor

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
    quote: str = ""  # the words of a page's text that state the figure

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


def _at(page, line: int) -> Origin:
    """Where a line of a page's text (counted from its first line) is in the page's file."""
    start = page.lines.get("text")
    return Origin(page.origin.path, line + (start.line - 1 if start else 0))


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
                                           _at(page, table.line), field=table.caption,
                                           page=slug, row=column,
                                           label=cell_label(page.body.tr, en(slug), table.number, column=column)))
    return out


def text_statements(program: Program) -> tuple[Statement, ...]:
    """What the text of each general page states about its own tables: the statements staff
    wrote (statements.yaml), then each count the text prints right before a label that one
    cell of a table on the same page gives ("10 adet personelimiz okur-yazar": Tablo 6,
    Okuryazar, TOPLAM), where no table agrees with it.  A figure whose words name no single
    cell ("43 kadrolu işçi", "55 kişi istihdam edilmiştir") is left to the written ones:
    nothing is guessed."""
    written = list(program.statements)
    seen = {(st.page, st.table, fold(st.row), st.column) for st in written}
    for slug, page in program.pages.items():
        for figure, caption, row, column in _disagreeing_figures(page.body.tr):
            place = (slug, caption, fold(row), column)
            if place not in seen:
                seen.add(place)
                written.append(Statement(slug, figure.quote, figure.stated, caption, row, column,
                                         _at(page, figure.line)))
    return tuple(written)


@lru_cache(maxsize=256)
def _disagreeing_figures(body: str) -> tuple[tuple[TextFigure, str, str, int], ...]:
    """(figure, table caption, row label, column) of each cell a count of the text names
    and that no table agrees with: kept by the text, since the preview reconciles on
    every save and the official pages do not change."""
    out = []
    for figure in figures_in_text(body):
        cells = labelled(body, figure)
        if any(count(table.rows[row][column]) == figure.stated for table, row, column in cells):
            continue  # the text agrees with a table: the others count something else
        out.extend((figure, table.caption, table.rows[row][0], column) for table, row, column in cells)
    return tuple(out)


def _page_checks(program: Program, english: dict, out: list) -> None:
    """The tables of the general pages against their TOTAL rows, and what the text says
    about a table against the table."""
    en = lambda slug: english[slug].body.en if slug in english else ""  # noqa: E731
    out.extend(page_table_totals(program, english=english))
    for st in text_statements(program):
        body = program.pages[st.page].body
        table = next(t for t in tables_in(body.tr) if t.caption == st.table)
        row = table.row(st.row)
        cell = count(row[st.column])
        if cell != st.stated:
            out.append(Discrepancy(Kind.TEXT_VS_TABLE, f"page {st.page}", int(st.stated), int(cell), st.origin,
                                   field=f"{st.table}, {st.row}", page=st.page, quote=st.quote,
                                   label=cell_label(body.tr, en(st.page), table.number, table.rows.index(row),
                                                    st.column)))


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


# ------------------------------------------------------------ one entry per gap
@dataclass(frozen=True)
class Entry:
    """One disagreement as a reader counts it: a figure or a wording of the document, with
    every place that shows it.  A goal-table row printed 896.000 ₺ short shows in the row's
    own total, against its activity's cost table and in the table's TOTAL: one entry, three
    places.  The first place is the one that shows the whole gap (see `entries`)."""

    key: tuple[str, ...]  # what the gap is: ("goal", "1.6", "row", "2"); its anchor is made from it
    category: Category
    places: tuple[Discrepancy, ...]

    @property
    def lead(self) -> Discrepancy:
        return self.places[0]

    @property
    def id(self) -> str:
        """Its anchor on the data-notes page and its id in discrepancies.csv."""
        return note_anchor(self.key)

    @property
    def programme_wide(self) -> bool:
        """About the programme as a whole (its stated counts, section D), not one goal or page."""
        return self.key[0] in ("programme", "section-d")

    @property
    def amount(self) -> Decimal | int | None:
        """How far apart the figures are (never negative); None for a wording."""
        difference = self.lead.difference
        return None if difference is None else abs(difference)

    def touches(self, attribute: str, value: str) -> bool:
        """Whether a place of the entry concerns this goal, activity or page."""
        return any(getattr(d, attribute) == value for d in self.places)


# Which place leads an entry when several show the same gap: a comparison with the cost
# tables first (the site shows their sums), then the table's own arithmetic.
_LEAD = (Kind.GOAL_TABLE_ROW_VS_COST_TABLE, Kind.SECTION_D_ACTIVITIES_VS_COST_TABLES, Kind.GOAL_TABLE_VS_COST_TABLES,
         Kind.SECTION_D_TOTAL_VS_PROGRAMME, Kind.COST_TABLE_TOTAL, Kind.COST_TABLE_BUDGET, Kind.COST_TABLE_OFF_BUDGET,
         Kind.GOAL_TABLE_ROW_TOTAL, Kind.GOAL_TABLE_SUM)
_FIELDS = ("total", "budget", "off_budget")


def place_key(d: Discrepancy) -> tuple[str, ...]:
    """What a disagreement is about, whichever table shows it: the figure or wording of one
    row, total, name or statement.  Disagreements with one key are one entry, and the
    entry's anchor is made from it (portal/urls.py, note_anchor), so it does not depend on
    where the entry is listed."""
    k = d.kind
    if k in (Kind.GOAL_TABLE_ROW_TOTAL, Kind.GOAL_TABLE_ROW_VS_COST_TABLE):
        return ("goal", d.goal, "row", str(d.row))
    if k in (Kind.GOAL_TABLE_SUM, Kind.GOAL_TABLE_VS_COST_TABLES):
        return ("goal", d.goal, "total")
    if k in (Kind.GOAL_TABLE_ROW_COUNT, Kind.PLAN_ACTIVITY_COUNT, Kind.ANNEX_ACTIVITY_COUNT):
        return ("goal", d.goal, "activities")
    if k in (Kind.PLAN_GOAL_TEXT, Kind.ANNEX_GOAL_TEXT, Kind.STRATEGIC_GOAL_TEXT):
        return ("goal", d.goal, "text")
    if k in (Kind.PLAN_UNIT, Kind.ANNEX_UNIT):
        return ("goal", d.goal, "unit")
    if k in (Kind.COST_TABLE_BUDGET, Kind.COST_TABLE_OFF_BUDGET, Kind.COST_TABLE_TOTAL):
        return ("activity", d.activity, "cost-table")
    if k in (Kind.GOAL_TABLE_ROW_NAME, Kind.PLAN_ACTIVITY_NAME, Kind.ANNEX_ACTIVITY_NAME):
        return ("activity", d.activity, "name")
    if k == Kind.ACTIVITY_UNIT:
        return ("activity", d.activity, "unit")
    if k == Kind.INDICATOR_CODE:
        return ("indicator", d.indicator, "code")
    if k == Kind.STATED_COUNT:
        return ("programme", d.field)
    if k == Kind.SECTION_D_ACTIVITIES_VS_COST_TABLES:
        return ("section-d", "activities") + ((d.field,) if d.field.isdigit() else ())
    if k == Kind.SECTION_D_ROW_TOTAL:
        return ("section-d", "row", d.field)
    if k in (Kind.SECTION_D_COLUMN_SUM, Kind.SECTION_D_OFF_BUDGET_SUM, Kind.SECTION_D_TOTAL):
        return ("section-d", k.value.removeprefix("section_d_"), d.field)
    if k == Kind.SECTION_D_TOTAL_VS_PROGRAMME:
        return ("section-d", "total")
    if k == Kind.PAGE_TABLE_TOTAL:
        return ("page", d.page, d.field, "column", str(d.row))
    if k == Kind.TEXT_VS_TABLE:  # the text's figure, with the words it counts
        return ("page", d.page, "text", *_stated_words(d.quote, d.stated))
    raise ValueError(f"no place for {k}")


def _stated_words(quote: str, stated: int) -> tuple[str, ...]:
    """The figure of a quote and the two words after it that say what it counts."""
    figure = next((f for f in figures_in_text(quote) if f.stated == stated), None)
    return (str(stated), *(figure.label.split()[:2] if figure else ()))


def _category(d: Discrepancy) -> Category:
    if isinstance(d.stated, Decimal):
        return Category.MONEY
    return Category.COUNT if isinstance(d.stated, int) else Category.WORDING


def _carried(total: list[Discrepancy], lines: list[Discrepancy], kind: Kind, against: Kind, by_field: bool) -> bool:
    """Whether a total's disagreement is its lines' gaps carried into it: where the total
    agrees with the sum of its lines, it differs from the other figures (the cost tables) by
    as much as its lines do; where it agrees with the other figures, it differs from its
    lines' sum by as much, the other way round.  `by_field`: a line's budget counts towards
    the total's budget (a goal table's rows), else every line towards the total (section D's
    economic codes towards its budget)."""
    for t in total:
        gaps = sum((d.difference for d in lines if d.kind == kind and (d.field == t.field or not by_field)), ZERO)
        other = any(o.field == t.field and o.kind != t.kind for o in total)
        if other or t.difference != (gaps if t.kind == against else -gaps):
            return False
    return True


def _merge(groups: dict, total_key: tuple, line_keys: list[tuple], kind: Kind, against: Kind,
           by_field: bool = True) -> None:
    """A total whose gap is its lines' is one entry with them: the line's, if there is one
    line (it shows the whole gap), else the total's (only it does)."""
    total, lines = groups.get(total_key), [d for k in line_keys for d in groups[k]]
    if not total or not lines or not _carried(total, lines, kind, against, by_field):
        return
    if len(line_keys) == 1:
        groups[line_keys[0]].extend(groups.pop(total_key))
    else:
        for k in line_keys:
            total.extend(groups.pop(k))


@lru_cache(maxsize=16)
def entries(found: tuple[Discrepancy, ...]) -> tuple[Entry, ...]:
    """The disagreements as the data-notes page lists them, one entry per gap: money first,
    the largest gap first, then counts (largest first), then wordings in the document's
    order."""
    groups: dict[tuple, list[Discrepancy]] = {}
    for d in found:
        groups.setdefault(place_key(d), []).append(d)
    for key in [k for k in groups if k[0] == "goal" and k[2:] == ("total",)]:
        rows = [k for k in groups if k[:3] == ("goal", key[1], "row")]
        _merge(groups, key, rows, Kind.GOAL_TABLE_ROW_VS_COST_TABLE, Kind.GOAL_TABLE_VS_COST_TABLES)
    lines = [k for k in groups if k[:2] == ("section-d", "activities") and len(k) == 3]
    _merge(groups, ("section-d", "activities"), lines, Kind.SECTION_D_ACTIVITIES_VS_COST_TABLES,
           Kind.SECTION_D_ACTIVITIES_VS_COST_TABLES, by_field=False)
    order = {d: i for i, d in enumerate(found)}

    def lead_first(d: Discrepancy):
        gap = d.difference
        return (-abs(gap) if gap is not None else 0, _LEAD.index(d.kind) if d.kind in _LEAD else len(_LEAD),
                _FIELDS.index(d.field) if d.field in _FIELDS else len(_FIELDS), order[d])

    made = [Entry(key, _category(places[0]), tuple(sorted(places, key=lead_first)))
            for key, places in groups.items()]
    rank = list(Category)
    return tuple(sorted(made, key=lambda e: (rank.index(e.category), -(e.amount or 0), min(order[d] for d in e.places))))
