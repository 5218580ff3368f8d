"""Programme years side by side, on a second programme made from the first.

tests/second_programme.py makes 2025 from the 2024 content: amounts changed,
one activity renumbered, one ended and one new (stated in continuity.yaml),
one indicator value restated differently.  The tests check that 2024 reads
as it did alone, that every comparison is the difference of open-data rows
to the kuruş, that the year switcher leads to the same item on every kind
of page, that the changed value is flagged, and that continuity.yaml is
checked like any other content.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from portal.i18n import Formatter
from portal.incremental import Builder
from portal.pipeline import build
from portal.urls import Urls
from tests.conftest import CONTENT, run_build
from tests.content_edits import with_note
from tests.data_package import listing_problems, problems, resources
from tests.local_web import axe_report, static_server, violations
from tests.nu import nu_messages
from tests.second_programme import CHANGED_INDICATOR, ENDED, NEW, RENUMBERED, add_programme, reprint
from tests.test_render_core import files_of, renders, without_other_years

U = Urls("/")


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("years") / "content"
    shutil.copytree(CONTENT, content)
    add_programme(content)
    return content


@pytest.fixture(scope="module")
def sites(two_years, tmp_path_factory):
    """The one-year site, and the two-year site at / and under /kartepe/."""
    root = tmp_path_factory.mktemp("years-sites")
    one = build(CONTENT, root / "one")
    two = build(two_years, root / "two")
    build(two_years, root / "served" / "kartepe", base_url="/kartepe/")
    return {"one": root / "one", "two": root / "two", "based": root / "served" / "kartepe",
            "served": root / "served", "result": two, "single": one}


def rows_of(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def html(site: Path, path: str) -> str:
    return (site / Urls.file_for(path)).read_text(encoding="utf-8")


# ------------------------------------------------------------------ one year
def test_a_single_programme_has_nothing_of_other_years(sites):
    one = sites["one"]
    pages = [p for p in one.rglob("*.html")]
    assert len(pages) > 400
    assert not [p for p in pages if "data-other-years" in p.read_text(encoding="utf-8")]
    assert not (one / "data" / "activities.csv").exists()
    assert not list((one / "assets").glob("years.*.css"))
    assert sites["single"].unmatched == []


def test_every_2024_page_reads_as_in_a_one_year_build(sites):
    before, after = files_of(sites["one"]), files_of(sites["two"])
    first_year = [p for p in before if re.match(r"(tr|en)/2024/|data/2024/", p)]
    assert len(first_year) > 600
    assert [p for p in first_year if before[p] != without_other_years(after[p])] == []
    for path in first_year:
        if path.endswith(".html"):
            assert b"/2025/" not in without_other_years(after[path]), path
    # the home pages show the latest programme
    assert 'href="/tr/2025/"' in html(sites["two"], "tr/")


def test_the_parts_about_other_years_are_marked_and_not_nested():
    """The test above removes them by their mark: a nested one would end it too early."""
    for name in ("base.html", "macros.html", "activity.html", "goal.html", "aim.html", "unit.html",
                 "program.html", "notes.html", "downloads.html"):
        source = (CONTENT.parent / "templates" / name).read_text(encoding="utf-8")
        for match in re.finditer(r"<(nav|section)\b[^>]*data-other-years[^>]*>(.*?)</\1>", source, re.S):
            assert f"<{match.group(1)}" not in match.group(2), name


# ------------------------------------------------------------ continuity
def test_the_open_data_of_every_year_carries_the_continuity(sites):
    rows = rows_of(sites["two"] / "data" / "activities.csv")
    by = {(r["year"], r["activity"]): r for r in rows}
    assert by[("2025", RENUMBERED[1])]["previous_code"] == RENUMBERED[0]
    assert by[("2025", RENUMBERED[1])]["continuity"] == "renumbered"
    assert by[("2025", NEW)]["continuity"] == "new" and by[("2025", NEW)]["previous_code"] == ""
    assert ("2025", ENDED) not in by and by[("2024", ENDED)]["continuity"] == "first"
    assert by[("2025", "1.5.2")]["continuity"] == "continued"
    # the same rows, to the byte, as each year's own file
    for year in ("2024", "2025"):
        own = rows_of(sites["two"] / "data" / year / "activities.csv")
        mine = [{k: v for k, v in r.items() if k not in ("previous_year", "previous_code", "continuity")}
                for r in rows if r["year"] == year]
        assert mine == own
    package = (sites["two"] / "data" / "datapackage.json").read_text(encoding="utf-8")
    for name in ('"path": "activities.csv"', '"path": "goals.csv"', '"path": "indicators.csv"', '"continuity"'):
        assert name in package
    header = (sites["two"] / "data" / "indicators.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "value_2022" in header and "value_2025" in header and header.endswith("continuity")


def test_a_stated_match_needs_no_warning_and_a_missing_one_is_listed(sites, two_years, tmp_path):
    assert sites["result"].unmatched == []
    content = tmp_path / "content"
    shutil.copytree(two_years, content)
    continuity = content / "2025" / "continuity.yaml"
    continuity.write_text(continuity.read_text(encoding="utf-8").replace(
        f"  {RENUMBERED[0]}: {RENUMBERED[1]}\n", ""), encoding="utf-8")
    result = run_build("--content", str(content), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "matches nothing" in line]
    assert len(warnings) == 2, warnings
    assert f"activity {RENUMBERED[0]} of the 2024 programme matches nothing in the 2025 programme " \
           f"(2025 has {RENUMBERED[1]} under the same name)" in warnings[0]
    assert warnings[0].startswith("warning: content/2025/continuity.yaml:1: ")
    # never a guessed match: the page says it is not matched, the data too
    page = html(tmp_path / "site", U.activity("en", 2025, RENUMBERED[1]))
    assert "not matched with the previous programme" in page
    row = next(r for r in rows_of(tmp_path / "site" / "data" / "activities.csv")
               if r["year"] == "2025" and r["activity"] == RENUMBERED[1])
    assert row["continuity"] == "unmatched" and row["previous_code"] == ""


BAD_CONTINUITY = {
    # what the file says, the line of the problem, and what the error says
    "a code the earlier programme lacks": ("activities:\n  1.10.2: ended\n  9.9.9: ended\n", 3,
                                           "the 2024 programme has no activity 9.9.9"),
    "a code this programme lacks": ("activities:\n  1.10.3: 1.10.8\n", 2, "the 2025 programme has no activity 1.10.8"),
    "a value that is no code": ("goals:\n  '1.10': gone\n", 2, "'gone' must be this programme's goal code"),
    "a key that is no code": ("aims:\n  first: new\n", 2, "'first' is not a aim code like 1"),
    "an unknown section": ("activities:\n  1.10.2: ended\nunits_: {}\n", 3, "unknown key 'units_'"),
    "one code stated twice": ("activities:\n  1.10.3: 1.10.4\n  1.10.2: 1.10.4\n", 3,
                              "activity 1.10.4 is already stated at line 2"),
    "two statements of one kind": ("activities:\n  1.10.2: [ended, 1.10.4]\n", 2,
                                   "say once what became of the previous programme's item"),
    "broken YAML": ("activities:\n  1.10.2: [ended\n", 3, "YAML syntax error"),
}


@pytest.mark.parametrize("case", BAD_CONTINUITY)
def test_a_bad_continuity_file_is_reported_at_its_line(case, two_years, tmp_path):
    text, line, message = BAD_CONTINUITY[case]
    content = tmp_path / "content"
    shutil.copytree(two_years, content)
    (content / "2025" / "continuity.yaml").write_text(text, encoding="utf-8")
    result = run_build("--content", str(content), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    errors = [e for e in result.stderr.splitlines() if e.startswith("error: ")]
    assert any(e.startswith(f"error: content/2025/continuity.yaml:{line}: ") and message in e for e in errors), \
        result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


def test_a_code_that_now_names_another_item_is_stated_ended_and_new(two_years, tmp_path):
    """2025 reuses 1.10.1 for another activity: the old one ended, the new one is new."""
    content = tmp_path / "content"
    shutil.copytree(two_years, content)
    reprint(content, 2025, "1.10",
            ("tr: İmar Planlarının Hazırlanması\n    en: Preparation of zoning plans\n  unit:",
             "tr: Kent Arşivinin Kurulması\n    en: Setting up the city archive\n  unit:"),
            ("name: İmar Planlarının Hazırlanması\n  unit:", "name: Kent Arşivinin Kurulması\n  unit:"))
    continuity = content / "2025" / "continuity.yaml"
    result = build(content, tmp_path / "unstated")
    assert len(result.unmatched) == 2 and all("1.10.1" in w for w in result.unmatched)
    continuity.write_text(continuity.read_text(encoding="utf-8") + "  1.10.1: [ended, new]\n", encoding="utf-8")
    result = build(content, tmp_path / "site")
    assert result.unmatched == []
    row = next(r for r in rows_of(tmp_path / "site" / "data" / "activities.csv")
               if r["year"] == "2025" and r["activity"] == "1.10.1")
    assert row["continuity"] == "new"
    assert "ended: not in this programme" in html(tmp_path / "site", U.activity("en", 2024, "1.10.1"))


def test_a_continuity_file_in_the_first_programme_is_an_error(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "2024" / "continuity.yaml").write_text("activities:\n  1.1.1: new\n", encoding="utf-8")
    result = run_build("--content", str(content), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "error: content/2024/continuity.yaml:2: continuity: the 2024 programme is the first one" in result.stderr


# ------------------------------------------------------------ comparisons
CHANGE_ROW = re.compile(r'<tr data-year="(\d{4})"(?: data-total="([\d.]+)")?(?: data-change="(-?[\d.]+)")?[^>]*>')


def year_rows(page: str) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    return {int(y): (Decimal(t) if t else None, Decimal(c) if c else None) for y, t, c in CHANGE_ROW.findall(page)}


def totals(rows, key) -> dict[tuple[str, str], Decimal]:
    out = defaultdict(Decimal)
    for r in rows:
        out[(r["year"], r[key])] += Decimal(r["total"])
    return out


def test_each_activity_and_goal_change_is_the_difference_of_its_csv_rows(sites):
    site = sites["two"]
    activities = rows_of(site / "data" / "activities.csv")
    by = {(r["year"], r["activity"]): r for r in activities}
    checked = 0
    for r in activities:
        if r["year"] != "2025":
            continue
        for lang in ("tr", "en"):
            shown = year_rows(html(site, U.activity(lang, 2025, r["activity"])))
            total, change = shown[2025]
            assert total == Decimal(r["total"])
            if r["continuity"] in ("continued", "renumbered"):
                assert change == Decimal(r["total"]) - Decimal(by[("2024", r["previous_code"])]["total"])
                assert shown[2024][0] == Decimal(by[("2024", r["previous_code"])]["total"])
                checked += 1
            else:
                assert change is None and shown[2024] == (None, None)
    assert checked > 240  # every continuing activity, in both languages
    goals = rows_of(site / "data" / "goals.csv")
    goal_by = {(r["year"], r["goal"]): r for r in goals}
    for r in goals:
        if r["year"] == "2025":
            shown = year_rows(html(site, U.goal("tr", 2025, r["goal"])))
            before = goal_by[("2024", r["previous_code"])]
            assert shown[2025] == (Decimal(r["total"]), Decimal(r["total"]) - Decimal(before["total"]))
    # what ended shows in the later year as ended, with nothing to compare
    ended = html(site, U.activity("en", 2024, ENDED))
    assert year_rows(ended)[2025] == (None, None) and "ended: not in this programme" in ended


def test_the_overview_changes_are_differences_of_csv_rows(sites):
    site = sites["two"]
    rows = rows_of(site / "data" / "activities.csv")
    page = html(site, U.program("tr", 2025))
    for table, key in (("change-by-aim", "aim"), ("change-by-unit", "unit")):
        body = page[page.index(f'id="{table}"'):]
        body = body[:body.index("</table>")]
        shown = dict(re.findall(r'<tr data-key="([^"]+)" data-change="(-?[\d.]+)"[^>]*>', body))
        sums = totals(rows, key)
        expected = {k: str(sums[("2025", k)] - sums[("2024", k)]) for (_, k) in sums}
        assert shown == expected
        assert re.search(r'data-total="total" data-change="(-?[\d.]+)"', body).group(1) == str(
            sum(Decimal(r["total"]) for r in rows if r["year"] == "2025")
            - sum(Decimal(r["total"]) for r in rows if r["year"] == "2024"))
    body = page[page.index('id="change-by-econ"'):]
    shown = dict(re.findall(r'<tr data-key="(\d)" data-change="(-?[\d.]+)"[^>]*>', body[:body.index("</table>")]))
    for code in range(1, 10):
        column = f"econ_{code}"
        expected = sum(Decimal(r[column]) for r in rows if r["year"] == "2025") - sum(
            Decimal(r[column]) for r in rows if r["year"] == "2024")
        assert Decimal(shown[str(code)]) == expected


def test_a_unit_page_shows_its_totals_over_the_years_as_chart_and_table(sites):
    site = sites["two"]
    sums = totals(rows_of(site / "data" / "activities.csv"), "unit")
    page = html(site, U.unit("en", 2025, "plan-ve-proje"))
    section = re.search(r'<section class="other-years".*?</section>', page, re.S).group(0)
    assert '<div class="bar-chart"' in section and "<caption>" in section and 'scope="row"' in section
    shown = year_rows(section)
    assert shown[2024][0] == sums[("2024", "plan-ve-proje")] and shown[2025][0] == sums[("2025", "plan-ve-proje")]
    assert shown[2025][1] == sums[("2025", "plan-ve-proje")] - sums[("2024", "plan-ve-proje")]
    # the chart's figures download as a CSV of one row per year, the same sums
    link = re.search(r'<a href="/(data/2025/charts/unit-plan-ve-proje-years\.csv)" download>', section)
    figures = {(r["year"], r["unit"]): Decimal(r["total"]) for r in rows_of(site / link[1])}
    assert figures == {key: sums[key] for key in (("2024", "plan-ve-proje"), ("2025", "plan-ve-proje"))}
    assert (site / "data/2025/charts/unit-plan-ve-proje-years.en.svg").is_file()


# ------------------------------------------------------------ indicator history
def test_the_indicator_history_flags_a_changed_target(sites):
    site = sites["two"]
    code, year, earlier, later = CHANGED_INDICATOR
    for page_year in (2024, 2025):
        page = html(site, U.goal("en", page_year, "1.10"))
        table = re.search(rf'<table class="figures history-table[^"]*" data-indicator="{re.escape(code)}"[^>]*>.*?</table>',
                          page, re.S).group(0)
        assert f'data-changed="{year}"' in table and "(changed)" in table
        assert table.count("data-changed=") == 1  # only the restated value
        assert f"The 2025 programme prints {later} for {year}; the 2024 programme printed {earlier}." in page
    tr = html(site, U.goal("tr", 2025, "1.10"))
    assert "2025 programı 2024 için 80 değerini veriyor; 2024 programı 75 vermişti." in tr
    # and the data notes list it
    notes = html(site, U.notes("en", 2025))
    assert f'data-changed-value="{code}/{year}"' in notes
    assert 'data-changed-value="1.10.2/' not in notes  # restated as it was: not a change


# ------------------------------------------------------------ the year switcher
def switch_links(page: str) -> dict[int, str]:
    nav = re.search(r'<nav class="year-switch".*?</nav>', page, re.S)
    assert nav, "no year switcher"
    return {int(y): href for href, y in re.findall(r'<a href="([^"]+)" data-year="(\d{4})">', nav.group(0))}


def page_kinds(lang: str, year: int, other: int) -> list[tuple[str, str]]:
    """A page of every kind and where the switch to `other` must lead from it."""
    activity = {2024: RENUMBERED[0], 2025: RENUMBERED[1]}
    return [
        (U.home(lang), U.program(lang, other)),
        (U.program(lang, year), U.program(lang, other)),
        (U.aim(lang, year, 1), U.aim(lang, other, 1)),
        (U.goal(lang, year, "1.10"), U.goal(lang, other, "1.10")),
        (U.activity(lang, year, "1.5.2"), U.activity(lang, other, "1.5.2")),
        (U.activity(lang, year, activity[year]), U.activity(lang, other, activity[other])),
        (U.activity(lang, year, ENDED if year == 2024 else NEW), U.program(lang, other)),
        (U.units(lang, year), U.units(lang, other)),
        (U.unit(lang, year, "fen-isleri"), U.unit(lang, other, "fen-isleri")),
        (U.notes(lang, year), U.notes(lang, other)),
        (U.page(lang, year, "foreword"), U.page(lang, other, "foreword")),
        (U.downloads(lang), U.program(lang, other)),
        (U.search(lang), U.program(lang, other)),
        (U.glossary(lang), U.program(lang, other)),
    ]


@pytest.mark.parametrize("base", ["/", "/kartepe/"])
def test_the_year_switcher_leads_to_the_same_item_on_every_kind_of_page(sites, base):
    site = sites["two"] if base == "/" else sites["based"]
    for lang in ("tr", "en"):
        for year, other in ((2024, 2025), (2025, 2024)):
            for path, target in page_kinds(lang, year, other):
                if path in (U.home(lang),) and other == 2025:
                    continue  # the home page is the latest programme's: it offers the older one
                links = switch_links(html(site, path))
                assert links[other] == base + target, (path, links)
                assert (site / Urls.file_for(target)).exists()


def test_every_switcher_link_of_the_site_exists(sites):
    site = sites["based"]
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="year-switch"' in text:
            for href in switch_links(text).values():
                assert href.startswith("/kartepe/"), (page, href)
                assert (site / Urls.file_for(href[len("/kartepe/"):])).exists(), (page, href)


@pytest.fixture(scope="module")
def served_years(sites):
    """The two-year site under /kartepe/ on a local server."""
    with static_server(sites["served"]) as base:
        yield base


def test_search_looks_in_the_year_of_the_page_and_offers_the_others(browser, served_years):
    """Searching from a 2024 page finds 2024's items; the other year is one link away; the
    ended activity is found in 2024 only."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{served_years}/kartepe/{U.goal('tr', 2024, '1.10')}")
        page.fill("#site-search", "Plan Revizyonlarının")
        page.locator(".search-form button").click()
        page.wait_for_selector("#search-results .results li")
        assert "year=2024" in page.url
        links = page.eval_on_selector_all("#search-results .results a", "as => as.map(a => a.getAttribute('href'))")
        assert links and all("/2024/" in href for href in links if "/20" in href), links  # glossary terms have no year
        assert f"/kartepe/{U.activity('tr', 2024, ENDED)}" in links
        assert "Sonuçlar 2024 programından." in page.inner_text(".search-years")
        page.locator(".search-years a", has_text="2025").click()
        page.wait_for_selector("#search-results .search-years")
        assert "year=2025" in page.url
        later = page.eval_on_selector_all("#search-results .results a", "as => as.map(a => a.getAttribute('href'))")
        assert all("/2025/" in href for href in later if "/20" in href)
        assert f"/kartepe/{U.activity('tr', 2024, ENDED)}" not in later
        # a search asked from the latest programme's pages looks in it, as with one programme
        page.goto(f"{served_years}/kartepe/tr/ara/?q=bisiklet")
        page.wait_for_selector("#search-results .results li")
        assert all("/2025/" in a for a in page.eval_on_selector_all(
            "#search-results .results a", "as => as.map(a => a.getAttribute('href'))") if "/20" in a)
    finally:
        context.close()


