"""Which item of one programme is which item of the next: matching across years.

An aim, goal, activity or unit continues into the next programme when
both its code and its Turkish name are the same there, or when staff say
so in that year's `continuity.yaml` (a new strategic plan renumbers
things).  Nothing else is matched: an item whose code or name changed and
that the file does not mention is reported as unmatched, for staff to
decide, and is shown as such.  A guessed match would put one activity's
figures beside another's.

Indicators follow their goal: an indicator continues as the indicator of
the continuing goal with the same Turkish name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from portal.model import Indicator, Program, Site
from portal.text import fold

KINDS = ("aim", "goal", "activity", "unit")


def codes_of(program: Program, kind: str) -> dict[str, str]:
    """The codes of one kind of item in a programme, each with its Turkish name."""
    if kind == "aim":
        return {str(a.number): a.name.tr for a in program.aims}
    if kind == "goal":
        return {g.code: g.text.tr for g in program.goals}
    if kind == "activity":
        return {a.code: a.name.tr for a in program.activities}
    return {slug: slug for slug in program.unit_totals}  # units: one file, one name, for every year


def _same_name(a: str, b: str) -> bool:
    return _name_key(a) == _name_key(b)


@lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    """A name as names are compared across programmes: folded, spacing collapsed (each
    name is compared with many, in every programme year)."""
    return " ".join(fold(name).split())


class YearOfItem(NamedTuple):
    """One programme year of an item's history: its code there (None: not in that
    programme) and how it came to be there.

    state: "" (continues, or the site's first programme), "renumbered", "new" (stated),
    "unmatched" (in this programme, matched to nothing in the previous one), and for a
    year without the item: "ended" (stated), "unmatched" (the previous year's item was
    matched to nothing here), "absent" (not yet, or long gone)."""

    year: int
    code: str | None
    state: str


@dataclass
class Continuity:
    """The matches between each programme and the one before it, for every kind of item."""

    years: tuple[int, ...]
    following: dict[tuple[str, int, str], str] = field(default_factory=dict)  # (kind, year, code) -> next year's
    preceding: dict[tuple[str, int, str], str] = field(default_factory=dict)  # (kind, year, code) -> last year's
    stated_new: set[tuple[str, int, str]] = field(default_factory=set)
    stated_ended: set[tuple[str, int, str]] = field(default_factory=set)  # the year is the last one it is in
    warnings: list[str] = field(default_factory=list)

    def previous_year(self, year: int) -> int | None:
        earlier = [y for y in self.years if y < year]
        return earlier[-1] if earlier else None

    def history(self, kind: str, year: int, code: str) -> tuple[YearOfItem, ...]:
        """The item in every programme year, found by following the matches both ways."""
        codes = {year: code}
        y, c = year, code
        while (c := self.preceding.get((kind, y, c))) is not None:
            y = self.previous_year(y)
            codes[y] = c
        y, c = year, code
        while (c := self.following.get((kind, y, c))) is not None:
            y = self.years[self.years.index(y) + 1]
            codes[y] = c
        out = []
        for i, y in enumerate(self.years):
            c = codes.get(y)
            before = self.years[i - 1] if i else None
            if c is not None:
                if before is None:
                    state = ""
                elif before in codes:
                    state = "renumbered" if codes[before] != c else ""
                else:
                    state = "new" if (kind, y, c) in self.stated_new else "unmatched"
            elif before is not None and before in codes:
                state = "ended" if (kind, before, codes[before]) in self.stated_ended else "unmatched"
            else:
                state = "absent"
            out.append(YearOfItem(y, c, state))
        return tuple(out)


def match(site: Site) -> Continuity:
    """Every programme against the one before it: stated links first, then code and name."""
    years = tuple(sorted(site.programs))
    found = Continuity(years)
    for previous_year, year in zip(years, years[1:]):
        previous, program = site.programs[previous_year], site.programs[year]
        where = program.origin.path.rsplit("/", 1)[0] + "/continuity.yaml" if program.origin else "continuity.yaml"
        for kind in KINDS:
            _match_kind(found, kind, previous, program, where)
    return found


def _match_kind(found: Continuity, kind: str, previous: Program, program: Program, where: str) -> None:
    before, now = codes_of(previous, kind), codes_of(program, kind)
    py, y = previous.year, program.year
    pairs: dict[str, str] = {}
    settled_before, settled_now = set(), set()
    for link in program.continuity:
        if link.kind != kind:
            continue
        if link.previous is not None:
            settled_before.add(link.previous)
        if link.current is not None:
            settled_now.add(link.current)
        if link.previous is not None and link.current is not None:
            pairs[link.previous] = link.current
        elif link.previous is None:
            found.stated_new.add((kind, y, link.current))
        else:
            found.stated_ended.add((kind, py, link.previous))
    for code, name in before.items():
        if code not in settled_before and code in now and code not in settled_now and _same_name(name, now[code]):
            pairs[code] = code
    for old, new in pairs.items():
        found.following[(kind, py, old)] = new
        found.preceding[(kind, y, new)] = old
    matched_now = set(pairs.values())
    for code, name in before.items():
        if code in settled_before or code in pairs:
            continue
        hint = _hint(name, now, matched_now | settled_now)
        found.warnings.append(
            f"{where}:1: {kind} {code} of the {py} programme matches nothing in the {y} programme"
            f"{' (' + y.__str__() + ' has ' + hint + ' under the same name)' if hint else ''}: "
            f"state `{code}: <{y} code>` or `{code}: ended` under {kind_section(kind)}")
    for code, name in now.items():
        if code in settled_now or code in matched_now:
            continue
        hint = _hint(name, before, set(pairs) | settled_before)
        found.warnings.append(
            f"{where}:1: {kind} {code} of the {y} programme matches nothing in the {py} programme"
            f"{' (' + py.__str__() + ' has ' + hint + ' under the same name)' if hint else ''}: "
            f"state `<{py} code>: {code}` or `{code}: new` under {kind_section(kind)}")


def _hint(name: str, others: dict[str, str], taken: set[str]) -> str:
    """Another code with the same name: a suggestion in the warning, never a match."""
    same = [c for c, n in others.items() if c not in taken and _same_name(name, n)]
    return same[0] if len(same) == 1 else ""


def kind_section(kind: str) -> str:
    return {"aim": "aims:", "goal": "goals:", "activity": "activities:", "unit": "units:"}[kind]


# ------------------------------------------------------------------ indicators
class PrintedValues(NamedTuple):
    """What one programme printed for one indicator: its code there and its values by year."""

    programme: int
    code: str
    values: tuple[tuple[str, str], ...]  # (year, value as printed, Turkish), by year


class ChangedValue(NamedTuple):
    """A later programme printed another value for a year than an earlier one did."""

    indicator: str  # the code in the later programme
    goal: str
    year: str
    earlier: int
    earlier_code: str
    earlier_value: str
    later: int
    later_value: str


def _indicator_named(program: Program, goal_code: str | None, name: str) -> Indicator | None:
    if goal_code is None or not program.has_goal(goal_code):
        return None
    same = [i for i in program.goal(goal_code).indicators if _same_name(i.name.tr, name)]
    return same[0] if len(same) == 1 else None


def indicator_history(site: Site, found: Continuity, year: int, goal_code: str
                      ) -> tuple[tuple[str, tuple[PrintedValues, ...]], ...]:
    """For each indicator of a goal, what every programme printed for it (only those
    indicators another programme also prints)."""
    goal = site.programs[year].goal(goal_code)
    history = found.history("goal", year, goal_code)
    out = []
    for indicator in goal.indicators:
        printed = []
        for step in history:
            other = indicator if step.year == year else _indicator_named(
                site.programs[step.year], step.code, indicator.name.tr)
            if other is not None:
                printed.append(PrintedValues(step.year, other.code,
                                             tuple((y, " ".join(v.tr.split())) for y, v in sorted(other.values.items()))))
        if len(printed) > 1:
            out.append((indicator.code, tuple(printed)))
    return tuple(out)


def changed_values(printed: tuple[PrintedValues, ...], goal: str) -> list[ChangedValue]:
    """Each year whose value a later programme prints differently from the programme before it."""
    out = []
    for earlier, later in zip(printed, printed[1:]):
        before = dict(earlier.values)
        for y, value in later.values:
            if y in before and before[y] != value:
                out.append(ChangedValue(later.code, goal, y, earlier.programme, earlier.code, before[y],
                                        later.programme, value))
    return out


def changes_in(site: Site, found: Continuity, year: int) -> tuple[ChangedValue, ...]:
    """Every changed indicator value that this programme prints or that it printed first."""
    out = []
    for goal in site.programs[year].goals:
        for _, printed in indicator_history(site, found, year, goal.code):
            out.extend(c for c in changed_values(printed, goal.code) if year in (c.earlier, c.later))
    return tuple(out)
