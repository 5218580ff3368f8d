"""The importer reads the official text; the content matches it to the kuruş."""
from __future__ import annotations

import re

import yaml

from portal.amounts import parse_amount
from portal.text import source_hash
from tests.conftest import CONTENT
from tools.import_seed import main as import_main
from tools.importer.documents import documents
from tools.importer.read import read_programme
from tools.importer.write import merge

ECON_LINE = re.compile(r"^([1-9])-[^\t]+\t+([\d.]+,\d{2}) TL", re.M)


def seed_cost_tables(text: str) -> dict[str, dict]:
    """An independent, plain reading of every cost table: code -> figures."""
    tables = {}
    for block in re.split(r"\n(?=İdare Adı)", text)[1:]:
        m = re.search(r"PH\.(\d+\.\d+)\.F(\d+)\s*:", block)
        if not m:
            continue
        end = block.index("Toplam Kaynak İhtiyacı")
        body = block[: block.index("\n", end)]
        econ = {int(k): parse_amount(v) for k, v in ECON_LINE.findall(body)}
        amounts = [parse_amount(a) for a in re.findall(r"([\d.]+,\d{2}) TL", body)]
        tables[f"{m.group(1)}.{m.group(2)}"] = {"econ": econ, "budget": amounts[9], "total": amounts[-1]}
    return tables


def parse(text: str):
    return read_programme(text.encode("utf-8"))


def write_content(text: str, content) -> int:
    seed = content.parent / "seed.txt"
    seed.write_text(text, encoding="utf-8")
    return import_main([str(seed), "--content", str(content)])


def test_seed_has_the_whole_programme(seed_text):
    seed = parse(seed_text)
    assert len(seed.aims) == 6
    assert len(seed.goals) == 52
    assert sum(len(g.costs) for g in seed.goals) == 126
    assert len(seed.units) == 24
    assert sorted(seed.organisation_units) == sorted(seed.units)  # the prose names every unit the tables use
    assert seed.stated_counts == {"aims": 6, "goals": 52, "activities": 129}
    assert sum(len(g.indicators) for g in seed.goals) == 178
    assert (seed.year, seed.municipality) == (2024, "Kartepe Belediyesi")


def test_every_cost_table_matches_the_seed_to_the_kurus(seed_text, program):
    expected = seed_cost_tables(seed_text)
    assert len(expected) == 126
    activities = {a.code: a for a in program.activities}
    printed = {a.code: a for a in program.reading.activities}  # the totals the document prints
    assert activities.keys() == expected.keys()
    for code, figures in expected.items():
        cost = activities[code].cost
        assert cost.budget_lines == figures["econ"], code
        assert printed[code].cost.stated_budget == figures["budget"], code
        assert cost.budget == figures["budget"], code
        assert printed[code].cost.stated_total == figures["total"], code


def test_committed_content_is_what_the_importer_writes(seed_text, tmp_path):
    """No amount was typed by hand: a fresh import reproduces every Turkish field."""
    fresh = documents(parse(seed_text))
    for rel, data in fresh.items():
        committed = yaml.safe_load((CONTENT / rel).read_text(encoding="utf-8"))
        assert strip_english(committed) == strip_english(data), rel


def strip_english(data):
    if isinstance(data, dict):
        return {k: strip_english(v) for k, v in data.items() if k not in ("en", "description", "notes")}
    if isinstance(data, list):
        return [strip_english(x) for x in data]
    return data


def test_reimport_keeps_hand_written_fields(seed_text, tmp_path):
    content = tmp_path / "content"
    assert write_content(seed_text, content) == 0
    goal = content / "2024" / "goals" / "1.5.yaml"
    data = yaml.safe_load(goal.read_text(encoding="utf-8"))
    data["text"]["en"] = "Roads will be surfaced."
    data["activities"][1]["name"]["en"] = "Building a cycle path"
    data["activities"][1]["notes"] = "checked by staff"
    data["activities"][1]["budget"]["1"] = "1,00"  # a figure edited by hand is refreshed from the seed
    goal.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    page = content / "2024" / "pages" / "foreword.en.md"
    page.write_text("---\ntitle: Foreword\n---\n\nDear citizens.\n", encoding="utf-8")

    assert write_content(seed_text, content) == 0
    again = yaml.safe_load(goal.read_text(encoding="utf-8"))
    assert again["text"]["en"] == "Roads will be surfaced."
    assert again["activities"][1]["name"]["en"] == "Building a cycle path"
    assert again["activities"][1]["notes"] == "checked by staff"
    assert again["activities"][1]["budget"]["1"] == "500.000,00"
    assert "Dear citizens." in page.read_text(encoding="utf-8")


def test_merge_drops_stale_fields_but_keeps_translations():
    fresh = {"name": {"tr": "Yeni", "en": ""}, "values": ["1"]}
    old = {"name": {"tr": "Eski", "en": "Old"}, "values": ["2"], "printed_code": "X", "notes": "n"}
    # the English is kept but marked as written for the earlier Turkish text
    assert merge(fresh, old) == {"name": {"tr": "Yeni", "en": "Old", "en_of": source_hash("Eski")},
                                 "values": ["1"], "notes": "n"}


def test_text_values_of_indicators_are_kept_as_printed(program):
    values = {v.tr for g in program.goals for i in g.indicators for v in i.values.values()}
    assert "95 ve Üzeri" in values
    assert "1 İş Günü" in values
    assert "8,5" in values
    assert "-" in values


def test_general_information_pages_are_imported(program):
    assert set(program.pages) >= {"foreword", "authority", "organisation", "resources", "human-resources"}
    assert "Değerli Kartepeli" in program.pages["foreword"].body.tr
    assert "| Kanun | Belediye Kanunu | 5393 |" in program.pages["authority"].body.tr
