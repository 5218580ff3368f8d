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

from portal.amounts import turkish_amount
from portal.official import OFFICIAL

AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d{2}$")
NUMBERED = re.compile(r"\.\d+(?=\.|$)")  # economic codes and years: budget.6 is of the kind budget.N


@dataclass(frozen=True)
class Edit:
    kind: str  # "2024/goals/*.yaml activities[].name.tr"
    file: str  # relative to the content folder
    start: int  # the field's place in the file's text
    end: int
    replacement: str
    note: tuple[tuple, str] | None = None  # (the item's place, field): the correction note the edit needs

    def apply(self, content: Path) -> str:
        """Make the edit (with its correction note); returns the file's text before it."""
        path = content / self.file
        text = path.read_text(encoding="utf-8")
        edited = text[:self.start] + self.replacement + text[self.end:]
        path.write_text(with_note(edited, *self.note) if self.note else edited, encoding="utf-8")
        return text


NOTE = """{i}- field: {field}
{i}  reason:
{i}    tr: Belediye Meclisi düzeltti.
{i}    en: Corrected by the Municipal Council.
{i}  authority:
{i}    tr: Belediye Meclisinin 5 Mart 2024 tarihli ve 45 sayılı kararı
{i}    en: Municipal Council decision no. 45 of 5 March 2024
{i}  date: 2024-03-05
"""


def _item(node, place: tuple):
    """The value at place (keys and 1-based positions) from the root."""
    for step in place:
        if isinstance(step, int):
            node = node.value[step - 1]
        else:
            node = next(v for k, v in node.value if k.value == step)
    return node


def with_note(text: str, place: tuple, field: str) -> str:
    """text with a correction note for `field` added to the item at place (keys and 1-based
    positions; () for the file's own item, a goal or the programme), as staff record a
    correction of the official document."""
    if text.startswith("---\n"):  # a general page: the note goes at the end of its front matter
        block, end = NOTE.format(i="", field=field), text.index("\n---", 3) + 1
        if "\ncorrections:\n" not in text[:end]:
            block = "corrections:\n" + block
        return text[:end] + block + text[end:]
    item = _item(yaml.compose(text), place)
    indent = " " * item.start_mark.column
    existing = next((v for k, v in item.value if k.value == "corrections"), None)
    if existing is not None:
        at, block = existing.end_mark.index, NOTE.format(i=indent, field=field)
    else:
        at, block = item.end_mark.index, f"{indent}corrections:\n" + NOTE.format(i=indent, field=field)
    at = text.rfind("\n", 0, at) + 1 if text[at - 1:at] != "\n" else at
    if at == 0:
        text, at = text + "\n", len(text) + 1
    return text[:at] + block + text[at:]


def _note_for(rel: str, steps: list, code: tuple) -> tuple[tuple, str] | None:
    """The correction note an edit of this field needs (portal/corrections.py): any amount
    or Turkish text of a year's goals, aims or programme, which the official reading has too.
    steps: the field's keys and 1-based list positions; code: the place of the item it is in."""
    parts = rel.split("/")
    if not parts[0].isdigit() or "official" in parts or parts[-1] == "statements.yaml" or rel.endswith(".en.md"):
        return None
    if rel.endswith(".tr.md"):
        return (), steps[0]  # a general page's title or text
    keys = [k for k in steps if isinstance(k, str)]
    if keys[-1:] == ["en"]:
        return None
    if len(keys) >= 2 and keys[-2] in ("budget", "off_budget"):
        return code, f"{keys[-2]}.{keys[-1]}"
    if "values" in keys and keys[0] == "indicators":
        return code, f"values.{keys[keys.index('values') + 1]}"
    if keys[:1] == ["values"]:  # the programme's values, by their place
        return (), f"values.{steps[1]}"
    if keys[-1:] == ["tr"] and keys[-2] in ("name", "measure", "text", "title", "mission", "vision"):
        return code, keys[-2]
    return None


def _pattern(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) > 1 and parts[-2] in ("goals", "units", "pages"):
        parts[-1] = "*" + "".join(Path(parts[-1]).suffixes[-2:] if parts[-2] == "pages" else Path(parts[-1]).suffix)
    return "/".join(parts)


def _scalars(node, path: str, steps: tuple = (), code: tuple = ()):
    """(key path, its keys and 1-based positions, the place of the item it is in, the value):
    an item is a mapping with a code or a number."""
    if isinstance(node, yaml.MappingNode):
        own = {k.value: v for k, v in node.value}
        if any(isinstance(own.get(name), yaml.ScalarNode) for name in ("code", "number")) and steps:
            code = steps
        for key, value in node.value:
            yield from _scalars(value, f"{path}.{key.value}" if path else key.value, steps + (key.value,), code)
    elif isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value, 1):
            yield from _scalars(item, path + "[]", steps + (n,), code)
    elif isinstance(node, yaml.ScalarNode):
        yield path, steps, code, node


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
            if f"/{OFFICIAL}/" in f"/{rel}":
                continue  # the official reading is the importer's, never edited
            for key, steps, code, node in _scalars(yaml.compose(path.read_text(encoding="utf-8")), ""):
                replacement = _edit_for(node, key)
                kind = f"{_pattern(rel)} {re.sub(NUMBERED, '.N', key)}"
                if replacement is not None and kind not in found:
                    found[kind] = Edit(kind, rel, node.start_mark.index, node.end_mark.index, replacement,
                                       _note_for(rel, list(steps), code))
        elif path.suffix == ".md" and f"/{OFFICIAL}/" not in f"/{rel}":
            text = path.read_text(encoding="utf-8")
            title = re.search(r"^title: (.*)$", text, re.M)
            for kind, field, start, end, replacement in (
                    (f"{_pattern(rel)} title", "title", title.start(1), title.end(1), title.group(1) + " düzeltme"),
                    (f"{_pattern(rel)} body", "text", len(text), len(text), "\nBir paragraf daha.\n")):
                found.setdefault(kind, Edit(kind, rel, start, end, replacement, _note_for(rel, [field], ())))
    return found
