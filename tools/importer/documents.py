"""The content files of one programme, as data (relative path -> YAML data or text).

Amounts are written in the one spelling the loader reads (1.571.500,00),
whatever spelling the document used; the value is the printed one.  Every
Turkish text is as printed; English starts empty (or is kept, see write.py).

Each programme is written twice: the official reading (`<year>/official/`,
everything the document prints, Turkish only, never edited by hand) and the
editable content, which holds each fact once.
"""
from __future__ import annotations

import re

from portal.official import DUTIES, OFFICIAL
from portal.text import is_printed_number, slugify
from tools.importer.amounts import printed
from tools.importer.errors import ImportProblem
from tools.importer.labels import key

NEUTRAL_MEASURES = {"%", "km"}  # units of measure that read the same in English
UNIT_SUFFIX = " Müdürlüğü"
OFF_BUDGET = ("revolving_fund", "other_domestic", "foreign")


def tr(text: str, en: str = "") -> dict:
    return {"tr": text, "en": en}


def unit_slug(name: str) -> str:
    base = name[: -len(UNIT_SUFFIX)] if name.endswith(UNIT_SUFFIX) else name
    return slugify(base)


def lower_is_better(ind: dict) -> bool:
    """A first guess for staff to check: the document does not say which way is progress.
    Durations and response times (not rates) fall; repairs needed, illegal building and
    complaints of violence fall whatever their unit."""
    named = lambda words: any(w in ind["name"] for w in words)  # noqa: E731
    return (ind["measure"] != "%" and named(("Süre", "Müdahale"))) or \
        named(("Tamirat Gereken", "Kaçak", "Şikâyette Bulunan"))


def indicator_value(value: str):
    """Numbers stay as printed; worded values ("45 ve Üzeri") get an English twin."""
    return value if is_printed_number(value) else tr(value)


def _listing(listing, slugs) -> dict:
    return {
        "text": listing.text,
        "unit": slugs[listing.unit],
        "activities": [{"name": n, "unit": slugs[u]} for n, u in listing.activities],
    }


def official_goal(p, goal, slugs: dict[str, str]) -> dict:
    """Everything the document prints about one goal, Turkish only: the official reading."""
    aim, number = goal.code
    doc = {"code": f"{aim}.{number}", "unit": slugs[goal.unit], "text": goal.text}
    if goal.strategic_goal_text != goal.text:
        doc["strategic_goal_text"] = goal.strategic_goal_text
    doc["indicators"] = [{
        "code": f"{aim}.{number}.{ind['number']}",
        **({} if ind["printed_code"] == f"PG.{aim}.{number}.{ind['number']}"
           else {"printed_code": ind["printed_code"]}),
        "name": ind["name"],
        "measure": ind["measure"],
        "values": dict(zip(goal.years, ind["values"])),
    } for ind in goal.indicators]
    doc["goal_table"] = {
        "rows": [{"number": r["number"], "name": r["name"], "budget": printed(r["budget"]),
                  "off_budget": printed(r["off_budget"]), "total": printed(r["total"])} for r in goal.rows],
        "total": {k: printed(v) for k, v in goal.total.items()} if goal.total else None,
    }
    doc["activities"] = [{
        "code": ".".join(map(str, c.code)),
        "name": c.name,
        "unit": slugs[c.unit],
        "budget": {str(i + 1): printed(v) for i, v in enumerate(c.econ)},
        "budget_total": printed(c.budget),
        "off_budget": dict(zip(OFF_BUDGET, map(printed, c.off_budget))),
        "off_budget_total": printed(c.off_budget_total),
        "total": printed(c.total),
    } for c in goal.costs]
    listings = {}
    if goal.code in p.plan:
        listings["plan"] = _listing(p.plan[goal.code], slugs)
    if goal.code in p.annex:
        listings["annex"] = _listing(p.annex[goal.code], slugs)
    doc["listings"] = listings
    return doc


def editable_goal(official: dict) -> dict:
    """The goal as staff edit it: each fact once, in both languages.  The document's
    repetitions (goal table, printed totals, listings) stay in the official reading."""
    return {
        "code": official["code"], "unit": official["unit"], "text": tr(official["text"]),
        "indicators": [{
            "code": ind["code"],
            "name": tr(ind["name"]),
            "measure": tr(ind["measure"], ind["measure"] if ind["measure"] in NEUTRAL_MEASURES else ""),
            "values": {year: indicator_value(v) for year, v in ind["values"].items()},
            **({"better": "down"} if lower_is_better(ind) else {}),
        } for ind in official["indicators"]],
        "activities": [{"code": a["code"], "name": tr(a["name"]), "unit": a["unit"], "budget": a["budget"],
                        "off_budget": a["off_budget"]} for a in official["activities"]],
    }


