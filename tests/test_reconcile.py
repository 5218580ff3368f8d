"""Every disagreement in the official document is found, and nothing else."""
from __future__ import annotations

from decimal import Decimal

import pytest

from portal.kinds import Kind
from portal.labels import DISCREPANCY_KINDS
from portal.load import load
from portal.reconcile import reconcile
from tests.test_bad_content import replace

D = Decimal


@pytest.fixture(scope="module")
def found(program):
    return reconcile(program)


def has(found, kind, subject, field="", stated=None, computed=None):
    for d in found:
        if d.kind == kind and d.subject == subject and (not field or d.field == field) \
                and (stated is None or d.stated == stated) and (computed is None or d.computed == computed):
            return d
    raise AssertionError(f"not found: {kind} {subject} {field} {stated} {computed}")


# What an independent reading of the document found, figure by figure.
KNOWN = [
    ("stated_count", "programme", "activities", 129, 126),
    ("goal_table_row_total", "goal 1.6 row 2", "total", D("28800000.00"), D("29696000.00")),
    ("goal_table_vs_cost_tables", "goal 1.6", "total", D("69362000.00"), D("70258000.00")),
    ("goal_table_row_total", "goal 4.1 row 4", "total", D("614765000.00"), D("614665000.00")),
    ("goal_table_sum", "goal 4.1", "total", D("638840000.00"), D("638940000.00")),
    ("goal_table_sum", "goal 4.4", "budget", D("8300000.00"), D("9300000.00")),
    ("goal_table_sum", "goal 6.1", "budget", D("786000.00"), D("784000.00")),
    ("goal_table_sum", "goal 6.10", "budget", D("2473000.00"), D("2474000.00")),
    ("goal_table_row_vs_cost_table", "goal 6.10 row 2", "budget", D("252500.00"), D("251500.00")),
    ("goal_table_row_vs_cost_table", "goal 6.10 row 4", "budget", D("251500.00"), D("252500.00")),
    ("section_d_activities_vs_cost_tables", "section D", "4", D("0.00"), D("5500000.00")),
    ("section_d_activities_vs_cost_tables", "section D", "5", D("6587000.00"), D("10187000.00")),
    ("section_d_activities_vs_cost_tables", "section D", "9", D("0.00"), D("140000000.00")),
    ("section_d_activities_vs_cost_tables", "section D", "budget", D("1311400000.00"), D("1460500000.00")),
    ("plan_activity_count", "goal 4.3", "activities", 3, 1),
    ("annex_activity_count", "goal 4.6", "activities", 3, 2),
    ("plan_unit", "goal 1.8", "unit", "imar-ve-sehircilik", "emlak-ve-istimlak"),
    ("plan_goal_text", "goal 5.3", "text", None, None),
    ("plan_goal_text", "goal 5.4", "text", None, None),
    ("strategic_goal_text", "goal 2.1", "text", None, None),
    ("goal_table_row_name", "activity 1.4.2", "name", None, None),
    ("plan_activity_name", "activity 4.4.1", "name", None, None),
    ("indicator_code", "indicator 1.12.2", "code", "PG1.1.2.2", "PG.1.12.2"),
    ("indicator_code", "indicator 4.4.5", "code", "A4.H1.PG5", "PG.4.4.5"),
    ("text_vs_table", "page human-resources", "Tablo 6, Okuryazar", 10, 11),
    ("text_vs_table", "page human-resources", "Tablo 7, Toplam", 967, 968),
    ("text_vs_table", "page human-resources", "Tablo 8, THS (Teknik Hizmetler Sınıfı)", 55, 57),
    ("text_vs_table", "page human-resources", "Tablo 6, Toplam", 43, 49),
]


@pytest.mark.parametrize("kind,subject,field,stated,computed", KNOWN)
def test_known_disagreement_is_found(found, kind, subject, field, stated, computed):
    d = has(found, kind, subject, field, stated, computed)
    assert d.origin.path.startswith("content/2024/")


def test_money_differences_are_exact(found):
    d = has(found, "goal_table_row_total", "goal 1.6 row 2", "total")
    assert d.difference == D("-896000.00")
    d = has(found, "section_d_activities_vs_cost_tables", "section D", "budget")
    assert d.difference == D("-149100000.00")


def test_every_kind_of_disagreement_is_explained_on_the_data_notes_page():
    """A kind without its sentence would break the data-notes page; one without a kind is dead text."""
    assert set(DISCREPANCY_KINDS) == set(Kind)


def test_consistent_figures_raise_nothing(found):
    """No cost table disagrees with itself, and section D adds up on its own."""
    kinds = {d.kind for d in found}
    assert not kinds & {"cost_table_budget", "cost_table_off_budget", "cost_table_total",
                        "section_d_row_total", "section_d_column_sum", "section_d_total"}
    assert not any(d.subject == "goal 1.1" for d in found)


def test_a_changed_line_is_caught_with_its_difference(content_copy):
    """A document that prints another line (its official reading, as the importer writes it,
    and the content alike) disagrees with its printed total."""
    for rel in ("2024/official/goals/1.5.yaml", "2024/goals/1.5.yaml"):
        replace(content_copy, rel, "'6': 24.000.000,00", "'6': 24.000.100,00")
    program = load(content_copy).programs[2024]
    found = reconcile(program)
    d = has(found, "cost_table_budget", "activity 1.5.1", "budget")
    assert d.stated == D("72435000.00") and d.computed == D("72435100.00")
    assert d.difference == D("-100.00")
    assert d.origin.path == "content/2024/official/goals/1.5.yaml"


def test_a_table_whose_total_row_is_off_is_caught(content_copy):
    for rel in ("2024/official/pages/human-resources.md", "2024/pages/human-resources.tr.md"):  # the document's
        replace(content_copy, rel, "| 0-5 YIL | 458 |", "| 0-5 YIL | 459 |")
    found = reconcile(load(content_copy).programs[2024])
    d = has(found, "page_table_total", "page human-resources", "Tablo 9")
    assert (d.stated, d.computed) == (968, 969)


def test_counted_totals_equal_the_documents_grand_total(program):
    assert program.budget == D("1460500000.00")
    assert program.budget == program.section_d.stated_budget.stated_total
    by_econ = program.totals.by_econ
    for code, row in program.section_d.budget_lines.items():
        assert by_econ[code] == row.stated_total, code
    assert len(program.goals) == 52 and len(program.aims) == 6 and len(program.activities) == 126
