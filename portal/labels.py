"""UI labels picked by a key in the data: economic codes, off-budget sources,
kinds of disagreement.  Marked with _() so the catalogs pick them up; the
templates translate them at render time with _(LABELS[key])."""
from __future__ import annotations

from portal.kinds import Kind


def _(message: str) -> str:
    return message


UNTRANSLATED = _("not yet translated")
STALE = _("translation may be out of date")
ECON_NAMES = {
    1: _("Personnel expenses"), 2: _("Social security contributions"), 3: _("Purchases of goods and services"),
    4: _("Interest expenses"), 5: _("Current transfers"), 6: _("Capital expenditure"), 7: _("Capital transfers"),
    8: _("Lending"), 9: _("Reserve appropriations"),
}
OFF_BUDGET_NAMES = {"revolving_fund": _("Revolving fund"), "other_domestic": _("Other domestic"),
                    "foreign": _("Foreign")}
FIELD_NAMES = {
    "budget": _("budget"), "off_budget": _("off-budget"), "total": _("total"), "activities": _("activities"),
    "aims": _("strategic aims"), "goals": _("performance goals"), "unit": _("unit"), "text": _("wording"),
    "name": _("name"), "code": _("code"), "general_administration": _("general administration"),
    "other_administrations": _("other administrations"),
}
DISCREPANCY_KINDS = {
    Kind.STATED_COUNT: _("The document states how many there are; its tables list a different number."),
    Kind.COST_TABLE_BUDGET: _("The cost table's printed budget total differs from the sum of its economic-code lines."),
    Kind.COST_TABLE_OFF_BUDGET: _("The cost table's printed off-budget total differs from the sum of its sources."),
    Kind.COST_TABLE_TOTAL: _("The cost table's printed total differs from budget plus off-budget."),
    Kind.GOAL_TABLE_ROW_TOTAL: _("In the goal table, this row's total differs from its budget plus off-budget."),
    Kind.GOAL_TABLE_SUM: _("The goal table's TOTAL row differs from the sum of its rows."),
    Kind.GOAL_TABLE_VS_COST_TABLES: _("The goal table's TOTAL row differs from the sum of the goal's cost tables."),
    Kind.GOAL_TABLE_ROW_VS_COST_TABLE: _("The goal table's row for this activity differs from the activity's own "
                                      "cost table."),
    Kind.GOAL_TABLE_ROW_COUNT: _("The goal table lists a different number of activities than there are cost "
                              "tables."),
    Kind.GOAL_TABLE_ROW_NAME: _("The goal table names this activity differently from its cost table."),
    Kind.PLAN_ACTIVITY_COUNT: _("The integrated table (section B.5) lists a different number of activities than "
                             "there are cost tables."),
    Kind.ANNEX_ACTIVITY_COUNT: _("The annex of responsible units lists a different number of activities than there "
                              "are cost tables."),
    Kind.PLAN_ACTIVITY_NAME: _("The integrated table (section B.5) names this activity differently from its cost "
                            "table."),
    Kind.ANNEX_ACTIVITY_NAME: _("The annex names this activity differently from its cost table."),
    Kind.PLAN_GOAL_TEXT: _("The integrated table (section B.5) words this goal differently from its goal table."),
    Kind.ANNEX_GOAL_TEXT: _("The annex words this goal differently from its goal table."),
    Kind.STRATEGIC_GOAL_TEXT: _("The goal table words the strategic goal differently from the performance goal."),
    Kind.PLAN_UNIT: _("The integrated table (section B.5) names another responsible unit than the goal table."),
    Kind.ANNEX_UNIT: _("The annex names another responsible unit than the goal table."),
    Kind.ACTIVITY_UNIT: _("The cost table names another responsible unit than its goal."),
    Kind.INDICATOR_CODE: _("The indicator's code is misprinted."),
    Kind.SECTION_D_ROW_TOTAL: _("In section D, this row's total differs from the sum of its columns."),
    Kind.SECTION_D_COLUMN_SUM: _("In section D, the printed total differs from the sum of the rows."),
    Kind.SECTION_D_TOTAL: _("In section D, the printed grand total differs from budget plus off-budget."),
    Kind.SECTION_D_ACTIVITIES_VS_COST_TABLES: _("Section D's activities column differs from the sum of the activity "
                                             "cost tables."),
    Kind.SECTION_D_OFF_BUDGET_SUM: _("In section D, the printed off-budget total differs from the sum of its sources."),
    Kind.SECTION_D_TOTAL_VS_PROGRAMME: _("Section D's grand total differs from the sum of the activity cost tables."),
    Kind.PAGE_TABLE_TOTAL: _("The table's TOTAL row differs from the sum of its rows."),
    Kind.TEXT_VS_TABLE: _("The text states a figure that differs from the table it describes."),
}
# page titles given as a key (see PageSpec): the head, the breadcrumbs and the share card alike
PAGE_TITLES = {
    "activities": _("All activities"), "units": _("Responsible units"), "notes": _("Notes on the source data"),
    "corrections": _("Corrections to the official document"),
    "downloads": _("Open data downloads"), "search": _("Search"), "glossary": _("Glossary of budget terms"),
}
# what a share card says the item is, above its name
SHARE_KICKERS = {
    "home": _("Total resource need in %(year)s"), "aim": _("Strategic aim %(number)s"),
    "goal": _("Performance goal %(code)s"), "activity": _("Activity %(code)s"), "unit": _("Responsible unit"),
}
# each chart's title and what it shows (its description for screen readers), by what it is
# of: the page gives the values (%(number)s, %(code)s) and the downloads repeat the title
CHART_TEXTS = {
    "programme-aims": (_("Resource need by strategic aim"),
                       _("Bars show each strategic aim's share of the programme; the table below gives the exact "
                         "figures.")),
    "programme-units": (_("Resource need by unit"),
                        _("Bars show each unit's share of the programme; the table below gives the exact figures.")),
    "programme-econ": (_("The programme's budget by economic code"),
                       _("Bars show the budget under each economic code; the table below gives the same figures.")),
    "programme-goals": (_("Performance goals by resource need"),
                        _("Each rectangle is a performance goal, its area in proportion to the goal's resource need, "
                          "coloured and framed by strategic aim; each links to its goal. The table below gives the "
                          "exact figures.")),
    "aim-goals": (_("Resource need by performance goal"),
                  _("Bars show each goal's resource need; the table below gives the exact figures.")),
    "aim-econ": (_("Budget of strategic aim %(number)s by economic code"),
                 _("Bars show the budget under each economic code; the table below gives the same figures.")),
    "goal-activities": (_("Resource need by activity"),
                        _("Bars show each activity's resource need; the table below gives the exact figures.")),
    "unit-econ": (_("Budget of this unit by economic code"),
                  _("Bars show the budget under each economic code; the table below gives the same figures.")),
    "unit-years": (_("Resource need of this unit by programme year"),
                   _("Bars show the unit's resource need in each programme; the table beside gives the exact "
                     "figures and the changes.")),
    "indicator-up": (_("Planned values of %(code)s"), _("A rising line counts as progress.")),
    "indicator-down": (_("Planned values of %(code)s"), _("A falling line counts as progress.")),
}
# what a chart's picture says beneath it, outside the page
CHART_SOURCE = _("Source: %(site)s, %(url)s")
