"""No broken internal link or fragment, at the root and under a sub-path."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import run_build
from tests.html_pages import page_file, read_page


def check_links(site: Path, base: str) -> int:
    pages = {p: read_page(p) for p in site.rglob("*.html")}
    checked = 0
    problems = []
    for path, info in pages.items():
        for href in info.links + info.assets:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # other hosts: plain links out (none are loaded)
            if not parts.path and parts.fragment:
                target = path
            else:
                if not parts.path.startswith(base):
                    problems.append(f"{path.relative_to(site)}: {href} is outside {base}")
                    continue
                target = page_file(site, parts.path[len(base) - 1:])
            checked += 1
            if not target.is_file():
                problems.append(f"{path.relative_to(site)}: {href} leads nowhere")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if parts.fragment not in ids:
                    problems.append(f"{path.relative_to(site)}: {href} has no #{parts.fragment}")
    assert not problems, "\n".join(problems[:20])
    return checked


def test_no_broken_links_at_the_root(built_site):
    assert check_links(built_site, "/") > 9000


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sub") / "site"
    result = run_build("--out", str(out), "--base-url", "/kartepe/")
    assert result.returncode == 0, result.stderr
    return out


def test_no_broken_links_under_a_sub_path(subpath_site):
    assert check_links(subpath_site, "/kartepe/") > 9000
    info = read_page(subpath_site / "en/2024/activities/1-5-2/index.html")
    assert info.canonical == "https://performans.kartepe.bel.tr/kartepe/en/2024/activities/1-5-2/"
    assert info.lang_switch == "/kartepe/tr/2024/faaliyetler/1-5-2/"
    sitemap = (subpath_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://performans.kartepe.bel.tr/kartepe/tr/2024/</loc>" in sitemap
    assert "Sitemap: https://performans.kartepe.bel.tr/kartepe/sitemap.xml" in (subpath_site / "robots.txt").read_text()
