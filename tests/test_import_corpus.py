"""The importer on a corpus of variants made from the seed: each either imports exactly
or is refused with one line and nothing written.

"Exactly" is judged by tests/corpus.py's plain reading of the variant text (no importer
code): the counts of goals, activities and units, and every amount of every activity, in
the data/<year>/activities.csv a build publishes.  And a variant that only changes how the document is
printed must publish what the seed publishes: the same disagreements in
data/<year>/program.json (kind, subject, field, stated, computed) and the same figures in
the same columns of the general pages' tables.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from portal.load import load
from portal.pipeline import inputs_for, programme_data
from portal.write import Output
from tests import corpus as C
from tests.conftest import CONTENT, ROOT, SEED, run_build
from tools.import_seed import main as import_main

SEED_TEXT = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
OUTCOMES: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def outcome_counts(request):
    """After the module: how many variants imported exactly and how many were refused."""
    yield
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if capture is not None and OUTCOMES:
        with capture.global_and_fixture_disabled():
            print(f"\nimport corpus: {OUTCOMES['imported exactly']} variant(s) imported exactly, "
                  f"{OUTCOMES['refused']} refused with one line and nothing written")


def variant(name, make, encoding="utf-8", year=2024, expect=None):
    """`expect` turns what the seed publishes (its discrepancies and its pages' figures) into
    what the variant must publish, for a variant that changes the document's figures or
    wording; by default it is the seed's."""
    return pytest.param(make, encoding, year, expect or (lambda found: found), id=name)


def _next_year(value):
    """A published figure or text of the next-year variant: an amount doubled, a text's years
    one later; counts stay as they are."""
    if isinstance(value, str) and re.fullmatch(r"-?\d+\.\d\d", value):
        return f"{Decimal(value) * 2:.2f}"
    return C.next_year(value) if isinstance(value, str) else value


def as_next_year(found):
    """Every amount doubled, every year one later (the years label rows of a page table)."""
    discrepancies, figures = found
    return ([(kind, subject, field, _next_year(stated), _next_year(computed))
             for kind, subject, field, stated, computed in discrepancies],
            {page: [(C.next_year(label), cells) for label, cells in rows] for page, rows in figures.items()})


def in_capitals(found):
    """C.capitals writes the goal tables' rows numbered '1.' or '1-' in capitals, their
    names too."""
    discrepancies, figures = found
    capitalised = set(re.findall(r"^[1-9][-.](\D[^\t\n]*)\t", SEED_TEXT, re.M))
    upper = lambda k, name: C.upper(name) if k == "goal_table_row_name" and name in capitalised else name  # noqa: E731
    return [(k, s, f, upper(k, a), b) for k, s, f, a, b in discrepancies], figures


def as_other_municipality(found):
    rename = lambda v: C.other_municipality(v) if isinstance(v, str) else v  # noqa: E731
    discrepancies, figures = found
    return ([tuple(map(rename, d)) for d in discrepancies],
            {page: [(rename(label), cells) for label, cells in rows] for page, rows in figures.items()})


def with_new_unit(found):
    """The variant moves activity 1.1.2 to a unit of its own: one more genuine disagreement."""
    discrepancies, figures = found
    return [*discrepancies, ("activity_unit", "activity 1.1.2", "unit", "akilli-sehir", "emlak-ve-istimlak")], figures


def _combined(text):
    return C.trailing_spaces(C.no_kurus(C.capitals(C.spaces_after_general_pages(text)))).replace("\n", "\r\n")


IMPORTED = [
    variant("seed as it is", lambda t: t),
    variant("UTF-8 with BOM", lambda t: "\ufeff" + t),
    variant("UTF-16 (Windows 'Unicode')", lambda t: t, encoding="utf-16"),
    variant("UTF-16 without byte-order mark", lambda t: t, encoding="utf-16-le"),
    variant("Windows-1254 (Windows 'Turkish')", lambda t: t, encoding="cp1254"),
    variant("CRLF line ends", lambda t: t.replace("\n", "\r\n")),
    variant("CR line ends", lambda t: t.replace("\n", "\r")),
    variant("NBSP thousands and NBSP in text", lambda t: C.thousands("\u00a0")(t).replace(" ve ", "\u00a0ve ")),
    variant("narrow NBSP thousands", C.thousands("\u202f")),
    variant("space thousands", C.thousands(" ")),
    variant("spaces instead of tabs after the general pages", C.spaces_after_general_pages),
    variant("labels and headings in capitals", C.capitals, expect=in_capitals),
    variant("wrapped activity names", lambda t: C.wrapped_names(t)[0]),
    variant("amounts without kuruş", C.no_kurus),
    variant("₺ before amounts", C.lira_sign_before),
    variant("₺ after amounts", C.lira_sign_after),
    variant("empty cell for zero", C.zero_cells("")),
    variant("'-' for zero", C.zero_cells("-")),
    variant("'—' for zero", C.zero_cells("—")),
    variant("page furniture inserted", C.page_furniture),
    variant("page header between indicator rows", C.header_between_indicators),
    variant("no greeting in the foreword", C.no_greeting),
    variant("goal-table amounts on the next line", C.amounts_on_next_line),
    variant("no bold markup", C.no_bold),
    variant("other spellings of labels and headings", C.label_spellings),
    variant("trailing spaces", C.trailing_spaces),
    variant("stray empty cells (every tab doubled)", C.doubled_tabs),
    variant("form feeds at page breaks", C.form_feeds),
    variant("TL glued to the amount", C.lira_glued),
    variant("tabs on some pages, spaces on others, after the general pages",
            C.after_general_pages(C.mixed_separators)),
    variant("tables as Markdown (| a | b |)", C.markdown_tables),
    variant("cost-table amounts on the next line", C.cost_amounts_on_next_line),
    variant("wrapped indicator names", C.wrapped_indicators),
    variant("another municipality", C.other_municipality, expect=as_other_municipality),
    variant("2025 programme with other amounts", C.next_year, year=2025, expect=as_next_year),
    variant("a new unit on one activity", C.new_unit, expect=with_new_unit),
    variant("spaces, capitals, no kuruş, trailing spaces, CRLF, Windows-1254", _combined, encoding="cp1254"),
    variant("wrapped unit names in B.5 and the annex", lambda t: C.wrapped_units(t)[0]),
    variant("an empty cell in a goal-table row", C.empty_goal_row_cell),
    variant("an empty cell in section D", C.empty_section_d_cell),
    variant("an empty off-budget line in a cost table", C.empty_off_budget_cell),
    variant("spaces and empty cells in the cost tables' one-amount rows",
            lambda t: C.spaces_after_general_pages(C.empty_cost_cells(t))),
    variant("spaces and no kuruş in UTF-16", lambda t: C.no_kurus(C.spaces_after_general_pages(t)), encoding="utf-16"),
]

REFUSED = [
    pytest.param(lambda t: b"", "empty", id="empty file"),
    pytest.param(lambda t: b"  \n\n\t\n", "empty", id="only blank lines"),
    pytest.param(lambda t: bytes(range(256)) * 20, "binary", id="binary file"),
    pytest.param(lambda t: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02",
                 "binary", id="the PDF itself"),
    pytest.param(lambda t: (ROOT / "README.md").read_bytes(), "not a performance programme",
                 id="not a programme (README)"),
    pytest.param(lambda t: "Belediye Meclisi toplantı tutanağı\n\nGündem maddeleri görüşüldü.\n".encode(),
                 "not a performance programme", id="not a programme (minutes)"),
    pytest.param(lambda t: C.cut_at(0.1)(t).encode(), "cut off", id="cut off before B.5"),
    pytest.param(lambda t: C.cut_at(0.5)(t).encode(), "cut off", id="cut off in section C"),
    pytest.param(lambda t: C.cut_inside_cost_table(t).encode(), "cut off", id="cut off inside a cost table"),
    pytest.param(lambda t: C.cut_at(0.97)(t).encode(), "cut off", id="cut off inside the annex"),
    pytest.param(lambda t: C.cut_inside_annex_row(t).encode(), "cut off", id="cut off inside an annex row"),
    pytest.param(lambda t: C.amount_typo(t).encode(), "not an amount", id="a typo in an amount"),
    pytest.param(lambda t: C.english_amount(t).encode(), "not an amount", id="an amount in English notation"),
    pytest.param(lambda t: C.spaces_for_tabs(t).encode(), "separated by spaces",
                 id="spaces instead of tabs: the general pages' empty cells cannot be placed"),
    pytest.param(lambda t: C.mixed_separators(t).encode(), "separated by spaces",
                 id="tabs on some pages, spaces on others (the general pages' among them)"),
    pytest.param(lambda t: C.spaces_after_general_pages(C.zero_cells("")(t)).encode(), "amount",
                 id="spaces instead of tabs and empty cells: columns cannot be told apart"),
    pytest.param(lambda t: C.spaces_after_general_pages(C.empty_goal_row_cell(t)).encode(), "amount",
                 id="spaces and an empty cell in a goal-table row"),
    pytest.param(lambda t: C.spaces_after_general_pages(C.empty_section_d_cell(t)).encode(), "amount",
                 id="spaces and an empty cell in section D"),
    pytest.param(lambda t: C.spaces_after_general_pages(C.empty_off_budget_cell(t)).encode(), "off-budget",
                 id="spaces and an empty off-budget line in a cost table"),
    pytest.param(lambda t: C.spaces_after_general_pages(C.wrapped_units(t)[0]).encode(), "indented with spaces",
                 id="spaces and wrapped unit names: name or unit cannot be told"),
    pytest.param(lambda t: C.empty_indicator_value(t).encode(), "three yearly values",
                 id="an empty indicator value"),
    pytest.param(lambda t: C.spaces_after_general_pages(C.empty_indicator_value(t)).encode(), "three yearly values",
                 id="spaces and an empty indicator value"),
    pytest.param(lambda t: C.b5_row_missing(t).encode(), "not listed in B.5", id="a goal missing from B.5"),
    pytest.param(lambda t: C.econ_line_missing(t).encode(), "economic code", id="an economic code missing"),
    pytest.param(lambda t: C.no_section_d(t).encode(), "D- Toplam Kaynak", id="no section D"),
    pytest.param(lambda t: C.duplicate_cost_table(t).encode(), "two cost tables", id="a cost table twice"),
]


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    if folder.exists():
        for path in sorted(folder.rglob("*")):
            h.update(path.relative_to(folder).as_posix().encode())
            if path.is_file():
                h.update(path.read_bytes())
    return h.hexdigest()


def run_import(capsys, source: Path, content: Path, *args: str) -> tuple[int, str, str]:
    status = import_main([str(source), "--content", str(content), *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def check_against_reading(reading: C.Reading, activities: list[dict], goals: list[dict]) -> None:
    assert len(goals) == len(reading.goals) and {g["goal"] for g in goals} == reading.goals
    assert len(activities) == len(reading.activities)
    assert {a["unit_name_tr"] for a in activities} | {g["unit_name_tr"] for g in goals} == reading.units
    for a in activities:
        want = reading.activities[a["activity"]]
        assert len(want["econ"]) == 9 and len(want["off"]) == 3, a["activity"]
        for n in range(1, 10):
            assert Decimal(a[f"econ_{n}"]) == want["econ"][n - 1], (a["activity"], n)
        for key, value in zip(("revolving_fund", "other_domestic", "foreign"), want["off"]):
            assert Decimal(a[f"off_budget_{key}"]) == value, (a["activity"], key)
        assert Decimal(a["budget"]) == sum(want["econ"])
        assert Decimal(a["off_budget"]) == sum(want["off"])
        assert Decimal(a["total"]) == sum(want["econ"]) + sum(want["off"])


def published_data(content: Path) -> dict[str, bytes]:
    """The programme files a build publishes under data/, made as the build makes them (the
    pages are left out: a variant is about what the importer read; a fresh import's pages
    are built in test_fresh_import_of_the_seed_builds)."""
    site, files = load(content), Output()
    inputs = inputs_for(site)
    programme_data(site, files, inputs.notes, inputs.continuity)
    return files.files


def csv_of(data: dict[str, bytes], name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data[name].decode("utf-8-sig"))))


def discrepancies(data: dict[str, bytes], year: int) -> list[tuple]:
    """What the site publishes as the document's own disagreements, in its order."""
    found = json.loads(data[f"data/{year}/program.json"])
    return [(d["kind"], d["subject"], d["field"], d["stated"], d["computed"]) for d in found["discrepancies"]]


def figures(content: Path, year: int) -> dict[str, list]:
    """Per Turkish page with tables of figures: C.page_figures."""
    found = {p.name: C.page_figures(p.read_text(encoding="utf-8"))
             for p in sorted((content / str(year) / "pages").glob("*.tr.md"))}
    return {name: rows for name, rows in found.items() if rows}


def comparable(found):
    """Discrepancies in any order; row labels folded (a label in capitals is the same row)."""
    discrepancies, figures = found
    return (sorted(discrepancies, key=repr),
            {page: [(C.fold(label), cells) for label, cells in rows] for page, rows in figures.items()})


def import_with_statements(source: Path, folder: Path, year: int) -> tuple[int, Path]:
    """Import into a new content folder that holds the hand-written statements about the
    pages' tables (so their cells are checked too)."""
    content = folder / "content"
    (content / str(year)).mkdir(parents=True)
    shutil.copyfile(CONTENT / "2024" / "statements.yaml", content / str(year) / "statements.yaml")
    status = import_main([str(source), "--content", str(content)])
    return status, content


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory):
    """The seed's own import, built: what every presentation-only variant must publish."""
    folder = tmp_path_factory.mktemp("seed-import")
    status, content = import_with_statements(SEED, folder, 2024)
    assert status == 0
    return discrepancies(published_data(content), 2024), figures(content, 2024)


