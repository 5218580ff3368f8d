"""datapackage.json: a Frictionless data package describing every download.

Amount fields follow the Fiscal Data Package's ideas: each amount column
says what it measures (budget by first-level economic code), the activity
and the unit are the programmatic and administrative classifications.
"""
from __future__ import annotations

import json

from portal.labels import ECON_NAMES
from portal.model import ECON_CODES, OFF_BUDGET_SOURCES, Site
from portal.text import slugify

SOURCE_NAMES = {"revolving_fund": "revolving fund (döner sermaye)",
                "other_domestic": "other domestic sources (diğer yurt içi)",
                "foreign": "foreign sources (yurt dışı)"}


def _amount(name: str, description: str) -> dict:
    return {"name": name, "type": "number", "description": description + " In Turkish lira (TRY), two decimals.",
            "constraints": {"required": True, "minimum": 0}}


def _string(name: str, description: str, required: bool = True) -> dict:
    field = {"name": name, "type": "string", "description": description}
    if required:
        field["constraints"] = {"required": True}
    return field


def activities_schema() -> dict:
    fields = [
        {"name": "year", "type": "integer", "description": "Programme year."},
        _string("aim", "Strategic aim number."),
        _string("goal", "Performance goal code, e.g. 1.5."),
        _string("activity", "Activity code, e.g. 1.5.2 (programmatic classification)."),
        _string("document_code", "The activity's code as the official document prints it, e.g. PH.1.5.F2."),
        _string("unit", "Responsible unit's identifier (administrative classification), e.g. fen-isleri."),
        _string("unit_name_tr", "Responsible unit's name in Turkish."),
        _string("unit_name_en", "Responsible unit's name in English.", required=False),
        _string("name_tr", "Activity name in Turkish (authoritative)."),
        _string("name_en", "Activity name in English (translation).", required=False),
    ]
    fields += [_amount(f"econ_{c}", f"Budget under first-level economic code {c}: {ECON_NAMES[c]}.")
               for c in ECON_CODES]
    fields.append(_amount("budget", "Total budget: the sum of econ_1 to econ_9."))
    fields += [_amount(f"off_budget_{s}", f"Off-budget resources from the {SOURCE_NAMES[s]}.")
               for s in OFF_BUDGET_SOURCES]
    fields.append(_amount("off_budget", "Total off-budget resources."))
    fields.append(_amount("total", "Total resource need: budget plus off-budget."))
    return {"fields": fields, "primaryKey": ["year", "activity"]}


def goals_schema() -> dict:
    return {"fields": [
        {"name": "year", "type": "integer", "description": "Programme year."},
        _string("aim", "Strategic aim number."),
        _string("goal", "Performance goal code, e.g. 1.5."),
        _string("document_code", "The goal's code as printed, e.g. PH.1.5."),
        _string("unit", "Responsible unit's identifier."),
        _string("unit_name_tr", "Responsible unit's name in Turkish."),
        _string("unit_name_en", "Responsible unit's name in English.", required=False),
        _string("text_tr", "The performance goal in Turkish (authoritative)."),
        _string("text_en", "The performance goal in English (translation).", required=False),
        {"name": "activities", "type": "integer", "description": "Number of activities with a cost table."},
        _amount("budget", "Budget: the sum of the goal's activity cost tables."),
        _amount("off_budget", "Off-budget resources, summed from the cost tables."),
        _amount("total", "Total resource need, summed from the cost tables."),
        _amount("printed_budget", "The budget total as the goal table prints it (may differ; see data notes)."),
        _amount("printed_total", "The total as the goal table prints it (may differ; see data notes)."),
    ], "primaryKey": ["year", "goal"]}


def indicators_schema(years: list[str]) -> dict:
    value = "Planned value for {} exactly as printed: a number in Turkish notation (1.150 or 8,5), words " \
            "such as '95 ve Üzeri', or '-' for none."
    return {"fields": [
        {"name": "year", "type": "integer", "description": "Programme year."},
        _string("goal", "Performance goal code."),
        _string("indicator", "Indicator code, e.g. 1.5.1."),
        _string("document_code", "The indicator's code in the document's scheme, e.g. PG.1.5.1."),
        _string("printed_code", "The code as actually printed (sometimes misprinted)."),
        _string("unit", "Responsible unit's identifier."),
        _string("name_tr", "Indicator name in Turkish (authoritative)."),
        _string("name_en", "Indicator name in English (translation).", required=False),
        _string("measure_tr", "Unit of measure in Turkish (%, Adet, Gün ...).", required=False),
        _string("measure_en", "Unit of measure in English.", required=False),
    ] + [_string(f"value_{y}", value.format(y), required=False) for y in years],
        "primaryKey": ["year", "indicator"]}


