"""The other programme years on a page: the year switcher and the comparisons.

Everything here is read through the page's `Reader` by its own kind
("history", "activity cost", "aim totals" of another year ...), so an
edit of another year's figures re-renders the pages that compare with
them and no other.  With a single programme every function returns
nothing, and the pages are exactly what they were before years existed.
Every change is the difference of two totals the model summed from the
cost-table lines: the same figures as the rows of the open data.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, NamedTuple

from portal.continuity import changed_values
from portal.dependencies import Reader
from portal.i18n import sort_key
from portal.model import ECON_CODES, Text

Path = Callable[[int, str], str]  # (year, code) -> the page of that item in that year


class YearLink(NamedTuple):
    """One entry of the year switcher: `same` says whether it leads to the same item
    (else to that year's overview)."""

    year: int
    path: str
    current: bool
    same: bool


class YearRow(NamedTuple):
    """An item's resource need in one programme year, and the change from the year before."""

    year: int
    code: str | None
    state: str  # as YearOfItem.state
    total: Decimal | None
    change: Decimal | None  # against the previous programme, when the item is in both
    base: Decimal | None  # the previous programme's amount
    path: str | None
    current: bool
    previous_code: str | None = None  # where it was renumbered
    constant: Decimal | None = None  # the resource need in the prices of constant_base (site.yaml's index)
    constant_base: int | None = None
    prices: object = None  # that index (YearlyFigures), to name it and its source


class ChangeRow(NamedTuple):
    """One line of an overview comparison: an aim, a unit or an economic code in the
    previous programme and in this one."""

    key: str
    name: Text | str
    prefix: str
    path: str | None
    before: Decimal | None
    now: Decimal | None

    @property
    def change(self) -> Decimal | None:
        return None if self.before is None or self.now is None else self.now - self.before


def several(r: Reader) -> bool:
    return len(r("year list")) > 1


def switcher(r: Reader, year: int | None, overview: Callable[[int], str],
             same: Callable[[int], str | None]) -> list[YearLink]:
    """The years this page can switch to: the same item's page where `same` gives one,
    else that year's overview.  None with a single programme."""
    years = r("year list")
    if len(years) < 2:
        return []
    links = []
    for y in years:
        path = same(y)
        links.append(YearLink(y, path or overview(y), y == year, path is not None))
    return links


def item_switcher(r: Reader, kind: str, year: int, code: str, overview, path: Path) -> list[YearLink]:
    if not several(r):
        return []
    codes = {h.year: h.code for h in r("history", kind, year, code)}
    return switcher(r, year, overview, lambda y: path(y, codes[y]) if codes.get(y) else None)


def page_switcher(r: Reader, year: int, slug: str, overview, path) -> list[YearLink]:
    """A general-information page: the page of the same name in the years that have one."""
    if not several(r):
        return []
    return switcher(r, year, overview, lambda y: path(y) if any(s == slug for s, _ in r("general pages", y)) else None)


def history_rows(r: Reader, kind: str, year: int, code: str, amount: Callable[[int, str], Decimal],
                 path: Path) -> list[YearRow]:
    """The item's resource need in every programme year, each read for that year."""
    if not several(r):
        return []
    rows, before = [], None
    history = r("history", kind, year, code)
    prices = r("price index")
    for step in history:
        total = amount(step.year, step.code) if step.code is not None else None
        linked = step.code is not None and before is not None and before[1] is not None and step.state in ("", "renumbered")
        base = before[1] if linked else None
        constant = prices.in_prices_of(total, step.year, prices.latest) if prices and total is not None else None
        rows.append(YearRow(step.year, step.code, step.state, total,
                            total - base if linked else None, base,
                            path(step.year, step.code) if step.code is not None else None, step.year == year,
                            before[0] if linked and step.state == "renumbered" else None,
                            constant, prices.latest if constant is not None else None,
                            prices if constant is not None else None))
        before = (step.code, total)
    return rows


def overview_changes(r: Reader, lang: str, year: int, urls) -> dict | None:
    """The programme against the previous one, by aim, by unit and by economic code; None
    for the first programme."""
    previous = r("previous year", year)
    if previous is None:
        return None
    totals, earlier = r("programme totals", year), r("programme totals", previous)

    def rows(kind: str, now_codes, before_codes, name, amount, path, prefix=lambda c: ""):
        out, seen = [], set()
        for code in now_codes:
            back = next(h.code for h in r("history", kind, year, code) if h.year == previous)
            if back is not None:
                seen.add(back)
            out.append(ChangeRow(code, name(year, code), prefix(code), path(year, code),
                                 amount(previous, back) if back is not None else None, amount(year, code)))
        for code in before_codes:
            if code not in seen and next(h.code for h in r("history", kind, previous, code) if h.year == year) is None:
                out.append(ChangeRow(code, name(previous, code), prefix(code), path(previous, code),
                                     amount(previous, code), None))
        return out

    aim_names = {y: {str(a.number): a.name for a in r("aims", y)} for y in (previous, year)}
    by_aim = rows("aim", list(aim_names[year]), list(aim_names[previous]), lambda y, c: aim_names[y][c],
                  lambda y, c: r("aim totals", y, int(c)).total, lambda y, c: urls.aim(lang, y, int(c)),
                  lambda c: f"{c}. ")
    by_unit = rows("unit", r("units of programme", year), r("units of programme", previous),
                   lambda y, c: r("unit name", c).name, lambda y, c: r("unit totals", y, c).total,
                   lambda y, c: urls.unit(lang, y, c))
    by_unit.sort(key=lambda row: sort_key(row.name.get(lang), lang))  # looked up by name
    by_econ = [ChangeRow(str(code), str(code), "", None, earlier.by_econ[code], totals.by_econ[code])
               for code in ECON_CODES]
    return {"previous": previous, "by_aim": by_aim, "by_unit": by_unit, "by_econ": by_econ,
            "before": earlier, "now": totals}


def indicator_history(r: Reader, year: int, code: str) -> list[dict]:
    """Each indicator of a goal that another programme prints too: the values each
    programme printed, by year, and the years whose value a later programme changed."""
    if not several(r):
        return []
    out = []
    for indicator, printed in r("indicator history", year, code):
        years = sorted({y for p in printed for y, _ in p.values})
        changed = changed_values(printed, code)
        flagged = {(c.later, c.year) for c in changed}
        rows = [(p, [(y, dict(p.values).get(y), (p.programme, y) in flagged) for y in years]) for p in printed]
        out.append({"code": indicator, "years": years, "rows": rows, "changed": changed})
    return out