@pytest.mark.parametrize("make, encoding, year, expect", IMPORTED)
def test_variant_imports_exactly(make, encoding, year, expect, tmp_path, capsys, seed_import):
    text = make(SEED_TEXT)
    source = tmp_path / "programme.txt"
    source.write_bytes(text.encode(encoding))
    status, content = import_with_statements(source, tmp_path, year)
    err = capsys.readouterr().err
    assert status == 0, err
    assert "Traceback" not in err
    reading = C.read(text)
    assert len(reading.activities) == 126 and len(reading.goals) == 52  # the plain reading itself works
    data = published_data(content)
    check_against_reading(reading, csv_of(data, f"data/{year}/activities.csv"), csv_of(data, f"data/{year}/goals.csv"))
    found = comparable((discrepancies(data, year), figures(content, year)))
    want = comparable(expect(seed_import))
    assert found[1] == want[1]  # every figure of the general pages' tables, in its column
    assert found[0] == want[0]  # what the site publishes as the document's own disagreements
    OUTCOMES["imported exactly"] += 1


@pytest.mark.parametrize("make, says", REFUSED)
def test_variant_is_refused_with_one_line(make, says, tmp_path, capsys):
    source = tmp_path / "programme.txt"
    source.write_bytes(make(SEED_TEXT))
    content = tmp_path / "content"
    status, out, err = run_import(capsys, source, content)
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert re.match(rf"^{re.escape(str(source))}:\d+: .+", lines[0]), lines[0]
    assert says in lines[0], lines[0]
    assert not content.exists()  # nothing written, not even the folder
    OUTCOMES["refused"] += 1


