"""The render core: each page from its own context, rebuilt from what it read.

- a second programme year changes no page of the first;
- one process and two write the same bytes;
- every kind of field, edited in the preview, gives what a full build gives,
  re-rendering only the pages that read it (render counts, as Hugo's
  rebuild tests assert them).
"""
from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from portal.amounts import turkish_amount
from portal.incremental import Builder
from portal.load import load
from portal.pipeline import build, render
from portal.urls import Urls
from portal.write import MARKER, Output
from tests.conftest import CONTENT, ROOT
from tests.content_edits import edits_by_kind, with_note


def files_of(folder: Path) -> dict[str, bytes]:
    """A built folder's files, without the marker that says a build made it."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != MARKER}


def full_render(content: Path) -> dict[str, bytes]:
    output = Output()
    render(load(content), output, workers=2)
    return output.files


def next_year(content: Path, year: int = 2025) -> None:
    """A programme for `year` beside 2024: the same document with every amount changed."""
    shutil.copytree(content / "2024", content / str(year))
    for path in (content / str(year)).rglob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("2024", str(year))

        def changed(m: re.Match) -> str:
            value = Decimal(m.group(2).replace(".", "").replace(",", "."))
            return m.group(1) + turkish_amount(value * 3 + Decimal("0.07") if value else value)
        text = re.sub(r"(: '?)(\d{1,3}(?:\.\d{3})*,\d{2})(?='?$)", changed, text, flags=re.M)
        path.write_text(text, encoding="utf-8")


OTHER_YEARS = re.compile(rb'<(?:link|input)\b[^>]*\bdata-other-years\b[^>]*>\n?'
                         rb'|<(nav|section)\b[^>]*\bdata-other-years\b[^>]*>.*?</\1>\n?', re.S)


def without_other_years(html: bytes) -> bytes:
    """A page without its year switcher and its parts about the other programme years
    (each marked data-other-years, none nested in another of its tag)."""
    return OTHER_YEARS.sub(b"", html)


def test_a_second_year_with_other_amounts_changes_no_page_of_the_first(content_copy, tmp_path):
    one_year = tmp_path / "one"
    build(content_copy, one_year)
    next_year(content_copy)
    two_years = tmp_path / "two"
    site = build(content_copy, two_years).site
    assert site.programs[2025].total == site.programs[2024].total * 3 + Decimal("0.07") * len(
        [a for a in site.programs[2024].activities for v in (*a.cost.budget_lines.values(),
                                                             *a.cost.off_budget_lines.values()) if v])
    before, after = files_of(one_year), files_of(two_years)
    first_year = [p for p in before if re.match(r"(tr|en)/2024/|data/2024/", p)]
    assert len(first_year) > 600
    # 2024's pages gain the year switcher and the parts about other years, and nothing else
    changed = [p for p in first_year if before[p] != without_other_years(after.get(p, b""))]
    assert not changed, changed[:10]
    for path in first_year:
        if path.endswith(".html"):
            assert b"/2025/" not in without_other_years(after[path]), path
            assert b"data-other-years" in after[path], path
    # the latest programme is the one the home pages show
    assert "/tr/2025/" in (two_years / "tr/index.html").read_text(encoding="utf-8")


def test_one_process_and_two_write_the_same_bytes(tmp_path):
    build(CONTENT, tmp_path / "one", processes=1)
    build(CONTENT, tmp_path / "two", processes=2)
    one, two = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert one.keys() == two.keys() and len(one) > 600
    assert [p for p in one if one[p] != two[p]] == []


@pytest.fixture(scope="module")
def preview_builder(tmp_path_factory):
    content = tmp_path_factory.mktemp("edits") / "content"
    shutil.copytree(CONTENT, content)
    builder = Builder(content, content.parent / "site", processes=2)
    builder.full()
    return builder


EDITS = edits_by_kind(CONTENT)


def test_the_edits_cover_every_kind_of_field():
    kinds = " ".join(EDITS)
    for kind in ("activities[].name.tr", "activities[].name.en", "activities[].budget.N", "off_budget.foreign",
                 "indicators[].values.N", "units/*.yaml name.en", "glossary.yaml [].definition.tr", "site.yaml name.tr",
                 "pages/*.tr.md body", "aims.yaml [].name.en", "program.yaml values[].tr"):
        assert kind in kinds, kind
    assert "official" not in kinds  # the importer's, never edited
    # every figure and Turkish text of the programme is edited as staff correct it, with a note
    needs_note = [k for k in EDITS if k.startswith("2024/") and not k.endswith(".en") and ".en.md" not in k
                  and "statements" not in k]
    assert all(EDITS[k].note for k in needs_note), [k for k in needs_note if not EDITS[k].note]
    assert len(EDITS) > 35


def test_an_edit_of_each_kind_rebuilds_to_what_a_full_build_makes(preview_builder):
    """The edits are made one after another, each file's from its end to its start (so
    every edit's place is still where it was found), each followed by a rebuild; after a
    file's last edit, the result is compared with a full build (a full build of 854 pages
    after each of the 40 edits would double the suite's time)."""
    content, wrong = preview_builder.content, []
    originals = {edit.file: (content / edit.file).read_text(encoding="utf-8") for edit in EDITS.values()}
    edits = sorted(EDITS.values(), key=lambda e: (e.file, -e.start))
    try:
        for n, edit in enumerate(edits):
            edit.apply(content)
            preview_builder.update()
            last_of_file = n + 1 == len(edits) or edits[n + 1].file != edit.file
            if last_of_file and preview_builder.files != full_render(content):
                wrong.append([e.kind for e in edits if e.file == edit.file])
        assert files_of(preview_builder.out) == preview_builder.files
    finally:
        for rel, text in originals.items():
            (content / rel).write_text(text, encoding="utf-8")
        preview_builder.update()
    assert not wrong, wrong


