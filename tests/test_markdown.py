"""General-information pages as a reader sees them: lists spaced as written, tables with
figures to the right, no script from pasted HTML, and prose converted only once."""
from __future__ import annotations

import re

import pytest

from portal import markdown
from tests.html_pages import page_file


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Converted texts go to a folder of the test's own, not the checkout's cache."""
    monkeypatch.setattr(markdown, "HTML_CACHE", tmp_path / "markdown")


def convert(text: str) -> str:
    return markdown.to_html.__wrapped__(text)  # past the in-memory cache: the disk is under test


def prose(built_site, address: str) -> str:
    html = page_file(built_site, address).read_text(encoding="utf-8")
    return html.split('<div class="prose">', 1)[1].split("</main>", 1)[0]


def test_a_list_without_blank_lines_stays_tight(built_site):
    """The municipality's duties (a, b) are two lines of a list, not two paragraphs."""
    html = prose(built_site, "tr/2024/genel/authority/")
    first_list = html.split("<ul>", 1)[1].split("</ul>", 1)[0]
    assert first_list.count("<li>") == 2 and "<p>" not in first_list
    assert re.search(r"<li>a\) \S", first_list)


def test_one_blank_line_in_a_list_spaces_out_all_its_items(built_site):
    """The powers list has a blank line between h) and i): every item is then spaced alike,
    not only the two beside the gap."""
    html = prose(built_site, "en/2024/general/authority/")
    powers = html.split("Powers and Privileges", 1)[1].split("<ul>", 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", powers, re.S)
    assert len(items) == 17
    assert all(item.strip().startswith("<p>") for item in items)


def test_a_right_aligned_column_is_a_column_of_figures():
    html = convert("| Birim | Kişi | Not |\n|:--|--:|:-:|\n| Fen İşleri | 1.150 | a |\n")
    assert ('<div aria-label="Birim, Kişi, Not" class="table-scroll" role="region" tabindex="0">\n'
            '<table class="source-table">') in html and "</table>\n</div>" in html
    assert '<th scope="col">Birim</th><th class="num" scope="col">Kişi</th><th scope="col">Not</th>' \
        in html.replace("\n", "")
    assert '<th scope="row">Fen İşleri</th>' in html and '<td class="num">1.150</td>' in html and "<td>a</td>" in html


def test_a_source_table_gets_its_name_header_rows_and_spanning_headers():
    """The PDF's tables: a "Tablo N" line, a title in one cell over blanks, a group header over
    blank cells with the sub-headers below it, figures in the rows."""
    html = convert("Tablo 7: Cinsiyet\n\n| PERSONEL CİNSİYET DAĞILIMI |  |  |  |\n|---|---|---|---|\n"
                   "| CİNSİYET | MEMUR |  | TOPLAM |\n|  | Sayı | % |  |\n| Kadın | 67 | 35 | 192 |\n"
                   "| Erkek | 123 | 65 | 776 |\n").replace("\n", "")
    assert '<p class="table-caption" id="table-tablo-7-cinsiyet">Tablo 7: Cinsiyet</p>' in html
    assert '<p class="table-title" id="table-tablo-7-cinsiyet-title">PERSONEL CİNSİYET DAĞILIMI</p>' in html
    labels = 'aria-labelledby="table-tablo-7-cinsiyet table-tablo-7-cinsiyet-title"'
    assert f'<div {labels} class="table-scroll" role="region" tabindex="0">' in html
    assert f'<table {labels} class="source-table">' in html and "<caption" not in html
    head = "table-tablo-7-cinsiyet"
    assert (f'<tr><th id="{head}-0-0" rowspan="2" scope="col">CİNSİYET</th>'
            f'<th colspan="2" id="{head}-0-1" scope="colgroup">MEMUR</th>'
            f'<th class="num" id="{head}-0-3" rowspan="2" scope="col">TOPLAM</th></tr>'
            f'<tr><th class="num" id="{head}-1-1" scope="col">Sayı</th>'
            f'<th class="num" id="{head}-1-2" scope="col">%</th></tr>') in html
    # two levels of headers: each figure names its group, its column and its row (WCAG H43)
    assert (f'<tr><th id="{head}-2-0" scope="row">Kadın</th>'
            f'<td class="num" headers="{head}-0-1 {head}-1-1 {head}-2-0">67</td>'
            f'<td class="num" headers="{head}-0-1 {head}-1-2 {head}-2-0">35</td>'
            f'<td class="num" headers="{head}-0-3 {head}-2-0">192</td></tr>') in html
    assert "PERSONEL CİNSİYET DAĞILIMI</th>" not in html


def test_a_header_row_again_heads_the_columns_below_it():
    """A table of more columns than a page is wide, printed in blocks, each under its own header
    row: a figure of the second block is named by the second header row, not the first."""
    html = convert("| Araç | Binek | Otobüs |\n|---|---|---|\n| Sayı | 4 | 6 |\n| Araç | Kamyon | Tır |\n"
                   "| Sayı | 11 | 1 |\n").replace("\n", "")
    assert '<th id="table-0-1" scope="col">Binek</th>' in html
    assert '<tr><th id="table-1-0" scope="row">Sayı</th><td headers="table-0-1 table-1-0">4</td>' in html
    assert '<tr><th id="table-2-0" scope="row">Araç</th><th id="table-2-1" scope="col">Kamyon</th>' in html
    assert '<tr><th id="table-3-0" scope="row">Sayı</th><td headers="table-2-1 table-3-0">11</td>' in html


def test_a_table_of_one_header_row_needs_no_headers_attributes():
    html = convert("| Birim | Kişi |\n|---|--:|\n| Fen İşleri | 1.150 |\n")
    assert "headers=" not in html and " id=" not in html


def test_headings_start_below_the_page_title():
    assert convert("# Bir\n\n## İki\n\n### Üç") == '<h2 id="bir">Bir</h2>\n<h3 id="iki">İki</h3>\n<h4 id="uc">Üç</h4>\n'


def test_headings_never_skip_a_level():
    """The pages' first heading is an h2 however many # it has, and each heading is at most
    one level below the one before it (the Nu checker warns of h1 -> h3)."""
    assert convert("## İki\n\nMetin") == '<h2 id="iki">İki</h2>\n<p>Metin</p>\n'
    assert convert("## A\n\n#### B\n\n### C\n\n## D") == \
        '<h2 id="a">A</h2>\n<h3 id="b">B</h3>\n<h3 id="c">C</h3>\n<h2 id="d">D</h2>\n'


def test_headings_have_ids_for_links_into_a_page():
    """Search results link to a general page's sections; two alike headings keep two ids."""
    html = convert("## Araç Parkı\n\nMetin\n\n## Araç Parkı\n\n## *Şikâyet* Hattı")
    assert '<h2 id="arac-parki">Araç Parkı</h2>' in html and '<h2 id="arac-parki-2">' in html
    assert '<h2 id="sikayet-hatti"><em>Şikâyet</em> Hattı</h2>' in html


def test_pasted_html_cannot_run_script():
    html = convert('Metin <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n'
                   '[tıkla](javascript:alert(3)) <a href="https://example.org" onclick="alert(4)">dış</a>\n\n'
                   '<div style="color:red" onmouseover="alert(5)">kutu</div>\n\n10<sup>3</sup> ve **kalın**')
    for unsafe in ("<script", "<img", "onerror", "javascript:", "onclick", "onmouseover", "style="):
        assert unsafe not in html
    assert '<a href="https://example.org" rel="noopener">dış</a>' in html
    assert "10<sup>3</sup> ve <strong>kalın</strong>" in html and "<div>kutu</div>" in html


def test_a_bullet_list_and_a_numbered_list_stay_two_lists():
    assert convert("- a\n- b\n\n1. x\n2. y") == \
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>x</li>\n<li>y</li>\n</ol>\n"


def test_a_text_converted_once_is_read_back_without_converting_again(monkeypatch):
    text = "| Yıl | Tutar |\n|---|--:|\n| 2024 | 5 |\n\n- bir\n- iki"
    first = convert(text)

    def no_second_conversion(_text):
        raise AssertionError("converted again")

    monkeypatch.setattr(markdown, "_convert", no_second_conversion)
    assert convert(text) == first
    with pytest.raises(AssertionError, match="converted again"):
        convert(text + "\n- üç")


def test_a_damaged_kept_conversion_is_made_again():
    text = "- bir\n- iki"
    first = convert(text)
    [kept] = markdown.HTML_CACHE.glob("*.html")
    kept.write_bytes(b"\xff\xfe broken")
    assert convert(text) == first
    assert kept.read_text(encoding="utf-8") == first
