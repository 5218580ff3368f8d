"""Static files with content hashes in their names, so they can be cached for a year."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent.parent / "static"


def fingerprinted(name: str, content: bytes) -> str:
    stem, dot, ext = name.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:10]
    return f"assets/{stem}.{digest}.{ext}"


CSS_COMMENT = re.compile(rb"/\*.*?\*/\n?", re.S)
JS_COMMENT_LINE = re.compile(rb"^[ \t]*//[^\n]*\n", re.M)


def published(name: str, content: bytes) -> bytes:
    """A static file as readers download it: the comments written for the project's
    developers (whole `//` lines in scripts, `/* */` in style sheets) left out, a fifth of
    the bytes.  The stemmers' licence headers are block comments, and stay."""
    if name.endswith(".css"):
        return CSS_COMMENT.sub(b"", content)
    if name.endswith(".js"):
        return JS_COMMENT_LINE.sub(b"", content)
    return content


def static_assets() -> dict[str, tuple[str, bytes]]:
    """logical name -> (site path, bytes) for every file in static/."""
    out = {}
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            content = published(path.name, path.read_bytes())
            name = path.relative_to(STATIC).as_posix()
            out[name] = (fingerprinted(name, content), content)
    return out
