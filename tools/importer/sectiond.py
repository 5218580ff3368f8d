"""Section D: the total resource need by economic code, budget and off-budget,
in four columns (activities, general administration, other administrations,
total)."""
from __future__ import annotations

from tools.importer import labels as L
from tools.importer.amounts import is_amount
from tools.importer.errors import ImportProblem
from tools.importer.goaltables import ECON_ROW
from tools.importer.normalise import Document
from tools.importer.rows import positional_amounts, text_of

SECTION_D_COLUMNS = ("activities", "general_administration", "other_administrations", "total")


def section_d(doc: Document, a: int, b: int) -> dict:
    rows: dict = {"econ": {}, "off_budget": [], "line": a + 1}
    for i in range(a, b):
        if doc.blank(i) or doc.empty_row(i):
            continue
        c = doc.cells(i)
        k = L.key(c[0])
        m = ECON_ROW.match(c[0])
        if k in (L.ADMINISTRATION,) or k.startswith(L.ECONOMIC_CODE) or (k in L.TABLE_TITLES and len(c) == 1):
            continue
        if m and not is_amount(c[0]):
            number = int(m.group(1))
            if number != len(rows["econ"]) + 1:
                raise ImportProblem(i + 1, f"section D: economic code {number} where {len(rows['econ']) + 1} "
                                           f"was expected")
            rows["econ"][number] = _d_row(doc, i, 1, 4, f"section D economic code {number}")
        elif k == L.BUDGET_TOTAL:
            rows["budget"] = _d_row(doc, i, 1, 4, "section D Toplam Bütçe Kaynak İhtiyacı")
        elif k == L.OFF_BUDGET_TOTAL:
            rows["off_budget_total"] = _d_row(doc, i, 1, 3, "section D Toplam Bütçe Dışı Kaynak İhtiyacı")
        elif k == L.GRAND_TOTAL:
            rows["total"] = _d_row(doc, i, 1, 4, "section D Toplam Kaynak İhtiyacı")
        elif k == L.OFF_BUDGET or k in L.OFF_BUDGET_SOURCES:
            skip = len([x for x in c if not is_amount(x)])
            if any(L.key(x) not in (L.OFF_BUDGET, *L.OFF_BUDGET_SOURCES) for x in c[:skip]):
                raise ImportProblem(i + 1, f"section D: an off-budget line the importer does not understand: "
                                           f"{text_of(c)!r}")
            rows["off_budget"].append(_d_row(doc, i, skip, 3, "section D off-budget line"))
        elif len(c) > 1 or "\t" in doc.lines[i]:
            raise ImportProblem(i + 1, f"section D: a line the importer does not understand: {text_of(c)!r}")
    missing = [n for n in ("budget", "off_budget_total", "total") if n not in rows]
    if len(rows["econ"]) != 9 or len(rows["off_budget"]) != 3 or missing:
        raise ImportProblem(a + 1, f"section D has {len(rows['econ'])} economic code(s) and "
                                   f"{len(rows['off_budget'])} off-budget line(s) (expected 9 and 3)"
                                   + (f" and lacks its {', '.join(missing)} row(s)" if missing else ""))
    return rows


def _d_row(doc: Document, i: int, skip: int, expected: int, what: str) -> dict:
    values = positional_amounts(doc, i, skip, expected, what)
    return dict(zip(SECTION_D_COLUMNS, values))

