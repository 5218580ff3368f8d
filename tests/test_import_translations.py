"""English follows the Turkish text it translates: renumbering keeps the right English, a
changed Turkish text marks its English stale, and next year's identical texts arrive
translated (and are listed once for review)."""
from __future__ import annotations

import yaml

from portal.load import load
from portal.text import source_hash
from portal.untranslated import stale_translations, untranslated
from tests import corpus as C
from tests.conftest import SEED, run_build
from tools.import_seed import main as import_main

SEED_TEXT = SEED.read_text(encoding="utf-8") if SEED.exists() else ""


def reimport(tmp_path, capsys, text: str, content) -> str:
    source = tmp_path / "programme.txt"
    source.write_text(text, encoding="utf-8")
    status = import_main([str(source), "--content", str(content)])
    out = capsys.readouterr()
    assert status == 0, out.err
    return out.out


def goal(content, code: str, year: int = 2024) -> dict:
    return yaml.safe_load((content / str(year) / "goals" / f"{code}.yaml").read_text(encoding="utf-8"))


def test_a_renumbered_activity_keeps_its_own_english(tmp_path, capsys, content_copy):
    """As if 1.1.2 had been removed and 1.1.3 renumbered: the Turkish now at 1.1.2 was
    translated under another code, and that English follows it."""
    path = content_copy / "2024" / "goals" / "1.1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    second, third = data["activities"][1], data["activities"][2]
    moved_tr, moved_en = second["name"]["tr"], "The English of the activity that moved"
    second["name"] = {"tr": "Kaldırılan Faaliyet", "en": "The removed activity"}
    third["name"] = {"tr": moved_tr, "en": moved_en}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    reimport(tmp_path, capsys, SEED_TEXT, content_copy)
    again = goal(content_copy, "1.1")
    assert again["activities"][1]["name"] == {"tr": moved_tr, "en": moved_en}
    assert "en_of" not in again["activities"][1]["name"]
    assert again["activities"][1]["name"]["en"] != "The removed activity"


def test_a_changed_turkish_text_marks_its_english_stale(tmp_path, capsys, content_copy):
    old_tr = goal(content_copy, "1.1")["activities"][2]["name"]["tr"]
    old_en = goal(content_copy, "1.1")["activities"][2]["name"]["en"]
    corrected = SEED_TEXT.replace("PH.1.1.F3: Kamulaştırma İşlemleri", "PH.1.1.F3: Kamulaştırma ve Takas İşlemleri")
    assert corrected != SEED_TEXT
    reimport(tmp_path, capsys, corrected, content_copy)
    name = goal(content_copy, "1.1")["activities"][2]["name"]
    assert name == {"tr": "Kamulaştırma ve Takas İşlemleri", "en": old_en, "en_of": source_hash(old_tr)}

    site = load(content_copy)
    activity = next(a for a in site.programs[2024].activities if a.code == "1.1.3")
    assert activity.name.stale
    warnings = stale_translations(site)
    assert len(warnings) == 1 and "activity 1.1.3 name" in warnings[0] and "out of date" in warnings[0]
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-1000:]
    assert "activity 1.1.3 name: the English was written for an earlier Turkish text" in result.stderr
    assert "1 translation(s) possibly out of date" in result.stdout
    page = (tmp_path / "site/en/2024/activities/1-1-3/index.html").read_text(encoding="utf-8")
    h1 = page[page.index("<h1>"):page.index("</h1>")]
    assert old_en in h1 and "translation may be out of date" in h1
    turkish = (tmp_path / "site/tr/2024/faaliyetler/1-1-3/index.html").read_text(encoding="utf-8")
    assert "güncel olmayabilir" not in turkish and "Kamulaştırma ve Takas İşlemleri" in turkish

    # the translator revises the English and deletes en_of: no longer stale, and a re-import keeps it
    path = content_copy / "2024" / "goals" / "1.1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"    en_of: {source_hash(old_tr)}\n", ""),
                    encoding="utf-8")
    assert stale_translations(load(content_copy)) == []
    reimport(tmp_path, capsys, corrected, content_copy)
    assert "en_of" not in goal(content_copy, "1.1")["activities"][2]["name"]