def test_a_statement_whose_figure_is_gone_is_refused(tmp_path, capsys):
    """statements.yaml points at a cell of a page's table; a fresh page without a figure
    there is the importer's error, reported before anything is written."""
    folder = tmp_path / "import"
    folder.mkdir()
    source = tmp_path / "programme.txt"
    source.write_text(C.moved_statement_figure(SEED_TEXT), encoding="utf-8")
    status, content = import_with_statements(source, folder, 2024)
    lines = capsys.readouterr().err.strip().splitlines()
    assert status == 1 and len(lines) == 1, lines
    assert re.match(rf"^{re.escape(str(source))}:361: .*statements.yaml:17 .*Tablo 6, row 'Toplam', column 7\): "
                    rf"the imported table has no figure there", lines[0]), lines[0]
    assert sorted(p.name for p in content.rglob("*")) == ["2024", "statements.yaml"]  # nothing written
    OUTCOMES["refused"] += 1


def test_wrapped_names_are_joined(tmp_path, capsys):
    text, wrapped = C.wrapped_names(SEED_TEXT)
    assert len(wrapped) > 10
    source = tmp_path / "programme.txt"
    source.write_text(text, encoding="utf-8")
    assert run_import(capsys, source, tmp_path / "content")[0] == 0
    from portal.load import load

    names = {a.name.tr for a in load(tmp_path / "content").programs[2024].activities}
    assert wrapped <= names