def test_the_year_switcher_works_in_a_browser_without_scripts(browser, served_years):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{served_years}/kartepe/{U.activity('tr', 2024, RENUMBERED[0])}")
        page.get_by_role("navigation", name="Program yılları").get_by_role("link", name="2025").click()
        assert page.url.endswith(f"/kartepe/{U.activity('tr', 2025, RENUMBERED[1])}")
        assert page.locator(".year-switch [aria-current]").inner_text() == "2025"
        page.get_by_role("navigation", name="Program yılları").get_by_role("link", name="2024").click()
        assert page.url.endswith(f"/kartepe/{U.activity('tr', 2024, RENUMBERED[0])}")
        page.goto(f"{served_years}/kartepe/{U.goal('en', 2025, '1.10')}")
        page.get_by_role("navigation", name="Programme years").get_by_role("link", name="2024").click()
        assert page.url.endswith(f"/kartepe/{U.goal('en', 2024, '1.10')}")
    finally:
        context.close()


# ------------------------------------------------------------ the preview
YEAR_EDITS = {
    # file, old, new, the correction note it needs: each edit's pages in the other year must follow it too
    "an earlier year's amount": ("2024/goals/1.10.yaml", "'1': 2.463.000,00", "'1': 2.463.100,00",
                                 (("activities", 1), "budget.1")),
    "an earlier year's indicator value": ("2024/goals/1.10.yaml", "'2023': '70'", "'2023': '71'",
                                          (("indicators", 1), "values.2023")),
    "a later year's amount": ("2025/goals/1.5.yaml", "'6': 3.000.000,07", "'6': 3.000.100,07",
                              (("activities", 2), "budget.6")),
    "a continuity line": ("2025/continuity.yaml", f"  {RENUMBERED[0]}: {RENUMBERED[1]}\n", "", None),
    "a continuity target": ("2025/continuity.yaml", f"  {NEW}: new\n", f"  {NEW}: new\n  1.10.1: ended\n", None),
    "an activity's name": ("2024/goals/1.10.yaml", "\n  name:\n    tr: Plan Revizyonlarının Yapılması",
                           "\n  name:\n    tr: Plan Revizyonu Yapılması", (("activities", 2), "name")),
}


