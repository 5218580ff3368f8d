"""Every kind of field the content has, found in the content itself, and an edit of each.

A kind is a file pattern and a key path with list positions left out
(`2024/goals/*.yaml`, `activities[].budget.6`): the tests edit one field of
each kind, so a new field in the content is covered without being listed here.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d{2}$")
NUMBERED = re.compile(r"\.\d+(?=\.|$)")  # economic codes and years: budget.6 is of the kind budget.N


@dataclass(frozen=True)
class Edit:
    kind: str  # "2024/goals/*.yaml activities[].name.tr"
    file: str  # relative to the content folder
    start: int  # the field's place in the file's text
    end: int
    replacement: str

    def apply(self, content: Path) -> str:
        """Make the edit; returns the file's text before it."""
        path = content / self.file
        text = path.read_text(encoding="utf-8")
        path.write_text(text[:self.start] + self.replacement + text[self.end:], encoding="utf-8")
        return text


def turkish_amount(value: Decimal) -> str:
    whole, frac = f"{value:.2f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def _pattern(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) > 1 and parts[-2] in ("goals", "units", "pages"):
        parts[-1] = "*" + "".join(Path(parts[-1]).suffixes[-2:] if parts[-2] == "pages" else Path(parts[-1]).suffix)
    return "/".join(parts)


def _scalars(node, path: str):
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, f"{path}.{key.value}" if path else key.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, path + "[]")
    elif isinstance(node, yaml.ScalarNode):
        yield path, node


def _edit_for(node: yaml.ScalarNode, path: str) -> str | None:
    """The new source text of this field, or None when it is neither a text nor an amount."""
    if AMOUNT.match(node.value):
        new = turkish_amount(Decimal(node.value.replace(".", "").replace(",", ".")) + 1000)
        return f"'{new}'" if node.style == "'" else new
    if path.endswith((".tr", ".en")) or path in ("tr", "en"):
        return json.dumps(node.value + " düzeltme" if node.value else "yeni metin", ensure_ascii=False)
    return None


def edits_by_kind(content: Path) -> dict[str, Edit]:
    """One edit of each kind of text field and amount, the first of its kind in the content."""
    found: dict[str, Edit] = {}
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content).as_posix()
        if path.suffix == ".yaml":
            for key, node in _scalars(yaml.compose(path.read_text(encoding="utf-8")), ""):
                replacement = _edit_for(node, key)
                kind = f"{_pattern(rel)} {re.sub(NUMBERED, '.N', key)}"
                if replacement is not None and kind not in found:
                    found[kind] = Edit(kind, rel, node.start_mark.index, node.end_mark.index, replacement)
        elif path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            title = re.search(r"^title: (.*)$", text, re.M)
            for kind, start, end, replacement in (
                    (f"{_pattern(rel)} title", title.start(1), title.end(1), title.group(1) + " düzeltme"),
                    (f"{_pattern(rel)} body", len(text), len(text), "\nBir paragraf daha.\n")):
                found.setdefault(kind, Edit(kind, rel, start, end, replacement))
    return found
