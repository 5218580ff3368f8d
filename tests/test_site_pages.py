"""The portal a reader sees: every entity in both languages at its contract URL."""
from __future__ import annotations

import re
import shutil

from portal.urls import Urls
from tests.conftest import run_build
from tests.html_pages import page_file, read_page

SITE_URL = "https://performans.kartepe.bel.tr"
U = Urls("/")


def entity_paths(program):
    year = program.year
    for lang in ("tr", "en"):
        yield lang, U.home(lang)
        yield lang, U.program(lang, year)
        yield lang, U.units(lang, year)
        yield lang, U.notes(lang, year)
        for aim in program.aims:
            yield lang, U.aim(lang, year, aim.number)
        for goal in program.goals:
            yield lang, U.goal(lang, year, goal.code)
        for activity in program.activities:
            yield lang, U.activity(lang, year, activity.code)
        for slug in program.unit_totals:
            yield lang, U.unit(lang, year, slug)


def twin(path: str) -> str:
    swaps = {"amaclar": "aims", "hedefler": "goals", "faaliyetler": "activities", "birimler": "units",
             "veri-notlari": "data-notes"}
    parts = path.split("/")
    if parts[0] == "tr":
        return "/".join(["en"] + [swaps.get(p, p) for p in parts[1:]])
    back = {v: k for k, v in swaps.items()}
    return "/".join(["tr"] + [back.get(p, p) for p in parts[1:]])


def test_contract_urls_from_the_design(built_site):
    for path in ["tr/", "en/", "tr/2024/", "en/2024/", "tr/2024/amaclar/1/", "en/2024/aims/1/",
                 "tr/2024/hedefler/1-5/", "en/2024/goals/1-5/", "tr/2024/faaliyetler/1-5-2/",
                 "en/2024/activities/1-5-2/", "tr/2024/birimler/", "tr/2024/birimler/fen-isleri/",
                 "en/2024/units/", "en/2024/units/fen-isleri/", "tr/2024/veri-notlari/", "en/2024/data-notes/",
                 "tr/ara/", "en/search/", "tr/veri/", "en/data/", "index.html", "sitemap.xml", "robots.txt",
                 "404.html", "data/2024/activities.csv", "data/2024/program.json"]:
        assert page_file(built_site, path).is_file(), path


def test_every_entity_page_has_lang_title_h1_canonical_and_its_twin(built_site, program):
    count = 0
    for lang, path in entity_paths(program):
        info = read_page(page_file(built_site, path))
        other = "en" if lang == "tr" else "tr"
        assert info.lang == lang, path
        assert info.title and len(info.h1) == 1 and info.h1[0], path
        assert info.canonical == f"{SITE_URL}/{path}", path
        assert info.alternates[lang] == f"{SITE_URL}/{path}"
        assert info.alternates[other] == f"{SITE_URL}/{twin(path)}", path
        assert info.alternates["x-default"] == f"{SITE_URL}/{path if lang == 'tr' else twin(path)}"
        assert info.lang_switch == f"/{twin(path)}", path
        assert page_file(built_site, twin(path)).is_file()
        count += 1
    assert count == 2 * (4 + 6 + 52 + 126 + 24)


def test_activity_page_shows_its_figures_in_each_locale(built_site):
    tr = read_page(page_file(built_site, "tr/2024/faaliyetler/1-5-1/"))
    en = read_page(page_file(built_site, "en/2024/activities/1-5-1/"))
    assert tr.h1 == ["Yol Yapım Çalışmaları"]
    assert "PH.1.5.F1" in tr.text and "PH.1.5.F1" in en.text
    assert "72.435.000,00\u00a0₺" in tr.text
    assert "TRY\u00a072,435,000.00" in en.text
    assert "24.000.000,00\u00a0₺" in tr.text  # economic code 6
    assert "Fen İşleri Müdürlüğü" in tr.text and "Directorate of Public Works" in en.text
    # links to its goal, unit and aim
    assert "/tr/2024/hedefler/1-5/#activity-1-5-1" in tr.links
    assert "/tr/2024/birimler/fen-isleri/#activity-1-5-1" in tr.links
    assert "/tr/2024/amaclar/1/" in tr.links
    # shares of goal (75.000.000,00), unit and programme
    assert "Hedefinin %96,6 kadarı (75.000.000,00\u00a0₺)" in tr.text
    assert "96.6% of its goal (TRY\u00a075,000,000.00)" in en.text
    assert "5.0% of the programme (TRY\u00a01,460,500,000.00)" in en.text
    assert "Bu faaliyetin bağlantısı" in tr.text