def official_program(p) -> dict:
    d = p.section_d
    amounts = lambda row: {k: printed(v) for k, v in row.items()}  # noqa: E731
    return {
        "year": p.year,
        "title": f"{p.year} Mali Yılı Performans Programı",
        "stated_counts": p.stated_counts,
        "mission": p.mission,
        "vision": p.vision,
        "values": list(p.values),
        "section_d": {
            "budget": {str(k): amounts(v) for k, v in d["econ"].items()},
            "budget_total": amounts(d["budget"]),
            "off_budget": dict(zip(OFF_BUDGET, map(amounts, d["off_budget"]))),
            "off_budget_total": amounts(d["off_budget_total"]),
            "total": amounts(d["total"]),
        },
    }


def editable_program(official: dict) -> dict:
    return {"year": official["year"], "title": tr(official["title"]), "mission": tr(official["mission"]),
            "vision": tr(official["vision"]), "values": [tr(v) for v in official["values"]]}


def english_municipality(name: str) -> str:
    """'Kartepe Belediyesi' -> 'Kartepe Municipality'; other forms are left for a translator."""
    for suffix, english in ((" Büyükşehir Belediyesi", " Metropolitan Municipality"),
                            (" Belediyesi", " Municipality")):
        if name.endswith(suffix):
            return name[: -len(suffix)] + english
    return ""


def site_file(municipality: str, web_address: str) -> str:
    """site.yaml for a new content folder.  The portal's public address cannot be read
    from the document; the municipality's web address (if printed) or a placeholder is
    written with the instruction to replace it."""
    en = english_municipality(municipality)
    url = web_address or "https://example.org"
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    return (
        "# Site settings, written once by tools/import_seed.py; edit freely (a re-import keeps this file).\n"
        f"name:\n  tr: {q(municipality + ' Performans Programı')}\n"
        f"  en: {q(en + ' Performance Programme' if en else '')}\n"
        f"municipality:\n  tr: {q(municipality)}\n  en: {q(en)}\n"
        "languages:\n- tr\n- en\n"
        "default_language: tr\n"
        "# REPLACE before publishing: the portal's own public address (scheme and host only),\n"
        "# used in canonical links and the sitemap. The importer wrote "
        + ("the municipality's web address from the document" if web_address else "a placeholder")
        + ".\n"
        f"url: {url}\n"
    )


WEB_ADDRESS = re.compile(r"\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+\b", re.I)


def web_address(text: str) -> str:
    m = WEB_ADDRESS.search(text[:20000])
    return f"https://{m.group(0).lower()}" if m else ""


def documents(p) -> dict[str, object]:
    """Relative path -> data, for every YAML file of the programme (site.yaml excepted)."""
    slugs: dict[str, str] = {}
    by_slug: dict[str, str] = {}
    for name in p.units:
        slug = unit_slug(name)
        if not slug:
            raise ImportProblem(1, f"unit {name!r} has no letters to make its file name from")
        if slug in by_slug and key(by_slug[slug]) != key(name):
            raise ImportProblem(1, f"units {by_slug[slug]!r} and {name!r} would share the file units/{slug}.yaml")
        slugs[name] = slug
        by_slug.setdefault(slug, name)
    program = official_program(p)
    aims = [{"number": n, "name": t} for n, t in sorted(p.aims.items())]
    out: dict[str, object] = {
        f"{p.year}/program.yaml": editable_program(program),
        f"{p.year}/aims.yaml": [{"number": a["number"], "name": tr(a["name"])} for a in aims],
        f"{p.year}/{OFFICIAL}/program.yaml": program,
        f"{p.year}/{OFFICIAL}/aims.yaml": aims,
    }
    for slug, name in by_slug.items():
        out[f"units/{slug}.yaml"] = {"name": tr(name), "description": tr("")}
    for goal in p.goals:
        name = f"goals/{goal.code[0]}.{goal.code[1]}.yaml"
        official = official_goal(p, goal, slugs)
        out[f"{p.year}/{OFFICIAL}/{name}"] = official
        out[f"{p.year}/{name}"] = editable_goal(official)
    if p.duties:  # a document that states no unit's duties gets no file: nothing to say
        duties = {slugs[d.unit]: {"page": d.page, "heading": d.heading, "duties": d.text} for d in p.duties}
        out[f"{p.year}/{OFFICIAL}/{DUTIES}"] = duties
        out[f"{p.year}/{DUTIES}"] = {slug: {"duties": tr(d["duties"])} for slug, d in duties.items()}
    return out
