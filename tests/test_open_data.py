"""The downloads journalists use: exact, complete, and equal to the content."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from portal.model import ECON_CODES

CONTRACT = ["year", "aim", "goal", "activity", "unit", "unit_name_tr", "unit_name_en", "name_tr", "name_en",
            *[f"econ_{c}" for c in ECON_CODES], "budget", "off_budget", "total"]


def read_csv(site):
    raw = (site / "data/2024/activities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for spreadsheet programs"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_has_the_contract_columns_and_one_row_per_activity(built_site, program):
    rows = read_csv(built_site)
    assert set(CONTRACT) <= set(rows[0])
    assert len(rows) == 126
    assert [r["activity"] for r in rows] == [a.code for a in program.activities]
    row = next(r for r in rows if r["activity"] == "1.5.1")
    assert row["goal"] == "1.5" and row["aim"] == "1" and row["unit"] == "fen-isleri"
    assert row["unit_name_tr"] == "Fen İşleri Müdürlüğü"
    assert row["name_tr"] == "Yol Yapım Çalışmaları"
    assert row["budget"] == "72435000.00" and row["econ_6"] == "24000000.00"
    assert row["document_code"] == "PH.1.5.F1"


def test_csv_budget_column_adds_up_to_the_programme_total(built_site):
    rows = read_csv(built_site)
    assert sum(Decimal(r["budget"]) for r in rows) == Decimal("1460500000.00")
    for r in rows:
        assert sum(Decimal(r[f"econ_{c}"]) for c in ECON_CODES) == Decimal(r["budget"])
        assert Decimal(r["budget"]) + Decimal(r["off_budget"]) == Decimal(r["total"])
        for c in ECON_CODES:
            assert r[f"econ_{c}"].count(".") == 1 and len(r[f"econ_{c}"].split(".")[1]) == 2


def test_program_json_is_the_whole_programme_with_exact_amounts(built_site):
    data = json.loads((built_site / "data/2024/program.json").read_text(encoding="utf-8"))
    assert data["year"] == 2024 and data["currency"] == "TRY"
    assert len(data["aims"]) == 6 and len(data["goals"]) == 52 and len(data["units"]) == 24
    activities = [a for g in data["goals"] for a in g["activities"]]
    assert len(activities) == 126
    assert all(isinstance(a["total"], str) for a in activities)
    assert data["totals"]["budget"] == "1460500000.00"
    assert sum(Decimal(g["budget"]) for g in data["goals"]) == Decimal(data["totals"]["budget"])
    assert data["section_d_as_printed"]["budget"]["activities"] == "1311400000.00"
    kinds = {d["kind"] for d in data["discrepancies"]}
    assert "section_d_activities_vs_cost_tables" in kinds
    goal = next(g for g in data["goals"] if g["code"] == "4.5")
    assert goal["indicators"][0]["values"]["2024"]["tr"] == "95 ve Üzeri"
    assert goal["indicators"][1]["values"]["2024"] == {"tr": "100", "en": ""}
