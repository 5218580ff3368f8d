"""Bad content stops the build with one line per problem, file:line first,
and leaves the previous output exactly as it was."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_build

GOAL = "2024/goals/1.5.yaml"


def replace(content: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(content: Path, rel: str, needle: str) -> int:
    lines = (content / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def break_syntax(c):
    replace(c, GOAL, "unit: fen-isleri", "unit: [fen-isleri")
    return GOAL, None, "YAML syntax error"


def non_numeric_amount(c):
    replace(c, GOAL, "'6': 24.000.000,00", "'6': 24.000.000,00x")
    return GOAL, line_of(c, GOAL, "24.000.000,00x"), "not an amount"


def negative_amount(c):
    replace(c, GOAL, "'6': 24.000.000,00", "'6': -24.000.000,00")
    return GOAL, line_of(c, GOAL, "-24.000.000,00"), "negative"


def float_style_amount(c):
    replace(c, GOAL, "'6': 24.000.000,00", "'6': 24000000.00")
    return GOAL, line_of(c, GOAL, "24000000.00"), "not an amount"


def duplicated_goal_file(c):
    shutil.copy(c / GOAL, c / "2024/goals/1.13.yaml")
    return "2024/goals/1.13.yaml", line_of(c, "2024/goals/1.13.yaml", "code: '1.5'"), "goal 1.5 is defined twice"


def unknown_unit(c):
    replace(c, GOAL, "unit: fen-isleri", "unit: fen-isleri-x")
    return GOAL, line_of(c, GOAL, "unit: fen-isleri-x"), "unknown unit 'fen-isleri-x'"


def missing_key(c):
    replace(c, GOAL, "  unit: fen-isleri\n", "")
    return GOAL, None, "missing required key 'unit'"


def misspelt_key(c):
    replace(c, GOAL, "  unit: fen-isleri", "  unti: fen-isleri")
    return GOAL, line_of(c, GOAL, "unti:"), "unknown key 'unti'"


def missing_english_key(c):
    replace(c, "units/zabita.yaml", "  en: ''\n", "", 1)
    return "units/zabita.yaml", None, "missing required key 'en'"


def empty_turkish(c):
    replace(c, "2024/aims.yaml", "tr: Çevre Yönetimi", "tr: ''")
    return "2024/aims.yaml", line_of(c, "2024/aims.yaml", "tr: ''"), "must not be empty"


def duplicate_key(c):
    replace(c, GOAL, "unit: fen-isleri\n", "unit: fen-isleri\nunit: zabita\n")
    return GOAL, line_of(c, GOAL, "unit: zabita"), "key 'unit' is given twice"


def bad_activity_code(c):
    replace(c, GOAL, "- code: 1.5.2", "- code: 1.6.2")
    return GOAL, line_of(c, GOAL, "code: 1.6.2"), "must look like 1.5.1"


def wrong_shape(c):
    replace(c, GOAL, "indicators:\n", "indicators: many\nx_indicators:\n")
    return GOAL, line_of(c, GOAL, "indicators: many"), "expected a list"


def not_utf8(c):
    (c / GOAL).write_bytes("code: '1.5'\nunit: fen-işleri\n".encode("iso-8859-9"))
    return GOAL, 1, "not UTF-8"


def empty_file(c):
    (c / GOAL).write_text("", encoding="utf-8")
    return GOAL, 1, "file is empty"


def year_mismatch(c):
    replace(c, "2024/program.yaml", "year: 2024", "year: 2025")
    return "2024/program.yaml", line_of(c, "2024/program.yaml", "year: 2025"), "does not match its folder"


def misquoted_statement(c):
    replace(c, "2024/statements.yaml", "quote: 10 adet personelimiz okur-yazar", "quote: 12 adet personelimiz okur-yazar")
    return "2024/statements.yaml", line_of(c, "2024/statements.yaml", "quote: 12 adet"), "is not in pages/human-resources"


def statement_without_its_cell(c):
    replace(c, "2024/statements.yaml", "row: Okuryazar", "row: Doktora")
    return "2024/statements.yaml", None, "Tablo 6 has no count in row 'Doktora'"


def unicode_digits_in_a_number(c):
    replace(c, "2024/aims.yaml", "number: 2", "number: '²'")
    return "2024/aims.yaml", line_of(c, "2024/aims.yaml", "number: '²'"), "expected a whole number"


def full_width_digits_in_an_amount(c):
    replace(c, GOAL, "'6': 24.000.000,00", "'6': ２４.０００.０００,００")
    return GOAL, line_of(c, GOAL, "２４.０００"), "not an amount"


def folder_named_like_a_goal_file(c):
    (c / "2024/goals/9.9.yaml").mkdir()
    return "2024/goals/9.9.yaml", 1, "cannot be read"


def page_file_name_not_a_slug(c):
    (c / "2024/pages/Bütçe-Özeti.tr.md").write_text("---\ntitle: Özet\n---\n\nMetin.\n", encoding="utf-8")
    return "2024/pages/Bütçe-Özeti.tr.md", 1, "must be lower-case ASCII words"


def synonym_to_a_word_the_index_lacks(c):
    """A misspelt word on the right finds nothing: the build says so at its line."""
    replace(c, "search.yaml", "  soup kitchen: [hot meal]", "  soup kitchen:\n    - hot meal\n    - hot meel")
    return "search.yaml", line_of(c, "search.yaml", "hot meel"), "en.soup kitchen: 'meel' (in 'hot meel') is in no document"


def last_word_a_synonym_finds_edited_out(c):
    """An edit of the pages' words can take away what a synonym leads to: "court" would find nothing."""
    replace(c, "2024/goals/6.7.yaml", "number of lawsuits decided", "number of cases decided")
    replace(c, "2024/goals/6.7.yaml", "Following up lawsuit and", "Following up court case and")
    return ("search.yaml", line_of(c, "search.yaml", "court: [lawsuit]"),
            "en.court: 'lawsuit' (in 'lawsuit') is in no document")


