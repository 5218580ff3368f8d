"""English texts follow the Turkish text they translate, not the code they sit under.

A programme renumbers its activities, corrects a name, and next year repeats
most of its sentences word for word.  So a re-import looks English up by
the Turkish text: the English written for exactly this Turkish (anywhere in
the content, any year) is used; failing that, the English that sat in this
place is kept but marked `en_of: <hash of the Turkish it was written for>`,
which the build reports as possibly out of date until someone revises it
and deletes the line.  English that comes from another place or year is
listed once for review.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from portal.text import source_hash


def is_bilingual(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get("tr"), str) and "en" in value


def current(value) -> bool:
    """A bilingual value whose English translates the Turkish beside it."""
    en_of = value.get("en_of")
    return bool(value.get("en")) and (not en_of or en_of == source_hash(value["tr"]))


def memory(content: Path) -> dict[str, str]:
    """Turkish text -> its English, from every YAML file of the content (later years win)."""
    found: dict[str, str] = {}

    def walk(value) -> None:
        if is_bilingual(value):
            if value["tr"].strip() and current(value) and isinstance(value["en"], str):
                found[value["tr"]] = value["en"]
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted(content.rglob("*.yaml")) if content.is_dir() else []:
        try:
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # an unreadable file has nothing to lend
    return found


def translate(fresh: dict, old, known: dict[str, str], prefilled: list[str]) -> dict:
    """One bilingual value of a fresh import, with its English."""
    tr = fresh["tr"]
    out = {"tr": tr, "en": fresh["en"]}
    if is_bilingual(old) and old["tr"] == tr and old.get("en"):
        out["en"] = old["en"]
        if old.get("en_of"):
            out["en_of"] = old["en_of"]
    elif tr.strip() and tr in known:
        out["en"] = known[tr]
        if not (is_bilingual(old) and old.get("en") == known[tr]):
            prefilled.append(tr)
    elif is_bilingual(old) and old.get("en"):
        out["en"] = old["en"]  # kept, but written for another Turkish text: marked stale
        out["en_of"] = old.get("en_of") or source_hash(old["tr"])
    return out


FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)


def mark_stale_page(old_tr: str, new_tr: str, english: str) -> str | None:
    """The English page with `en_of:` added to its front matter when its Turkish original's
    text changed under a written translation; None when nothing is to be marked."""
    old, new, en = (FRONT_MATTER.match(x.replace("\r\n", "\n")) for x in (old_tr, new_tr, english))
    if not (old and new and en) or not en.group(2).strip() or "\nen_of:" in "\n" + en.group(1):
        return None
    if source_hash(old.group(2).strip()) == source_hash(new.group(2).strip()):
        return None
    return f"---\n{en.group(1)}\nen_of: {source_hash(old.group(2).strip())}\n---\n{en.group(2)}"
