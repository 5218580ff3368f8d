"""Embeds: a page's figures in another site's frame, and only those pages may be framed."""
from __future__ import annotations

import http.client
import re

import pytest

from portal.headers import headers_for, preview_headers
from portal.urls import Urls as U
from tests.html_pages import page_file
from tests.local_web import static_server

EMBEDDED = [U.activity("tr", 2024, "1.5.2"), U.activity("en", 2024, "4.1.4"), U.goal("tr", 2024, "1.5"),
            U.unit("en", 2024, "fen-isleri"), U.program("tr", 2024)]


def test_every_activity_goal_unit_and_overview_has_an_embed_in_both_languages(built_site, program):
    for lang in ("tr", "en"):
        paths = ([U.activity(lang, 2024, a.code) for a in program.activities]
                 + [U.goal(lang, 2024, g.code) for g in program.goals]
                 + [U.unit(lang, 2024, slug) for slug in program.unit_totals] + [U.program(lang, 2024)])
        for path in paths:
            embed = page_file(built_site, U.embed(path)).read_text(encoding="utf-8")
            page = page_file(built_site, path).read_text(encoding="utf-8")
            assert '<base target="_top">' in embed and 'name="robots"' not in embed
            assert re.search(r'<meta name="description" content="[^"]*(Performans Programı|Performance Programme)">',
                             embed), path
            # indexed as the page it copies: its canonical link names that page (no noindex beside it)
            assert f'<link rel="canonical" href="https://performans.kartepe.bel.tr/{path}">' in embed
            # the entity page offers the code to copy, with the embed's absolute address
            assert f'&lt;iframe src="https://performans.kartepe.bel.tr/{U.embed(path)}"' in page, path
    assert "/embed/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def test_an_embed_shows_the_figures_of_its_page(built_site):
    embed = page_file(built_site, U.embed(U.activity("en", 2024, "4.1.4"))).read_text(encoding="utf-8")
    page = page_file(built_site, U.activity("en", 2024, "4.1.4")).read_text(encoding="utf-8")
    table = lambda html: re.search(r"<table.*?</table>", html, re.S).group(0)  # noqa: E731
    assert table(embed) == table(page)
    assert "TRY\u00a0614,665,000.00" in embed and "Kartepe Municipality" in embed


def test_only_embeds_may_be_framed_by_other_sites():
    page, embed = headers_for("/tr/2024/faaliyetler/1-5-2/"), headers_for("/embed/tr/2024/faaliyetler/1-5-2/")
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"] and page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "script-src 'self'" in embed["Content-Security-Policy"] and "unsafe" not in embed["Content-Security-Policy"]
    for headers in (page, embed):
        assert headers["Strict-Transport-Security"].startswith("max-age=63072000")
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert page["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "immutable" in headers_for("/assets/style.0123456789.css")["Cache-Control"]
    assert preview_headers("/embed/tr/2024/")["Content-Security-Policy"] == "frame-ancestors *"
    assert preview_headers("/tr/2024/")["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_a_news_site_can_frame_an_embed_and_not_a_page(built_site, browser, tmp_path):
    """Chromium, under the host's headers: the embed shows in another origin's frame, the page does not."""
    with static_server(built_site, headers_for=headers_for) as portal:
        article = tmp_path / "news"
        article.mkdir()
        (article / "index.html").write_text(
            f'<!DOCTYPE html><html lang="tr"><title>Haber</title><body>'
            f'<iframe id="embed" title="e" src="{portal}/{U.embed(U.activity("tr", 2024, "1.5.2"))}"></iframe>'
            f'<iframe id="page" title="p" src="{portal}/{U.activity("tr", 2024, "1.5.2")}"></iframe></body></html>',
            encoding="utf-8")
        with static_server(article) as news:
            context = browser.new_context()
            page = context.new_page()
            try:
                page.goto(f"{news}/")
                framed = page.frame_locator("#embed").locator("h1")
                assert framed.inner_text(timeout=10000) == "Bisiklet Yolu Yapılması"
                page.wait_for_load_state("load")
                refused = page.query_selector("#page").content_frame()
                assert refused.url.startswith("chrome-error:"), refused.url  # refused by frame-ancestors
            finally:
                context.close()


@pytest.mark.parametrize("path, framing", [("/tr/2024/", "frame-ancestors 'none'"),
                                           ("/embed/tr/2024/", "frame-ancestors *")])
def test_the_preview_sends_the_same_framing_rules(path, framing, content_copy, tmp_path):
    from tests.local_web import preview_server

    with preview_server(content_copy, tmp_path / "site") as (url, _):
        host, port = url.split("//")[1].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        assert response.status == 200
        assert response.getheader("Content-Security-Policy") == framing
        assert response.getheader("X-Content-Type-Options") == "nosniff"
