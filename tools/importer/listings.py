"""B.5 (the integrated table of aims, goals and activities) and the annex of
responsible units: the document's two listings of its goals.

Rows are found by their codes (Stratejik Amaç n, Stratejik Hedef / P.H. x.y,
F.n); a line right below a row continues it (a wrapped name or unit; its
leading empty cells say which, so one indented with spaces, which keep no
count of empty cells, is an import error).  A
line of one cell elsewhere is prose or a cover page and holds no row; a
line of several cells that is no row is an import error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tools.importer import labels as L
from tools.importer.errors import ImportProblem
from tools.importer.normalise import Document
from tools.importer.rows import join, text_of


@dataclass
class Listing:
    """A goal as listed in the integrated table (B.5) or the annex."""

    text: str
    unit: str
    line: int
    activities: list[list[str]] = field(default_factory=list)  # [name, unit]


LISTED_AIM = re.compile(r"^stratejik amac (\d+)$")
LISTED_GOAL = re.compile(r"^(?:stratejik hedef|p h|ph|performans hedefi?) (\d+) (\d+)$")
LISTED_ACTIVITY = re.compile(r"^f (\d+)$")


def listings(doc: Document, a: int, b: int, what: str) -> tuple[dict[int, str], dict[tuple[int, int], Listing], str]:
    """Aims, goals with their activities, and the administration's name (annex header)."""
    aims: dict[int, str] = {}
    goals: dict[tuple[int, int], Listing] = {}
    administration = ""
    current: Listing | None = None
    item: list[str] | None = None  # [text, unit] of the row a continuation line extends
    for i in range(a, b):
        if doc.blank(i) or doc.empty_row(i):
            item = None
            continue
        c = doc.cells(i)
        k = L.key(c[0])
        if k == "kod" or k == L.ADMINISTRATION:
            if k == L.ADMINISTRATION and len(c) > 1:
                administration = c[1]
            item = None
        elif m := LISTED_AIM.match(k):
            if len(c) < 2:
                raise ImportProblem(i + 1, f"{what}: strategic aim {m.group(1)} without its name")
            aims[int(m.group(1))] = text_of(c[1:])
            item = None
        elif m := LISTED_GOAL.match(k):
            if len(c) != 3:
                raise ImportProblem(i + 1, f"{what}: goal {m.group(1)}.{m.group(2)} needs its text and its "
                                           f"unit in two cells, found {len(c) - 1} cell(s)")
            code = (int(m.group(1)), int(m.group(2)))
            if code in goals:
                raise ImportProblem(i + 1, f"{what}: goal {code[0]}.{code[1]} is listed twice")
            current = goals[code] = Listing(c[1], c[2], i + 1)
            item = None
        elif LISTED_ACTIVITY.match(k):
            if current is None or len(c) != 3:
                raise ImportProblem(i + 1, f"{what}: an activity needs a goal above it and its name and unit "
                                           f"in two cells, found {c}")
            item = [c[1], c[2]]
            current.activities.append(item)
        elif item is not None or (current is not None and _adjacent_to_goal(doc, i, current)):
            _continue_listing(doc, i, item, current if item is None else None)
        elif len(c) > 1:
            raise ImportProblem(i + 1, f"{what}: a table row the importer does not understand: {text_of(c)!r}")
        # else: a line of prose or a cover page between tables; it holds no row
    return aims, goals, administration


def _adjacent_to_goal(doc: Document, i: int, goal: Listing) -> bool:
    return goal.line == i and not goal.activities  # the line right below the goal's own row


def _continue_listing(doc: Document, i: int, item: list[str] | None, goal: Listing | None) -> None:
    cells = doc.all_cells(i)
    lead = 0
    while lead < len(cells) and cells[lead] == "":
        lead += 1
    parts = cells[lead:]
    if lead and "\t" not in doc.lines[i] and len([p for p in parts if p]) == 1:
        # "\tmore of the name" and "\t\tmore of the unit" are both "    more" with spaces
        raise ImportProblem(i + 1, f"a continuation line indented with spaces: whether {text_of(parts)!r} "
                                   f"continues the name or the unit cannot be told; indent it with tabs (one "
                                   f"for the name, two for the unit), or convert the PDF keeping tabs")
    column = max(lead, 1)
    for part in parts:
        if part:
            if column == 1:
                if item is not None:
                    item[0] = join(item[0], part)
                else:
                    goal.text = join(goal.text, part)
            elif column == 2:
                if item is not None:
                    item[1] = join(item[1], part)
                else:
                    goal.unit = join(goal.unit, part)
            else:
                raise ImportProblem(i + 1, f"a continuation line with more cells than the table has: {parts}")
        column += 1


