"""Write a finished build atomically: a staging folder swapped into place.

A build either replaces the whole output folder or leaves it untouched;
a reader never sees a half-written site.  Files go to the staging folder
as they are made, so even a build of many programmes never holds the
whole site in memory.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


MARKER = ".portal-build"  # says a folder is one this tool built: only such a folder is ever replaced


def marker_for(target: Path) -> Path:
    """The marker of an output folder, beside it (site/ -> .site.portal-build), so that a host
    publishing the folder never publishes it.  Builds before this one kept it inside the
    folder; such a folder is still recognised, and the next build leaves the marker out."""
    return target.parent / f".{target.name}{MARKER}"


def is_earlier_build(target: Path) -> bool:
    return marker_for(target).is_file() or (target / MARKER).is_file()


class DuplicateOutput(Exception):
    pass


class UnsafeTarget(Exception):
    """The output folder holds something that is not a previous build: never replace it."""


def check_target(target: Path, keep: tuple[Path, ...] = (), never_inside: tuple[Path, ...] = ()) -> None:
    """Refuse an output folder that is or holds a folder to keep (the project, the content),
    that sits inside the content, or that holds files but no build marker."""
    target = target.resolve()
    for folder in keep:
        if target == folder.resolve() or folder.resolve().is_relative_to(target):
            raise UnsafeTarget(f"refusing to build into {target}: it would replace {folder.resolve()}")
    for folder in never_inside:
        if target.is_relative_to(folder.resolve()):
            raise UnsafeTarget(f"refusing to build into {target}: it is inside {folder.resolve()}")
    if target.is_file():
        raise UnsafeTarget(f"refusing to build into {target}: it is a file")
    if target.is_dir() and any(target.iterdir()) and not is_earlier_build(target):
        raise UnsafeTarget(f"refusing to replace {target}: it holds files but no {MARKER} marker "
                           f"({marker_for(target)}), so it is not a site this tool built; choose a new or empty folder")


def checked(path: str) -> str:
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts:
        raise ValueError(f"output path {path!r} leaves the site folder")
    return rel.as_posix()


class Output:
    """The files of one build in memory, by site-relative path; one producer per path."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: bytes | str) -> None:
        key = checked(path)
        if key in self.files:
            raise DuplicateOutput(f"two outputs for one path: {key}")
        self.files[key] = content.encode("utf-8") if isinstance(content, str) else content

    # a worker process adds files to its own copy; the parent takes them over
    def mark(self) -> set[str]:
        return set(self.files)

    def since(self, mark: set[str]) -> dict[str, bytes]:
        return {key: data for key, data in self.files.items() if key not in mark}

    def absorb(self, files: dict[str, bytes]) -> None:
        for key, data in files.items():
            self.add(key, data)


class StagedSite:
    """The files of one build on disk, in a staging folder beside the target; `commit`
    swaps it in, anything else removes it.  One producer per path, as for Output."""

    def __init__(self, target: Path):
        self.target = target.resolve()
        check_target(self.target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}-new-", dir=self.target.parent))
        self._root = str(self.staging)
        self.paths: set[str] = set()
        self._folders: set[str] = set()

    def add(self, path: str, content: bytes | str) -> None:
        key = checked(path)
        if key in self.paths:
            raise DuplicateOutput(f"two outputs for one path: {key}")
        self.paths.add(key)
        self.write(key, content.encode("utf-8") if isinstance(content, str) else content)

    def write(self, key: str, content: bytes) -> None:
        self._make_folder(os.path.dirname(key))
        # os-level calls: a site is hundreds of small files, and Python's file objects
        # add a few system calls to each
        fd = os.open(os.path.join(self._root, key), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)

    def _make_folder(self, folder: str) -> None:
        if not folder or folder in self._folders:
            return
        self._make_folder(os.path.dirname(folder))
        try:
            os.mkdir(os.path.join(self._root, folder))
        except FileExistsError:  # made by the other process of a two-process build
            pass
        self._folders.add(folder)

    # a worker process writes into the staging folder itself; the parent claims its paths
    def mark(self) -> set[str]:
        return set(self.paths)

    def since(self, mark: set[str]) -> list[str]:
        return sorted(self.paths - mark)

    def absorb(self, keys: list[str]) -> None:
        """Paths another process wrote into the staging folder: still one producer per path."""
        for key in keys:
            if key in self.paths:
                raise DuplicateOutput(f"two outputs for one path: {key}")
            self.paths.add(key)

    def commit(self) -> None:
        """Two renames: the old folder aside, the new one in.  Should the second fail, the
        old folder goes back, so the target never ends up missing or half written."""
        os.chmod(self.staging, 0o755)
        marker_for(self.target).write_text(f"Built by build.py: the next build replaces {self.target.name}/.\n")
        if not self.target.exists():
            os.rename(self.staging, self.target)
            return
        retired = Path(tempfile.mkdtemp(prefix=f".{self.target.name}-old-", dir=self.target.parent))
        os.rename(self.target, retired / "site")
        try:
            os.rename(self.staging, self.target)
        except BaseException:
            os.rename(retired / "site", self.target)
            shutil.rmtree(retired, ignore_errors=True)
            raise
        shutil.rmtree(retired, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> "StagedSite":
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def write_atomically(output: Output, target: Path) -> None:
    with StagedSite(target) as staged:
        for key, content in output.files.items():
            staged.add(key, content)
