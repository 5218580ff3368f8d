"""Text -> numbered lines of cells, with the page furniture blanked.

PDF converters differ in how they show a table: one writes a tab between
cells, another pads with spaces.  Both are read the same way: a tab or a run
of two or more spaces separates cells.  Lines keep their numbers (a removed
line is blanked, not dropped), so every message names the line in the file
the staff member opened.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tools.importer.labels import is_label, key

TAG = re.compile(r"</?b>|\*\*")
SEPARATOR = re.compile(r"\t| {2,}")
# A page number alone, or "Sayfa 3 / 120", "- 3 -", "3/120".
PAGE_NUMBER = re.compile(r"^(?:sayfa )?\d{1,4}(?: \d{1,4})?$")  # matched on the folded key
# A short line printed on this many pages is a running header or footer.
FURNITURE_REPEATS = 5
FURNITURE_MAX_WORDS = 8


PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
PIPE_RULE = re.compile(r"^[\s|:-]*-[\s|:-]*$")


def normalise_text(text: str) -> str:
    """One spelling for line ends, spaces and cells: CRLF/CR -> LF; NBSP, narrow NBSP and
    other fixed-width spaces -> space; a form feed (a page break) -> a line end; a Markdown
    table row (`| a | b |`, what PDF-to-Markdown converters write) -> tab-separated cells."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    for space in ("\u00a0", "\u202f", "\u2007", "\u2009"):
        text = text.replace(space, " ")
    text = text.lstrip("\ufeff")
    if "|" in text:
        text = "\n".join(_pipe_row(x) for x in text.split("\n"))
    return text


def _pipe_row(line: str) -> str:
    m = PIPE_ROW.match(line)
    if not m:
        return line
    if PIPE_RULE.match(line):
        return ""  # the |---|---| rule under a Markdown table's header
    return "\t".join(c.strip() for c in m.group(1).split("|"))


def split_cells(line: str) -> list[str]:
    """Every cell of a line, empty ones included, without bold markup."""
    plain = TAG.sub("", line).rstrip()
    if not plain.strip():
        return []
    return [c.strip() for c in SEPARATOR.split(plain)]


@dataclass
class Document:
    """The normalised text: `lines[n - 1]` is line n of the file."""

    lines: list[str]
    furniture: set[int]  # 0-based indexes of lines blanked as page furniture

    def cells(self, i: int) -> list[str]:
        """The non-empty cells of line index i."""
        return [c for c in split_cells(self.lines[i]) if c]

    def all_cells(self, i: int) -> list[str]:
        return split_cells(self.lines[i])

    def blank(self, i: int) -> bool:
        """Nothing on the line but spaces (a line of tabs only is a row of empty cells)."""
        return not self.lines[i].strip(" ")

    def empty_row(self, i: int) -> bool:
        return not self.blank(i) and not self.cells(i)

    def plain(self, i: int) -> str:
        return TAG.sub("", self.lines[i]).strip()

    def key(self, i: int) -> str:
        return key(self.plain(i))


def furniture_lines(lines: list[str]) -> set[int]:
    """Running headers and footers, found by repetition rather than by name, so that any
    municipality's header goes: short one-cell lines printed on many pages, bare page
    numbers and "Sayfa n / m"."""
    keys = [_furniture_key(x) for x in lines]
    counts = Counter(k for k in keys if k)
    out = set()
    for i, k in enumerate(keys):
        if not k:
            continue
        if PAGE_NUMBER.match(k) or counts[k] >= FURNITURE_REPEATS:
            out.add(i)
    return out


def _furniture_key(line: str) -> str:
    if line.startswith(("\t", "  ")):
        return ""  # indented: a cell of a table, not a page header
    plain = TAG.sub("", line).strip().lstrip("#").strip()
    if not plain or "\t" in line or SEPARATOR.search(plain) or len(plain.split()) > FURNITURE_MAX_WORDS:
        return ""
    folded = key(plain)
    if is_label(folded):
        return ""
    if re.search(r"[a-z]", folded) and re.search(r"\d", folded) and not folded.startswith("sayfa"):
        return ""  # "2024 mali yılı ..." and numbered items are text, not furniture
    return folded if folded else ""


def markdown_rules(text: str) -> set[int]:
    """The |---|---| rules under Markdown tables' first rows: the converter's, not the
    document's, so they are furniture (a table goes on across its rule)."""
    if "|" not in text:
        return set()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    return {i for i, x in enumerate(lines) if PIPE_ROW.match(x) and PIPE_RULE.match(x)}


def document(text: str) -> Document:
    lines = normalise_text(text).split("\n")
    furniture = furniture_lines(lines) | markdown_rules(text)
    return Document([("" if i in furniture else x) for i, x in enumerate(lines)], furniture)