def test_wrapped_indicator_names_are_joined(tmp_path, capsys, program):
    source = tmp_path / "programme.txt"
    source.write_text(C.wrapped_indicators(SEED_TEXT), encoding="utf-8")
    assert source.read_text(encoding="utf-8").count("\n") > SEED_TEXT.count("\n") + 20
    assert run_import(capsys, source, tmp_path / "content")[0] == 0
    from portal.load import load

    def indicators(p):
        return [(i.code, i.name.tr, i.measure.tr, tuple(v.tr for v in i.values.values()))
                for g in p.goals for i in g.indicators]
    assert indicators(load(tmp_path / "content").programs[2024]) == indicators(program)


def test_refusal_over_existing_content_changes_nothing(tmp_path, capsys, content_copy):
    before = tree_digest(content_copy)
    source = tmp_path / "programme.txt"
    for data in (C.cut_at(0.97)(SEED_TEXT).encode(), C.other_municipality(SEED_TEXT).encode(),
                 C.next_year(SEED_TEXT).encode()):
        source.write_bytes(data)
        args = ("--year", "2024") if data.startswith(b"") and b"2025 MAL" in data else ()
        status, _, err = run_import(capsys, source, content_copy, *args)
        assert status == 1 and len(err.strip().splitlines()) == 1, err
        assert tree_digest(content_copy) == before
        OUTCOMES["refused"] += 1


