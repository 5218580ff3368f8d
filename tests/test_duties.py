"""What the programme says each unit does: read by the importer where the document states it,
kept in the official reading and the content, shown on the unit's page with its source; and
where the document says nothing (Kartepe 2024), the page says so."""
from __future__ import annotations

import glob
import json
import re
import shutil

import pytest

from portal.errors import ContentError
from portal.headers import headers_for
from portal.load import load
from portal.urls import Urls as U
from tests import corpus as C
from tests.conftest import SEED, run_build
from tests.content_edits import with_note
from tests.html_pages import page_file
from tests.local_web import axe_report, static_server, violations
from tools.import_seed import main as import_main
from tools.importer.duties import unit_duties
from tools.importer.normalise import document

DUTIES = "2024/duties.yaml"
FEN_EN = "The Directorate of Public Works runs the roads and infrastructure within the municipal boundary."
PARK_CORRECTED = "Fidan, çiçek ve tohum üretmek, ağaçlandırma çalışmalarını yürütmek."


def _main(site, path: str) -> str:
    html = page_file(site, path).read_text(encoding="utf-8")
    return html[html.index("<main"):html.index("</main>")]


def _words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture(scope="module")
def duties_site(tmp_path_factory):
    """The seed with two units' duties stated (tests/corpus.py), imported; then staff translate
    one and correct the other, the text is imported again, and the site is built."""
    base = tmp_path_factory.mktemp("duties")
    source, content = base / "programme.txt", base / "content"
    source.write_text(C.stated_duties(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    assert import_main([str(source), "--content", str(content)]) == 0
    path = content / DUTIES
    text = path.read_text(encoding="utf-8")
    fen_english = text.index("    en: ''")  # fen-isleri's comes first: the document's order
    text = text[:fen_english] + f"    en: {FEN_EN}" + text[fen_english + len("    en: ''"):]
    text = text.replace("Fidan ve çiçek üretmek, ağaçlandırma çalışmalarını yürütmek.", PARK_CORRECTED)
    path.write_text(with_note(text, ("park-ve-bahceler",), "duties"), encoding="utf-8")
    assert import_main([str(source), "--content", str(content)]) == 0  # keeps what staff wrote
    result = run_build("--content", str(content), "--out", str(base / "site"))
    assert result.returncode == 0, result.stderr[-2000:]
    return content, base / "site", result


def test_the_import_keeps_the_stated_duties_in_the_official_reading_and_the_content(duties_site):
    content, _, _ = duties_site
    official = (content / "2024/official/duties.yaml").read_text(encoding="utf-8")
    fen_heading, fen_lines = C.STATED_DUTIES["fen-isleri"]
    assert "fen-isleri:\n  page: organisation\n  heading: Fen İşleri Müdürlüğünün Görevleri\n  duties: |-\n" in official
    assert all(line in official for line in fen_lines)
    assert "park-ve-bahceler:\n  page: organisation\n  heading: Park ve Bahçeler Müdürlüğü\n" in official
    assert "zabita" not in official and "yazi-isleri" not in official  # named in a chart, no duties stated
    edited = (content / DUTIES).read_text(encoding="utf-8")
    assert f"en: {FEN_EN}" in edited and PARK_CORRECTED in edited and "field: duties" in edited  # kept
    program = load(content).programs[2024]
    assert sorted(program.duties) == ["fen-isleri", "park-ve-bahceler"]
    assert [(c.kind, c.code, c.field) for c in program.corrected] == [("unit", "park-ve-bahceler", "duties")]


def test_stated_duties_reach_the_unit_pages_in_turkish_with_their_source(duties_site):
    _, site, _ = duties_site
    html = _main(site, U.unit("tr", 2024, "fen-isleri"))
    assert '<section id="duties" class="duties" aria-labelledby="duties-heading">' in html
    text = _words(html)
    assert "Görevler Fen İşleri Müdürlüğü, Belediye sınırları içindeki yol ve altyapı hizmetlerini yürütür." in text
    items = re.findall(r"<li>(.*?)</li>", html[html.index('id="duties"'):html.index("</section>")], re.S)
    assert items == C.STATED_DUTIES["fen-isleri"][1][1:]  # each duty a list item, as printed
    assert ('Kaynak: 2024 Mali Yılı Performans Programı, <a href="/tr/2024/genel/organisation/">Teşkilat Yapısı</a> '
            'bölümü, “<span lang="tr">Fen İşleri Müdürlüğünün Görevleri</span>” başlığı.') in html
    park = _words(_main(site, U.unit("tr", 2024, "park-ve-bahceler")))
    assert "Park ve yeşil alanları yapmak, bakımını ve onarımını sağlamak. " + PARK_CORRECTED in park
    assert "Resmî belgeden sonra düzeltildi" in park  # the corrected text says what the document printed
    assert "Resmî belgede Park ve yeşil alanları yapmak, bakımını ve onarımını sağlamak. Fidan ve çiçek" in park


def test_the_english_page_shows_the_translation_or_the_turkish_marked_as_such(duties_site):
    _, site, result = duties_site
    fen = _main(site, U.unit("en", 2024, "fen-isleri"))
    assert f"<p>{FEN_EN}</p>" in fen and "not been translated" not in fen
    assert ('section <a href="/en/2024/general/organisation/">Organisation</a>, under “<span lang="tr">Fen İşleri '
            'Müdürlüğünün Görevleri</span>”.') in fen
    park = _main(site, U.unit("en", 2024, "park-ve-bahceler"))
    assert "This text has not been translated yet. The Turkish original follows." in park
    assert '<div class="prose" lang="tr"><p>Park ve yeşil alanları' in park
    assert "unit park-ve-bahceler duties in the 2024 programme has no English text" in result.stderr


def test_a_unit_the_document_gives_no_duties_says_so_and_links_the_organisation(duties_site):
    _, site, _ = duties_site
    for slug in ("zabita", "yazi-isleri"):  # in the organisation chart as names alone
        text = _words(_main(site, U.unit("tr", 2024, slug)))
        assert "Görevler Program bu birimin görevlerini belirtmiyor." in text, slug


def test_program_json_gives_each_units_stated_duties_with_their_page_and_heading(duties_site):
    _, site, _ = duties_site
    units = {u["slug"]: u for u in json.loads((site / "data/2024/program.json").read_text(encoding="utf-8"))["units"]}
    fen = units["fen-isleri"]["duties"]
    assert (fen["page"], fen["heading"]) == ("organisation", C.STATED_DUTIES["fen-isleri"][0])
    assert fen["text"]["en"] == FEN_EN and C.STATED_DUTIES["fen-isleri"][1][0] in fen["text"]["tr"]
    park = units["park-ve-bahceler"]["duties"]
    assert park["text"]["tr"].endswith(PARK_CORRECTED) and park["text"]["en"] == ""  # as the site shows it
    assert park["heading"] == "Park ve Bahçeler Müdürlüğü"
    assert units["zabita"]["duties"] is None and units["yazi-isleri"]["duties"] is None  # named, no duties stated


def test_kartepe_states_no_units_duties_and_every_unit_page_says_so(built_site, program):
    assert not program.duties
    for slug in program.unit_totals:
        for lang, says, section in (("tr", "Program bu birimin görevlerini belirtmiyor.", "Teşkilat Yapısı"),
                                    ("en", "The programme does not state this unit's duties.", "Organisation")):
            html = _main(built_site, U.unit(lang, 2024, slug))
            duties = html[html.index('id="duties"'):]
            duties = duties[:duties.index("</section>")]
            assert says in _words(duties), (lang, slug)
            assert f'<a href="/{U.page(lang, 2024, "organisation")}">{section}</a>' in duties, (lang, slug)


def test_the_search_finds_a_unit_by_its_stated_duties(duties_site):
    _, site, _ = duties_site
    [index] = glob.glob(str(site / "assets" / "search-tr.*.json"))
    docs = json.loads(open(index, encoding="utf-8").read())["docs"]
    unit = next(d for d in docs if d["k"] == "unit" and d["p"] == "/" + U.unit("tr", 2024, "fen-isleri"))
    assert {"kaldirim", "asfalt", "altyapi"} <= set(unit["x"].split())


def test_an_unrecorded_edit_of_duties_stops_the_build_at_its_line(duties_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(duties_site[0], content)
    path = content / DUTIES
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("b) Asfalt, parke ve kaldırım", "b) Asfalt ve kaldırım"), encoding="utf-8")
    line = next(n for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "b) Asfalt" in ln)
    with pytest.raises(ContentError) as error:
        load(content)
    [problem] = error.value.problems
    assert problem.startswith(f"content/{DUTIES}:{line}: unit fen-isleri: duties: the official document prints "
                              "“- b) Asfalt, parke ve kaldırım çalışmalarını planlamak ve yürütmek,”, the content "
                              "says “- b) Asfalt ve kaldırım çalışmalarını planlamak ve yürütmek,”"), problem
    # duties the document does not state cannot be added in the content
    path.write_text(text + "zabita:\n  duties:\n    tr: Denetim yapmak.\n    en: ''\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(content)
    [problem] = error.value.problems
    assert re.match(rf"^content/{DUTIES}:\d+: unit zabita: the official document does not state its duties", problem)


def test_the_unit_page_with_duties_reads_on_a_phone_and_passes_axe(duties_site, browser):
    _, site, _ = duties_site
    with static_server(site, headers_for=headers_for) as url:
        context = browser.new_context(viewport={"width": 320, "height": 800}, bypass_csp=True)
        page = context.new_page()
        try:
            # a list of duties with its source; English that waits for its translation, and a correction
            for path, shown in ((U.unit("tr", 2024, "fen-isleri"), "#duties li"),
                                (U.unit("en", 2024, "park-ve-bahceler"), '#duties .prose[lang="tr"]')):
                page.goto(f"{url}/{path}")
                assert page.locator(shown).first.is_visible()
                assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
                assert violations(axe_report(page)) == [], path
        finally:
            context.close()


# ------------------------------------------------------------------ the importer's stage alone
UNITS = ["Fen İşleri Müdürlüğü", "Zabıta Müdürlüğü", "Yazı İşleri Müdürlüğü", "Park ve Bahçeler Müdürlüğü",
         "Bilgi İşlem Müdürlüğü"]
SECTIONS = """#### A- Yetki, Görev ve Sorumluluklar
Belediyenin görevleri 5393 sayılı Kanunda sayılmıştır; hizmetler Bilgi İşlem Müdürlüğü tarafından sunulmaktadır.
**ZABITA MÜDÜRLÜĞÜ:**
• Beldenin düzenini ve esenliğini sağlamak,
• Belediye emir ve yasaklarını uygulamak.
Yazı İşleri Müdürlüğü: Belediyenin yazışmalarını yürütür.
**Belediyeye Tanınan Muafiyetler**
Belediyenin kamu hizmetine ayrılan taşınmazları vergiden muaftır.
### B- Teşkilat Yapısı
Teşkilat şeması:
Fen İşleri Müdürlüğü
Park ve Bahçeler Müdürlüğü
Tablo 3: Birimlerin Görevleri
Sıra\tBirim Adı\tGörev ve Sorumlulukları
1\tFen İşleri Müdürlüğü\tYol yapmak ve
\t\tkaldırım döşemek.
2\tAkıllı Şehir Müdürlüğü\tVeri toplamak.
**C- Fiziksel Kaynaklar**
"""


def test_each_way_a_document_states_a_units_duties_and_nothing_else():
    found, notes = unit_duties(document(SECTIONS), UNITS)
    assert [(d.unit, d.heading, d.page, d.text) for d in found] == [
        ("Zabıta Müdürlüğü", "ZABITA MÜDÜRLÜĞÜ", "authority",
         "- Beldenin düzenini ve esenliğini sağlamak,\n- Belediye emir ve yasaklarını uygulamak."),
        ("Yazı İşleri Müdürlüğü", "Yazı İşleri Müdürlüğü", "authority", "Belediyenin yazışmalarını yürütür."),
        ("Fen İşleri Müdürlüğü", "Fen İşleri Müdürlüğü", "organisation", "Yol yapmak ve kaldırım döşemek."),
    ]  # the heading after Yazı İşleri ends its text; the chart's names alone state nothing
    assert notes == ["line 17: a row of the duties table names no unit of the programme ('Akıllı Şehir "
                     "Müdürlüğü'); the table is read up to this line"]


@pytest.mark.parametrize("heading", ["Fen İşleri Müdürlüğünün Görevleri", "FEN İŞLERİ MÜDÜRLÜĞÜ'NÜN GÖREV, YETKİ VE "
                                     "SORUMLULUKLARI", "## 2.1. Fen İşleri Müdürlüğü", "<b>Fen İşleri Müdürlüğü</b>",
                                     "a) Fen İşleri Müdürlüğü:"])
def test_a_heading_names_the_unit_however_it_is_printed(heading):
    text = f"B- Teşkilat Yapısı\n{heading}\nYol yapmak.\nC- Fiziksel Kaynaklar\n"
    [stated], _ = unit_duties(document(text), UNITS)
    assert (stated.unit, stated.text) == ("Fen İşleri Müdürlüğü", "Yol yapmak.")


@pytest.mark.parametrize("line", ["Fen İşleri Müdürlüğü", "Fen İşleri Müdürlüğü tarafından yürütülür.",
                                  "Fen İşleri Müdürlüğü Faaliyetleri", "Akıllı Şehir Müdürlüğünün Görevleri"])
def test_a_line_that_only_mentions_a_unit_states_no_duties(line):
    text = f"B- Teşkilat Yapısı\n{line}\nYol yapmak.\nC- Fiziksel Kaynaklar\n"
    found, notes = unit_duties(document(text), UNITS)
    assert found == []
    # the heading of an unknown unit's duties is worth a look; a mention is not
    assert notes == ([f"line 2: {line!r} reads like the heading of a unit's duties but names no unit of the "
                      "programme's tables or organisation text; its duties are not imported"]
                     if "Görevleri" in line else [])


def test_the_seed_states_no_units_duties(seed_text):
    from tools.importer.read import read_programme

    programme = read_programme(seed_text.encode("utf-8"))
    assert programme.duties == [] and not [n for n in programme.notes if "duties" in n]
