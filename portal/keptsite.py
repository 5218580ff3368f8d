"""The loaded site, kept under .cache/site/ between builds and named by everything the
loader reads: each content file's name and bytes, and the code and catalogs that read
them.  A build of content that passed before unpickles the model (about 10 ms) instead of
parsing and checking it again (120 to 180 ms, before any page can be rendered).

Every build takes the model through pickle, kept or not, so a build from a kept site and
one that loaded the content write the same bytes.  Content with a problem is never kept:
it raises before anything is written.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
from pathlib import Path

import babel

from portal.diskcache import CACHE, kept
from portal.model import Site

SITE_CACHE = CACHE / "site"
CODE = Path(__file__).resolve().parent  # the loader and the model
CATALOGS = CODE.parent / "locale"
KEPT_SITES = 4  # the newest few: a checkout switching between branches or years keeps each


def kept_site(content: Path) -> Site:
    """The site as load() reads it from `content`, kept from an earlier build of the same files."""
    key = _key(content)
    if key is None:  # not a plain folder of files: read it as it is
        return pickle.loads(_loaded(content))

    def make() -> bytes:
        _prune()
        return _loaded(content)
    return kept(SITE_CACHE / f"{key}.pickle", make, pickle.loads)


def _loaded(content: Path) -> bytes:
    from portal.load import load  # with its YAML parser, imported only when the content is read

    return pickle.dumps(load(content), pickle.HIGHEST_PROTOCOL)


def _key(content: Path) -> str | None:
    """The hash of all the loader reads; None where the content holds a link (whose target
    may change unseen) or a file vanishes while it is read."""
    digest = hashlib.sha256(repr((str(content), str(content.resolve()), sys.version, _parser_stamp(),
                                  babel.__version__, pickle.HIGHEST_PROTOCOL)).encode("utf-8"))
    try:
        for folder, suffixes in ((content, None), (CODE, (".py",)), (CATALOGS, (".po",))):
            if not folder.is_dir():
                return None
            for path in _files(folder, suffixes):
                data = path.read_bytes()
                digest.update(f"\x00{path.relative_to(folder).as_posix()}\x00{len(data)}\x00".encode("utf-8") + data)
    except (OSError, _Link):
        return None
    return digest.hexdigest()[:32]


class _Link(Exception):
    pass


def _files(folder: Path, suffixes: tuple[str, ...] | None) -> list[Path]:
    """Every file under `folder` (with one of `suffixes`), in one order, links refused."""
    found = []
    for parent, folders, names in os.walk(folder, onerror=_raise):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in (*folders, *names):
            if os.path.islink(os.path.join(parent, name)):
                raise _Link()
        found.extend(Path(parent, name) for name in sorted(names) if suffixes is None or name.endswith(suffixes))
    return found


def _raise(error: OSError) -> None:
    raise error


def _prune() -> None:
    """Keep the newest few sites: each is about a megabyte."""
    try:
        kept_files = sorted(SITE_CACHE.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept_files[KEPT_SITES - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _parser_stamp() -> tuple:
    """The YAML library as installed (an upgrade rewrites it), without importing it: it is
    needed only when the content is read."""
    spec = importlib.util.find_spec("yaml")
    found = os.stat(spec.origin) if spec and spec.origin else None
    return (found.st_size, found.st_mtime_ns) if found else ()