@pytest.fixture(scope="module")
def years_builder(two_years, tmp_path_factory):
    content = tmp_path_factory.mktemp("years-preview") / "content"
    shutil.copytree(two_years, content)
    builder = Builder(content, content.parent / "site", processes=2)
    builder.full()
    return builder


@pytest.mark.parametrize("edit", YEAR_EDITS)
def test_an_edit_in_one_year_rebuilds_the_other_years_pages_that_compare_with_it(years_builder, edit):
    rel, old, new, note = YEAR_EDITS[edit]
    update = renders(years_builder, rel, old, new, note)  # equal to a full build, then undone
    assert 0 < update.pages_rendered < 1756
    assert files_of(years_builder.out) == years_builder.files


# ------------------------------------------------------------ quality of the new parts
YEAR_PAGES = [U.program("tr", 2025), U.program("en", 2025), U.goal("tr", 2025, "1.10"), U.goal("en", 2024, "1.10"),
              U.activity("tr", 2025, RENUMBERED[1]), U.activity("en", 2024, ENDED), U.unit("tr", 2025, "plan-ve-proje"),
              U.unit("en", 2024, "fen-isleri"), U.notes("en", 2025), U.downloads("tr"), U.aim("en", 2025, 1)]


def test_the_parts_about_other_years_are_valid_html_and_css(sites, tmp_path):
    for path in YEAR_PAGES:
        target = tmp_path / Urls.file_for(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sites["two"] / Urls.file_for(path), target)
    shutil.copytree(sites["two"] / "assets", tmp_path / "assets")
    messages = nu_messages(tmp_path)
    assert not messages, messages[:20]


