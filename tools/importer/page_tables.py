"""The cells of a general page's table, each in its column, or an import error.

A tab keeps an empty cell's place: "Toplam<tab>190<tab><tab>49" is Toplam,
190, (empty), 49.  A run of spaces does not: "Toplam    190    49" could be
the same row, or 190 and 49 in any two of the table's columns.  The build
adds up the columns and compares the text's statements with given cells
(portal/reconcile.py), so a figure in the wrong column would be published
as the document's own disagreement.  Hence the one rule: a row whose cells
are separated by spaces must have as many cells as the table's widest row;
otherwise the import stops at that row and says what to do.  No guess is
sound: not from the header's merged cells (a header says nothing of where a
figure stands), not from the column sums (they are what the build checks).
Nor is '-' in an empty cell a remedy: it reads as nought, and a nought in a
TOTAL row is a figure the document does not print.

Columns that are empty in every row are dropped: that loses nothing, and
reads a converter's stray empty cells (every tab doubled) as the document's
own table.
"""
from __future__ import annotations

from dataclasses import dataclass

from tools.importer.errors import ImportProblem


@dataclass
class Row:
    line: int  # in the file, for the message
    cells: list[str]  # trailing empty cells removed
    tabs: bool  # separated by tabs (empty cells kept their place)


def place(rows: list[Row]) -> list[list[str]]:
    """The table's rows, all of one width, every cell in its column."""
    width = max(len(r.cells) for r in rows)
    for r in rows:
        if not r.tabs and len(r.cells) < width:
            raise ImportProblem(r.line, f"a table row whose cells are separated by spaces has {len(r.cells)} "
                                        f"cell(s) where its table has {width}: the empty cells cannot be told "
                                        f"apart, so its figures could stand in several columns; convert the PDF "
                                        f"keeping tabs between cells, or separate this table's cells with tabs "
                                        f"(an empty cell is two tabs in a row)")
    grid = [r.cells + [""] * (width - len(r.cells)) for r in rows]
    keep = [n for n in range(width) if any(row[n] for row in grid)]
    return [[row[n] for n in keep] for row in grid]
