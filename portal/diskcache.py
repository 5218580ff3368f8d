"""Results kept under .cache/ between builds, each named by a hash of all it was made
from: a changed input gets a new name, so nothing is ever served stale.

A kept file is only a shortcut.  One that is missing or damaged is made again, and a
checkout that cannot be written to still builds, making it every time.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable, Hashable, TypeVar

CACHE = Path(__file__).resolve().parent.parent / ".cache"
CODE = Path(__file__).resolve().parent  # the generator's code
CATALOGS = CODE.parent / "locale"
# the installed libraries whose work a kept result holds (the model's parser, the number
# formats, the templates' escaping, the stemmer): an upgrade makes everything again
LIBRARIES = ("babel", "jinja2", "markupsafe", "snowballstemmer", "yaml")
T = TypeVar("T")


def kept(path: Path, make: Callable[[], bytes], use: Callable[[bytes], T]) -> T:
    """use() of the bytes kept at path; when they are missing or use() rejects them, of
    make()'s, which are kept there for the next build (write_kept)."""
    try:
        return use(path.read_bytes())
    except Exception:  # noqa: BLE001  not there yet, or damaged: made again
        pass
    made = make()
    write_kept(path, made)
    return use(made)


def write_kept(path: Path, data: bytes) -> None:
    """Write aside, then rename into place: a process reading at the same time never sees
    half a file.  A checkout that cannot be written to keeps nothing."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:  # read-only checkout
        partial.unlink(missing_ok=True)


class Link(Exception):
    """A folder whose digest is wanted holds a link: its target can change unseen."""


def digest_files(digest, folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    """Add to `digest` every file under `folder` (with one of `suffixes`): its path and its
    bytes, in one order.  Raises Link for a link, OSError for a file that cannot be read."""
    def refused(error: OSError) -> None:
        raise error

    for parent, folders, names in os.walk(folder, onerror=refused):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in (*folders, *names):
            if os.path.islink(os.path.join(parent, name)):
                raise Link(os.path.join(parent, name))
        for name in sorted(names):
            if suffixes is None or name.endswith(suffixes):
                path = Path(parent, name)
                data = path.read_bytes()
                digest.update(f"\x00{path.relative_to(folder).as_posix()}\x00{len(data)}\x00".encode("utf-8") + data)


def installed_stamp(module: str) -> tuple:
    """A library as installed (an upgrade rewrites its files), without importing it."""
    spec = importlib.util.find_spec(module)
    found = os.stat(spec.origin) if spec and spec.origin else None
    return (module, found.st_size, found.st_mtime_ns) if found else (module,)


@lru_cache(maxsize=1)
def code_version() -> str | None:
    """The hash of what makes every kept result besides its own inputs: the generator's
    code and catalogs as this process read them first, and the Python and libraries they
    run on.  None where they cannot be read whole: nothing is kept then."""
    digest = hashlib.sha256(repr((sys.version, pickle.HIGHEST_PROTOCOL, [installed_stamp(m) for m in LIBRARIES]))
                            .encode("utf-8"))
    try:
        digest_files(digest, CODE, (".py",))
        digest_files(digest, CATALOGS, (".po",))
    except (OSError, Link):
        return None
    return digest.hexdigest()[:32]


class KeptResults:
    """One pure function's results from the last full build, in one file under
    .cache/results/ named by the code (code_version()): the first pass of a new process
    then makes only what changed since, and later passes find in memory what they made
    before.  The file holds the results the last full pass used, so it never grows past
    one site's."""

    LIMIT = 4096  # results held in memory: a preview's edits add a few each save

    def __init__(self, name: str):
        self.name = name
        version = code_version()
        self.path = CACHE / "results" / f"{name}-{version}.pickle" if version else None
        self._kept: dict | None = None  # the file's, by stable key: read on first use
        self._held: dict = {}  # this process's, by key: (stable key, result)
        self._used: dict = {}  # the results asked for since the last keep(), by stable key
        self._changed = False

    def get(self, key: Hashable, make: Callable[[], T], stable: Callable[[Hashable], Hashable] | None = None) -> T:
        """The result made from `key`: held, kept, or made now.  `stable` gives the key the
        file knows it by (a hash of everything it is made from, the same in every process),
        where the key itself is not that."""
        held = self._held.get(key)
        if held is None:
            name = key if stable is None else stable(key)
            if self._kept is None:
                self._kept = self._read()
            result = self._kept.get(name)
            if result is None:
                result, self._changed = make(), True
            held = self._held[key] = (name, result)
            _bound(self._held, self.LIMIT)
        self._used[held[0]] = held[1]
        _bound(self._used, self.LIMIT)
        return held[1]

    def keep(self) -> None:
        """After a full pass: write the results it used, when any was new or any went unused."""
        if self.path is not None and (self._changed or self._used.keys() != (self._kept or {}).keys()):
            for older in self.path.parent.glob(f"{self.name}-*.pickle"):
                if older != self.path:  # made by other code
                    older.unlink(missing_ok=True)
            write_kept(self.path, pickle.dumps(self._used, pickle.HIGHEST_PROTOCOL))
        self._kept, self._used, self._changed = self._used, {}, False

    def _read(self) -> dict:
        try:
            found = pickle.loads(self.path.read_bytes()) if self.path else {}
            return found if isinstance(found, dict) else {}
        except Exception:  # noqa: BLE001  not there yet, or damaged: made again
            return {}


def _bound(held: dict, limit: int) -> None:
    while len(held) > limit:
        del held[next(iter(held))]


def digest_of(key: Hashable) -> bytes:
    """A stable key for KeptResults: the hash of the key's repr (every field, in order)."""
    return hashlib.sha256(repr(key).encode("utf-8")).digest()


_KEPT: dict[tuple[str, str], KeptResults] = {}  # this process's, by kind and language


def kept_results(kind: str, lang: str) -> KeptResults:
    """The results of one kind (charts, tables...) for one language's pages in this process:
    one reader and writer of its file."""
    found = _KEPT.get((kind, lang))
    if found is None:
        found = _KEPT[kind, lang] = KeptResults(f"{kind}-{lang}")
    return found


def keep_language(lang: str) -> None:
    """After a full pass over one language's pages: keep every kind of result it used.  Each
    process keeps only the languages it rendered, so the two never write one file."""
    for (_, of), results in _KEPT.items():
        if of == lang:
            results.keep()


def forget_kept() -> None:
    """Drop every result held in memory, as a new process starts (the files stay)."""
    _KEPT.clear()
