"""Markdown tables of the general-information pages, read back as cells.

The tables are the document's own (staff figures, legislation); reading
them lets the reconciliation add up their columns and check what the text
says about them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from portal.text import lower_tr

_CAPTION = re.compile(r"^(Tablo \d+)\b")
_COUNT = re.compile(r"^\d{1,3}(?:\.\d{3})*$|^\d+$")


@dataclass(frozen=True)
class Table:
    caption: str  # "Tablo 6", the document's own numbering
    rows: tuple[tuple[str, ...], ...]
    line: int  # of the caption, in the page's Markdown

    def row(self, label: str) -> tuple[str, ...] | None:
        wanted = lower_tr(label.strip())
        return next((r for r in self.rows if r and lower_tr(r[0]) == wanted), None)

    def total_row(self) -> tuple[str, ...] | None:
        return next((r for r in self.rows if r and lower_tr(r[0]) == "toplam"), None)


def count(cell: str) -> Decimal | None:
    """A whole-number cell as printed ('968', '1.150'); '-' is nought; anything else None."""
    cell = cell.strip()
    if cell == "-":
        return Decimal(0)
    return Decimal(cell.replace(".", "")) if _COUNT.match(cell) else None


def tables_in(markdown: str) -> list[Table]:
    tables: list[Table] = []
    caption, caption_line, rows = "", 0, []
    for number, line in enumerate(markdown.splitlines() + [""], 1):
        stripped = line.strip()
        if stripped.startswith("|"):
            if not re.match(r"^\|[-|: ]+\|$", stripped):
                rows.append(tuple(c.strip().replace("\\|", "|") for c in stripped.strip("|").split(" | ")))
            continue
        if rows:
            tables.append(Table(caption, tuple(rows), caption_line))
            rows = []
        m = _CAPTION.match(stripped)
        if m:
            caption, caption_line = m.group(1), number
    return tables
