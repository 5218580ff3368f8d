"""Staff edits against the official reading: a typo stops the build, a correction is
published as one, and nothing staff edit shows as the document's contradiction."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT, SEED, run_build
from tests.content_edits import edits_by_kind, with_note
from tests.data_package import problems
from tests.html_pages import page_file
from tests.local_web import axe_report, static_server, violations
from tests.nu import nu_messages
from tests.test_bad_content import line_of, previous_site, replace, snapshot  # noqa: F401 (a fixture)

GOAL = "2024/goals/1.5.yaml"
ACTIVITY = ("activities", 2)  # 1.5.2 Bisiklet Yolu Yapılması, the goal file's second activity

# kind of edit: (old, new, the field a note on ACTIVITY (or an indicator) records, the official
# value and the edited one as the message quotes them)
UNRECORDED = {
    "amount": ("'6': 1.000.000,00", "'6': 1,5", "budget.6", "1.000.000,00", "1,50"),
    "a magnitude typo": ("'6': 1.000.000,00", "'6': 1.000,00", "budget.6", "1.000.000,00", "1.000,00"),
    "name": ("tr: Bisiklet Yolu Yapılması", "tr: Bisiklet Yolları Yapılması", "name", "Bisiklet Yolu Yapılması",
             "Bisiklet Yolları Yapılması"),
    "unit": ("  unit: fen-isleri\n  budget:\n    '1': 500.000,00", "  unit: zabita\n  budget:\n    '1': 500.000,00",
             "unit", "Fen İşleri Müdürlüğü", "Zabıta Müdürlüğü"),
    "indicator value": ("'2024': '4.000'", "'2024': '40.000'", "values.2024", "4.000", "40.000"),
}


@pytest.mark.parametrize("kind", UNRECORDED)
def test_an_unrecorded_edit_stops_the_build_at_its_line(kind, content_copy, previous_site):
    out, before = previous_site
    old, new, field, official, edited = UNRECORDED[kind]
    replace(content_copy, GOAL, old, new)
    result = run_build("--content", str(content_copy), "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    line = line_of(content_copy, GOAL, new.splitlines()[0].strip())
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"error: content/{GOAL}:{line}: "), errors
    assert f"the official document prints “{official}”, the content says “{edited}”" in errors[0]
    assert f"record it in the item's corrections: (field: {field}, reason, authority, date)" in errors[0]
    assert snapshot(out) == before


def test_an_unrecorded_edit_of_a_general_page_stops_the_build_at_its_line(content_copy, previous_site):
    out, before = previous_site
    page = "2024/pages/human-resources.tr.md"
    replace(content_copy, page, "| 0-5 YIL | 458 |", "| 0-5 YIL | 459 |")
    result = run_build("--content", str(content_copy), "--out", str(out))
    assert result.returncode == 1
    line = line_of(content_copy, page, "| 0-5 YIL | 459 |")
    assert (f"error: content/{page}:{line}: general page Human Resources: wording: the official document prints "
            f"“| 0-5 YIL | 458 |”, the content says “| 0-5 YIL | 459 |”") in result.stderr, result.stderr
    assert snapshot(out) == before


def test_a_recorded_correction_of_a_general_page_is_shown_and_checked(content_copy, tmp_path):
    page = "2024/pages/human-resources.tr.md"
    text = (content_copy / page).read_text(encoding="utf-8").replace("| 0-5 YIL | 458 |", "| 0-5 YIL | 459 |")
    (content_copy / page).write_text(with_note(text, (), "text"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_build("--content", str(content_copy), "--out", str(out))
    assert result.returncode == 0, result.stderr
    # Tablo 9's TOTAL row added up in the document; the corrected column does not
    assert "column 1 of Tablo 9 adds up to 969, but its TOTAL row says 968" in result.stderr
    shown = main_of(out, "tr/2024/genel/human-resources/")
    assert "İnsan Kaynakları, ifade: 5 Mart 2024 tarihinde düzeltildi" in shown
    assert "Resmî belgede | 0-5 YIL | 458 | yazıyor; bu sitede | 0-5 YIL | 459 | gösteriliyor." in shown
    assert "Human Resources, wording: corrected on March 5, 2024" in main_of(out, "en/2024/corrections/")
    # the data notes still compare the document with itself
    assert "968" in main_of(out, "en/2024/data-notes/") and "969" not in main_of(out, "en/2024/data-notes/")


def test_an_edit_that_gives_back_the_official_value_needs_no_note(content_copy, tmp_path):
    replace(content_copy, GOAL, "'6': 1.000.000,00", "'6': '1.000.000,00'")  # quoted, the same amount
    replace(content_copy, GOAL, "tr: Bisiklet Yolu Yapılması", "tr: 'Bisiklet  Yolu Yapılması'")  # spacing only
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "correction" not in result.stdout


def corrected_content(content, tmp_path):
    """The content with 1.5.2's capital expenditure and name corrected, and an aim renamed."""
    text = (content / GOAL).read_text(encoding="utf-8")
    text = text.replace("'6': 1.000.000,00", "'6': 1.250.000,00", 1)
    text = text.replace("tr: Bisiklet Yolu Yapılması\n    en: Construction of cycle paths",
                        "tr: Bisiklet Yolu Ağı Yapılması\n    en: Construction of the cycle path network")
    text = with_note(with_note(text, ACTIVITY, "budget.6"), ACTIVITY, "name")
    (content / GOAL).write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("corrected")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    corrected_content(content, base)
    result = run_build("--content", str(content), "--out", str(base / "site"))
    assert result.returncode == 0, result.stderr
    return base / "site", result


