"""The index of all activities (/tr/2024/faaliyetler/, /en/2024/activities/) and the sortable
units index: the complete ranked table without JavaScript, and with it columns that sort
(Turkish collation on Turkish pages), filters, and the view kept in the address."""
from __future__ import annotations

import csv
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest

from portal.i18n import Formatter
from tests.html_pages import page_file, read_page

INDEX = {"tr": "tr/2024/faaliyetler/", "en": "en/2024/activities/"}
UNITS = {"tr": "tr/2024/birimler/", "en": "en/2024/units/"}
TURKISH_ALPHABET = "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ"
ROW = re.compile(r'<tr data-activity="([^"]+)" data-unit="([^"]+)"[^>]*>(.*?)</tr>', re.S)
CELL = re.compile(r'<td class="num"[^>]*>([^<]*)</td>')


def csv_rows(site) -> dict[str, dict]:
    with (site / "data/2024/activities.csv").open(encoding="utf-8-sig", newline="") as f:
        return {row["activity"]: row for row in csv.DictReader(f)}


def index_rows(site, lang: str) -> list[tuple[str, str, str]]:
    """(code, unit slug, the total as shown) for each row, in the page's order."""
    html = page_file(site, INDEX[lang]).read_text(encoding="utf-8")
    return [(code, unit, CELL.findall(body)[-1]) for code, unit, body in ROW.findall(html)]


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_index_lists_every_activity_ranked_by_total(built_site, lang):
    expected = csv_rows(built_site)
    rows = index_rows(built_site, lang)
    assert len(rows) == len(expected) == 126
    assert {code for code, _, _ in rows} == set(expected)
    fmt = Formatter(lang)
    totals = []
    for code, unit, shown in rows:
        total = Decimal(expected[code]["total"])
        assert shown == fmt.money(total), code  # to the kuruş, as the page formats money
        assert unit == expected[code]["unit"], code
        totals.append(total)
    assert totals == sorted(totals, reverse=True)  # largest first
    info = read_page(page_file(built_site, INDEX[lang]))
    assert len(info.h1) == 1 and info.lang == lang
    html = page_file(built_site, INDEX[lang]).read_text(encoding="utf-8")
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    assert 'class="figures activity-index stack"' in html  # reflows on phones (portal/reflow.py)
    assert 'role="status"' in html
    assert re.search(r'<div class="table-controls"[^>]*\bhidden\b', html)  # shown by the script only
    assert "<script>" not in html and " onclick=" not in html


def test_each_row_links_to_its_activity_and_unit_with_its_economic_codes(built_site):
    html = page_file(built_site, INDEX["tr"]).read_text(encoding="utf-8")
    row = next(body for code, _, body in ROW.findall(html) if code == "1.5.2")
    assert 'href="/tr/2024/faaliyetler/1-5-2/"' in row and "PH.1.5.F2" in row
    assert 'href="/tr/2024/birimler/fen-isleri/"' in row
    full = re.search(r'<tr data-activity="1.5.2"[^>]*>', html)[0]
    expected = csv_rows(built_site)["1.5.2"]
    for n in range(1, 10):
        assert f'data-econ-{n}="{expected[f"econ_{n}"]}"' in full


def test_every_page_with_navigation_links_to_the_index(built_site):
    checked = 0
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if 'class="wrap main-nav"' not in html:
            continue
        nav = html.split('class="wrap main-nav"', 1)[1].split("</nav>", 1)[0]
        lang = re.search(r'<html lang="(\w+)"', html)[1]
        assert f'href="/{INDEX[lang]}"' in nav, path
        checked += 1
    assert checked > 400


def first_letter_ranks(names: list[str]) -> list[int]:
    letters = [n.lstrip()[:1].replace("i", "İ").replace("ı", "I").upper() for n in names]
    return [TURKISH_ALPHABET.index(c) for c in letters if c in TURKISH_ALPHABET]


def shown_codes(page) -> list[str]:
    return page.eval_on_selector_all("#activities-table tbody tr:not([hidden])",
                                     "rows => rows.map(r => r.dataset.activity)")


def test_the_name_header_sorts_in_turkish_order(page, served_site):
    page.goto(f"{served_site}/{INDEX['tr']}")
    page.click("#activities-table th[data-sort='name'] button")
    header = page.locator("#activities-table th[data-sort='name']")
    assert header.get_attribute("aria-sort") == "ascending"
    assert page.locator("#activities-table th[data-sort='amount']").get_attribute("aria-sort") is None
    names = page.eval_on_selector_all("#activities-table tbody th", "cells => cells.map(c => c.textContent)")
    ranks = first_letter_ranks(names)
    assert len(ranks) > 100 and ranks == sorted(ranks)  # Ç after C, Ş after S, Ü after U, İ after I
    assert parse_qs(urlsplit(page.url).query) == {"sort": ["name"], "dir": ["asc"]}
    page.click("#activities-table th[data-sort='name'] button")  # again: the other way
    assert header.get_attribute("aria-sort") == "descending"
    names = page.eval_on_selector_all("#activities-table tbody th", "cells => cells.map(c => c.textContent)")
    assert first_letter_ranks(names) == sorted(first_letter_ranks(names), reverse=True)
    assert "dir=desc" in page.url


