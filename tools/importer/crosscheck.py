"""What the importer cannot account for, found before anything is written.

Two kinds of disagreement are kept apart.  If B.5, the annex and the goal
tables do not list the same goals, or a goal has no table, a table was
lost or misread: the importer cannot tell the document's fault from its
own, so it refuses (an ImportProblem).  If the document's own figures
disagree (a stated count, a total, a listing's number of activities) it
is imported as printed and the build publishes the disagreement on the
data-notes page: `report` shows those side by side for `--check`.
"""
from __future__ import annotations

from tools.importer.errors import ImportProblem


def crosscheck(p) -> None:
    goals = {g.code: g for g in p.goals}
    if not goals:
        raise ImportProblem(1, "no goal tables ('Birim Adı' ... 'Performans Hedefi') were found")
    for name, listing in (("B.5", p.plan), ("the annex", p.annex)):
        for code, item in listing.items():
            if code not in goals:
                raise ImportProblem(item.line, f"{name} lists goal {code[0]}.{code[1]}, but section C has no goal "
                                               f"table for it (a lost or cut-off table)")
        for code, goal in goals.items():
            if code not in listing:
                where = "the file may be cut off" if name == "the annex" else "a lost or misread row"
                raise ImportProblem(goal.line, f"goal {code[0]}.{code[1]} has a goal table but is not listed "
                                               f"in {name} ({where})")
    if p.annex and p.plan:
        code, last = list(p.annex.items())[-1]  # the annex is the document's end: a cut file loses its tail
        if code in p.plan and len(last.activities) < len(p.plan[code].activities):
            raise ImportProblem(last.line, f"the annex ends with goal {code[0]}.{code[1]} listing "
                                           f"{len(last.activities)} of the {len(p.plan[code].activities)} "
                                           f"activities B.5 lists: the file may be cut off")
    for code in goals:
        if code[0] not in p.aims:
            raise ImportProblem(goals[code].line, f"goal {code[0]}.{code[1]} belongs to strategic aim {code[0]}, "
                                                  f"which B.5 does not list")


def report(p) -> list[tuple[str, str, str]]:
    """(what, the document states, the importer found) for `--check`."""
    acts = p.activities
    stated = p.stated_counts
    rows = sum(len(g.rows) for g in p.goals)
    listed = sum(len(x.activities) for x in p.plan.values())
    out = [
        ("year, municipality", f"{p.year}, {p.municipality}", f"{p.year}, {p.municipality}"),
        ("strategic aims", str(stated.get("aims", "—")), str(len(p.aims))),
        ("performance goals", str(stated.get("goals", "—")), str(len(p.goals))),
        ("activities (stated count / cost tables)", str(stated.get("activities", "—")), str(len(acts))),
        ("activities listed in B.5 / goal-table rows", str(listed), str(rows)),
        ("indicators", "—", str(sum(len(g.indicators) for g in p.goals))),
        ("units named by the tables and the organisation text", "—", str(len(p.units))),
        ("units whose duties the sections on duties and organisation state", "—", str(len(p.duties))),
        ("section D total / sum of cost tables", _tl(p.section_d["total"]["total"]),
         _tl(sum((c.total for c in acts), start=type(p.section_d["total"]["total"])(0)))),
        ("section D activities column / cost tables' budget", _tl(p.section_d["budget"]["activities"]),
         _tl(sum((c.budget for c in acts), start=type(p.section_d["total"]["total"])(0)))),
    ]
    for g in p.goals:
        if len(g.rows) != len(g.costs):
            out.append((f"goal {g.code[0]}.{g.code[1]}: goal-table rows / cost tables", str(len(g.rows)),
                        str(len(g.costs))))
    return out


def _tl(value) -> str:
    from tools.importer.amounts import printed

    return printed(value) + " TL"