def test_axe_finds_no_wcag_violation_in_the_parts_about_other_years(browser, served_years):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        for path in YEAR_PAGES:
            page.goto(f"{served_years}/kartepe/{path}")
            found = violations(axe_report(page))
            assert not found, (path, found)
    finally:
        context.close()


def test_a_continuity_line_re_renders_only_the_pages_of_the_items_it_names(years_builder):
    """Removing `1.10.3: 1.10.4` changes what those two activities' pages compare, in
    both languages, and nothing else any page shows."""
    path = years_builder.content / "2025" / "continuity.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"  {RENUMBERED[0]}: {RENUMBERED[1]}\n", ""), encoding="utf-8")
    try:
        update = years_builder.update()
        assert update.pages_rendered == 4
        assert sorted(p for p in update.written if p.endswith(".html")) == sorted(
            Urls.file_for(U.activity(lang, year, code)) for lang in ("tr", "en")
            for year, code in ((2024, RENUMBERED[0]), (2025, RENUMBERED[1])))
    finally:
        path.write_text(text, encoding="utf-8")
        years_builder.update()


def test_an_earlier_years_amount_re_renders_the_later_pages_that_compare_with_it(years_builder):
    path = years_builder.content / "2024" / "goals" / "1.10.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(with_note(text.replace("'1': 2.463.000,00", "'1': 2.463.100,00", 1), ("activities", 1), "budget.1"),
                    encoding="utf-8")
    try:
        update = years_builder.update()
        # (the 2024 corrections page lists the correction; no 2025 page but these compares with it)
        later = sorted(p for p in update.written if "/2025/" in p and p.endswith(".html"))
        assert later == sorted(Urls.file_for(p) for lang in ("tr", "en") for p in (
            U.program(lang, 2025), U.aim(lang, 2025, 1), U.goal(lang, 2025, "1.10"),
            U.activity(lang, 2025, "1.10.1"), U.unit(lang, 2025, "plan-ve-proje")))
        # and the one 2025 chart that shows the 2024 figure: the unit's years, its figures and pictures
        assert sorted(p for p in update.written if p.startswith("data/2025/")) == [
            "data/2025/charts/unit-plan-ve-proje-years.csv", "data/2025/charts/unit-plan-ve-proje-years.en.svg",
            "data/2025/charts/unit-plan-ve-proje-years.tr.svg"]
    finally:
        path.write_text(text, encoding="utf-8")
        years_builder.update()