def main_of(site, path: str) -> str:
    html = page_file(site, path).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("<main"):html.index("</main>")]))


def test_a_recorded_correction_is_shown_on_the_items_page_in_both_languages(corrected_site):
    site, result = corrected_site
    tr, en = main_of(site, "tr/2024/faaliyetler/1-5-2/"), main_of(site, "en/2024/activities/1-5-2/")
    assert "Resmî belgeden sonra düzeltildi" in tr
    assert "6 – Sermaye giderleri tutarı: 5 Mart 2024 tarihinde düzeltildi: Belediye Meclisi düzeltti." in tr
    assert "Resmî belgede 1.000.000,00 ₺ yazıyor; bu sitede 1.250.000,00 ₺ gösteriliyor." in tr
    assert "Dayanak: Belediye Meclisinin 5 Mart 2024 tarihli ve 45 sayılı kararı." in tr
    assert "Corrected since the official document" in en
    assert "6 – Capital expenditure amount: corrected on March 5, 2024: Corrected by the Municipal Council." in en
    assert "The official document prints TRY 1,000,000.00; this site shows TRY 1,250,000.00." in en
    assert "Authority: Municipal Council decision no. 45 of 5 March 2024." in en
    # the figure the site shows is the corrected one, everywhere, and the totals follow it
    assert "1.250.000,00 ₺" in tr and "Bisiklet Yolu Ağı Yapılması" in tr
    assert "2 correction(s) of the official document published" in result.stdout


def test_the_corrections_page_lists_every_correction_in_both_languages(corrected_site):
    site, _ = corrected_site
    tr, en = main_of(site, "tr/2024/duzeltmeler/"), main_of(site, "en/2024/corrections/")
    assert tr.count("tarihinde düzeltildi") == 2 and en.count("corrected on March 5, 2024") == 2
    assert "Resmî belgede Bisiklet Yolu Yapılması yazıyor; bu sitede Bisiklet Yolu Ağı Yapılması gösteriliyor." in tr
    html = page_file(site, "en/2024/corrections/").read_text(encoding="utf-8")
    assert 'id="correction-activity-1-5-2-budget-6"' in html
    assert 'href="/en/2024/activities/1-5-2/"' in html
    # the item's notice links to the list; every page's footer too
    activity = page_file(site, "tr/2024/faaliyetler/1-5-2/").read_text(encoding="utf-8")
    assert activity.count('href="/tr/2024/duzeltmeler/"') == 2


def test_corrections_are_open_data(corrected_site):
    site, _ = corrected_site
    text = (site / "data/2024/corrections.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["item"], r["code"], r["field"], r["official"], r["corrected"], r["date"]) for r in rows] == [
        ("activity", "1.5.2", "name", "Bisiklet Yolu Yapılması", "Bisiklet Yolu Ağı Yapılması", "2024-03-05"),
        ("activity", "1.5.2", "budget.6", "1000000.00", "1250000.00", "2024-03-05")]
    assert rows[1]["field_tr"] == "6 – Sermaye giderleri tutarı" and rows[1]["field_en"] == "6 – Capital expenditure amount"
    assert rows[1]["reason_en"] == "Corrected by the Municipal Council."
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == "2024/corrections.csv")
    assert [f["name"] for f in resource["schema"]["fields"]] == list(rows[0])
    assert problems(site) == []
    activities = (site / "data/2024/activities.csv").read_bytes().decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(activities)) if r["activity"] == "1.5.2")
    assert row["econ_6"] == "1250000.00"  # the open data shows what the site shows
    data = json.loads((site / "data/2024/program.json").read_text(encoding="utf-8"))
    assert data["corrections"][1]["official"] == "1000000.00"