def discrepancies_schema() -> dict:
    said = ("What the document {} : an amount as a plain decimal (72435000.00), a count, or a name or text "
            "as printed.")
    return {"fields": [
        {"name": "year", "type": "integer", "description": "Programme year."},
        _string("id", "The entry's anchor on the data-notes page (/tr/<year>/veri-notlari/#<id>), made from what "
                      "the gap is (goal-1-6-row-2, section-d-activities, activity-1-4-2-name), not from its place "
                      "in the list: the same gap keeps its id."),
        _string("category", "money (amounts that do not add up), count (counts, and figures a general page's text "
                            "gives for its own tables) or wording (no figure affected): the page's ?kind= filter."),
        _string("kind", "The kind of disagreement of the place that shows the whole gap (its key; the data-notes "
                        "page words each kind)."),
        _string("subject", "Where: the programme, goal 4.1 row 2, activity 1.5.2, section D, page human-resources."),
        _string("field", "Which figure or text: budget, off_budget, total, name, text, unit, code, an economic "
                         "code, a table caption ...", required=False),
        _string("goal", "The goal's code, where the disagreement is in a goal.", required=False),
        _string("activity", "The activity's code, where it concerns one activity.", required=False),
        _string("indicator", "The indicator's code, where it concerns one indicator.", required=False),
        _string("page", "The general-information page, where it is in one.", required=False),
        _string("stated", said.format("prints (the printed total, count or wording)")),
        _string("computed", said.format("adds up to or says elsewhere")),
        {"name": "difference", "type": "number",
         "description": "stated minus computed, where both are figures; empty for wording. Each gap is one row, "
                        "so the differences of the rows never count one gap twice."},
        {"name": "places", "type": "integer",
         "description": "In how many places the document shows this gap (a goal-table row, its comparison with "
                        "the activity's cost table, the table's TOTAL ...)."},
        _string("shown_in", "Every place: its kind, subject and field, and where the official reading prints it "
                            "(file:line), separated by '; '."),
        _string("source", "Where the official reading prints the figure of this row: file and line."),
    ], "primaryKey": ["year", "id"]}


def corrections_schema() -> dict:
    value = ("The {} value: an amount as a plain decimal (72435000.00), or a Turkish text as written; "
             "empty where there is none.")
    return {"fields": [
        {"name": "year", "type": "integer", "description": "Programme year."},
        _string("item", "What kind of item was corrected: programme, aim, goal, indicator, activity, page (a "
                        "general page) or unit (its duties)."),
        _string("code", "The item's code (1.5.2; the aim's number; the year for the programme; a page's or a "
                        "unit's slug)."),
        _string("field", "The corrected field as the content names it: name, unit, text, budget.6 (economic "
                         "code 6), off_budget.foreign, values.2024, duties ..."),
        _string("field_tr", "The field's name in Turkish."),
        _string("field_en", "The field's name in English."),
        _string("official", value.format("official document's"), required=False),
        _string("corrected", value.format("corrected"), required=False),
        {"name": "date", "type": "date", "description": "Since when the correction applies.",
         "constraints": {"required": True}},
        _string("reason_tr", "Why the figure or text was corrected, in Turkish."),
        _string("reason_en", "The same in English.", required=False),
        _string("authority_tr", "On what authority (e.g. a council decision), in Turkish."),
        _string("authority_en", "The same in English.", required=False),
    ], "primaryKey": ["year", "item", "code", "field"]}


def package_name(site: Site) -> str:
    """The package's name from the site's municipality: 'Kartepe Belediyesi' ->
    'kartepe-performance-programme' (Frictionless names are lower-case ASCII with dashes)."""
    name = site.municipality.tr
    for suffix in (" Büyükşehir Belediyesi", " Belediyesi"):
        if name.endswith(suffix):
            name = name[: -len(suffix)] + ("-buyuksehir" if "Büyükşehir" in suffix else "")
            break
    return f"{slugify(name) or 'municipality'}-performance-programme"


