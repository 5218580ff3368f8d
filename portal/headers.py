"""The HTTP headers of the published site, as netlify.toml states them.

netlify.toml is the one place they are written; other static hosts are told
to send the same.  The preview sends them too, so that what may be framed
(only /embed/) is the same there, with one exception: the preview's live
reload runs an inline script, so its policy keeps only the framing rule.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "netlify.toml"


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern, dict[str, str]], ...]:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    return tuple((re.compile("^" + ".*".join(map(re.escape, rule["for"].split("*"))) + "$"), rule["values"])
                 for rule in config.get("headers", ()))


def headers_for(path: str) -> dict[str, str]:
    """The headers of the response for a site path ('/tr/2024/'): every matching rule in order,
    a later rule's header replacing an earlier one's, as the host merges them."""
    merged: dict[str, str] = {}
    for pattern, values in _rules():
        if pattern.match(path):
            merged.update(values)
    return merged


def preview_headers(path: str) -> dict[str, str]:
    """The published headers, with a policy that lets the preview's live-reload script run."""
    headers = headers_for(path)
    policy = headers.pop("Content-Security-Policy", "")
    framing = next((d.strip() for d in policy.split(";") if d.strip().startswith("frame-ancestors")), "")
    if framing:
        headers["Content-Security-Policy"] = framing
    headers.pop("Strict-Transport-Security", None)  # the preview is plain http on this machine
    headers.pop("Cache-Control", None)  # the preview decides its own caching
    return headers
