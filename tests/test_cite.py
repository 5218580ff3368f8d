"""Cite and source: every item's page says how to cite it; the official document and the
data's licence are named where site.yaml names them, and nowhere invented."""
from __future__ import annotations

import json
import os
import re

import pytest

from portal.urls import Urls as U
from tests.conftest import run_build
from tests.data_package import problems
from tests.html_pages import page_file

SOURCES = """licence:
  name: CC-BY-4.0
  url: https://creativecommons.org/licenses/by/4.0/
  title:
    tr: Creative Commons Atıf 4.0 Uluslararası Lisansı
    en: Creative Commons Attribution 4.0 International licence
documents:
  '2024':
    url: https://www.kartepe.bel.tr/performans-programi-2024.pdf
    adopted: 2023-10-04
    authority:
      tr: Belediye Meclisinin 4 Ekim 2023 tarihli kararı
      en: Municipal Council decision of 4 October 2023
"""


def text_of(site, path: str) -> str:
    html = page_file(site, path).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def sourced_site(tmp_path_factory):
    import shutil

    from tests.conftest import CONTENT

    base = tmp_path_factory.mktemp("sourced")
    shutil.copytree(CONTENT, base / "content")
    with (base / "content/site.yaml").open("a", encoding="utf-8") as f:
        f.write(SOURCES)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1733011200")  # 2024-12-01
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(base / "content"), "--out",
                             str(base / "site")], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return base / "site"


def test_every_item_page_says_how_to_cite_it(sourced_site):
    tr = text_of(sourced_site, U.activity("tr", 2024, "1.5.2"))
    assert ("Kartepe Belediyesi, 2024 Mali Yılı Performans Programı: PH.1.5.F2 Bisiklet Yolu Yapılması. "
            "https://performans.kartepe.bel.tr/tr/2024/faaliyetler/1-5-2/ (sitenin oluşturulma tarihi: "
            "1 Aralık 2024).") in tr
    en = text_of(sourced_site, U.goal("en", 2024, "1.5"))
    assert ("APA: Kartepe Municipality. (2024). 2024 Fiscal Year Performance Programme: PH.1.5 ") in en
    assert "Retrieved from https://performans.kartepe.bel.tr/en/2024/goals/1-5/ (site built on December 1, 2024)" in en
    for path in (U.aim("en", 2024, 1), U.unit("tr", 2024, "fen-isleri")):
        assert "APA:" in text_of(sourced_site, path)


def test_the_official_document_and_the_licence_are_named_where_site_yaml_names_them(sourced_site):
    footer = page_file(sourced_site, U.program("tr", 2024)).read_text(encoding="utf-8")
    assert 'href="https://www.kartepe.bel.tr/performans-programi-2024.pdf"' in footer
    assert "4 Ekim 2023 tarihinde kabul edildi" in footer and "Creative Commons Atıf 4.0" in footer
    downloads = text_of(sourced_site, U.downloads("en"))
    assert "adopted on October 4, 2023" in downloads and "Creative Commons Attribution 4.0" in downloads
    package = json.loads((sourced_site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "Creative Commons Attribution 4.0 International licence"}]
    assert package["sources"][0]["path"] == "https://www.kartepe.bel.tr/performans-programi-2024.pdf"
    assert problems(sourced_site) == []  # Frictionless accepts the licence and the sources


def test_what_site_yaml_does_not_give_the_site_does_not_show(built_site):
    assert "kabul edildi" not in page_file(built_site, U.program("tr", 2024)).read_text(encoding="utf-8")
    assert "has not yet stated a licence" in text_of(built_site, U.downloads("en"))
    assert "licenses" not in json.loads((built_site / "data/datapackage.json").read_text(encoding="utf-8"))


def test_a_document_for_a_year_without_a_programme_is_an_error(content_copy, tmp_path):
    with (content_copy / "site.yaml").open("a", encoding="utf-8") as f:
        f.write("documents:\n  '2023':\n    url: https://example.org/2023.pdf\n")
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 1 and "documents: there is no 2023 programme" in result.stderr