CONTINUITY_STATES = "first, continued, renumbered, new or unmatched"


def all_years_schema(schema: dict, kind: str) -> dict:
    """A per-year file's columns, for every programme in one file, with how each row
    continues the previous programme's (portal/continuity.py)."""
    return {"fields": schema["fields"] + [
        {"name": "previous_year", "type": "integer",
         "description": "The programme before this row's, when the row continues an item of it."},
        _string("previous_code", f"The {kind}'s code in that programme (differs where a new plan renumbered it).",
                required=False),
        {"name": "continuity", "type": "string", "constraints": {"required": True},
         "description": f"How the {kind} follows the previous programme: {CONTINUITY_STATES} (first: the "
                        f"site's first programme; new: stated in continuity.yaml; unmatched: neither code and "
                        f"name nor continuity.yaml match it to an item of the previous programme)."},
    ], "primaryKey": schema["primaryKey"]}


def all_indicator_years(site: Site) -> list[str]:
    return sorted({y for p in site.programs.values() for y in p.indicator_years})


def datapackage(site: Site) -> bytes:
    resources = []
    if len(site.programs) > 1:
        for name, title, schema, kind in (
                ("activities", "Activities and their cost tables", activities_schema(), "activity"),
                ("goals", "Performance goals with totals", goals_schema(), "goal"),
                ("indicators", "Performance indicators", indicators_schema(all_indicator_years(site)), "indicator")):
            resources.append({
                "name": name, "path": f"{name}.csv", "title": f"{title}, every programme year",
                "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8-sig", "schema": all_years_schema(schema, kind),
            })
    for year in sorted(site.programs):
        for name, title, schema in (
                ("activities", "Activities and their cost tables", activities_schema()),
                ("goals", "Performance goals with totals", goals_schema()),
                ("indicators", "Performance indicators", indicators_schema(site.programs[year].indicator_years))):
            resources.append({
                "name": f"{name}-{year}", "path": f"{year}/{name}.csv", "title": f"{title}, {year}",
                "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8-sig", "schema": schema,
            })
        resources.append({
            "name": f"discrepancies-{year}", "path": f"{year}/discrepancies.csv",
            "title": f"Where the official {year} document disagrees with itself, as the data-notes page lists it",
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig", "schema": discrepancies_schema(),
        })
        resources.append({
            "name": f"corrections-{year}", "path": f"{year}/corrections.csv",
            "title": f"Corrections to the official {year} document: what the site shows differently, and why",
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig", "schema": corrections_schema(),
        })
        resources.append({
            # a file, not one table: its sheets are the CSV files' tables, each under two header rows
            "name": f"spreadsheet-{year}", "path": f"{year}/program.xlsx", "format": "xlsx", "type": "file",
            "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "profile": "data-resource",
            "title": f"The {year} activities, goals, indicators, discrepancies and corrections as one spreadsheet: "
                     f"codes stored as text, amounts as numbers, Turkish and English headers",
        })
        resources.append({
            "name": f"program-{year}", "path": f"{year}/program.json", "format": "json",
            "mediatype": "application/json", "profile": "data-resource",
            "title": f"The whole {year} programme, with the disagreements found in the source document",
        })
    package = {
        "profile": "data-package",
        "name": package_name(site),
        "title": f"{site.municipality.en}: performance programme open data",
        "description": ("Strategic aims, performance goals, indicators, activities and their cost tables by "
                        "first-level economic code, as published in the official performance programme. "
                        "Totals are summed from the cost-table lines."),
        "homepage": site.url + "/" if site.url else "",
        "sources": [{"title": f"{site.municipality.tr}, {program.title.tr} (resmî belge)",
                     **({"path": site.documents[year].url} if year in site.documents and site.documents[year].url
                        else {})} for year, program in sorted(site.programs.items())],
        "resources": resources,
    }
    if site.licence is not None:
        package["licenses"] = [{"name": site.licence.name, "path": site.licence.url,
                                "title": site.licence.title.en or site.licence.title.tr}]
    if not package["homepage"]:
        del package["homepage"]
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
