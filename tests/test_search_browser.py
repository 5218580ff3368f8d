"""Search in a real headless Chromium against the served build: Turkish folding,
capitals, dotted and dotless I, typos, codes, and English on the English page."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

# query, language, the title (or a distinctive part of it) of the expected top result
CASES = [
    ("çöp", "tr", "Atıkların Toplanması"),  # through the synonyms staff keep in search.yaml
    ("asfalt", "tr", "(asfalt veya parke kaplama)"),  # goal 1.5 says it in its own words
    ("nikah", "tr", "Nikâh İşlemlerinin Yürütülmesi"),
    ("NİKAH", "tr", "Nikâh İşlemlerinin Yürütülmesi"),
    ("sosyal yardim", "tr", "Sosyal Yardım İşleri Müdürlüğü"),
    ("SOSYAL YARDIM", "tr", "Sosyal Yardım İşleri Müdürlüğü"),
    ("kamulastirma", "tr", "Kamulaştırma İşlemleri"),
    ("KAMULAŞTIRMA", "tr", "Kamulaştırma İşlemleri"),
    ("istimlak", "tr", "Emlak ve İstimlak Müdürlüğü"),
    ("İSTİMLAK", "tr", "Emlak ve İstimlak Müdürlüğü"),
    ("zabita", "tr", "Zabıta Müdürlüğü"),
    ("ZABITA", "tr", "Zabıta Müdürlüğü"),
    ("bisiklet", "tr", "Bisiklet Yolu Yapılması"),
    ("bisiklt", "tr", "Bisiklet Yolu Yapılması"),  # one typo
    ("kamulastrima", "tr", "Kamulaştırma İşlemleri"),  # two letters swapped
    ("sunnet", "tr", "Sünnet Organizasyonun Düzenlenmesi"),
    ("1.5.2", "tr", "Bisiklet Yolu Yapılması"),
    ("PH.1.5.F2", "tr", "Bisiklet Yolu Yapılması"),
    ("ph.1.5.f2", "tr", "Bisiklet Yolu Yapılması"),
    ("1-5-2", "tr", "Bisiklet Yolu Yapılması"),
    ("PH.1.5", "tr", "İlçemizin geleceğinin şekillendiği"),
    ("PG.1.5.3", "tr", "Kartepe'de Başlatılan Bisiklet Yollarının Uzunluğu"),
    ("bisik", "tr", "Bisiklet Yolu Yapılması"),  # prefix while typing
    ("cycle path", "en", "Construction of cycle paths"),
    ("wedding hall", "en", "Wedding Hall Allocations"),
    ("municipal police", "en", "Directorate of Municipal Police"),
    ("expropriation", "en", "Expropriation procedures"),
    ("PH.1.5.F2", "en", "Construction of cycle paths"),
    ("bisiklet", "en", "Construction of cycle paths"),  # a Turkish word on the English page
]


def search_url(base: str, lang: str, query: str) -> str:
    from urllib.parse import quote

    return f"{base}/{'tr/ara' if lang == 'tr' else 'en/search'}/?q={quote(query)}"


@pytest.mark.parametrize("query,lang,expected", CASES)
def test_query_finds_its_entity_first(page, served_site, query, lang, expected):
    page.goto(search_url(served_site, lang, query))
    page.wait_for_selector("#search-results[data-ready='true']", state="attached")
    first = page.locator("#search-results li a").first
    assert expected in first.inner_text(), page.locator("#search-results").inner_text()[:500]
    assert page.input_value("#search-query") == query


def test_typing_updates_results_and_the_shareable_url(page, served_site):
    page.goto(f"{served_site}/tr/ara/")
    page.wait_for_selector("#search-results[data-ready='true']", state="attached")
    page.fill("#search-query", "kultur")
    page.wait_for_selector("#search-results li")
    assert "q=kultur" in page.url
    assert "Kültür" in page.locator("#search-results li").first.inner_text()


def test_header_search_box_leads_to_the_search_page(page, served_site):
    page.goto(f"{served_site}/tr/2024/")
    page.fill("#site-search", "çöp")
    page.press("#site-search", "Enter")
    page.wait_for_selector("#search-results li")
    assert "/tr/ara/" in page.url
    assert "Atıkların Toplanması" in page.locator("#search-results li a").first.inner_text()


def test_a_result_shows_code_unit_and_amount(page, served_site):
    page.goto(search_url(served_site, "tr", "bisiklet yolu"))
    page.wait_for_selector("#search-results li")
    meta = page.locator("#search-results li .meta").first.inner_text()
    assert "PH.1.5.F2" in meta and "Fen İşleri Müdürlüğü" in meta and "2.565.000,00\u00a0₺" in meta
    page.locator("#search-results li a").first.click()
    page.wait_for_url("**/tr/2024/faaliyetler/1-5-2/")


def test_no_javascript_explains_and_links_to_units(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}/tr/ara/?q=asfalt")
    text = page.locator("main").inner_text()
    assert "JavaScript" in text
    assert page.locator("noscript").count() == 1
    context.close()


def test_browser_folding_matches_python(page, served_site):
    """The same table of cases, folded by the shipped static/search.js with the shipped tables."""
    cases = json.loads((Path(__file__).parent / "folding_cases.json").read_text(encoding="utf-8"))["fold"]
    page.goto(f"{served_site}/tr/ara/")
    page.wait_for_selector("#search-results[data-ready='true']", state="attached")
    folded = page.evaluate("texts => texts.map(t => window.portalSearch.fold(t))", [c[0] for c in cases])
    assert folded == [c[1] for c in cases]


def test_punctuation_only_finds_nothing_and_search_keeps_working(page, served_site):
    page.goto(search_url(served_site, "tr", "?"))
    page.wait_for_selector("#search-results[data-ready='true']", state="attached")
    assert page.locator("#search-results ol.results li").count() == 0
    page.fill("#search-query", "asfalt")
    page.wait_for_selector("#search-results li")
    assert page.inner_text("#search-status") != ""


def test_one_result_is_counted_in_the_singular(page, served_site):
    page.goto(search_url(served_site, "en", "PG.1.12.2"))
    page.wait_for_selector("#search-results li")
    assert page.inner_text("#search-status") == "1 result"


def test_nothing_found_offers_a_spelling_the_other_language_and_places_to_start(page, served_site):
    page.goto(search_url(served_site, "tr", "parx"))  # one letter off "park", too short to be read as a typo
    page.wait_for_selector("#search-results[data-ready='true']", state="attached")
    assert page.inner_text("#search-status") == "Bu arama için sonuç bulunamadı."
    help_box = page.locator("#search-results .search-help")
    suggestion = help_box.locator("a", has_text="park").first
    assert suggestion.get_attribute("href") == "?q=park"
    other = help_box.locator("a", has_text="parx")
    assert other.get_attribute("href").endswith("/en/search/?q=parx")
    starts = help_box.locator("ol.search-start li a")
    assert starts.count() == 5 and starts.last.get_attribute("href").endswith("/tr/2024/birimler/")
    suggestion.click()
    page.wait_for_selector("#search-results ol.results li")
    assert "q=park" in page.url


def test_the_language_switch_keeps_the_query(page, browser, served_site):
    page.goto(search_url(served_site, "tr", "asfalt"))
    page.wait_for_selector("#search-results[data-ready='true']", state="attached")
    assert page.get_attribute("a.lang-switch", "href").endswith("/en/search/?q=asfalt")
    page.fill("#search-query", "bisiklet yolu")
    assert page.get_attribute("a.lang-switch", "href").endswith("/en/search/?q=bisiklet%20yolu")
    page.click("a.lang-switch")
    page.wait_for_selector("#search-results ol.results li")
    assert page.input_value("#search-query") == "bisiklet yolu"
    assert "Construction of cycle paths" in page.locator("#search-results li a").first.inner_text()
    context = browser.new_context(java_script_enabled=False)  # without script: a plain link
    plain = context.new_page()
    plain.goto(search_url(served_site, "tr", "asfalt"))
    assert plain.get_attribute("a.lang-switch", "href").endswith("/en/search/")
    context.close()


@pytest.mark.parametrize("path,placeholder", [("tr/ara/", "ör. asfalt"), ("en/search/", "e.g. road repairs"),
                                              ("en/2024/", "e.g. road repairs")])
def test_placeholders_are_in_the_page_language(page, served_site, path, placeholder):
    page.goto(f"{served_site}/{path}")
    for box in page.locator("input[type=search]").all():
        assert box.get_attribute("placeholder").startswith(placeholder)


@pytest.mark.parametrize("query,lang,href", [
    ("sermaye giderleri", "tr", "/tr/sozluk/#econ-6"),  # an economic code, with its explanation
    ("capital expenditure", "en", "/en/glossary/#econ-6"),
    ("teknolojik envanter", "tr", "/tr/2024/genel/resources/#teknolojik-envanter"),  # a page's heading
])
def test_glossary_and_headings_are_found_at_their_anchors(page, served_site, query, lang, href):
    page.goto(search_url(served_site, lang, query))
    page.wait_for_selector("#search-results ol.results li")
    first = page.locator("#search-results ol.results li a").first
    assert first.get_attribute("href") == href
    first.click()
    page.wait_for_load_state()
    assert page.locator(f"#{href.split('#')[1]}").count() == 1


def test_synonyms_work_both_ways(page, served_site):
    """yol: [asfalt, parke] in search.yaml: "asfalt" also finds the road works."""
    page.goto(search_url(served_site, "tr", "asfalt"))
    page.wait_for_selector("#search-results ol.results li")
    titles = page.locator("#search-results ol.results li a").all_inner_texts()[:5]
    assert "Yol Yapım Çalışmaları" in titles, titles


def test_activities_come_before_indicators_that_match_as_well(page, served_site):
    page.goto(search_url(served_site, "tr", "bisiklet"))
    page.wait_for_selector("#search-results ol.results li")
    kinds = page.locator("#search-results ol.results li .meta").all_inner_texts()
    assert kinds[0].startswith("Faaliyet") and any(k.startswith("Gösterge") for k in kinds[1:])


LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 500);
})"""


@pytest.mark.parametrize("query", ["asfalt", "zzqqxx"])
def test_results_arriving_move_nothing_on_a_phone(browser, served_site, query):
    """Lighthouse measured a cumulative layout shift of 0.32 on a phone when the results
    (or the help for none) arrived below the status line: their room is reserved.  The
    index is held back as on a slow connection, so the results come after the first paint."""
    import time

    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2)

    def slow(route):
        time.sleep(0.6)
        route.continue_()
    page.route("**/search-tr.*.json", slow)
    page.goto(search_url(served_site, "tr", query))
    page.wait_for_selector("#search-results[data-ready]")
    shift = page.evaluate(LAYOUT_SHIFT)
    page.close()
    assert shift < 0.02, shift
