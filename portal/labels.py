"""UI labels picked by a key in the data: economic codes, off-budget sources,
kinds of disagreement.  Marked with _() so the catalogs pick them up; the
templates translate them at render time with _(LABELS[key])."""
from __future__ import annotations

from portal.kinds import Category, Kind


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
# What each kind of disagreement says, with both figures: on the data-notes page and in the
# notice of every page it concerns.  Variables: stated, computed (formatted), field, activity,
# goal and indicator (codes as printed), row, line (an economic code), where (a page's table
# cell), quote (the page's words).
DISCREPANCY_KINDS = {
    Kind.STATED_COUNT: _("The text states %(stated)s; the tables list %(computed)s."),
    Kind.COST_TABLE_BUDGET: _("The cost table of %(activity)s prints a budget total of %(stated)s; its "
                              "economic-code lines add up to %(computed)s."),
    Kind.COST_TABLE_OFF_BUDGET: _("The cost table of %(activity)s prints an off-budget total of %(stated)s; its "
                                  "sources add up to %(computed)s."),
    Kind.COST_TABLE_TOTAL: _("The cost table of %(activity)s prints a total of %(stated)s; its budget plus "
                             "off-budget is %(computed)s."),
    Kind.GOAL_TABLE_ROW_TOTAL: _("Row %(row)s of the goal table prints a total of %(stated)s; the row's budget "
                                 "plus off-budget is %(computed)s."),
    Kind.GOAL_TABLE_SUM: _("The goal table's TOTAL row prints %(stated)s (%(field)s); its rows add up to "
                           "%(computed)s."),
    Kind.GOAL_TABLE_VS_COST_TABLES: _("The goal table's TOTAL row prints %(stated)s (%(field)s); the goal's "
                                      "activity cost tables add up to %(computed)s."),
    Kind.GOAL_TABLE_ROW_VS_COST_TABLE: _("The goal table prints %(stated)s (%(field)s) for %(activity)s; the "
                                         "activity's cost table adds up to %(computed)s."),
    Kind.GOAL_TABLE_ROW_COUNT: _("The goal table has %(stated)s activity rows; there are %(computed)s cost "
                                 "tables."),
    Kind.PLAN_ACTIVITY_COUNT: _("The integrated table (section B.5) lists %(stated)s activities for this goal; "
                                "there are %(computed)s cost tables."),
    Kind.ANNEX_ACTIVITY_COUNT: _("The annex of responsible units lists %(stated)s activities for this goal; there "
                                 "are %(computed)s cost tables."),
    Kind.PLAN_ACTIVITY_NAME: _("The integrated table (section B.5) names %(activity)s %(stated)s; its cost table "
                               "names it %(computed)s."),
    Kind.ANNEX_ACTIVITY_NAME: _("The annex names %(activity)s %(stated)s; its cost table names it %(computed)s."),
    Kind.GOAL_TABLE_ROW_NAME: _("The goal table names %(activity)s %(stated)s; its cost table names it "
                                "%(computed)s."),
    Kind.PLAN_GOAL_TEXT: _("The integrated table (section B.5) words goal %(goal)s %(stated)s; its goal table "
                           "says %(computed)s."),
    Kind.ANNEX_GOAL_TEXT: _("The annex words goal %(goal)s %(stated)s; its goal table says %(computed)s."),
    Kind.STRATEGIC_GOAL_TEXT: _("The goal table's strategic goal reads %(stated)s; its performance goal reads "
                                "%(computed)s."),
    Kind.PLAN_UNIT: _("The integrated table (section B.5) names %(stated)s as the responsible unit of %(goal)s; the "
                      "goal table names %(computed)s."),
    Kind.ANNEX_UNIT: _("The annex names %(stated)s as the responsible unit of %(goal)s; the goal table names "
                       "%(computed)s."),
    Kind.ACTIVITY_UNIT: _("The cost table of %(activity)s names %(stated)s as the responsible unit; its goal names "
                          "%(computed)s."),
    Kind.INDICATOR_CODE: _("The indicator's code is printed %(stated)s; in the document's numbering it is "
                           "%(computed)s."),
    Kind.SECTION_D_ROW_TOTAL: _("Section D prints a total of %(stated)s for %(line)s; its columns add up to "
                                "%(computed)s."),
    Kind.SECTION_D_COLUMN_SUM: _("Section D prints a budget total of %(stated)s (%(field)s); its rows add up to "
                                 "%(computed)s."),
    Kind.SECTION_D_TOTAL: _("Section D prints a grand total of %(stated)s (%(field)s); its budget plus off-budget "
                            "is %(computed)s."),
    Kind.SECTION_D_ACTIVITIES_VS_COST_TABLES: _("Section D prints %(stated)s for %(line)s in its activities "
                                                "column; the activities' cost tables add up to %(computed)s."),
    Kind.SECTION_D_OFF_BUDGET_SUM: _("Section D prints an off-budget total of %(stated)s (%(field)s); its sources "
                                     "add up to %(computed)s."),
    Kind.SECTION_D_TOTAL_VS_PROGRAMME: _("Section D prints a grand total of %(stated)s; the activities' cost tables "
                                         "add up to %(computed)s."),
    Kind.PAGE_TABLE_TOTAL: _("The TOTAL row of %(where)s prints %(stated)s; the rows above it add up to "
                             "%(computed)s."),
    Kind.TEXT_VS_TABLE: _("The text says %(quote)s (%(stated)s); %(where)s gives %(computed)s."),
}
# A wording disagreement's two sides: the part of the document that prints the wording
# compared, and the part it is compared with.
WORDING_PARTS = {
    Kind.PLAN_ACTIVITY_NAME: (_("integrated table (B.5)"), _("cost table")),
    Kind.ANNEX_ACTIVITY_NAME: (_("annex"), _("cost table")),
    Kind.GOAL_TABLE_ROW_NAME: (_("goal table"), _("cost table")),
    Kind.PLAN_GOAL_TEXT: (_("integrated table (B.5)"), _("goal table")),
    Kind.ANNEX_GOAL_TEXT: (_("annex"), _("goal table")),
    Kind.STRATEGIC_GOAL_TEXT: (_("strategic goal in the goal table"), _("goal table")),
    Kind.PLAN_UNIT: (_("integrated table (B.5)"), _("goal table")),
    Kind.ANNEX_UNIT: (_("annex"), _("goal table")),
    Kind.ACTIVITY_UNIT: (_("cost table"), _("goal table")),
    Kind.INDICATOR_CODE: (_("indicator table, as printed"), _("the document's numbering")),
}
# The data-notes page's sections, and the notices: amounts and counts are figures that
# disagree; a wording is only a wording.
CATEGORY_NAMES = {Category.MONEY: _("Amounts"), Category.COUNT: _("Counts"), Category.WORDING: _("Wording")}
CATEGORY_HEADINGS = {
    Category.MONEY: _("Amounts that do not add up"),
    Category.COUNT: _("Counts that differ"),
    Category.WORDING: _("Wording only"),
}
CATEGORY_INTROS = {
    Category.MONEY: _("A printed amount differs from the sum of its lines, or from the same amount in another "
                      "table. Largest difference first."),
    Category.COUNT: _("How many there are differs between two places, or a general page's text gives another "
                      "figure than its own table. Largest difference first."),
    Category.WORDING: _("The same activity, goal, unit or code is printed differently in two places. No figure is "
                        "affected."),
}
OVERVIEW = _("programme overview")  # where section D and the stated counts show
TOTAL_BUDGET = _("the total budget")  # section D's budget row, in a sentence
# what an entry is about, by the first part of its key (portal/reconcile.py, place_key)
NOTE_HEADINGS = {
    "row": _("Goal table of %(goal)s, row %(row)s"),
    "row of": _("Goal table of %(goal)s, row %(row)s (%(activity)s)"),
    "total": _("Goal table of %(goal)s, TOTAL row"),
    "activities": _("Number of activities of goal %(goal)s"),
    "text": _("Wording of goal %(goal)s"),
    "unit": _("Responsible unit of goal %(goal)s"),
    "cost-table": _("Cost table of activity %(activity)s"),
    "name": _("Name of activity %(activity)s"),
    "activity unit": _("Responsible unit of activity %(activity)s"),
    "code": _("Code of indicator %(indicator)s"),
    "section-d": _("Section D: total resource need"),
    "section-d activities": _("Section D, activities column"),
    "page table": _("%(page)s: %(where)s"),
    "page text": _("%(page)s: the text against %(where)s"),
    "aims": _("Number of strategic aims"), "goals": _("Number of performance goals"),
    "activities count": _("Number of activities in the programme"),
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
