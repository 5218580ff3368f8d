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
import pickle
from pathlib import Path

from portal.diskcache import CACHE, Link, code_version, digest_files, kept
from portal.model import Site

SITE_CACHE = CACHE / "site"
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
    """The hash of all the loader reads, and of the code that reads it; None where the
    content holds a link (whose target may change unseen) or a file vanishes while it is read."""
    code = code_version()
    if code is None or not content.is_dir():
        return None
    digest = hashlib.sha256(repr((str(content), str(content.resolve()), code)).encode("utf-8"))
    try:
        digest_files(digest, content)
    except (OSError, Link):
        return None
    return digest.hexdigest()[:32]


def _prune() -> None:
    """Keep the newest few sites: each is about a megabyte."""
    try:
        kept_files = sorted(SITE_CACHE.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept_files[KEPT_SITES - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