def synonym_with_nothing_to_find(c):
    replace(c, "search.yaml", "  nikah: [evlendirme]", "  nikah: []")
    return "search.yaml", line_of(c, "search.yaml", "nikah: []"), "lists no words to find"


def site_without_its_address(c):
    replace(c, "site.yaml", "url: https://performans.kartepe.bel.tr", "")
    return "site.yaml", None, "missing required key 'url'"


CASES = [unicode_digits_in_a_number, full_width_digits_in_an_amount, folder_named_like_a_goal_file,
         page_file_name_not_a_slug, synonym_to_a_word_the_index_lacks, last_word_a_synonym_finds_edited_out,
         synonym_with_nothing_to_find,
         site_without_its_address, misquoted_statement, statement_without_its_cell, break_syntax, non_numeric_amount, negative_amount, float_style_amount, duplicated_goal_file,
         unknown_unit, missing_key, misspelt_key, missing_english_key, empty_turkish, duplicate_key,
         bad_activity_code, wrong_shape, not_utf8, empty_file, year_mismatch]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("prev") / "site"
    result = run_build("--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, snapshot(out)


@pytest.mark.parametrize("breakage", CASES, ids=[c.__name__ for c in CASES])
def test_bad_content_is_reported_at_its_line_and_nothing_is_lost(breakage, content_copy, previous_site):
    out, before = previous_site
    rel, line, message = breakage(content_copy)
    result = run_build("--content", str(content_copy), "--out", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert errors, result.stderr
    for error in errors:
        assert re.match(r"^error: content/\S+:\d+: \S", error), error
    where = f"content/{rel}:{line if line else ''}"
    assert any(where in e and message in e for e in errors), (where, message, errors)
    assert snapshot(out) == before


def test_every_problem_is_listed_in_one_run(content_copy):
    unknown_unit(content_copy)
    non_numeric_amount(content_copy)
    replace(content_copy, "2024/goals/6.1.yaml", "unit: yazi-isleri", "unit: nowhere")
    result = run_build("--content", str(content_copy), "--out", str(content_copy.parent / "out"))
    assert result.returncode == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) >= 3
    assert len(errors) == 3 and "3 problem(s)" in result.stderr
    assert not (content_copy.parent / "out").exists()


def test_every_problem_is_worded_in_turkish_too(content_copy):
    """The preview's error page shows each problem in the page's language: the same file:line,
    in Turkish on the Turkish pages, in English in the build's log."""
    from portal.errors import ContentError
    from portal.load import load

    unknown_unit(content_copy)
    bad_activity_code(content_copy)
    replace(content_copy, "2024/goals/6.1.yaml", "unit: yazi-isleri", "unit: [yazi-isleri")  # a YAML syntax error
    with pytest.raises(ContentError) as caught:
        load(content_copy)
    problems = caught.value.problems
    turkish = {"unknown unit 'fen-isleri-x'": "bilinmeyen birim 'fen-isleri-x'",
               "must look like 1.5.1": "'1.6.2' 1.5.1 biçiminde olmalı", "YAML syntax error": "YAML sözdizimi hatası"}
    for english, words in turkish.items():
        problem = next((p for p in problems if english in p), None)
        assert problem is not None, (english, problems)
        assert words in problem.said_in("tr") and english not in problem.said_in("tr"), problem.said_in("tr")
    for problem in problems:
        place = re.match(r"^content/\S+:\d+: ", problem).group()
        assert problem.said_in("tr").startswith(place) and problem.said_in("en") == str(problem)
        assert problem.said_in("tr") != str(problem), problem


def build_with_template_edit(tmp_path, template: str, old: str, new: str):
    """Build a copy of the project whose template has one edit; staff may edit templates too."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "site", ".git", "bench", "tests"))
    path = copy / "templates" / template
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, str(copy / "build.py"), "--out", str(out)],
                            capture_output=True, text=True, timeout=120)
    return result, out


def test_a_broken_template_is_one_line_naming_the_template(tmp_path):
    result, _ = build_with_template_edit(tmp_path, "goal.html", "{{ goal.text | t }}", "{{ goal.nothing_here | t }}")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"^error: templates/goal\.html:\d+: ", result.stderr, re.M), result.stderr


def test_a_template_error_in_the_turkish_half_names_its_line(tmp_path):
    """The Turkish pages are rendered by a second process: its errors are one line too."""
    result, out = build_with_template_edit(
        tmp_path, "base.html", "{% block main %}{% endblock %}",
        '{% if lang == "tr" %}{{ no_such_value }}{% endif %}{% block main %}{% endblock %}')
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^error: templates/base\.html:\d+: 'no_such_value' is undefined$", result.stderr, re.M), \
        result.stderr
    assert not out.exists()


def test_calling_what_is_not_a_function_names_the_template_line(tmp_path):
    result, _ = build_with_template_edit(tmp_path, "goal.html", "{{ goal.text | t }}", "{{ goal.indicators() }}")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^error: templates/goal\.html:\d+: TypeError: 'tuple' object is not callable$",
                     result.stderr, re.M), result.stderr


def test_a_page_sees_only_its_own_context(tmp_path):
    """No page reaches the whole programme or the site through a global: a template that
    tries is a one-line error, not a page quietly showing another year's figures."""
    result, out = build_with_template_edit(tmp_path, "goal.html", "{{ goal.text | t }}",
                                           "{{ goal.text | t }} {{ program.total }}")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^error: templates/goal\.html:\d+: 'program' is undefined$", result.stderr, re.M), \
        result.stderr
    assert not out.exists()


def test_the_output_folder_must_be_a_previous_build(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "thesis.txt").write_text("years of work")
    result = run_build("--out", str(notes))
    assert result.returncode == 1 and "no .portal-build marker" in result.stderr
    assert (notes / "thesis.txt").read_text() == "years of work"
    for unsafe in (".", "content", "content/site"):
        result = run_build("--out", unsafe)
        assert result.returncode == 1 and "refusing to build into" in result.stderr, unsafe
    assert run_build("--base-url", "//elsewhere.example/").returncode == 2


def test_the_preview_finds_a_synonym_left_with_nothing_after_an_edit_and_again_after_the_fix(content_copy, tmp_path):
    """The check keeps each text's part between saves: an edit that takes the last word away
    is still found, and undoing it clears the problem."""
    from portal.errors import ContentError
    from portal.incremental import Builder

    builder = Builder(content_copy, tmp_path / "site", processes=1)
    builder.full()
    goal = content_copy / "2024/goals/6.7.yaml"
    before = goal.read_text(encoding="utf-8")
    goal.write_text(before.replace("lawsuits decided", "cases decided").replace("up lawsuit and", "up cases and"),
                    encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        builder.update()
    assert [p for p in raised.value.problems if "'lawsuit'" in p] == [
        f"content/search.yaml:{line_of(content_copy, 'search.yaml', 'court: [lawsuit]')}: en.court: 'lawsuit' "
        "(in 'lawsuit') is in no document of the English search index"]
    goal.write_text(before, encoding="utf-8")
    builder.update()