def test_three_programmes_chain_their_matches(two_years, tmp_path):
    """2026 made from 2025: the renumbered activity is followed through both steps, the
    unit's chart has a bar per year, an indicator's history a row per programme."""
    content = tmp_path / "content"
    shutil.copytree(two_years, content)
    add_programme(content, 2026, goal_changes=False)
    out = tmp_path / "site"
    assert build(content, out).unmatched == []
    links = switch_links(html(out, U.activity("en", 2024, RENUMBERED[0])))
    assert links == {2025: "/" + U.activity("en", 2025, RENUMBERED[1]), 2026: "/" + U.activity("en", 2026, RENUMBERED[1])}
    assert sorted(year_rows(html(out, U.activity("tr", 2026, RENUMBERED[1])))) == [2024, 2025, 2026]
    unit = html(out, U.unit("en", 2026, "plan-ve-proje"))
    chart = re.search(r'<div class="bar-chart".*?</ol></div>', unit[unit.index('class="other-years"'):], re.S).group(0)
    assert chart.count("<rect") == 6  # a track and a bar for each year
    assert chart.count('<a class="bar-label" href="/en/20') == 2  # the other years' pages of the unit
    goal = html(out, U.goal("en", 2026, "1.10"))
    table = re.search(r'<table class="figures history-table[^"]*" data-indicator="1.10.1"[^>]*>.*?</table>', goal, re.S).group(0)
    assert table.count("data-programme=") == 3
    assert 'href="/en/2025/"' in html(out, U.program("en", 2026)) and "Changes against the 2025 programme" in html(
        out, U.program("en", 2026))