def test_next_year_arrives_with_identical_texts_translated(tmp_path, capsys, content_copy):
    out = reimport(tmp_path, capsys, C.next_year(SEED_TEXT), content_copy)
    old, new = goal(content_copy, "1.5"), goal(content_copy, "1.5", 2025)
    assert new["text"] == old["text"] and new["text"]["en"]
    assert new["activities"][0]["name"] == old["activities"][0]["name"]
    site = load(content_copy)
    missing_2025 = [x for x in untranslated(site) if "/2025/" in x]
    assert len(missing_2025) < 100  # 480 English texts to write from scratch without the pre-fill
    listed = [x for x in out.splitlines() if x.startswith("  ") and "/2025/" in x]
    assert out.count("review them:") == 1 and len(listed) > 350
    texts = [x.split(": ", 1)[1] for x in listed]
    assert len(texts) == len(set(texts))  # each text listed once
    assert stale_translations(site) == []


def test_comments_written_by_staff_survive_a_reimport(tmp_path, capsys, content_copy):
    path = content_copy / "2024" / "goals" / "1.5.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, x in enumerate(lines) if x.strip() == "- code: 1.5.2")
    lines.insert(at, "# checked against the council decision, March")
    en = next(i for i, x in enumerate(lines) if x.strip().startswith("en:") and i > at)
    lines.insert(en, "    # the English name agreed with the unit")
    lines.append("# reviewed by the translator")
    path.write_text("\n".join(lines), encoding="utf-8")
    unit = content_copy / "units" / "fen-isleri.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + "# phone 316 68 00\n", encoding="utf-8")
    reimport(tmp_path, capsys, SEED_TEXT, content_copy)
    again = path.read_text(encoding="utf-8").split("\n")
    first = again.index("# checked against the council decision, March")
    assert again[first + 1].strip() == "- code: 1.5.2"
    second = again.index("    # the English name agreed with the unit")
    assert again[second + 1].strip().startswith("en:") and second > first
    assert "# reviewed by the translator" in again
    assert again[:2] == lines[:2]  # the importer's header once, not twice
    assert "# phone 316 68 00" in unit.read_text(encoding="utf-8")
    load(content_copy)  # still valid content
    # and a second re-import changes nothing more
    before = path.read_text(encoding="utf-8")
    reimport(tmp_path, capsys, SEED_TEXT, content_copy)
    assert path.read_text(encoding="utf-8") == before


def test_a_comment_whose_line_is_gone_is_kept_at_the_end(tmp_path, capsys, content_copy):
    path = content_copy / "2024" / "goals" / "1.1.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    '1': 711.500,00\n" in text
    path.write_text(text.replace("    '1': 711.500,00\n", "    # typed from the council's copy\n    '1': 1,00\n", 1),
                    encoding="utf-8")
    reimport(tmp_path, capsys, SEED_TEXT, content_copy)
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert lines[-2:] == ["# Comments kept from before the last import (the line they were written above is gone):",
                          "    # typed from the council's copy"]
    before = path.read_text(encoding="utf-8")
    reimport(tmp_path, capsys, SEED_TEXT, content_copy)
    assert path.read_text(encoding="utf-8") == before


def test_an_english_page_is_marked_stale_when_its_turkish_changes(tmp_path, capsys, content_copy):
    corrected = SEED_TEXT.replace("Hepinizi sevgi, saygı ve muhabbetle selamlarım.",
                                  "Hepinizi sevgi ve saygıyla selamlarım.")
    assert corrected != SEED_TEXT
    english = content_copy / "2024" / "pages" / "foreword.en.md"
    translated = english.read_text(encoding="utf-8")
    reimport(tmp_path, capsys, corrected, content_copy)
    marked = english.read_text(encoding="utf-8")
    assert marked != translated and "\nen_of: " in marked and marked.endswith(translated.split("---\n", 2)[2])
    site = load(content_copy)
    assert site.programs[2024].pages["foreword"].body.stale
    assert not site.programs[2024].pages["authority"].body.stale
    assert any("page foreword text" in x for x in stale_translations(site))
    reimport(tmp_path, capsys, corrected, content_copy)  # marked once
    assert english.read_text(encoding="utf-8") == marked
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-1000:]
    html = (tmp_path / "site/en/2024/general/foreword/index.html").read_text(encoding="utf-8")
    assert "this translation may be out of date" in html
    other = (tmp_path / "site/en/2024/general/authority/index.html").read_text(encoding="utf-8")
    assert "may be out of date" not in other