def renders(builder: Builder, rel: str, old: str, new: str, note: tuple | None = None):
    """The preview's rebuild after one edit (checked against a full build), then the edit
    undone; note: (the item's place, field) of the correction note the edit needs."""
    path = builder.content / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    edited = text.replace(old, new)
    path.write_text(with_note(edited, *note) if note else edited, encoding="utf-8")
    try:
        update = builder.update()
        assert builder.files == full_render(builder.content)
        return update
    finally:
        path.write_text(text, encoding="utf-8")
        builder.update()


# edit, then how many pages it re-renders, of 854; a correction of the official document
# also shows on the corrections page; an embed (embed/...) reads only the figures it shows
RENDER_COUNTS = {
    # an activity's name shows on its page, its goal's and its unit's, their two embeds, the
    # activities index (in each language: 2 more than before it existed), and in search
    "activity name": ("2024/goals/1.5.yaml", "  name:\n    tr: Bisiklet Yolu Yapılması\n    en: Construction",
                      "  name:\n    tr: Bisiklet Yolu Ağı Yapılması\n    en: Construction", 16, (("activities", 2), "name")),
    # a glossary definition shows on the glossary only
    "glossary": ("glossary.yaml", "tr: Belediyenin stratejik planında", "tr: Belediyenin stratejik plânında", 2, None),
    # a unit's description shows on its own page, and its words are in both languages' search
    # (the English one reads the Turkish while no English is written)
    "unit description": ("units/zabita.yaml", "description:\n  tr: ''", "description:\n  tr: 'Denetim'", 4, None),
    # the mission shows on the overview only
    "mission": ("2024/program.yaml", "mission:\n  tr: Halkımızın", "mission:\n  tr: Halkımızın ve", 4, ((), "mission")),
    # a general page's body shows on that page, and its words are in that language's search;
    # its English twin reads the Turkish too (shown where no English is written yet)
    "general page": ("2024/pages/foreword.tr.md", "## Değerli Kartepeli", "## Sevgili Kartepeli", 5, ((), "text")),
}


@pytest.mark.parametrize("edit", RENDER_COUNTS)
def test_render_counts_per_kind_of_edit(preview_builder, edit):
    rel, old, new, expected, note = RENDER_COUNTS[edit]
    update = renders(preview_builder, rel, old, new, note)
    assert update.pages_rendered == expected, (edit, sorted(update.written))


