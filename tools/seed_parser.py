"""Parse the text conversion of the official performance-program PDF.

The converter left tables as tab-separated lines, with cells shifted by
stray empty tabs and bold tags; every reader below strips that noise first
and then reads cells in order, so a shifted column does not change the
result.  The parser keeps the text exactly as printed: no amount is
retyped, no spelling corrected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

AMOUNT = re.compile(r"^(\d{1,3}(?:\.\d{3})*,\d{2})\s*TL$")
ECON_LINE = re.compile(r"^([1-9])\s*[-.]\s*\S")
ACTIVITY_CODE = re.compile(r"^PH\.(\d+)\.(\d+)\.F(\d+)\s*:\s*(.*)$")
INDICATOR = re.compile(r"^([A-Z][A-Z0-9]*(?:\.[A-Z0-9]*\d)*)(?:\.\s*|\s+)(.*)$")
MEASURE = re.compile(r"^(.*\S)\s*\(([^()\s]{1,10})\)$")
TAG = re.compile(r"</?b>|\*\*")


class SeedError(Exception):
    """The seed does not have the shape the parser expects."""

    def __init__(self, line: int, message: str):
        super().__init__(f"seed:{line}: {message}")


def cells(raw: str) -> list[str]:
    """The non-empty cells of a tab-separated line, without markup."""
    return [c.strip() for c in TAG.sub("", raw).split("\t") if c.strip()]


def must_match(pattern: str, text: str, line: int):
    m = re.match(pattern, text)
    if not m:
        raise SeedError(line, f"expected {pattern!r}, found {text!r}")
    return m


def amount(text: str, line: int) -> str:
    """An amount as printed, without the currency: '1.571.500,00'."""
    m = AMOUNT.match(text)
    if not m:
        raise SeedError(line, f"expected an amount like 1.571.500,00 TL, found {text!r}")
    return m.group(1)


@dataclass
class Listing:
    """A goal as listed in the integrated table (B.5) or the annex."""

    text: str
    unit: str
    activities: list[tuple[str, str]] = field(default_factory=list)  # (name, unit)


@dataclass
class CostTable:
    code: tuple[int, int, int]
    name: str
    unit: str
    econ: list[str]
    budget: str
    off_budget: list[str]
    off_budget_total: str
    total: str
    line: int


@dataclass
class GoalTable:
    code: tuple[int, int]
    unit: str
    strategic_goal_text: str
    text: str
    indicators: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    total: dict | None = None
    costs: list[CostTable] = field(default_factory=list)
    line: int = 0
    reading_indicators: bool = False
    years: list[str] = field(default_factory=list)


@dataclass
class Seed:
    aims: dict[int, str]
    plan: dict[tuple[int, int], Listing]
    annex: dict[tuple[int, int], Listing]
    goals: list[GoalTable]
    section_d: dict
    stated_counts: dict[str, int]
    mission: str
    vision: str
    values: list[str]
    unit_names: list[str]
    lines: list[str]


def find_line(lines: list[str], text: str, start: int = 0) -> int:
    """The index of the first line from `start` that contains `text`; a SeedError if none does."""
    found = next((i for i in range(start, len(lines)) if text in lines[i]), None)
    if found is None:
        raise SeedError(start + 1, f"expected a line containing {text!r} after this point; the document's "
                                   f"layout differs from the one the importer knows")
    return found


def _section(lines: list[str], start: str, end: str | None, after: int = 0) -> tuple[int, int]:
    """Line indexes [a, b) between the first line containing start and the next containing end."""
    a = find_line(lines, start, after)
    b = len(lines) if end is None else find_line(lines, end, a + 1)
    return a, b


def _parse_listing(lines: list[str], a: int, b: int, goal_re: str) -> tuple[dict, dict]:
    aims: dict[int, str] = {}
    goals: dict[tuple[int, int], Listing] = {}
    current = None
    for i in range(a, b):
        c = cells(lines[i])
        if not c:
            continue
        m = re.match(r"^Stratejik Amaç (\d+)$", c[0])
        if m and len(c) >= 2:
            aims[int(m.group(1))] = c[1]
            continue
        m = re.match(goal_re, c[0])
        if m:
            if len(c) != 3:
                raise SeedError(i + 1, f"goal listing needs text and unit, found {c}")
            current = goals.setdefault((int(m.group(1)), int(m.group(2))), Listing(c[1], c[2]))
            continue
        if re.match(r"^F\.\d+$", c[0]):
            if current is None or len(c) != 3:
                raise SeedError(i + 1, f"activity listing out of place: {c}")
            current.activities.append((c[1], c[2]))
    return aims, goals


def _parse_goals(lines: list[str], a: int, b: int) -> list[GoalTable]:
    goals: list[GoalTable] = []
    goal: GoalTable | None = None
    cost: dict | None = None
    mode = None
    for i in range(a, b):
        c = cells(lines[i])
        if not c:
            continue
        head = c[0]
        if head == "Birim Adı":
            goal = GoalTable(code=(0, 0), unit=c[1], strategic_goal_text="", text="", line=i + 1)
            goals.append(goal)
            mode, cost = "goal", None
        elif goal is None:
            continue
        elif head == "İdare Adı":
            cost = {"line": i + 1, "econ": [], "off": []}
            mode = "cost"
        elif mode == "goal":
            _goal_line(goal, c, i + 1)
        elif mode == "cost" and cost is not None:
            done = _cost_line(cost, c, i + 1)
            if done:
                goal.costs.append(done)
                cost, mode = None, None
    return goals


def _goal_line(goal: GoalTable, c: list[str], line: int) -> None:
    head = c[0]
    if head == "Amaç":
        must_match(r"^A\.\s*(\d+)\s*[.:]\s*(.*)$", c[1], line)  # its name is taken from section B.5
    elif head == "Hedef":
        m = must_match(r"^H\.\s*(\d+)\.(\d+)\s*[.:]\s*(.*)$", c[1], line)
        goal.strategic_goal_text = m.group(3)
    elif head in ("Performans Hedef", "Performans Hedefi"):
        m = must_match(r"^PH\.\s*(\d+)\.(\d+)\s*[.:]\s*(.*)$", c[1], line)
        goal.code = (int(m.group(1)), int(m.group(2)))
        goal.text = m.group(3)
    elif head == "Performans Göstergeleri":
        goal.reading_indicators = True
        goal.years = [y for y in c[1:] if re.fullmatch(r"[0-9]{4}", y)]
        if len(goal.years) != 3:
            raise SeedError(line, f"indicator header needs three years, found {c[1:]}")
    elif head == "Faaliyetler":
        goal.reading_indicators = False
    elif goal.reading_indicators:
        # Codes are numbered by position; the printed code is kept as printed
        # (the document has "PG1.1.2.2" and "A4.H1.PG5" among the PG.x.y.z).
        m = INDICATOR.match(head)
        if not m or len(c) != 4:
            raise SeedError(line, f"indicator needs a code, a name and three yearly values, found {c}")
        name, measure = m.group(2), ""
        mm = MEASURE.match(name)
        if mm:
            name, measure = mm.group(1), mm.group(2)
        goal.indicators.append({
            "number": len(goal.indicators) + 1, "printed_code": m.group(1),
            "name": name, "measure": measure, "values": c[1:4],
        })
    elif head == "TOPLAM":
        goal.total = {"budget": amount(c[1], line), "off_budget": amount(c[2], line),
                      "total": amount(c[3], line)}
    elif re.match(r"^\d+[\s.]", head) and len(c) == 4 and AMOUNT.match(c[1]):
        m = re.match(r"^(\d+)\s*\.?\s*(.*)$", head)
        goal.rows.append({"number": int(m.group(1)), "name": m.group(2),
                          "budget": amount(c[1], line), "off_budget": amount(c[2], line),
                          "total": amount(c[3], line)})


def _cost_line(cost: dict, c: list[str], line: int) -> CostTable | None:
    head = c[0]
    if head == "Performans Hedefi":
        pass  # repeats the goal's text, which the goal table gives
    elif head == "Faaliyet Adı":
        m = ACTIVITY_CODE.match(c[1])
        if not m:
            raise SeedError(line, f"activity name without PH.x.y.Fz code: {c[1]!r}")
        cost["code"] = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
        cost["name"] = m.group(4).strip()
    elif head == "Sorumlu Harcama Birimleri":
        cost["unit"] = c[1]
    elif ECON_LINE.match(head) and not head.startswith("Toplam"):
        number = int(ECON_LINE.match(head).group(1))
        if number != len(cost["econ"]) + 1:
            raise SeedError(line, f"economic code {number} out of order")
        cost["econ"].append(amount(c[-1], line))
    elif head.startswith("Toplam Bütçe Kaynak"):
        cost["budget"] = amount(c[-1], line)
    elif head == "Bütçe Dışı Kaynak" or (AMOUNT.match(c[-1]) and head in (
            "Döner Sermaye", "Diğer Yurt İçi", "Yurt Dışı", c[-1])):
        cost["off"].append(amount(c[-1], line))
    elif head.lower().startswith("toplam bütçe dışı"):
        cost["off_total"] = amount(c[-1], line)
    elif head.startswith("Toplam Kaynak"):
        cost["total"] = amount(c[-1], line)
        if len(cost["econ"]) != 9 or len(cost["off"]) != 3:
            raise SeedError(line, "cost table without nine economic codes and three off-budget lines")
        return CostTable(code=cost["code"], name=cost["name"],
                         unit=cost["unit"], econ=cost["econ"], budget=cost["budget"],
                         off_budget=cost["off"], off_budget_total=cost["off_total"],
                         total=cost["total"], line=cost["line"])
    return None


def _parse_section_d(lines: list[str], a: int, b: int) -> dict:
    rows: dict = {"econ": {}, "off_budget": []}
    columns = ("activities", "general_administration", "other_administrations", "total")
    for i in range(a, b):
        c = cells(lines[i])
        if not c:
            continue
        m = re.match(r"^(\d)\.\s*\S", c[0])
        amounts = [x for x in c if AMOUNT.match(x)]
        if m and len(amounts) == 4:
            rows["econ"][int(m.group(1))] = dict(zip(columns, (amount(x, i + 1) for x in amounts)))
        elif c[0].startswith("Toplam Bütçe Kaynak"):
            rows["budget"] = dict(zip(columns, (amount(x, i + 1) for x in amounts)))
        elif c[0].lower().startswith("toplam bütçe dışı"):
            rows["off_budget_total"] = dict(zip(columns[:3], (amount(x, i + 1) for x in amounts)))
        elif c[0].startswith("Toplam Kaynak"):
            rows["total"] = dict(zip(columns, (amount(x, i + 1) for x in amounts)))
        elif len(amounts) == 3:
            rows["off_budget"].append(dict(zip(columns[:3], (amount(x, i + 1) for x in amounts))))
    return rows


def _stated_counts(lines: list[str]) -> dict[str, int]:
    text = "\n".join(TAG.sub("", x) for x in lines)
    found = {
        "aims": re.search(r"toplam (\d+) stratejik amaç belirlenmiştir", text),
        "goals": re.search(r"toplam (\d+) adet stratejik hedef belirlenmiştir", text),
        "activities": re.search(r"toplam (\d+) adet faaliyet ve proje belirlenmiştir", text),
    }
    return {k: int(m.group(1)) for k, m in found.items() if m}


def _after_label(lines: list[str], label: str) -> str:
    for x in lines:
        plain = TAG.sub("", x).strip()
        if plain.startswith(label):
            return plain[len(label):].strip()
    raise SeedError(0, f"no line starting with {label!r}")


def _values(lines: list[str], a: int) -> list[str]:
    out = []
    for x in lines[a + 1:]:
        m = re.match(r"^\d+\.\s*(.*?)[,.]?$", x.strip())
        if m:
            out.append(m.group(1))
        elif out and x.strip() == "" and len(out) >= 1 and not out[-1]:
            break
        elif out and x.strip() and not m:
            break
    return out


def _unit_names(lines: list[str]) -> list[str]:
    para = lines[find_line(lines, "Norm Kadro İlke ve Standartlarına")]
    body = TAG.sub("", para).split("uygun olarak,", 1)[1].split("seçilmiş olup", 1)[0]
    parts = re.split(r",\s*|\s+ve\s+(?=[A-ZÇĞİÖŞÜ][a-zçğıöşü]+\s+İşleri Müdürlüğü\s*$)", body)
    names = [p.strip() for p in parts if p.strip()]
    # "Gençlik ve Spor Hizmetleri Müdürlüğü ve Muhtarlık İşleri Müdürlüğü" ends the list
    last = names.pop()
    names.extend(n.strip() for n in re.split(r"(?<=Müdürlüğü)\s+ve\s+", last))
    return names


def parse(text: str) -> Seed:
    lines = text.splitlines()
    b5 = _section(lines, "B.5. Stratejik Amaç", "C- Performans Hedef")
    c = (b5[1], _section(lines, "D-Toplam Kaynak", None)[0])
    d = _section(lines, "D-Toplam Kaynak", "E-Diğer Hususlar")
    annex = _section(lines, "A-Sorumlu Harcama Birimleri", None, after=d[1])
    aims, plan = _parse_listing(lines, *b5, r"^Stratejik Hedef (\d+)\.(\d+)$")
    _, annex_goals = _parse_listing(lines, *annex, r"^P\.H\.(\d+)\.(\d+)$")
    values_at = find_line(lines, "A.3. Kurumun İlkeleri")
    return Seed(
        aims=aims, plan=plan, annex=annex_goals,
        goals=_parse_goals(lines, *c),
        section_d=_parse_section_d(lines, *d),
        stated_counts=_stated_counts(lines),
        mission=_after_label(lines, "Misyonumuz;"),
        vision=_after_label(lines, "Vizyonumuz;"),
        values=_values(lines, values_at),
        unit_names=_unit_names(lines),
        lines=lines,
    )
