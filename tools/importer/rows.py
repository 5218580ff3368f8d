"""Rows of the document's tables: cells to text, and a row's amounts.

Shared by the table readers (listings.py, goaltables.py, sectiond.py), so
that every table reads an empty cell, a stray empty cell and a row of runs
of spaces the same way.
"""
from __future__ import annotations

from decimal import Decimal

from tools.importer.amounts import amount
from tools.importer.errors import ImportProblem
from tools.importer.normalise import Document


def text_of(cells: list[str]) -> str:
    return " ".join(" ".join(cells).split())


def join(a: str, b: str) -> str:
    return text_of([a, b]) if a else text_of([b])


def positional_amounts(doc: Document, i: int, skip: int, expected: int, what: str) -> list[Decimal]:
    """The amounts of a row after its `skip` label cells.  With tabs an empty cell keeps its
    place (and reads as zero); with runs of spaces it cannot, so the count must be right."""
    cells = doc.all_cells(i)
    labels = 0
    while cells and labels < skip:  # the label cells, and the empty ones before them
        labels += cells.pop(0) != ""
    rest = cells
    filled = [c for c in rest if c]
    if len(filled) == expected:
        return [amount(c, i + 1, what) for c in filled]  # stray empty cells around full ones
    while len(rest) > expected and rest[-1] == "":
        rest.pop()
    if len(rest) < expected and "\t" in doc.lines[i]:
        rest += [""] * (expected - len(rest))
    if len(rest) != expected:
        hint = "" if "\t" in doc.lines[i] else (
            "; its cells are separated by spaces, so an empty cell leaves no trace and the amounts cannot be "
            "placed in their columns: write '-' for a zero, or convert the PDF keeping tabs between cells")
        raise ImportProblem(i + 1, f"{what}: found {len([c for c in rest if c])} amount(s), expected {expected}{hint}")
    return [amount(c, i + 1, what) for c in rest]


