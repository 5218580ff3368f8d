"""A new build takes each chart, reflowed table and text's search stems kept by the build
before only when everything it is made from is unchanged: a figure edited since is
drawn and printed as edited, and a build from kept results writes the same bytes as one
that made them all."""
from __future__ import annotations

import pickle
import shutil

import pytest

from portal import diskcache, render
from portal.pipeline import build
from tests.conftest import CONTENT
from tests.content_edits import edits_by_kind
from tests.test_render_core import files_of

AMOUNT = "2024/goals/*.yaml activities[].budget.N"
WORDS = "2024/goals/*.yaml activities[].name.tr"  # on charts, in tables and in the search index
KINDS = ("charts", "stems", "tables")


def _new_process() -> None:
    """What a new build process starts with: no results or renderers in memory."""
    diskcache.forget_kept()
    render.kept_renderer.cache_clear()


@pytest.fixture(scope="module")
def from_nothing(tmp_path_factory):
    """The content built with nothing kept: its files, and the results it kept."""
    folder = tmp_path_factory.mktemp("from-nothing")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(diskcache, "CACHE", folder / "cache")
        _new_process()
        build(CONTENT, folder / "site", processes=2)
    _new_process()
    return files_of(folder / "site"), folder / "cache" / "results"


@pytest.fixture
def cache(from_nothing, tmp_path, monkeypatch):
    """A cache folder of the test's own, holding what the build from nothing kept."""
    shutil.copytree(from_nothing[1], tmp_path / "cache" / "results")
    monkeypatch.setattr(diskcache, "CACHE", tmp_path / "cache")
    _new_process()
    yield tmp_path / "cache" / "results"
    _new_process()


def _made(monkeypatch) -> dict[str, int]:
    """How many charts are drawn, tables reflowed and texts stemmed from here on."""
    counts = dict.fromkeys(KINDS, 0)
    get = diskcache.KeptResults.get

    def counted(results, key, make, stable=None):
        def made():
            counts[results.name.split("-")[0]] += 1
            return make()
        return get(results, key, made, stable)
    monkeypatch.setattr(diskcache.KeptResults, "get", counted)
    return counts


def test_a_new_build_of_the_same_site_makes_nothing_kept_again_and_writes_the_same_bytes(
        from_nothing, tmp_path, cache, monkeypatch):
    assert sorted(p.name.rsplit("-", 1)[0] for p in cache.glob("*.pickle")) == [
        f"{kind}-{lang}" for kind in KINDS for lang in ("en", "tr")]
    made = _made(monkeypatch)
    build(CONTENT, tmp_path / "site", processes=1)
    assert made == dict.fromkeys(KINDS, 0)
    kept, made_all = files_of(tmp_path / "site"), from_nothing[0]
    assert kept.keys() == made_all.keys() and len(kept) > 600
    assert [path for path in kept if kept[path] != made_all[path]] == []


@pytest.mark.parametrize("kind", [AMOUNT, WORDS])
def test_an_edit_after_a_build_is_published_as_edited_and_only_what_it_is_on_is_made_again(
        kind, from_nothing, content_copy, tmp_path, cache, monkeypatch):
    edits_by_kind(content_copy)[kind].apply(content_copy)
    made = _made(monkeypatch)
    build(content_copy, tmp_path / "after", processes=1)
    assert 0 < made["charts"] < 100 and 0 < made["tables"] < 200, made
    assert (made["stems"] > 0) == (kind == WORDS), made
    monkeypatch.undo()
    monkeypatch.setattr(diskcache, "CACHE", tmp_path / "empty")
    _new_process()
    build(content_copy, tmp_path / "made", processes=2)
    before, after, made_all = from_nothing[0], files_of(tmp_path / "after"), files_of(tmp_path / "made")
    assert [path for path in after if after[path] != made_all.get(path)] == []
    changed = [path for path in after if after[path] != before.get(path)]
    assert any(path.endswith(".svg") for path in changed) and any("faaliyetler" in path for path in changed)


def test_a_damaged_file_is_made_again_and_files_of_other_code_are_removed(from_nothing, tmp_path, cache,
                                                                           monkeypatch):
    charts = next(cache.glob("charts-tr-*.pickle"))
    charts.write_bytes(charts.read_bytes()[:1000])
    other_code = cache / "charts-tr-0123456789abcdef0123456789abcdef.pickle"  # kept by older code
    other_code.write_bytes(pickle.dumps({}))
    made = _made(monkeypatch)
    build(CONTENT, tmp_path / "site", processes=1)
    assert made["charts"] > 100 and made["tables"] == made["stems"] == 0  # the damaged charts
    assert not other_code.exists()
    assert len(pickle.loads(charts.read_bytes())) == made["charts"]
    assert files_of(tmp_path / "site") == from_nothing[0]


def test_other_code_or_another_library_release_keeps_its_results_apart_and_a_link_keeps_none(
        tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE", tmp_path / "cache")
    code, libraries = tmp_path / "code", tmp_path / "libraries"
    code.mkdir()
    libraries.mkdir()
    (code / "a.py").write_text("A = 1\n", encoding="utf-8")
    (libraries / "stemmer.py").write_text("RELEASE = 1\n", encoding="utf-8")
    monkeypatch.setattr(diskcache, "CODE", code)
    monkeypatch.setattr(diskcache, "LIBRARIES", ("stemmer",))
    monkeypatch.syspath_prepend(str(libraries))
    seen = []

    def version():
        diskcache.code_version.cache_clear()
        seen.append(diskcache.code_version())
        return seen[-1]
    try:
        version()
        (code / "a.py").write_text("A = 2\n", encoding="utf-8")
        version()
        (libraries / "stemmer.py").write_text("RELEASE = 22\n", encoding="utf-8")  # an upgrade rewrites it
        version()
        assert None not in seen and len(set(seen)) == 3, seen
        (code / "b.py").symlink_to(code / "a.py")
        assert version() is None
        results = diskcache.KeptResults("charts-tr")
        assert results.get(b"key", lambda: "made") == "made"
        results.keep()
        assert not (tmp_path / "cache").exists()
    finally:
        diskcache.code_version.cache_clear()
