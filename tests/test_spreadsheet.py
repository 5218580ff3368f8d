"""The programme as a spreadsheet: codes stay text and amounts numbers in any locale,
every figure equal to the CSV's to the kuruş; and the discrepancies as a CSV."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import openpyxl
import pytest


def csv_rows(site, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / "data/2024" / name).read_bytes().decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def book(built_site):
    return openpyxl.load_workbook(built_site / "data/2024/program.xlsx")


SHEETS = {"Faaliyetler Activities": "activities.csv", "Hedefler Goals": "goals.csv",
          "Göstergeler Indicators": "indicators.csv", "Tutarsızlıklar Discrepancies": "discrepancies.csv",
          "Düzeltmeler Corrections": "corrections.csv"}


@pytest.mark.parametrize("sheet", SHEETS)
def test_each_sheet_holds_the_csv_rows_with_codes_as_text_and_amounts_as_numbers(built_site, book, sheet):
    rows = list(book[sheet].iter_rows(values_only=True))
    turkish, english, body = rows[0], rows[1], rows[2:]
    expected = csv_rows(built_site, SHEETS[sheet])
    schema = next(r["schema"] for r in json.loads((built_site / "data/datapackage.json").read_text("utf-8"))["resources"]
                  if r["path"] == f"2024/{SHEETS[sheet]}")
    assert len(turkish) == len(english) == len(schema["fields"]) and all(turkish) and all(english)
    assert len(body) == len(expected)
    for cells, row in zip(body, expected):
        for field, cell in zip(schema["fields"], cells):
            value = row[field["name"]].lstrip("'")  # the CSV's guard against formulas
            if field["type"] == "number" and value:
                assert isinstance(cell, (int, float)) and Decimal(str(cell)) == Decimal(value), (field["name"], cell)
            elif field["type"] == "integer":
                assert cell == int(value)
            else:
                assert (cell or "") == value and (cell is None or isinstance(cell, str)), (field["name"], cell)


def test_codes_that_a_locale_would_turn_into_dates_or_numbers_stay_codes(book):
    goals = [r[2] for r in book["Hedefler Goals"].iter_rows(min_row=3, values_only=True)]
    assert "1.10" in goals and "1.1" in goals and len(set(goals)) == 52
    assert book["Faaliyetler Activities"]["A1"].value == "Yıl" and book["Faaliyetler Activities"]["A2"].value == "Year"
    assert book["Faaliyetler Activities"]["K1"].value == "1 – Personel giderleri"


def test_the_spreadsheet_is_the_same_bytes_for_the_same_content(built_site, tmp_path):
    from tests.conftest import run_build

    out = tmp_path / "site"
    assert run_build("--out", str(out)).returncode == 0
    assert (out / "data/2024/program.xlsx").read_bytes() == (built_site / "data/2024/program.xlsx").read_bytes()


def test_the_discrepancies_are_a_csv_of_the_data_notes(built_site, program):
    from portal.reconcile import entries, reconcile

    rows = csv_rows(built_site, "discrepancies.csv")
    found = reconcile(program)
    assert len(rows) == len(entries(found)) and sum(int(r["places"]) for r in rows) == len(found) == 68
    gap = next(r for r in rows if r["kind"] == "section_d_activities_vs_cost_tables" and r["field"] == "budget")
    assert (gap["stated"], gap["computed"], gap["difference"]) == ("1311400000.00", "1460500000.00", "-149100000.00")
    assert gap["source"].startswith("content/2024/official/program.yaml:")