def test_frictionless_validates_the_data_package_of_every_year(sites):
    assert problems(sites["two"]) == []  # the descriptor; the data of every whole table and a sample of the rest


def test_the_data_package_lists_every_file_of_every_year_once(sites):
    site = sites["two"]
    assert listing_problems(site) == []
    listed = {r["path"]: r["name"] for r in resources(site)}
    for year in (2024, 2025):
        for path in (U.data_slice(year, "goal", "1.5"), U.data_slice(year, "unit", "plan-ve-proje"),
                     U.chart_csv(year, "programme-goals"), U.chart_svg("en", year, "programme-goals")):
            assert path.removeprefix("data/") in listed
    assert listed["activities.csv"] == "activities"
    assert listed["2025/activities/1-5-2.csv"] == "activities-2025-activity-1-5-2"
    assert listed["2025/charts/unit-plan-ve-proje-years.csv"] == "chart-2025-unit-plan-ve-proje-years-figures"
    # a year's files are listed as in a one-year build, the same names for the same paths
    alone = {r["path"]: r["name"] for r in resources(sites["one"])}
    assert {p: n for p, n in listed.items() if p in alone} == alone


# ------------------------------------------------------------ per resident, constant prices
FIGURES = """population:
  name:
    tr: Nüfus
    en: Population
  source:
    tr: Test kaynağı (nüfus)
    en: Test source (population)
  values:
    '2024': 130.000
    '2025': 135.000
price_index:
  name:
    tr: TÜFE
    en: CPI
  source:
    tr: Test kaynağı (endeks)
    en: Test source (index)
  values:
    '2024': 2.000,00
    '2025': 2.500,00
"""