def test_activity_page_shows_its_goals_indicators_as_the_goal_page_does(built_site):
    indicators = lambda path: re.search(r'<table class="figures indicator-table.*?</table>',  # noqa: E731
                                        page_file(built_site, path).read_text(encoding="utf-8"), re.S).group(0)
    cells_of = lambda table: [re.findall(r"<t[hd]\b.*?</t[hd]>", row, re.S)  # noqa: E731
                              for row in re.findall(r"<tr\b.*?</tr>", table, re.S)]
    for lang in ("tr", "en"):
        shown = indicators(U.activity(lang, 2024, "1.5.2"))
        assert shown == indicators(U.embed(U.activity(lang, 2024, "1.5.2")))
        # the goal's own page adds each indicator's trend chart, in a last column
        assert cells_of(shown) == [row[:-1] for row in cells_of(indicators(U.goal(lang, 2024, "1.5")))]
    tr = read_page(page_file(built_site, "tr/2024/faaliyetler/1-5-2/"))
    section = tr.text[tr.text.index("Bu faaliyetin hedefi neyi amaçlıyor"):tr.text.index("Toplamlar içindeki payı")]
    assert "Program PH.1.5 hedefini bu göstergelerle bir bütün olarak ölçer" in section
    assert "PH.1.5 hedefi: tüm faaliyetleri, maliyetleri ve göstergelerinin geçmişi" in section
    html = page_file(built_site, "tr/2024/faaliyetler/1-5-2/").read_text(encoding="utf-8")
    assert re.search(r'<p class="to-goal"><a href="/tr/2024/hedefler/1-5/">PH\.1\.5 hedefi', html)
    # each indicator: its name, its unit of measure, the two earlier values and the target
    rows = {code: re.sub(r"<svg.*?</svg>", "", row, flags=re.S)
            for code, row in re.findall(r'<tr id="indicator-([\d-]+)".*?>(.*?)</tr>', html, re.S)}
    cells = {code: [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd]\b.*?</t[hd]>", row, re.S)]
             for code, row in rows.items()}
    assert cells["1-5-1"][1:5] == ["km", "433,65", "443,65", "453,65"]
    assert cells["1-5-3"] == ["PG.1.5.3 Kartepe&#39;de Başlatılan Bisiklet Yollarının Uzunluğu", "m", "3.000", "3.500",
                              "4.000"]
    assert sorted(cells) == ["1-5-1", "1-5-2", "1-5-3"]


def test_open_graph_card_names_the_amount(built_site):
    info = read_page(page_file(built_site, "en/2024/activities/1-5-1/"))
    assert info.h1[0] == "Road construction works"
    assert info.meta["og:title"] == "PH.1.5.F1 Road construction works – Kartepe Municipality"
    assert "TRY\u00a072,435,000.00" in info.meta["og:description"]
    assert info.meta["og:url"] == f"{SITE_URL}/en/2024/activities/1-5-1/"
    assert info.meta["twitter:card"] == "summary_large_image"
    assert info.meta["og:image"] == f"{SITE_URL}/share/en/2024/activities/1-5-1.png"


def test_goal_page_lists_indicators_and_activities_with_a_total(built_site):
    tr = read_page(page_file(built_site, "tr/2024/hedefler/4-5/"))
    en = read_page(page_file(built_site, "en/2024/goals/4-5/"))
    assert "PG.4.5.1" in tr.text and "95 ve Üzeri" in tr.text
    assert "95 or more" in en.text
    assert {"activity-4-5-1", "activity-4-5-4"} <= tr.ids
    assert "3.524.000,00\u00a0₺" in tr.text  # total of the four cost tables
    # the goal table names 4.5.1 otherwise: only a wording, told apart from figures that disagree
    assert "Belgenin başka bir yerinde farklı ifade edilmiş" in tr.text and "rakamları burada" not in tr.text


def test_unit_page_shows_its_goals_activities_total_and_split(built_site, program):
    tr = read_page(page_file(built_site, "tr/2024/birimler/fen-isleri/"))
    assert {"goal-1-5", "goal-1-6", "goal-1-7", "activity-1-5-1", "activity-1-7-1"} <= tr.ids
    totals = program.unit_totals["fen-isleri"]
    from portal.i18n import Formatter

    fmt = Formatter("tr")
    assert fmt.money(totals.total) in tr.text
    assert fmt.percent(totals.total, program.total) in tr.text
    assert "Ekonomik koda göre bütçe" in tr.text


