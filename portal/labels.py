"""UI labels picked by a key in the data: economic codes, off-budget sources,
kinds of disagreement.  Marked with _() so the catalogs pick them up; the
templates translate them at render time with _(LABELS[key])."""
from __future__ import annotations


def _(message: str) -> str:
    return message


UNTRANSLATED = _("not yet translated")
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
    "stated_count": _("The document states how many there are; its tables list a different number."),
    "cost_table_budget": _("The cost table's printed budget total differs from the sum of its economic-code lines."),
    "cost_table_off_budget": _("The cost table's printed off-budget total differs from the sum of its sources."),
    "cost_table_total": _("The cost table's printed total differs from budget plus off-budget."),
    "goal_table_row_total": _("In the goal table, this row's total differs from its budget plus off-budget."),
    "goal_table_sum": _("The goal table's TOTAL row differs from the sum of its rows."),
    "goal_table_vs_cost_tables": _("The goal table's TOTAL row differs from the sum of the goal's cost tables."),
    "goal_table_row_vs_cost_table": _("The goal table's row for this activity differs from the activity's own "
                                      "cost table."),
    "goal_table_row_count": _("The goal table lists a different number of activities than there are cost "
                              "tables."),
    "goal_table_row_name": _("The goal table names this activity differently from its cost table."),
    "plan_activity_count": _("The integrated table (section B.5) lists a different number of activities than "
                             "there are cost tables."),
    "annex_activity_count": _("The annex of responsible units lists a different number of activities than there "
                              "are cost tables."),
    "plan_activity_name": _("The integrated table (section B.5) names this activity differently from its cost "
                            "table."),
    "annex_activity_name": _("The annex names this activity differently from its cost table."),
    "plan_goal_text": _("The integrated table (section B.5) words this goal differently from its goal table."),
    "annex_goal_text": _("The annex words this goal differently from its goal table."),
    "strategic_goal_text": _("The goal table words the strategic goal differently from the performance goal."),
    "plan_unit": _("The integrated table (section B.5) names another responsible unit than the goal table."),
    "annex_unit": _("The annex names another responsible unit than the goal table."),
    "activity_unit": _("The cost table names another responsible unit than its goal."),
    "indicator_code": _("The indicator's code is misprinted."),
    "section_d_row_total": _("In section D, this row's total differs from the sum of its columns."),
    "section_d_column_sum": _("In section D, the printed total differs from the sum of the rows."),
    "section_d_total": _("In section D, the printed grand total differs from budget plus off-budget."),
    "section_d_activities_vs_cost_tables": _("Section D's activities column differs from the sum of the activity "
                                             "cost tables."),
    "section_d_off_budget_sum": _("In section D, the printed off-budget total differs from the sum of its sources."),
    "section_d_total_vs_programme": _("Section D's grand total differs from the sum of the activity cost tables."),
    "page_table_total": _("The table's TOTAL row differs from the sum of its rows."),
    "text_vs_table": _("The text states a figure that differs from the table it describes."),
}