def test_another_municipality_is_refused_beside_this_one(tmp_path, capsys, content_copy):
    source = tmp_path / "programme.txt"
    source.write_text(C.other_municipality(SEED_TEXT), encoding="utf-8")
    status, _, err = run_import(capsys, source, content_copy)
    assert status == 1 and "Gölcük Belediyesi" in err and "Kartepe Belediyesi" in err


def test_another_municipality_gets_its_own_site_and_data_package(tmp_path, capsys):
    source = tmp_path / "programme.txt"
    source.write_text(C.other_municipality(SEED_TEXT), encoding="utf-8")
    content = tmp_path / "content"
    assert run_import(capsys, source, content)[0] == 0
    site = (content / "site.yaml").read_text(encoding="utf-8")
    assert 'tr: "Gölcük Belediyesi"' in site and "url: https://www.golcuk.bel.tr" in site
    assert "REPLACE" in site
    from portal.load import load
    from portal.outputs.datapackage import datapackage

    package = datapackage(load(content), ())
    assert b'"name": "golcuk-performance-programme"' in package
    assert b"kartepe" not in package.lower()


def test_next_year_is_added_beside_this_year(tmp_path, capsys, content_copy):
    before = tree_digest(content_copy / "2024")
    source = tmp_path / "programme-2025.txt"
    source.write_text(C.next_year(SEED_TEXT), encoding="utf-8")
    status, out, err = run_import(capsys, source, content_copy)  # no --year: the title says 2025
    assert status == 0, err
    assert (content_copy / "2025" / "program.yaml").exists()
    assert tree_digest(content_copy / "2024") == before
    status, _, err = run_import(capsys, source, content_copy, "--year", "2024")
    assert status == 1 and "says 2025, not 2024" in err
    assert tree_digest(content_copy / "2024") == before


