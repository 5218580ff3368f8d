"""Results kept under .cache/ between builds, each file named by a hash of all it was
made from: a changed input gets a new name, so nothing is ever served stale.

A kept file is only a shortcut.  One that is missing or damaged is made again, and a
checkout that cannot be written to still builds, making it every time.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, TypeVar

CACHE = Path(__file__).resolve().parent.parent / ".cache"
T = TypeVar("T")


def kept(path: Path, make: Callable[[], bytes], use: Callable[[bytes], T]) -> T:
    """use() of the bytes kept at path; when they are missing or use() rejects them, of
    make()'s, which are kept there for the next build (written aside, then renamed into
    place, so that a process reading at the same time never sees half a file)."""
    try:
        return use(path.read_bytes())
    except Exception:  # noqa: BLE001  not there yet, or damaged: made again
        pass
    made = make()
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(made)
        os.replace(partial, path)
    except OSError:  # read-only checkout
        partial.unlink(missing_ok=True)
    return use(made)
