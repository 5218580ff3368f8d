"""Write a finished build atomically: a temporary folder swapped into place.

A build either replaces the whole output folder or leaves it untouched;
a reader never sees a half-written site.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class DuplicateOutput(Exception):
    pass


class Output:
    """The files of one build, by site-relative path; one producer per path."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: bytes | str) -> None:
        rel = PurePosixPath(path)
        if rel.is_absolute() or ".." in rel.parts:
            raise ValueError(f"output path {path!r} leaves the site folder")
        key = rel.as_posix()
        if key in self.files:
            raise DuplicateOutput(f"two outputs for one path: {key}")
        self.files[key] = content.encode("utf-8") if isinstance(content, str) else content


def write_atomically(output: Output, target: Path) -> None:
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        for folder in sorted({os.path.dirname(rel) for rel in output.files} - {""}):
            os.makedirs(staging / folder, exist_ok=True)
        for rel, content in output.files.items():
            with open(staging / rel, "wb") as f:
                f.write(content)
        os.chmod(staging, 0o755)
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            os.rename(target, retired / "site")
            os.rename(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
