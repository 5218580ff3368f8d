"""English pages: complete, or visibly falling back to the marked Turkish text."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, run_build
from tests.html_pages import page_file
from tests.test_site_pages import entity_paths


def test_no_english_entity_page_is_left_in_turkish(built_site, program):
    for lang, path in entity_paths(program):
        if lang != "en":
            continue
        html = page_file(built_site, path).read_text(encoding="utf-8")
        body = html.split('class="translation-note"', 1)[1].split("</p>", 1)[1]  # after the note's own link
        quoted = body.replace('<q lang="tr">', "<q>")  # the document's own wording, quoted as printed
        assert 'lang="tr"' not in quoted.split("<footer", 1)[0], path
        assert "not yet translated" not in html, path


def test_the_build_reports_no_untranslated_field(tmp_path):
    result = run_build("--out", str(tmp_path / "site"))
    assert result.returncode == 0
    assert "warning:" not in result.stderr
    assert "0 field(s) not yet translated" in result.stdout


def test_an_empty_english_field_falls_back_to_marked_turkish(content_copy, tmp_path):
    path = content_copy / "2024/goals/1.5.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.rindex("- code: 1.5.2")  # the activity, after the indicator of the same code
    path.write_text(text[:at] + text[at:].replace("en: Construction of cycle paths", "en: ''", 1),
                    encoding="utf-8")
    out = tmp_path / "site"
    result = run_build("--content", str(content_copy), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "warning: content/2024/goals/1.5.yaml:" in result.stderr
    assert "activity 1.5.2 name has no English text" in result.stderr
    html = (out / "en/2024/activities/1-5-2/index.html").read_text(encoding="utf-8")
    assert '<h1><span lang="tr">Bisiklet Yolu Yapılması</span> <small class="untranslated">(not yet translated)</small></h1>' in html


def test_message_catalogs_match_the_templates(tmp_path):
    """Every UI string in the templates is in the catalogs, and Turkish has them all."""
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-o", str(pot), "--no-location", "--omit-header", "."], cwd=ROOT, check=True,
                   capture_output=True)
    from babel.messages.pofile import read_po

    extracted = {m.id for m in read_po(pot.open("rb")) if m.id}
    for lang in ("tr", "en"):
        catalog = read_po((ROOT / f"locale/{lang}/LC_MESSAGES/messages.po").open("rb"))
        ids = {m.id for m in catalog if m.id}
        assert ids == extracted, (lang, extracted ^ ids)
        if lang == "tr":
            missing = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str)
                                                               else all(m.string))]
            assert not missing
