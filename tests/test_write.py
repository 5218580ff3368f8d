"""A build is swapped in whole or not at all; one output per path."""
from __future__ import annotations

import os

import pytest

from portal.write import DuplicateOutput, Output, write_atomically


def test_two_outputs_for_one_path_are_refused():
    out = Output()
    out.add("tr/index.html", "a")
    with pytest.raises(DuplicateOutput):
        out.add("tr/index.html", "b")
    with pytest.raises(ValueError):
        out.add("../escape.html", "x")


def test_swap_replaces_the_whole_folder(tmp_path):
    target = tmp_path / "site"
    first = Output()
    first.add("old.txt", "old")
    write_atomically(first, target)
    second = Output()
    second.add("data/new.txt", "new")
    write_atomically(second, target)
    assert (target / "data/new.txt").read_text() == "new"
    assert not (target / "old.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.portal-build", "site"], \
        "no staging folders left behind, the marker beside the site"


def test_a_failed_write_leaves_the_previous_site(tmp_path):
    target = tmp_path / "site"
    first = Output()
    first.add("index.html", "kept")
    write_atomically(first, target)

    broken = Output()
    broken.add("a.html", "x")
    broken.files["b.html"] = None  # not bytes: writing it fails halfway
    with pytest.raises(TypeError):
        write_atomically(broken, target)
    assert (target / "index.html").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.portal-build", "site"]


def test_a_failed_swap_puts_the_previous_site_back(tmp_path, monkeypatch):
    import os

    from portal.write import StagedSite

    target = tmp_path / "site"
    first = Output()
    first.add("index.html", "kept")
    write_atomically(first, target)
    real_rename, calls = os.rename, []

    def rename(src, dst):
        calls.append(src)
        if len(calls) == 2:  # the new folder moving in
            raise OSError("disk full")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    staged = StagedSite(target)
    staged.add("index.html", "new")
    with pytest.raises(OSError):
        staged.commit()
    monkeypatch.setattr(os, "rename", real_rename)
    assert (target / "index.html").read_text() == "kept"


def test_a_fault_in_the_worker_process_fails_the_build_with_its_traceback(tmp_path, monkeypatch, capfd):
    """The Turkish half of a build runs in a forked process: a fault in the generator there
    still fails the whole build, leaves no output, and shows where it happened."""
    from portal import pipeline
    from portal.errors import WorkerError
    from tests.conftest import CONTENT

    real = pipeline.search_index

    def failing(site, lang, urls):
        if lang == "tr":
            raise KeyError("oops")
        return real(site, lang, urls)

    monkeypatch.setattr(pipeline, "search_index", failing)
    monkeypatch.setattr(pipeline, "_cores", lambda: 2)
    out = tmp_path / "site"
    with pytest.raises(WorkerError, match="KeyError: 'oops'"):
        pipeline.build(CONTENT, out)
    err = capfd.readouterr().err
    assert "Traceback" in err and "failing" in err
    assert not out.exists() and not list(tmp_path.glob(".site-new-*"))


def _open_files() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts this process's open files in /proc")
def test_a_build_that_cannot_fork_or_whose_own_half_fails_leaves_no_pipe_open(tmp_path, monkeypatch):
    """The preview renders again and again in one process: a render that fails must not leave
    its pipes open."""
    from portal import pipeline
    from tests.conftest import CONTENT

    monkeypatch.setattr(pipeline, "_cores", lambda: 2)
    pipeline.build(CONTENT, tmp_path / "warm")  # what a build keeps open for good (caches, imports)
    before = _open_files()

    def no_fork():
        raise OSError("no more processes")
    with monkeypatch.context() as patch:
        patch.setattr(os, "fork", no_fork)
        with pytest.raises(OSError, match="no more processes"):
            pipeline.build(CONTENT, tmp_path / "unforked")
    real = pipeline.search_index

    def failing(site, lang, urls):  # this process's language fails, the worker's does not
        if lang == "en":
            raise KeyError("oops")
        return real(site, lang, urls)
    monkeypatch.setattr(pipeline, "search_index", failing)
    with pytest.raises(KeyError):
        pipeline.build(CONTENT, tmp_path / "failed")
    assert _open_files() == before
    assert not (tmp_path / "unforked").exists() and not (tmp_path / "failed").exists()