def test_without_corrections_the_list_says_so(built_site):
    assert "No figure or text on this site differs from the official document." in main_of(
        built_site, "en/2024/corrections/")
    text = (built_site / "data/2024/corrections.csv").read_bytes().decode("utf-8-sig")
    assert text.strip().count("\n") == 0  # the header alone


def test_no_staff_edit_changes_the_data_notes(tmp_path, built_site):
    """Every kind of field edited, each with its note: the data-notes pages say what they
    said (the document's contradictions, from its official reading), below the site's header."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for edit in sorted(edits_by_kind(content).values(), key=lambda e: (e.file, -e.start)):
        edit.apply(content)
    result = run_build("--content", str(content), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    for path in ("tr/2024/veri-notlari/", "en/2024/data-notes/"):
        body = lambda site: (lambda h: h[h.index("<h1"):h.index("</main>")])(  # noqa: E731
            page_file(site, path).read_text(encoding="utf-8"))
        assert body(tmp_path / "site") == body(built_site), path
    assert "32 disagreement(s) in the source document, shown in 68 place(s)" in result.stdout


def test_implausible_corrections_are_warned_about(content_copy, tmp_path):
    text = (content_copy / GOAL).read_text(encoding="utf-8")
    text = with_note(text.replace("'6': 1.000.000,00", "'6': 1,50", 1), ACTIVITY, "budget.6")
    (content_copy / GOAL).write_text(text, encoding="utf-8")
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning: ")]
    note = line_of(content_copy, GOAL, "'6': 1,50")
    assert any(w.startswith(f"warning: content/{GOAL}:{note}: ") and "6 – Capital expenditure amount is corrected "
               "to 1,50, about a 666,667th of the official 1.000.000,00: check the figure" in w for w in warnings), warnings
    # the document printed this activity's old totals, which its lines no longer add up to
    for total in ("the cost table's printed budget total is 2.565.000,00", "its row in the goal table is 2.565.000,00",
                  "the goal table's printed TOTAL is 75.000.000,00", "its printed grand total is 1.460.500.000,00"):
        assert any("after the corrections its lines add up to" in w and total in w for w in warnings), (total, warnings)


def test_a_note_that_corrects_nothing_or_names_no_field(content_copy, tmp_path):
    text = with_note((content_copy / GOAL).read_text(encoding="utf-8"), ACTIVITY, "budget.6")
    (content_copy / GOAL).write_text(text, encoding="utf-8")
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 0 and "the correction of 6 – Capital expenditure amount changes nothing" in result.stderr
    (content_copy / GOAL).write_text(with_note(text, ACTIVITY, "budget.10"), encoding="utf-8")
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "this activity has no field 'budget.10' that a correction can change" in result.stderr, result.stderr


def test_a_new_item_cannot_be_added_by_editing(content_copy, tmp_path):
    text = (content_copy / GOAL).read_text(encoding="utf-8")
    start = text.index("- code: 1.5.2\n", text.index("\nactivities:\n"))
    (content_copy / GOAL).write_text(text + text[start:].replace("1.5.2", "1.5.9", 1), encoding="utf-8")
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert f"error: content/{GOAL}:" in result.stderr and "activity 1.5.9 is not in the official document" in result.stderr


def test_importing_the_official_text_again_keeps_corrections_and_translations(content_copy, tmp_path):
    corrected_content(content_copy, tmp_path)
    before = (content_copy / GOAL).read_text(encoding="utf-8")
    result = subprocess.run([str(ROOT / ".venv/bin/python"), str(ROOT / "tools/import_seed.py"), str(SEED),
                             "--content", str(content_copy)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (content_copy / GOAL).read_text(encoding="utf-8") == before
    out = tmp_path / "site"
    built = run_build("--content", str(content_copy), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert "2 correction(s) of the official document published" in built.stdout
    assert "1.250.000,00" in main_of(out, "tr/2024/faaliyetler/1-5-2/")


def test_the_correction_notice_and_list_are_valid_and_accessible(corrected_site, browser, tmp_path):
    site, _ = corrected_site
    pages = ("tr/2024/faaliyetler/1-5-2/", "en/2024/activities/1-5-2/", "tr/2024/duzeltmeler/",
             "en/2024/corrections/", "en/2024/goals/1-5/")
    check = tmp_path / "check"
    for path in pages:
        target = check / path / "index.html"
        target.parent.mkdir(parents=True)
        shutil.copy(page_file(site, path), target)
    shutil.copytree(site / "assets", check / "assets")
    messages = nu_messages(check)
    assert not messages, messages[:20]
    with static_server(site) as url:
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        try:
            for path in pages:
                page.goto(f"{url}/{path}")
                found = violations(axe_report(page))
                assert not found, (path, found)
        finally:
            context.close()
