"""Which fields still lack an English text: listed as warnings by every build."""
from __future__ import annotations

from portal.model import Site, Text
from portal.text import is_printed_number


def _missing(text: Text) -> bool:
    return bool(text.tr) and not text.en


def untranslated(site: Site) -> list[str]:
    """One line per field with Turkish text and no English: 'file:line: what'."""
    out: list[str] = []

    def check(text: Text, origin, what: str) -> None:
        if _missing(text):
            out.append(f"{origin}: {what} has no English text")

    check(site.name, site.origin, "site name")
    for unit in site.units.values():
        check(unit.name, unit.origin, f"unit {unit.slug} name")
        check(unit.description, unit.origin, f"unit {unit.slug} description")
    for term in site.glossary:
        check(term.term, term.origin, f"glossary term {term.key}")
        check(term.definition, term.origin, f"glossary definition {term.key}")
    for program in site.programs.values():
        origin = program.origin
        check(program.title, origin, "programme title")
        check(program.mission, origin, "mission")
        check(program.vision, origin, "vision")
        for i, value in enumerate(program.values, 1):
            check(value, origin, f"value {i}")
        for aim in program.aims:
            check(aim.name, aim.origin, f"aim {aim.number}")
        for goal in program.goals:
            check(goal.text, goal.origin, f"goal {goal.code} text")
            for ind in goal.indicators:
                check(ind.name, ind.origin, f"indicator {ind.code} name")
                check(ind.measure, ind.origin, f"indicator {ind.code} unit of measure")
                for year, value in ind.values.items():
                    if not is_printed_number(value.tr):
                        check(value, ind.origin, f"indicator {ind.code} value for {year}")
            for row in goal.table_rows:
                check(row.name, row.origin, f"goal {goal.code} table row {row.number}")
            for activity in goal.activities:
                check(activity.name, activity.origin, f"activity {activity.code} name")
        for page in program.pages.values():
            check(page.title, page.origin, f"page {page.slug} title")
            check(page.body, page.origin, f"page {page.slug} text")
    return out
