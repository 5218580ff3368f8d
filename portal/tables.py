"""Markdown tables of the general-information pages, read back as cells.

The tables are the document's own (staff figures, legislation); reading
them lets the reconciliation add up their columns and check what the text
says about them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from portal.model import Text
from portal.text import lower_tr

_CAPTION = re.compile(r"^((?:Tablo|Table) (\d+))\b")
_COUNT = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})*$|^[0-9]+$")


@dataclass(frozen=True)
class Table:
    caption: str  # "Tablo 6" ("Table 6" in a translation), the document's own numbering
    number: int
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


@lru_cache(maxsize=1024)
def tables_in(markdown: str) -> tuple[Table, ...]:
    """Read once per page text: loading and reconciling ask for the same tables many times."""
    tables: list[Table] = []
    caption, table_number, caption_line, rows = "", 0, 0, []
    for number, line in enumerate(markdown.splitlines() + [""], 1):
        stripped = line.strip()
        if stripped.startswith("|"):
            if not re.match(r"^\|[-|: ]+\|$", stripped):
                rows.append(tuple(c.strip().replace("\\|", "|") for c in stripped.strip("|").split(" | ")))
            continue
        if rows:
            tables.append(Table(caption, table_number, tuple(rows), caption_line))
            rows = []
        m = _CAPTION.match(stripped)
        if m:
            caption, table_number, caption_line = m.group(1), int(m.group(2)), number
    return tuple(tables)


def cell_label(tr_markdown: str, en_markdown: str, number: int, row: int, column: int | None = None) -> Text:
    """'Tablo 6, Okuryazar' and, from the translated page's same table and row, 'Table 6, Literate'."""
    labels = []
    for markdown in (tr_markdown, en_markdown):
        table = next((t for t in tables_in(markdown) if t.number == number), None) if markdown else None
        if table is None or row >= len(table.rows):
            labels.append("")
            continue
        labels.append(f"{table.caption}, {table.rows[row][0]}" if column is None else table.caption)
    return Text(*labels)
