"""Links that look like the municipality when shared: titles naming it, a 1200 × 630 card
for every home, aim, goal, activity and unit page, the site's icon; and the outside
checkers' findings (heading levels, the footer row's header, the build marker, print)."""
from __future__ import annotations

import re
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest

from portal.urls import Urls
from tests.conftest import run_build
from tests.html_pages import page_file, read_page

SITE_URL = "https://performans.kartepe.bel.tr"
BASE = "/kartepe/"
MUNICIPALITY = {"tr": "Kartepe Belediyesi", "en": "Kartepe Municipality"}


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("share") / "site"
    result = run_build("--out", str(out), "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    return out


def head_title(path: Path) -> str:
    """The page's own title (a chart's SVG has titles of its own)."""
    from html import unescape

    return unescape(re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)[1])


def shared_pages(program) -> list[tuple[str, str]]:
    """(language, page path) of every page that has a share card."""
    year, pages = program.year, []
    for lang in ("tr", "en"):
        pages.append((lang, Urls.home(lang)))
        pages += [(lang, Urls.aim(lang, year, aim.number)) for aim in program.aims]
        for goal in program.goals:
            pages.append((lang, Urls.goal(lang, year, goal.code)))
            pages += [(lang, Urls.activity(lang, year, a.code)) for a in goal.activities]
        pages += [(lang, Urls.unit(lang, year, slug)) for slug in program.unit_totals]
    return pages


def test_every_listed_page_has_a_1200_by_630_png_card_at_an_absolute_url(subpath_site, program):
    from PIL import Image

    pages = shared_pages(program)
    assert len(pages) == 2 * (1 + len(program.aims) + len(program.goals)
                              + sum(len(g.activities) for g in program.goals) + len(program.unit_totals))
    seen = set()
    for lang, path in pages:
        info = read_page(page_file(subpath_site, path))
        image = info.meta["og:image"]
        expected = f"{SITE_URL}{BASE}share/{path.strip('/')}.png"
        assert image == expected == info.meta["twitter:image"], path
        assert info.meta["twitter:card"] == "summary_large_image", path
        assert (info.meta["og:image:width"], info.meta["og:image:height"]) == ("1200", "630"), path
        assert MUNICIPALITY[lang] in info.meta["og:image:alt"], path
        assert info.meta["twitter:image:alt"] == info.meta["og:image:alt"]
        data = (subpath_site / image.removeprefix(SITE_URL + BASE)).read_bytes()
        with Image.open(BytesIO(data)) as card:
            assert card.format == "PNG" and card.size == (1200, 630), path
            card.verify()
        seen.add(image)
    assert len(seen) == len(pages), "one card per page"
    assert len(list((subpath_site / "share").rglob("*.png"))) == len(pages)


def test_a_card_shows_the_amount_as_the_page_formats_it(built_site):
    tr = read_page(page_file(built_site, "tr/"))
    en = read_page(page_file(built_site, "en/"))
    assert "1.460.500.000,00\u00a0₺" in tr.meta["og:image:alt"] and "Kartepe Belediyesi" in tr.meta["og:image:alt"]
    assert "TRY\u00a01,460,500,000.00" in en.meta["og:image:alt"]
    activity = read_page(page_file(built_site, "en/2024/activities/1-5-1/"))
    assert activity.meta["og:image:alt"] == ("Kartepe Municipality – Activity PH.1.5.F1 · 2024: Road construction "
                                             "works – TRY\u00a072,435,000.00")


def test_pages_without_a_card_say_so_plainly(built_site):
    info = read_page(page_file(built_site, "tr/sozluk/"))
    assert info.meta["twitter:card"] == "summary" and "og:image" not in info.meta


def test_titles_name_the_municipality_and_no_two_pages_share_one(built_site):
    titles: Counter[str] = Counter()
    for lang in ("tr", "en"):
        for path in (built_site / lang).rglob("*.html"):
            info, title = read_page(path), head_title(path)
            assert MUNICIPALITY[lang] in title, path
            assert MUNICIPALITY[lang] in info.meta["og:title"], path
            assert info.meta["twitter:title"] == info.meta["og:title"]
            titles[title] += 1
    assert sum(titles.values()) > 400
    assert not [t for t, n in titles.items() if n > 1], [t for t, n in titles.items() if n > 1]
    # two activities named alike: their titles carry the document's codes
    assert head_title(page_file(built_site, "tr/2024/faaliyetler/1-3-2/")).startswith("PH.1.3.F2 ")
    assert head_title(page_file(built_site, "tr/2024/faaliyetler/1-4-2/")).startswith("PH.1.4.F2 ")


def test_every_page_names_an_icon_that_is_there(subpath_site):
    from PIL import Image

    with Image.open(subpath_site / "favicon.ico") as icon:
        assert icon.format == "ICO"
    assert (subpath_site / "favicon.svg").read_text().startswith("<svg")
    pages = list(subpath_site.rglob("*.html"))
    for path in pages:
        icons = re.findall(r'<link rel="icon" href="([^"]+)"', path.read_text(encoding="utf-8"))
        assert icons == [f"{BASE}favicon.ico", f"{BASE}favicon.svg"], path


def test_a_build_at_the_root_after_one_under_a_sub_path_links_the_root(tmp_path):
    """Jinja folds a filter on a constant when it compiles a template, and compiled templates
    are kept between builds: no link may be written as a constant ('' | absolute)."""
    for base, out in (("/kartepe/", tmp_path / "sub"), ("/", tmp_path / "root")):
        result = run_build("--out", str(out), "--base-url", base)
        assert result.returncode == 0, result.stderr
    for page in ("index.html", "404.html", "tr/index.html"):
        html = (tmp_path / "root" / page).read_text(encoding="utf-8")
        assert "/kartepe/" not in html, page
    assert read_page(tmp_path / "root/index.html").canonical == f"{SITE_URL}/"