def test_filtering_by_unit_shows_its_rows_and_updates_the_address(page, served_site, built_site):
    expected = {code for code, row in csv_rows(built_site).items() if row["unit"] == "fen-isleri"}
    page.goto(f"{served_site}/{INDEX['tr']}")
    assert page.is_visible(".table-controls")
    page.select_option("#filter-unit", "fen-isleri")
    assert set(shown_codes(page)) == expected
    assert parse_qs(urlsplit(page.url).query)["unit"] == ["fen-isleri"]
    status = page.inner_text("[data-status-for='activities-table']")
    assert f"126 faaliyetten {len(expected)} tanesi" in status
    assert page.get_attribute("[data-status-for='activities-table']", "role") == "status"
    page.click(".table-controls [data-reset]")  # back to every activity, largest first
    assert len(shown_codes(page)) == 126 and page.input_value("#filter-unit") == ""
    assert urlsplit(page.url).query == ""


def test_the_economic_code_and_aim_filters(page, served_site, built_site):
    rows = csv_rows(built_site)
    page.goto(f"{served_site}/{INDEX['en']}?econ=9&aim=6")
    expected = {c for c, r in rows.items() if Decimal(r["econ_9"]) > 0 and r["aim"] == "6"}
    assert expected and set(shown_codes(page)) == expected
    assert page.input_value("#filter-econ") == "9" and page.input_value("#filter-aim") == "6"


def test_a_shared_address_restores_the_view(page, served_site, built_site):
    expected = {code for code, row in csv_rows(built_site).items() if row["unit"] == "fen-isleri"}
    page.goto(f"{served_site}/{INDEX['tr']}?sort=name&unit=fen-isleri")
    codes = shown_codes(page)
    assert set(codes) == expected
    names = page.eval_on_selector_all("#activities-table tbody tr:not([hidden]) th",
                                      "cells => cells.map(c => c.textContent)")
    assert names == ["Araç Bakımlarının Yapılması", "Bisiklet Yolu Yapılması", "Yol Açım ve Tesviye Çalışmaları",
                     "Yol Bakım ve Onarım Çalışmaları", "Yol Yapım Çalışmaları"]
    assert page.locator("#activities-table th[data-sort='name']").get_attribute("aria-sort") == "ascending"
    assert page.input_value("#filter-unit") == "fen-isleri"
    assert page.input_value("#activities-sort") == "name"


def test_without_javascript_the_full_ranked_table_is_there(browser, served_site, built_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{served_site}/{INDEX['tr']}?sort=name&unit=fen-isleri")
        assert shown_codes(page) == [code for code, _, _ in index_rows(built_site, "tr")]
        assert len(shown_codes(page)) == 126
        assert not page.is_visible(".table-controls")
        assert page.locator("#activities-table th button").count() == 0
    finally:
        context.close()


def test_the_units_index_sorts_by_total_and_keeps_it_in_the_address(page, served_site, built_site):
    page.goto(f"{served_site}/{UNITS['tr']}")
    page.click("#units th[data-sort='total'] button")
    assert page.locator("#units th[data-sort='total']").get_attribute("aria-sort") == "descending"
    totals = page.eval_on_selector_all("#units tbody tr", "rows => rows.map(r => r.dataset.sortTotal)")
    assert [Decimal(t) for t in totals] == sorted((Decimal(t) for t in totals), reverse=True)
    assert len(totals) == 24
    assert parse_qs(urlsplit(page.url).query) == {"sort": ["total"], "dir": ["desc"]}
    address = page.url
    page.goto(address)  # a shared link shows the same order
    assert page.eval_on_selector_all("#units tbody tr", "rows => rows.map(r => r.dataset.sortTotal)") == totals
    page.click("#units th[data-sort='name'] button")
    assert "sort=" not in page.url  # the default order (alphabetical) needs nothing in the address
    names = page.eval_on_selector_all("#units tbody th", "cells => cells.map(c => c.textContent)")
    assert first_letter_ranks(names) == sorted(first_letter_ranks(names))


def test_the_sort_buttons_take_a_tab_stop_only_where_the_header_row_is_shown(browser, served_site):
    """Stacked on a phone, the header row is read but not shown: its buttons are skipped by the
    keyboard there, and are reachable again once the table is a table."""
    context = browser.new_context(viewport={"width": 320, "height": 700})
    try:
        page = context.new_page()
        page.goto(f"{served_site}/{INDEX['tr']}")
        stops = "bs => bs.map(b => b.getAttribute('tabindex'))"
        narrow = page.eval_on_selector_all("#activities-table th button", stops)
        page.set_viewport_size({"width": 1280, "height": 700})
        page.wait_for_function("() => !document.querySelector('#activities-table th button[tabindex]')")
        wide = page.eval_on_selector_all("#activities-table th button", stops)
        page.set_viewport_size({"width": 760, "height": 700})  # below 48rem: stacked again
        page.wait_for_function("() => !!document.querySelector('#activities-table th button[tabindex]')")
        tablet = page.eval_on_selector_all("#activities-table th button", stops)
    finally:
        context.close()
    assert narrow and narrow == ["-1"] * len(narrow)
    assert wide == [None] * len(narrow)
    assert tablet == narrow