def test_amounts_per_resident_and_in_constant_prices_only_with_their_figures(two_years, tmp_path, sites):
    content = tmp_path / "content"
    shutil.copytree(two_years, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as f:
        f.write(FIGURES)
    out = tmp_path / "site"
    build(content, out)
    total = next(Decimal(r["total"]) for r in rows_of(out / "data" / "2025" / "goals.csv") if r["goal"] == "1.5")
    programme = sum(Decimal(r["total"]) for r in rows_of(out / "data" / "2025" / "activities.csv"))
    overview = html(out, U.program("tr", 2025))
    per = (programme / 135000).quantize(Decimal("0.01"))
    assert f"Kişi başına {Formatter('tr').money(per)} (Nüfus 2025: 135.000; kaynak: Test kaynağı (nüfus))" in overview
    goal = html(out, U.goal("en", 2025, "1.5"))
    assert "In 2025 prices" in goal and "Source: Test source (index)." in goal
    earlier = next(Decimal(r["total"]) for r in rows_of(out / "data" / "2024" / "goals.csv") if r["goal"] == "1.5")
    row = re.search(r'<tr data-year="2024".*?</tr>', goal, re.S).group(0)
    assert Formatter("en").money((earlier * Decimal("2500") / Decimal("2000")).quantize(Decimal("0.01"))) in row
    assert total  # 2025's own row is in its own prices
    # without the figures in site.yaml the site shows neither
    plain = html(sites["two"], U.goal("en", 2025, "1.5"))
    assert "prices" not in plain and "per resident" not in html(sites["two"], U.program("en", 2025))