def test_an_amount_re_renders_the_pages_that_show_a_share_of_it_and_no_other(preview_builder):
    update = renders(preview_builder, "2024/goals/1.5.yaml", "'6': 1.000.000,00", "'6': 1.000.001,00",
                     (("activities", 2), "budget.6"))
    # every page with a total or a share of the programme; not the glossary, the general
    # pages, the downloads, the search pages (the index names amounts, but only on its own)
    assert 400 < update.pages_rendered < 854
    # of the embeds, those that show the amount or a total it is in
    assert sorted(p for p in update.written if p.startswith("embed/")) == sorted(
        Urls.file_for(Urls.embed(path)) for lang in ("tr", "en") for path in (
            Urls.program(lang, 2024), Urls.goal(lang, 2024, "1.5"), Urls.activity(lang, 2024, "1.5.2"),
            Urls.unit(lang, 2024, "fen-isleri")))
    assert not any("/genel/" in p or "/general/" in p or "sozluk" in p or "glossary" in p for p in update.written)


def test_no_private_jinja_in_the_render_core():
    """Jinja's public API only: no Context subclass, no runtime internals."""
    for path in (ROOT / "portal").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "jinja2.runtime" not in source and "Context)" not in source, path
        assert not re.search(r"\b(jinja_pass_arg|_block_vars|_loop_vars|make_globals)\b", source), path


def test_open_pages_are_written_and_announced_before_the_others(preview_builder):
    """The preview rebuilds the pages its tabs show first and reloads them at once; the rest
    follow, and the end result is still exactly a full build (the open search page too,
    whose index is made later)."""
    content, out = preview_builder.content, preview_builder.out
    goal = content / "2024/goals/1.5.yaml"
    original = goal.read_text(encoding="utf-8")
    open_page, search, other = ("tr/2024/faaliyetler/1-5-2/index.html", "tr/ara/index.html",
                                "en/2024/activities/6-1-1/index.html")
    seen = {}

    def reloaded():
        seen.update({path: (out / path).read_bytes() for path in (open_page, search, other)})

    before_other = (out / other).read_bytes()
    goal.write_text(with_note(original.replace("'6': 1.000.000,00", "'6': 1.250.000,00", 1),
                              ("activities", 2), "budget.6"), encoding="utf-8")
    try:
        preview_builder.update(after_pages=reloaded, first={open_page, search})
        assert "1.250.000,00" in seen[open_page].decode("utf-8")
        assert seen[other] == before_other  # not yet rebuilt when the open tab reloaded
        assert preview_builder.files == full_render(content)
        assert files_of(out) == preview_builder.files
    finally:
        goal.write_text(original, encoding="utf-8")
        preview_builder.update()


def test_a_template_edited_between_two_saves_is_the_one_the_next_rebuild_renders(content_copy, tmp_path, monkeypatch):
    """Each language's renderer is kept from save to save while the templates are unchanged:
    a template edited since is loaded again, in this process and in the forked one."""
    from portal import render as rendering

    templates = tmp_path / "templates"
    shutil.copytree(rendering.TEMPLATES, templates)
    monkeypatch.setattr(rendering, "TEMPLATES", templates)
    builder = Builder(content_copy, tmp_path / "site", processes=2)
    builder.full()
    assert builder.update().pages_rendered == 0  # a save that changes nothing keeps every page and renderer
    activity = templates / "activity.html"
    edited = activity.read_text(encoding="utf-8").replace('<p class="kicker">', '<p class="kicker" data-edited>')
    activity.write_text(edited, encoding="utf-8")
    update = builder.update()
    assert update.pages_rendered == 2 * 126  # every activity page, in each language
    for page in ("tr/2024/faaliyetler/1-5-2/index.html", "en/2024/activities/6-7-1/index.html"):
        assert "data-edited" in (tmp_path / "site" / page).read_text(encoding="utf-8"), page
    assert builder.files == full_render(content_copy)
