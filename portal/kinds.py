"""The kinds of disagreement the reconciliation reports, named once.

Each kind's value is a published key: it is in program.json and in the
data-notes page's markup, and the site words it from portal/labels.py.
A StrEnum member is that string, so templates and JSON see plain keys,
while Python spells them by name and a misspelt one fails at once.
"""
from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    STATED_COUNT = "stated_count"
    COST_TABLE_BUDGET = "cost_table_budget"
    COST_TABLE_OFF_BUDGET = "cost_table_off_budget"
    COST_TABLE_TOTAL = "cost_table_total"
    GOAL_TABLE_ROW_TOTAL = "goal_table_row_total"
    GOAL_TABLE_SUM = "goal_table_sum"
    GOAL_TABLE_VS_COST_TABLES = "goal_table_vs_cost_tables"
    GOAL_TABLE_ROW_VS_COST_TABLE = "goal_table_row_vs_cost_table"
    GOAL_TABLE_ROW_COUNT = "goal_table_row_count"
    GOAL_TABLE_ROW_NAME = "goal_table_row_name"
    PLAN_ACTIVITY_COUNT = "plan_activity_count"
    ANNEX_ACTIVITY_COUNT = "annex_activity_count"
    PLAN_ACTIVITY_NAME = "plan_activity_name"
    ANNEX_ACTIVITY_NAME = "annex_activity_name"
    PLAN_GOAL_TEXT = "plan_goal_text"
    ANNEX_GOAL_TEXT = "annex_goal_text"
    STRATEGIC_GOAL_TEXT = "strategic_goal_text"
    PLAN_UNIT = "plan_unit"
    ANNEX_UNIT = "annex_unit"
    ACTIVITY_UNIT = "activity_unit"
    INDICATOR_CODE = "indicator_code"
    SECTION_D_ROW_TOTAL = "section_d_row_total"
    SECTION_D_COLUMN_SUM = "section_d_column_sum"
    SECTION_D_TOTAL = "section_d_total"
    SECTION_D_ACTIVITIES_VS_COST_TABLES = "section_d_activities_vs_cost_tables"
    SECTION_D_OFF_BUDGET_SUM = "section_d_off_budget_sum"
    SECTION_D_TOTAL_VS_PROGRAMME = "section_d_total_vs_programme"
    PAGE_TABLE_TOTAL = "page_table_total"
    TEXT_VS_TABLE = "text_vs_table"


class Category(StrEnum):
    """What a disagreement is about, as the data-notes page files it (a published key: the
    page's sections, its ?kind= filter and the discrepancies CSV name them)."""
    MONEY = "money"  # amounts that do not add up or differ between tables
    COUNT = "count"  # how many there are, or a figure the text states about a table
    WORDING = "wording"  # the same thing named or worded differently: no figure is affected


class ListingKinds(NamedTuple):
    """The same four checks are made on each listing of a goal's activities."""
    goal_text: Kind
    activity_name: Kind
    activity_count: Kind
    unit: Kind


LISTING_KINDS = {  # by the listing's key in a goal file
    "plan": ListingKinds(Kind.PLAN_GOAL_TEXT, Kind.PLAN_ACTIVITY_NAME, Kind.PLAN_ACTIVITY_COUNT, Kind.PLAN_UNIT),
    "annex": ListingKinds(Kind.ANNEX_GOAL_TEXT, Kind.ANNEX_ACTIVITY_NAME, Kind.ANNEX_ACTIVITY_COUNT,
                          Kind.ANNEX_UNIT),
}
