"""Section C: each goal's table (Performans Hedefi Tablosu) and its activities'
cost tables (Faaliyet Maliyetleri Tablosu).

Every non-blank line is understood (a label, a row, a continuation of the
row above) or reported as an import error with its line: a line skipped
would be a goal, an activity or an amount missing from the site without
anyone being told.  Rows are found by their codes and labels, never by
their place on a page, so a page break or a page header anywhere in a
table changes nothing.  A continuation line (a wrapped name, amounts pushed
to the next line) must follow its row directly; a blank line ends a row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from tools.importer import labels as L
from tools.importer.amounts import ZERO, amount, is_amount
from tools.importer.errors import ImportProblem
from tools.importer.normalise import Document
from tools.importer.rows import join, positional_amounts, text_of

ECON_ROW = re.compile(r"^([1-9])\s*[-.)]\s*(\D.*)$")
GOAL_ROW = re.compile(r"^(\d{1,3})(?:\s*[.)\-]\s*|\s+)(\S.*)$")
ACTIVITY_CODE = re.compile(r"^PH\s*\.?\s*(\d+)\s*\.\s*(\d+)\s*\.?\s*F\s*\.?\s*(\d+)\s*[:.\-]?\s*(.*)$", re.I)
CODED_TEXT = r"^{}\s*\.?\s*{}\s*[.:\-]?\s*(.*)$"
INDICATOR = re.compile(r"^([A-Z][A-Z0-9]*(?:\.[A-Z0-9]*\d)*)(?:\.\s*|\s+)(.*)$")
MEASURE = re.compile(r"^(.*\S)\s*\(([^()\s]{1,10})\)$")
YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass
class CostTable:
    code: tuple[int, int, int]
    name: str
    unit: str
    econ: list[Decimal]
    budget: Decimal
    off_budget: list[Decimal]
    off_budget_total: Decimal
    total: Decimal
    line: int
    administration: str = ""


@dataclass
class GoalTable:
    code: tuple[int, int]
    unit: str
    line: int
    strategic_goal_text: str = ""
    text: str = ""
    indicators: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    total: dict | None = None
    costs: list[CostTable] = field(default_factory=list)
    years: list[str] = field(default_factory=list)


class _Cost:
    def __init__(self, line: int, administration: str):
        self.line, self.administration = line, administration
        self.code = None
        self.name = self.unit = ""
        self.econ: list[Decimal] = []
        self.budget = self.off_total = self.total = None
        self.off: list[Decimal] = []
        self.in_off_budget = False


def goal_tables(doc: Document, a: int, b: int) -> list[GoalTable]:
    return _SectionC(doc).read(a, b)


class _SectionC:
    def __init__(self, doc: Document):
        self.doc = doc
        self.goals: list[GoalTable] = []
        self.goal: GoalTable | None = None
        self.cost: _Cost | None = None
        self.mode = ""
        self.open = None  # what a continuation line on the next line extends

    def read(self, a: int, b: int) -> list[GoalTable]:
        for i in range(a, b):
            if self.doc.blank(i):
                self.open = None
                continue
            self.line(i)
        self.finish_cost(b)
        for goal in self.goals:
            _finish_goal(goal)
        return self.goals

    def fail(self, i: int, message: str):
        raise ImportProblem(i + 1, message)

    def line(self, i: int) -> None:
        doc = self.doc
        c = doc.cells(i)
        if not c:  # a row of empty cells
            if self.cost is not None and self.cost.in_off_budget:
                self.cost.off.append(ZERO)
            return
        k = L.key(c[0])
        if k in L.TABLE_TITLES and len(c) == 1:
            self.open = None
        elif k == L.UNIT:
            self.finish_cost(i)
            if len(c) < 2:
                self.fail(i, "'Birim Adı' without the unit's name")
            self.goal = GoalTable(code=(0, 0), unit=c[1], line=i + 1)
            self.goals.append(self.goal)
            self.mode, self.open = "goal", ("goal_unit",)
        elif k == L.ADMINISTRATION:
            self.finish_cost(i)
            if self.goal is None:
                self.fail(i, "a cost table ('İdare Adı') before any goal table ('Birim Adı')")
            self.cost = _Cost(i + 1, text_of(c[1:]))
            self.mode, self.open = "cost", None
        elif self.goal is None:
            if len(c) > 1:  # an introduction in prose may precede the tables; a table row may not
                self.fail(i, f"a table row before the first goal table ('Birim Adı'): {text_of(c)!r}")
        elif self.mode == "cost":
            self.cost_line(i, c, k)
        else:
            self.goal_line(i, c, k)

    # ------------------------------------------------------------ cost table
    def cost_line(self, i: int, c: list[str], k: str) -> None:
        cost = self.cost
        econ = ECON_ROW.match(c[0])
        if k in L.GOAL:
            self.open = ("skip",)  # the goal's text again; the goal table gives it
        elif k == L.ACTIVITY:
            m = ACTIVITY_CODE.match(c[1] if len(c) > 1 else "")
            if not m:
                self.fail(i, f"activity name without its PH.x.y.Fz code: {text_of(c[1:])!r}")
            cost.code = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            cost.name = m.group(4).strip()
            self.open = ("cost_name",)
        elif k == L.RESPONSIBLE:
            if len(c) < 2:
                self.fail(i, "'Sorumlu Harcama Birimleri' without the unit's name")
            cost.unit = c[1]
            self.open = ("cost_unit",)
        elif k.startswith(L.ECONOMIC_CODE):
            self.open = None
        elif econ and not cost.in_off_budget and not is_amount(c[0]):
            number = int(econ.group(1))
            if number != len(cost.econ) + 1:
                self.fail(i, f"economic code {number} where {len(cost.econ) + 1} was expected")
            cost.econ.append(self.last_amount(i, c, f"economic code {number}"))
            self.open = ("econ", len(cost.econ) - 1) if len(c) == 1 else None
        elif k == L.BUDGET_TOTAL:
            cost.budget = self.last_amount(i, c, "Toplam Bütçe Kaynak İhtiyacı")
            self.open = ("budget",) if len(c) == 1 else None
        elif k == L.OFF_BUDGET or (cost.in_off_budget and k not in (L.OFF_BUDGET_TOTAL, L.GRAND_TOTAL)):
            cost.in_off_budget = True
            words = [x for x in c if not is_amount(x) and L.key(x) != L.OFF_BUDGET]
            if any(L.key(w) not in L.OFF_BUDGET_SOURCES for w in words) or sum(map(is_amount, c)) > 1:
                self.fail(i, f"an off-budget line the importer does not understand: {text_of(c)!r}")
            cost.off.append(amount(c[-1], i + 1, "off-budget line") if is_amount(c[-1]) else ZERO)
            self.open = None
        elif k == L.OFF_BUDGET_TOTAL:
            cost.in_off_budget = False
            cost.off_total = self.last_amount(i, c, "Toplam Bütçe Dışı Kaynak İhtiyacı")
            self.open = None
        elif k == L.GRAND_TOTAL:
            cost.in_off_budget = False
            cost.total = self.last_amount(i, c, "Toplam Kaynak İhtiyacı")
            self.finish_cost(i)
        elif self.open and i > 0 and not self.doc.blank(i - 1):
            self.continue_cost(i, c)
        else:
            self.fail(i, f"a line the importer does not understand in the cost table from line {cost.line}: "
                         f"{text_of(c)!r}")

    def last_amount(self, i: int, c: list[str], what: str) -> Decimal:
        """A one-amount row: the last cell, or zero for an empty cell (the next line may
        still bring the amount, see continue_cost)."""
        if len(c) == 1:
            return ZERO
        return amount(c[-1], i + 1, what)

    def continue_cost(self, i: int, c: list[str]) -> None:
        kind, cost = self.open[0], self.cost
        if kind == "skip":
            return
        if kind in ("econ", "budget"):
            if len(c) != 1 or not is_amount(c[0]):
                self.fail(i, f"expected the amount of the line above, found {text_of(c)!r}")
            value = amount(c[0], i + 1, "amount")
            if kind == "econ":
                cost.econ[self.open[1]] = value
            else:
                cost.budget = value
            self.open = None
            return
        if any(is_amount(x) for x in c):
            self.fail(i, f"an amount where the importer expected text: {text_of(c)!r}")
        if kind == "cost_name":
            cost.name = join(cost.name, text_of(c))
        else:
            cost.unit = join(cost.unit, text_of(c))

    def finish_cost(self, i: int) -> None:
        cost, self.cost = self.cost, None
        if cost is None:
            return
        self.mode, self.open = "goal-done", None
        if cost.total is None:
            raise ImportProblem(cost.line, "this cost table ends (at line "
                                           f"{i + 1}) before its 'Toplam Kaynak İhtiyacı' line; "
                                           "the file may be cut off")
        if cost.code is None:
            raise ImportProblem(cost.line, "cost table without a 'Faaliyet Adı' line")
        if not cost.unit:
            raise ImportProblem(cost.line, "cost table without a 'Sorumlu Harcama Birimleri' line")
        if len(cost.econ) != 9 or len(cost.off) != 3:
            raise ImportProblem(cost.line, f"cost table of activity {'.'.join(map(str, cost.code))} has "
                                           f"{len(cost.econ)} economic code(s) and {len(cost.off)} "
                                           f"off-budget line(s); expected 9 and 3"
                                           + ("; an off-budget line whose empty amount stands between spaces is a "
                                              "blank line: write '-' for a zero, or convert the PDF keeping tabs"
                                              if len(cost.off) < 3 else ""))
        if cost.budget is None or cost.off_total is None:
            raise ImportProblem(cost.line, "cost table without its budget and off-budget totals")
        goal = next((g for g in self.goals if g.code == cost.code[:2]), None)
        if goal is None:
            raise ImportProblem(cost.line, f"cost table of activity {'.'.join(map(str, cost.code))} has no goal "
                                           f"table for goal {cost.code[0]}.{cost.code[1]} above it")
        if any(x.code == cost.code for x in goal.costs):
            raise ImportProblem(cost.line, f"activity {'.'.join(map(str, cost.code))} has two cost tables")
        goal.costs.append(CostTable(cost.code, cost.name, cost.unit, cost.econ, cost.budget, cost.off,
                                    cost.off_total, cost.total, cost.line, cost.administration))

    # ------------------------------------------------------------ goal table
    def goal_line(self, i: int, c: list[str], k: str) -> None:
        goal = self.goal
        if self.mode == "goal-done":
            self.fail(i, f"a line the importer does not understand after a cost table: {text_of(c)!r}")
        # label | text: a cell beyond the table's two columns is the converter's stray text
        value = c[1] if len(c) > 1 else ""
        if k == L.AIM:
            if not re.match(CODED_TEXT.format("A", r"(\d+)"), value):
                self.fail(i, f"'Amaç' needs an A.n code: {value!r}")
            self.open = ("skip",)  # the aim's name is taken from B.5
        elif k == L.STRATEGIC_GOAL:
            m = re.match(CODED_TEXT.format("H", r"(\d+)\s*\.\s*(\d+)"), value)
            if not m:
                self.fail(i, f"'Hedef' needs an H.x.y code: {value!r}")
            goal.strategic_goal_text = m.group(3)
            self.open = ("strategic",)
        elif k in L.GOAL:
            m = re.match(CODED_TEXT.format("PH", r"(\d+)\s*\.\s*(\d+)"), value)
            if not m:
                self.fail(i, f"'Performans Hedefi' needs a PH.x.y code: {value!r}")
            if any(g.code == (int(m.group(1)), int(m.group(2))) for g in self.goals):
                self.fail(i, f"goal {m.group(1)}.{m.group(2)} has two goal tables")
            goal.code = (int(m.group(1)), int(m.group(2)))
            goal.text = m.group(3)
            self.open = ("text",)
        elif k == L.EXPLANATIONS:
            self.open = ("skip",)
        elif k == L.INDICATORS:
            goal.years = [y for y in c[1:] if YEAR.match(y)]
            if len(goal.years) != 3 or len(c) != 4:
                self.fail(i, f"indicator header needs three years, found {c[1:]}")
            self.mode, self.open = "indicators", None
        elif k == L.ACTIVITIES:
            self.mode, self.open = "rows", None
        elif {L.key(x) for x in c} <= L.COLUMN_HEADS | {L.NEED}:
            self.open = None
        elif self.mode == "rows" and k == L.TOTAL:
            values = positional_amounts(self.doc, i, 1, 3, f"goal {_code(goal)} TOPLAM row")
            goal.total = dict(zip(("budget", "off_budget", "total"), values))
            self.open = None
        elif self.mode == "rows" and (m := GOAL_ROW.match(c[0])) and int(m.group(1)) == len(goal.rows) + 1 \
                and not is_amount(c[0]):
            row = {"number": int(m.group(1)), "name": m.group(2).strip(), "line": i + 1}
            if len(c) > 1 or "\t" in self.doc.lines[i].rstrip("\t"):
                row.update(zip(("budget", "off_budget", "total"), positional_amounts(
                    self.doc, i, 1, 3, f"goal {_code(goal)} row {row['number']}")))
            goal.rows.append(row)
            self.open = ("row", row)
        elif self.mode == "indicators" and (m := INDICATOR.match(c[0])) and re.search(r"\d", m.group(1)):
            ind = {"number": len(goal.indicators) + 1, "printed_code": m.group(1), "name": m.group(2),
                   "values": c[1:], "line": i + 1}
            if len(ind["values"]) not in (0, 3):
                self.fail(i, f"indicator needs a code, a name and three yearly values, found {c} (an empty "
                             f"cell cannot be placed in its year: write the value the document prints)")
            goal.indicators.append(ind)
            self.open = ("indicator", ind)
        elif self.open and i > 0 and not self.doc.blank(i - 1):
            self.continue_goal(i, c)
        else:
            self.fail(i, f"a line the importer does not understand in the goal table from line {goal.line}: "
                         f"{text_of(c)!r}")

    def continue_goal(self, i: int, c: list[str]) -> None:
        kind, goal = self.open[0], self.goal
        if kind == "skip":
            return
        if kind == "indicator":
            ind = self.open[1]
            if not ind["values"] and len(c) >= 4:
                ind["name"], ind["values"] = join(ind["name"], c[0]), c[1:]
            elif not ind["values"] and len(c) == 3:
                ind["values"] = c
            elif len(c) == 1:
                ind["name"] = join(ind["name"], c[0])
            else:
                self.fail(i, f"indicator {ind['printed_code']}: a continuation line the importer does not "
                             f"understand: {text_of(c)!r}")
            if len(ind["values"]) not in (0, 3):
                self.fail(i, f"indicator {ind['printed_code']} needs three yearly values, found {ind['values']}")
            return
        if kind == "row":
            row = self.open[1]
            words = [x for x in c if not is_amount(x)]
            amounts = [x for x in c if is_amount(x)]
            if words and amounts and words != c[: len(words)]:
                self.fail(i, f"goal {_code(goal)} row {row['number']}: text after an amount: {text_of(c)!r}")
            if words:
                row["name"] = join(row["name"], text_of(words))
            if amounts:
                if "budget" in row or len(amounts) != 3:
                    self.fail(i, f"goal {_code(goal)} row {row['number']}: found {len(amounts)} amount(s) on "
                                 f"a continuation line, expected the row's 3")
                row.update(zip(("budget", "off_budget", "total"),
                               (amount(x, i + 1, f"goal {_code(goal)} row {row['number']}") for x in amounts)))
            return
        if any(is_amount(x) for x in c if not re.fullmatch(r"\d+", x)):
            self.fail(i, f"an amount where the importer expected text: {text_of(c)!r}")
        text = text_of(c)
        if kind == "goal_unit":
            goal.unit = join(goal.unit, text)
        elif kind == "strategic":
            goal.strategic_goal_text = join(goal.strategic_goal_text, text)
        elif kind == "text":
            goal.text = join(goal.text, text)


def _code(goal: GoalTable) -> str:
    return f"{goal.code[0]}.{goal.code[1]}" if goal.code != (0, 0) else f"(table at line {goal.line})"


def _finish_goal(goal: GoalTable) -> None:
    if goal.code == (0, 0):
        raise ImportProblem(goal.line, "goal table without a 'Performans Hedefi' line")
    for ind in goal.indicators:
        if len(ind["values"]) != 3:
            raise ImportProblem(ind["line"], f"indicator {ind['printed_code']} without its three yearly values")
        name, measure = ind["name"], ""
        mm = MEASURE.match(name)
        if mm:
            name, measure = mm.group(1), mm.group(2)
        ind["name"], ind["measure"] = name, measure
    for row in goal.rows:
        if "budget" not in row:
            raise ImportProblem(row["line"], f"goal {_code(goal)} row {row['number']} without its amounts")
    if goal.rows and goal.total is None:
        raise ImportProblem(goal.line, f"goal {_code(goal)}: the goal table has no TOPLAM row")


