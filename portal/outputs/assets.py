"""Static files with content hashes in their names, so they can be cached for a year."""
from __future__ import annotations

import hashlib
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent.parent / "static"


def fingerprinted(name: str, content: bytes) -> str:
    stem, dot, ext = name.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:10]
    return f"assets/{stem}.{digest}.{ext}"


def static_assets() -> dict[str, tuple[str, bytes]]:
    """logical name -> (site path, bytes) for every file in static/."""
    out = {}
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            name = path.relative_to(STATIC).as_posix()
            out[name] = (fingerprinted(name, content), content)
    return out
