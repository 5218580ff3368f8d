"""Which fields still lack an English text: listed as warnings by every build."""
from __future__ import annotations

from portal.model import Site, Text
from portal.text import is_printed_number


def _missing(text: Text) -> bool:
    return bool(text.tr) and not text.en


def untranslated(site: Site) -> list[str]:
    """One line per field with Turkish text and no English: 'file:line: what'."""
    return _fields(site, lambda text, origin, what: f"{origin}: {what} has no English text"
                   if _missing(text) else None)


def stale_translations(site: Site) -> list[str]:
    """One line per English text written for an earlier Turkish text (its `en_of` no longer
    matches): the translation may be out of date."""
    return _fields(site, lambda text, origin, what: (
        f"{origin}: {what}: the English was written for an earlier Turkish text and may be out of date; "
        f"revise it, then delete its en_of line") if text.stale else None)


def _fields(site: Site, verdict) -> list[str]:
    out: list[str] = []

    def check(text: Text, origin, what: str) -> None:
        line = verdict(text, origin, what)
        if line:
            out.append(line)

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
            for activity in goal.activities:
                check(activity.name, activity.origin, f"activity {activity.code} name")
        for slug, duties in program.duties.items():
            check(duties.text, duties.origin, f"unit {slug} duties in the {program.year} programme")
        for page in program.pages.values():
            check(page.title, page.origin, f"page {page.slug} title")
            check(page.body, page.origin, f"page {page.slug} text")
    return out