def test_overview_shows_section_d_and_totals_by_aim_and_unit(built_site):
    tr = read_page(page_file(built_site, "tr/2024/"))
    assert {"by-aim", "by-unit", "section-d-table"} <= tr.ids
    assert "1.460.500.000,00\u00a0₺" in tr.text
    assert "1.311.400.000,00\u00a0₺" in tr.text  # section D's activities column, as printed
    assert "1,46\u00a0milyar\u00a0₺" in tr.text
    en = read_page(page_file(built_site, "en/2024/"))
    assert "TRY\u00a01.46\u00a0billion" in en.text


def test_units_are_in_turkish_alphabetical_order(built_site):
    html = page_file(built_site, "tr/2024/birimler/").read_text(encoding="utf-8")
    names = ["Basın Yayın", "Bilgi İşlem", "Destek Hizmetleri", "Emlak ve İstimlak", "Etüt Proje",
             "Fen İşleri", "Gençlik ve Spor", "Hukuk İşleri", "İmar ve Şehircilik", "İnsan Kaynakları",
             "İşletme", "Kültür ve Sosyal", "Mali Hizmetler", "Muhtarlık", "Özel Kalem", "Park ve Bahçeler",
             "Plan ve Proje", "Ruhsat ve Denetim", "Sosyal Yardım", "Teftiş Kurulu", "Temizlik İşleri",
             "Yapı Kontrol", "Yazı İşleri", "Zabıta"]
    positions = [html.index(n) for n in names]
    assert positions == sorted(positions)


def test_english_pages_say_the_turkish_is_authoritative(built_site):
    en = read_page(page_file(built_site, "en/2024/goals/1-5/"))
    assert "The Turkish text is authoritative" in en.text
    tr = read_page(page_file(built_site, "tr/2024/hedefler/1-5/"))
    assert "authoritative" not in tr.text


def test_root_offers_both_languages_and_404_is_bilingual(built_site):
    root = read_page(built_site / "index.html")
    assert "/tr/" in root.links and "/en/" in root.links
    missing = read_page(built_site / "404.html")
    assert "Sayfa bulunamadı" in missing.text and "Page not found" in missing.text


def test_sitemap_lists_every_page_with_hreflang_alternates(built_site, program):
    xml = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    # per language: home, overview, units, activities index, notes, corrections; aims, goals,
    # activities, units, general pages; downloads, search, glossary (the activities index: 2 pages a year)
    assert xml.count("<url>") == 2 * (6 + 6 + 52 + 126 + 24 + len(program.pages) + 3)
    assert (f'<loc>{SITE_URL}/tr/2024/faaliyetler/1-5-2/</loc><xhtml:link rel="alternate" hreflang="tr" '
            f'href="{SITE_URL}/tr/2024/faaliyetler/1-5-2/"/><xhtml:link rel="alternate" hreflang="en" '
            f'href="{SITE_URL}/en/2024/activities/1-5-2/"/>') in xml
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in (built_site / "robots.txt").read_text()


def test_pages_load_nothing_from_other_hosts_and_run_no_inline_script(built_site):
    for path in built_site.rglob("*.html"):
        info = read_page(path)
        for asset in info.assets:
            assert asset.startswith("/assets/"), (path, asset)
        for script in info.scripts:
            assert "src" in script, f"inline script in {path}"


def test_each_programme_year_links_its_own_pages_in_navigation_and_footer(content_copy, tmp_path):
    """Navigation and footer are rendered once per language and programme, not once per page:
    an older year's pages must still point at that year."""
    older = content_copy / "2023"
    shutil.copytree(content_copy / "2024", older)
    for program_file in (older / "program.yaml", older / "official" / "program.yaml"):
        program_file.write_text(program_file.read_text(encoding="utf-8").replace("year: 2024", "year: 2023", 1)
                                .replace("2024 Mali Yılı", "2023 Mali Yılı").replace("2024 Fiscal Year", "2023 Fiscal Year"),
                                encoding="utf-8")
    out = tmp_path / "site"
    result = run_build("--content", str(content_copy), "--out", str(out))
    assert result.returncode == 0, result.stderr
    for year in (2023, 2024):
        for lang, nav_label in (("tr", f"{year} programı"), ("en", f"Programme {year}")):
            html = (out / U.activity(lang, year, "1.5.2").strip("/") / "index.html").read_text(encoding="utf-8")
            nav = html[html.index('<nav class="wrap main-nav"'):html.index("</nav>", html.index("main-nav"))]
            footer = html[html.index("<footer"):]
            assert f'href="{U.link(U.program(lang, year))}"' in nav and nav_label in nav, (lang, year)
            assert f'href="{U.link(U.notes(lang, year))}"' in footer, (lang, year)
            assert f"{year} {'Mali Yılı' if lang == 'tr' else 'Fiscal Year'}" in footer, (lang, year)