def test_no_page_requests_a_missing_file_not_even_an_icon(browser, served_site):
    missing = []
    page = browser.new_page()
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    for path in ("", "tr/", "en/2024/activities/1-5-2/", "tr/2024/amaclar/1/", "404.html"):
        page.goto(f"{served_site}/{path}", wait_until="load")
        page.wait_for_timeout(200)
    icon = page.request.get(f"{served_site}/favicon.ico")
    page.close()
    assert icon.status == 200
    assert not missing, missing


def test_cards_are_kept_by_what_they_show(tmp_path, monkeypatch):
    """A card drawn once is read back, not drawn, while nothing on it changes."""
    from portal.outputs import share

    monkeypatch.setattr(share, "CARD_CACHE", tmp_path)
    card = share.ShareCard("Kartepe Belediyesi", "Faaliyet PH.1.5.F2 · 2024", "Bisiklet Yolu Yapılması",
                           "1.000.000,00 ₺", "Kartepe Belediyesi Performans Programı")
    first = share.card_png(card)
    monkeypatch.setattr(share, "_draw", lambda card: pytest.fail("drawn again"))
    assert share.card_png(card) == first
    drawn = []
    monkeypatch.setattr(share, "_draw", lambda card: drawn.append(card) or first)
    share.card_png(card._replace(amount="1.250.000,00 ₺"))
    assert drawn, "a changed amount is drawn anew"


def test_long_names_wrap_and_shrink_and_never_leave_the_card():
    from PIL import Image

    from portal.outputs import share

    width, height = share.WIDTH - 2 * share.MARGIN, share.NAME_BOTTOM - share.NAME_TOP
    short = share.fit_name("Bisiklet Yolu Yapılması", width, height)
    long = share.fit_name("Yapılan İş Sağlığı ve Güvenliği Çalışmalarının " * 12, width, height)
    assert short[0].size > long[0].size, "a long name is drawn smaller"
    for font, lines, step in (short, long, share.fit_name("Ş" * 400, width, height)):
        assert len(lines) * step <= height
        assert all(font.getlength(line) <= width for line in lines)
    assert long[1][-1].endswith("…")
    png = share._draw(share.ShareCard("Kartepe Belediyesi", "Faaliyet PH.6.10.F2 · 2024", "İşğılşİ" * 80,
                                      "1.460.500.000,00 ₺", "Kartepe Belediyesi Performans Programı"))
    with Image.open(BytesIO(png)) as card:
        right = card.crop((share.WIDTH - share.MARGIN + 8, 130, share.WIDTH, 480)).convert("L")
        assert right.getextrema() == (255, 255), "nothing is drawn into the right margin"


def test_the_font_has_the_turkish_letters():
    from portal.outputs import share

    font = share._font(True, 40)
    missing = bytes(font.getmask("\uffff"))
    for letter in "şŞğĞıİçÇöÖüÜ₺":
        assert bytes(font.getmask(letter)) != missing, letter
    assert (share.FONTS / "LICENSE-DejaVu.txt").is_file()


def test_the_build_marker_is_beside_the_site_not_in_it(built_site):
    assert not list(built_site.rglob(".portal-build")), "published with the site"
    assert (built_site.parent / f".{built_site.name}.portal-build").is_file()


def test_an_earlier_build_with_the_marker_inside_is_still_replaced(tmp_path):
    old = tmp_path / "site"
    old.mkdir()
    (old / ".portal-build").write_text("an earlier build\n")
    (old / "index.html").write_text("old")
    result = run_build("--out", str(old))
    assert result.returncode == 0, result.stderr
    assert not (old / ".portal-build").exists() and (old / "tr/index.html").is_file()


def test_heading_levels_never_skip_on_any_page(built_site):
    for path in built_site.rglob("*.html"):
        levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", path.read_text(encoding="utf-8"))]
        assert levels[:1] == [1], path
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (path, levels)


def test_footer_row_headers_span_no_columns_and_say_their_scope(built_site):
    """HTML_CodeSniffer's H43: a footer header spanning two columns needs headers/ids;
    one cell per column with scope="row" does not."""
    for path in built_site.rglob("*.html"):
        for tfoot in re.findall(r"<tfoot\b[^>]*>(.*?)</tfoot>", path.read_text(encoding="utf-8"), re.S):
            assert "colspan" not in tfoot, path
            assert all('scope="row"' in th for th in re.findall(r"<th\b[^>]*>", tfoot)), path
    aim = (built_site / "tr/2024/amaclar/1/index.html").read_text(encoding="utf-8")
    goals = re.search(r'<table class="figures goals-table[^"]*"[^>]*>.*?</table>', aim, re.S)[0]
    header = len(re.findall(r"<th scope=\"col\"", re.search(r"<thead\b[^>]*>.*?</thead>", goals, re.S)[0]))
    footer = re.search(r"<tfoot\b[^>]*>.*?</tfoot>", goals, re.S)[0]
    assert len(re.findall(r"<t[hd]\b", footer)) == header == 4


def test_in_print_a_total_row_comes_once_after_the_last_line(browser, served_site):
    page = browser.new_page()
    page.goto(f"{served_site}/tr/2024/amaclar/1/")
    page.emulate_media(media="print")
    assert page.eval_on_selector("tfoot", "e => getComputedStyle(e).display") == "table-row-group"
    page.emulate_media(media="screen")
    assert page.eval_on_selector("tfoot", "e => getComputedStyle(e).display") == "table-footer-group"
    page.close()