def test_new_unit_gets_its_file(tmp_path, capsys, content_copy):
    source = tmp_path / "programme.txt"
    source.write_text(C.new_unit(SEED_TEXT), encoding="utf-8")
    status, _, err = run_import(capsys, source, content_copy)
    assert status == 0
    assert "note: unit 'Akıllı Şehir Müdürlüğü' appears in the tables but not in the organisation text" in err
    assert "Akıllı Şehir Müdürlüğü" in (content_copy / "units" / "akilli-sehir.yaml").read_text(encoding="utf-8")
    assert "unit: akilli-sehir" in (content_copy / "2024" / "goals" / "1.1.yaml").read_text(encoding="utf-8")


def test_check_prints_found_beside_stated_and_writes_nothing(tmp_path, capsys, content_copy):
    before = tree_digest(content_copy)
    status, out, err = run_import(capsys, SEED, content_copy, "--check")
    assert status == 0, err
    assert re.search(r"activities \(stated count / cost tables\)\s+129\s+126", out)
    assert re.search(r"performance goals\s+52\s+52", out)
    assert "nothing written" in out
    assert tree_digest(content_copy) == before
    status, out, err = run_import(capsys, SEED, tmp_path / "new", "--check")
    assert status == 0 and not (tmp_path / "new").exists()


def test_fresh_import_of_the_seed_builds(tmp_path, capsys):
    content = tmp_path / "content"
    status, out, err = run_import(capsys, SEED, content)
    assert status == 0, err
    assert "set its url:" in err
    result = run_build("--content", str(content), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "site" / "tr" / "2024" / "genel" / "foreword" / "index.html").exists()


def test_reimport_of_the_seed_changes_nothing(tmp_path, capsys, content_copy):
    """Today's committed content is what the importer writes, byte for byte."""
    status, _, err = run_import(capsys, SEED, content_copy)
    assert status == 0, err
    changed = [p.relative_to(content_copy).as_posix() for p in sorted(content_copy.rglob("*"))
               if p.is_file() and p.read_bytes() != (CONTENT / p.relative_to(content_copy)).read_bytes()]
    added = [p for p in content_copy.rglob("*") if not (CONTENT / p.relative_to(content_copy)).exists()]
    removed = [p for p in CONTENT.rglob("*") if not (content_copy / p.relative_to(CONTENT)).exists()]
    assert (changed, added, removed) == ([], [], [])


def test_a_goal_the_document_dropped_is_removed_on_reimport(tmp_path, capsys, content_copy):
    (content_copy / "2024" / "goals" / "9.9.yaml").write_text("stale: true\n", encoding="utf-8")
    assert run_import(capsys, SEED, content_copy)[0] == 0
    assert not (content_copy / "2024" / "goals" / "9.9.yaml").exists()


def test_force_files_a_programme_under_another_year(tmp_path, capsys, content_copy):
    """--force is the one way past a title/--year mismatch (a mistyped title, say)."""
    source = tmp_path / "programme.txt"
    source.write_text(C.next_year(SEED_TEXT), encoding="utf-8")
    status, _, err = run_import(capsys, source, content_copy, "--year", "2026")
    assert status == 1 and "says 2025, not 2026" in err and not (content_copy / "2026").exists()
    status, _, err = run_import(capsys, source, content_copy, "--year", "2026", "--force")
    assert status == 0, err
    from portal.load import load

    site = load(content_copy)
    assert sorted(site.programs) == [2024, 2026] and site.programs[2026].title.tr.startswith("2026 ")


def test_a_failure_while_writing_leaves_the_content_as_it_was(tmp_path, capsys, content_copy, monkeypatch):
    """Never half a folder: the disk fills up after 40 files, and content/ is untouched."""
    before = tree_digest(content_copy)
    written = []
    real = Path.write_bytes

    def failing(self, data):
        written.append(self)
        if len(written) > 40:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    source = tmp_path / "programme.txt"
    source.write_text(C.next_year(SEED_TEXT), encoding="utf-8")
    status, _, err = run_import(capsys, source, content_copy)
    assert status == 1 and len(err.strip().splitlines()) == 1 and "No space left" in err
    assert len(written) == 41
    assert tree_digest(content_copy) == before
    assert [p.name for p in content_copy.parent.iterdir() if p.name.startswith(".")] == []  # no leftovers
