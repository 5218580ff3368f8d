"""Open data a journalist can check against the pages, charts a reader can trust."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from portal.i18n import Formatter
from portal.outputs.charts import CSV_COLUMNS
from portal.outputs.datapackage import chart_schema
from portal.reconcile import entries, reconcile
from tests.conftest import ROOT
from tests.content_edits import with_note
from tests.data_package import listing_problems, published, resources
from tests.html_pages import page_file, read_page


def rows(site: Path, name: str) -> list[dict]:
    raw = (site / "data/2024" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_frictionless_validates_the_data_package(built_site):
    """The one test that has Frictionless read every file (about 12 s); the others read a sample."""
    result = subprocess.run([str(ROOT / ".venv/bin/frictionless"), "validate", "--json", "datapackage.json"],
                            cwd=built_site / "data", capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    report = json.loads(result.stdout)
    assert report["valid"] and not report["errors"]
    assert sorted(task["place"] for task in report["tasks"]) == published(built_site)  # every file was read


def test_the_data_package_lists_every_file_under_data_once(built_site, program):
    assert listing_problems(built_site) == []
    listed = {r["path"]: r for r in resources(built_site)}
    assert len(listed) == len(published(built_site)) > 900
    # each page's own rows: the columns of activities.csv, described as they are there
    whole = listed["2024/activities.csv"]["schema"]
    for path, name in (("2024/goals/1-5.csv", "activities-2024-goal-1-5"),
                       ("2024/activities/1-5-2.csv", "activities-2024-activity-1-5-2"),
                       ("2024/units/fen-isleri.csv", "activities-2024-unit-fen-isleri")):
        assert listed[path]["name"] == name and listed[path]["schema"] == whole
    assert listed["2024/units/fen-isleri.csv"]["title"] == "Activities of the Directorate of Public Works, 2024"
    sliced = [p for p in listed if re.fullmatch(r"2024/(goals|activities|units)/[\w-]+\.csv", p)]
    assert len(sliced) == len(program.goals) + len(program.activities) + len(program.unit_totals)
    # a chart's figures with their own columns, and its picture in each language
    figures = listed["2024/charts/goal-1-5-activities.csv"]
    assert figures["title"] == "Chart “Resource need by activity”, figures"
    assert figures["description"].startswith(
        "What the chart is of: 2024 Fiscal Year Performance Programme – Kartepe Municipality · PH.1.5 ")
    assert [(f["name"], f["type"]) for f in figures["schema"]["fields"]] == [
        ("year", "integer"), ("goal", "string"), ("activity", "string"), ("document_code", "string"),
        ("name_tr", "string"), ("name_en", "string"), ("total", "number")]
    for lang, language in (("tr", "Turkish"), ("en", "English")):
        picture = listed[f"2024/charts/goal-1-5-activities.{lang}.svg"]
        assert picture["title"] == f"Chart “Resource need by activity”, picture in {language}"
        assert picture["type"] == "file" and "schema" not in picture
    trend = listed["2024/charts/indicator-1-7-1-trend.csv"]["schema"]["fields"]
    assert [f["name"] for f in trend if f["type"] == "number"] == ["value"]
    assert [f["name"] for f in trend if f["type"] == "integer"] == ["year", "value_year"]


def test_every_kind_of_chart_has_its_columns_described(built_site):
    """Each kind of chart's CSV is described with the columns charts.py gives it, and a file
    of each kind is listed with that description."""
    listed = [r for r in resources(built_site) if r["path"].endswith(".csv") and "/charts/" in r["path"]]
    for table, columns in CSV_COLUMNS.items():
        schema = chart_schema(table)
        assert [f["name"] for f in schema["fields"]] == list(columns)
        assert all(f["description"] for f in schema["fields"])
        assert any(r["schema"] == schema for r in listed), table


def footer_total(html: str, table_id: str | None = None) -> str:
    """The figure in the last cell of a table's total row (the first such table, or the one with this id)."""
    if table_id:
        html = html.split(f'id="{table_id}"', 1)[1]
    row = re.search(r'<tfoot[^>]*><tr data-total="(?:total|budget)"[^>]*>(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r'<td class="num"[^>]*>([^<]*)</td>', row)
    return cells[-1] if "%" not in cells[-1] else cells[-2]


def test_every_total_on_a_page_equals_the_sum_of_its_rows_in_the_csv(built_site, program):
    activities = rows(built_site, "activities.csv")
    by_goal, by_unit, by_aim = defaultdict(Decimal), defaultdict(Decimal), defaultdict(Decimal)
    for r in activities:
        by_goal[r["goal"]] += Decimal(r["total"])
        by_unit[r["unit"]] += Decimal(r["total"])
        by_aim[r["aim"]] += Decimal(r["total"])
    fmt = Formatter("tr")
    checked = 0
    for goal in program.goals:
        html = page_file(built_site, f"tr/2024/hedefler/{goal.code.replace('.', '-')}/").read_text("utf-8")
        assert footer_total(html) == fmt.money(by_goal[goal.code]), goal.code
        checked += 1
    for slug in program.unit_totals:
        html = page_file(built_site, f"tr/2024/birimler/{slug}/").read_text("utf-8")
        assert fmt.money(by_unit[slug]) in read_page(page_file(built_site, f"tr/2024/birimler/{slug}/")).text
        assert footer_total(html.split('id="econ-heading"', 1)[1]) == fmt.money(
            sum(Decimal(r["budget"]) for r in activities if r["unit"] == slug))
        checked += 1
    for aim in program.aims:
        html = page_file(built_site, f"tr/2024/amaclar/{aim.number}/").read_text("utf-8")
        assert footer_total(html) == fmt.money(by_aim[str(aim.number)])
        checked += 1
    for r in activities:
        html = page_file(built_site, f"tr/2024/faaliyetler/{r['activity'].replace('.', '-')}/").read_text("utf-8")
        assert footer_total(html) == fmt.money(Decimal(r["total"]))
        checked += 1
    overview = page_file(built_site, "tr/2024/").read_text("utf-8")
    grand = fmt.money(sum(Decimal(r["total"]) for r in activities))
    assert footer_total(overview, "by-aim") == footer_total(overview, "by-unit") == grand == "1.460.500.000,00\u00a0₺"
    assert checked == 52 + 24 + 6 + 126


def test_goals_and_indicators_csv(built_site, program):
    goals = rows(built_site, "goals.csv")
    assert len(goals) == 52
    g16 = next(g for g in goals if g["goal"] == "1.6")
    assert g16["total"] == "70258000.00" and g16["printed_total"] == "69362000.00"
    indicators = rows(built_site, "indicators.csv")
    assert len(indicators) == sum(len(g.indicators) for g in program.goals) == 178
    i = next(x for x in indicators if x["indicator"] == "1.12.2")
    assert i["printed_code"] == "PG1.1.2.2" and i["value_2022"] == "8"


def test_each_page_links_to_its_slice_of_the_data(built_site):
    for page, data in (("tr/2024/hedefler/1-5/", "data/2024/goals/1-5.csv"),
                       ("tr/2024/birimler/fen-isleri/", "data/2024/units/fen-isleri.csv"),
                       ("en/2024/activities/1-5-2/", "data/2024/activities/1-5-2.csv")):
        assert f"/{data}" in read_page(page_file(built_site, page)).links
        sliced = list(csv.DictReader(io.StringIO((built_site / data).read_bytes().decode("utf-8-sig"))))
        assert sliced and all(data.split("/")[-1][:-4] in (r["goal"].replace(".", "-"), r["unit"],
                                                             r["activity"].replace(".", "-")) for r in sliced)


def test_charts_have_a_title_a_description_and_their_numbers_in_a_table(built_site):
    html = page_file(built_site, "tr/2024/").read_text("utf-8")
    charts = re.findall(r'<div class="bar-chart".*?</ol></div>', html, re.S)
    assert len(charts) == 3
    for chart in charts:
        key = re.search(r'aria-labelledby="(chart-[\w-]+)-t"', chart)[1]
        assert f'aria-describedby="{key}-d"' in chart and f'id="{key}-t"' in chart and f'id="{key}-d"' in chart
        assert 'role="group"' in chart and chart.count("<li>") == chart.count('<svg class="bar"')
        assert 'aria-hidden="true"' in chart and "…" not in chart  # labels in full; the bar repeats the figure
    aims_chart = charts[0]
    assert "663,86\u00a0milyon\u00a0₺" in aims_chart  # aim 4, the largest, first
    assert aims_chart.index("4. Sosyal Belediyecilik") < aims_chart.index("5. Toplum")
    # every bar of an aim or a unit links to its page; full names, never cut short
    assert '<a class="bar-label" href="/tr/2024/amaclar/4/">4. Sosyal Belediyecilik</a>' in aims_chart
    assert charts[1].count('<a class="bar-label" href="/tr/2024/birimler/') == charts[1].count("<li>")
    goal = page_file(built_site, "tr/2024/hedefler/4-1/").read_text("utf-8")
    assert '<a class="bar-label" href="/tr/2024/faaliyetler/4-1-4/">' in goal
    assert "663.855.000,00\u00a0₺" in html.split('id="by-aim"', 1)[1]  # the same figure, exact, in the table
    goal = page_file(built_site, "tr/2024/hedefler/1-7/").read_text("utf-8")
    trend = re.search(r'<svg class="trend".*?</svg>', goal, re.S).group(0)
    assert "↓" in trend and "Düşen çizgi ilerleme sayılır." in trend  # repairs needed: falling is progress


def test_every_discrepancy_appears_on_the_data_notes_page_in_both_languages(built_site, program):
    found = reconcile(program)
    gaps = entries(found)
    assert sum(len(e.places) for e in gaps) == len(found) == 68
    for lang, path in (("tr", "tr/2024/veri-notlari/"), ("en", "en/2024/data-notes/")):
        html = page_file(built_site, path).read_text("utf-8")
        articles = re.findall(r'<article class="note" id="([\w-]+)" data-kinds="([^"]*)"', html)
        assert [a for a, _ in articles] == [e.id for e in gaps]
        for (_, kinds), e in zip(articles, gaps):  # each place of the document under its entry, by its kind
            assert sorted(kinds.split()) == sorted({d.kind.value for d in e.places}), e.id
        fmt = Formatter(lang)
        assert fmt.money(Decimal("896000.00")) in html
        assert fmt.money(Decimal("149100000.00")) in html
    notice = read_page(page_file(built_site, "en/2024/goals/1-6/"))
    entry = next(e for e in gaps if e.touches("goal", "1.6"))
    assert f"/en/2024/data-notes/#{entry.id}" in notice.links
    ids = read_page(page_file(built_site, "en/2024/data-notes/")).ids
    assert entry.id in ids and "goal-1-6" in ids  # the old per-goal link still leads to the goal's first entry


def build_copy(content, tmp_path):
    from tests.conftest import run_build

    out = tmp_path / "site"
    result = run_build("--content", str(content), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_section_d_is_shown_and_exported_as_printed(content_copy, tmp_path):
    import json

    from tests.test_bad_content import replace

    # another document: its official reading prints another section D
    replace(content_copy, "2024/official/program.yaml", "      total: 10.187.000,00", "      total: 99.999.999,00")
    out = build_copy(content_copy, tmp_path)
    data = json.loads((out / "data/2024/program.json").read_text(encoding="utf-8"))
    assert data["section_d_as_printed"]["budget_by_econ"]["5"]["total"] == "99999999.00"
    overview = page_file(out, "tr/2024/").read_text(encoding="utf-8").split('id="section-d-table"', 1)[1]
    assert "99.999.999,00\u00a0₺" in overview
    assert re.search(r'data-kinds="[^"]*\bsection_d_row_total\b', page_file(out, "tr/2024/veri-notlari/").read_text("utf-8"))


def test_indicator_years_come_from_the_content(content_copy, tmp_path):
    for goal in (content_copy / "2024/goals/1.5.yaml", content_copy / "2024/official/goals/1.5.yaml"):
        goal.write_text(goal.read_text(encoding="utf-8").replace("'2022':", "'2021':"), encoding="utf-8")
    out = build_copy(content_copy, tmp_path)
    html = page_file(out, "en/2024/goals/1-5/").read_text(encoding="utf-8")
    assert '<th scope="col" class="num">2021</th>' in html and "values planned for 2021, 2023, 2024" in html
    header = (out / "data/2024/indicators.csv").read_bytes().decode("utf-8-sig").splitlines()[0]
    assert header.endswith("value_2021,value_2022,value_2023,value_2024")


def test_a_name_that_looks_like_a_formula_is_not_one_in_a_spreadsheet(content_copy, tmp_path):
    goal = content_copy / "2024/goals/1.5.yaml"
    goal.write_text(with_note(goal.read_text(encoding="utf-8").replace(
        "    tr: Bisiklet Yolu Yapılması", "    tr: '=HYPERLINK(\"http://x\")'"), ("activities", 2), "name"),
        encoding="utf-8")
    out = build_copy(content_copy, tmp_path)
    row = next(r for r in rows(out, "activities.csv") if r["activity"] == "1.5.2")
    assert row["name_tr"] == "'=HYPERLINK(\"http://x\")"


def test_pages_saved_with_a_byte_order_mark_and_aligned_tables(content_copy, tmp_path):
    table = "\n| Yıl | Tutar |\n|:--|--:|\n| 2024 | 5 |\n"
    page, printed = content_copy / "2024/pages/evaluation.tr.md", content_copy / "2024/official/pages/evaluation.md"
    page.write_text("\ufeff" + page.read_text(encoding="utf-8") + table, encoding="utf-8")
    printed.write_text(printed.read_text(encoding="utf-8") + table, encoding="utf-8")  # the document prints it
    out = build_copy(content_copy, tmp_path)
    html = page_file(out, "tr/2024/genel/evaluation/").read_text(encoding="utf-8")
    assert '<th class="num" scope="col">Tutar</th>' in html and '<td class="num">5</td>' in html
