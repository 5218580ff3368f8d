"""A build takes the site kept from an earlier build only when nothing the loader reads has
changed: a figure edited since is published as edited, never as it was kept."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal import diskcache, keptsite
from portal.pipeline import build
from tests.content_edits import edits_by_kind
from tests.test_render_core import files_of

ACTIVITY_PAGE = "tr/2024/faaliyetler/1-5-2/index.html"


@pytest.fixture
def kept(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own (the project's stays as it is)."""
    folder = tmp_path / "kept"
    monkeypatch.setattr(keptsite, "SITE_CACHE", folder)
    return folder


def _no_second_load(monkeypatch) -> None:
    monkeypatch.setattr("portal.load.load", lambda *args: pytest.fail("the content was loaded again"))


def test_a_second_build_of_the_same_content_takes_the_kept_site_and_writes_the_same_bytes(
        content_copy, tmp_path, kept, monkeypatch):
    build(content_copy, tmp_path / "first")
    assert len(list(kept.glob("*.pickle"))) == 1
    _no_second_load(monkeypatch)
    build(content_copy, tmp_path / "second")
    first, second = files_of(tmp_path / "first"), files_of(tmp_path / "second")
    assert first.keys() == second.keys() and len(first) > 600
    assert [path for path in first if first[path] != second[path]] == []


def test_an_amount_edited_after_a_build_is_published_as_edited(content_copy, tmp_path, kept, monkeypatch):
    build(content_copy, tmp_path / "before")
    edit = next(e for kind, e in edits_by_kind(content_copy).items()
                if kind == "2024/goals/*.yaml activities[].budget.N")
    edit.apply(content_copy)
    build(content_copy, tmp_path / "after")
    monkeypatch.setattr(keptsite, "SITE_CACHE", tmp_path / "none-kept")
    build(content_copy, tmp_path / "loaded")
    before, after, loaded = (files_of(tmp_path / name) for name in ("before", "after", "loaded"))
    assert [path for path in after if after[path] != loaded.get(path)] == []
    changed = [path for path in after if after[path] != before.get(path)]
    assert any(path.endswith("/index.html") and "faaliyetler" in path for path in changed), changed
    assert "data/2024/activities.csv" in changed


def test_every_kind_of_edit_and_every_file_the_loader_reads_change_the_key(content_copy, tmp_path, monkeypatch):
    original = keptsite._key(content_copy)
    assert original is not None and keptsite._key(content_copy) == original
    for kind, edit in edits_by_kind(content_copy).items():
        before = edit.apply(content_copy)
        assert keptsite._key(content_copy) != original, kind
        (content_copy / edit.file).write_text(before, encoding="utf-8")
    assert keptsite._key(content_copy) == original
    official = next((content_copy / "2024" / "official").rglob("*.yaml"))
    official.write_bytes(official.read_bytes() + b"\n")  # the importer's reading, compared with the content
    assert keptsite._key(content_copy) != original
    official.write_bytes(official.read_bytes()[:-1])
    (content_copy / "2024" / "pages" / "new.tr.md").write_text("---\ntitle: Yeni\n---\nMetin.\n", encoding="utf-8")
    assert keptsite._key(content_copy) != original
    (content_copy / "2024" / "pages" / "new.tr.md").unlink()
    # the code that reads the content, and the catalogs its messages come from
    for folder, suffix in ((diskcache.CODE, ".py"), (diskcache.CATALOGS, ".po")):
        copy = tmp_path / folder.name
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("__pycache__"))
        monkeypatch.setattr(diskcache, "CODE" if suffix == ".py" else "CATALOGS", copy)
        diskcache.code_version.cache_clear()
        assert keptsite._key(content_copy) == original
        changed = next(copy.rglob(f"*{suffix}"))
        changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        diskcache.code_version.cache_clear()
        assert keptsite._key(content_copy) != original, suffix
        monkeypatch.undo()
        diskcache.code_version.cache_clear()


def test_a_damaged_kept_site_is_made_again(content_copy, tmp_path, kept):
    build(content_copy, tmp_path / "first")
    (kept_file,) = kept.glob("*.pickle")
    kept_file.write_bytes(kept_file.read_bytes()[:1000])
    build(content_copy, tmp_path / "second")
    assert files_of(tmp_path / "first")[ACTIVITY_PAGE] == files_of(tmp_path / "second")[ACTIVITY_PAGE]
    assert kept_file.stat().st_size > 100_000


def test_content_holding_a_link_is_loaded_on_every_build(content_copy, tmp_path, kept, monkeypatch):
    units = content_copy / "units"
    moved = tmp_path / "elsewhere.yaml"
    shutil.move(units / "fen-isleri.yaml", moved)
    (units / "fen-isleri.yaml").symlink_to(moved)  # its target can change without the folder changing
    assert keptsite._key(content_copy) is None
    build(content_copy, tmp_path / "site")
    assert not kept.exists() or not list(kept.glob("*.pickle"))
    assert "Fen İşleri" in (tmp_path / "site" / ACTIVITY_PAGE).read_text(encoding="utf-8")


def test_only_the_newest_kept_sites_stay(tmp_path, kept):
    kept.mkdir()
    for n in range(keptsite.KEPT_SITES + 3):
        (kept / f"{n:032d}.pickle").write_bytes(b"x")
    keptsite._prune()
    assert len(list(kept.glob("*.pickle"))) == keptsite.KEPT_SITES - 1  # room for the one being made

