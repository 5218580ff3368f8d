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
from portal.text import fold, lower_tr

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


def cell_label(tr_markdown: str, en_markdown: str, number: int, row: int | None = None,
               column: int | None = None) -> Text:
    """Where in a table, in both languages: 'Tablo 6, Okuryazar, TOPLAM SAYI' and, from the
    translated page's same table, row and column, 'Table 6, Literate, TOTAL NUMBER' (a row
    or a column alone without the other)."""
    labels = []
    for markdown in (tr_markdown, en_markdown):
        table = next((t for t in tables_in(markdown) if t.number == number), None) if markdown else None
        if table is None or (row is not None and row >= len(table.rows)):
            labels.append("")
            continue
        parts = [table.caption] + ([table.rows[row][0]] if row is not None else [])
        labels.append(", ".join(parts + ([column_header(table, column)] if column is not None else [])))
    return Text(*labels)


# ----------------------------------------------------- what the text says about its tables
# A whole number in running text: not a percentage, not part of a decimal or a date, not
# "67'si" (a number with a suffix is the end of a phrase whose label came before it).
_FIGURE = re.compile(r"(?<![\w%.,/'’])(\d{1,3}(?:\.\d{3})+|\d+)(?![\w%'’]|[.,/]\d)")
_WORD = re.compile(r"[\w-]+")
_CLAUSE_END = re.compile(r"[,;:.()]|\s\d")  # a clause ends at its punctuation or the next figure
# words between a figure and what it counts: "10 adet personelimiz ise yüksek lisans"
_MEASURE = ("adet", "adedi", "kisi", "tane")
_PARTICLES = ("de", "da", "ise")


def _key(words) -> str:
    """A label as the text and a table may both print it: 'okur-yazar' is 'Okuryazar'."""
    return re.sub(r"[^a-z0-9]", "", fold(" ".join(words)))


def _counted(word: str) -> bool:
    """A word that says what unit a figure counts rather than what it counts: 'adet', 'kişi',
    'personelimiz'."""
    w = fold(word)
    return w in _MEASURE or w in _PARTICLES or w.startswith("personel")


@dataclass(frozen=True)
class TextFigure:
    """A count the text states next to a label ('10 adet personelimiz okur-yazar')."""

    stated: Decimal
    label: str  # the label's words as the text prints them
    quote: str  # the clause, from the figure on, as printed
    line: int  # in the page's Markdown


def figures_in_text(markdown: str) -> tuple[TextFigure, ...]:
    """Each whole number of the running text (not a table, caption or heading) with the words
    after it up to the end of its clause, the units it counts in ('adet', 'kişi') left out."""
    out = []
    for number, line in enumerate(markdown.splitlines(), 1):
        text = line.strip()
        if not text or text.startswith(("|", "#")) or _CAPTION.match(text):
            continue
        for m in _FIGURE.finditer(text):
            end = _CLAUSE_END.search(text, m.end())
            clause = text[m.end():end.start() if end else len(text)]
            words = _WORD.findall(clause)
            while words and _counted(words[0]):
                words.pop(0)
            if words:
                out.append(TextFigure(Decimal(m[1].replace(".", "")), " ".join(words),
                                      text[m.start():end.start() if end else len(text)].strip(), number))
    return tuple(out)


def _header_rows(table: Table) -> list[tuple[str, ...]]:
    """The rows above the first row of figures, without a title row (one cell across)."""
    rows = []
    for r in table.rows:
        if any(count(c) is not None for c in r[1:]):
            break
        if any(c for c in r[1:]):
            rows.append(r)
    return rows


def _headings(table: Table) -> list[list[tuple[str, int, int]]]:
    """Each header row's headings as (text, first column, end): a heading reaches to the next
    heading of its row or of a row above it ('MEVCUT' under 'SÖZLEŞMELİ' stops where
    'TAŞERON İŞÇİ' starts)."""
    out, bounds = [], set()
    for row in _header_rows(table):
        starts = [i for i in range(1, len(row)) if row[i]]
        bounds |= set(starts)
        out.append([(row[i], i, min([b for b in bounds if b > i] + [len(row)])) for i in starts])
    return out


def _columns(table: Table) -> list[tuple[str, int]]:
    """(heading, the column of its count) for each column heading: a heading over several
    columns ('MEMUR' over 'SAYI' and '%') counts in the first that is not a percentage."""
    headings = _headings(table)
    percent = {i for row in headings for text, i, _ in row if text.strip() == "%"}
    return [(text, next(c for c in range(start, end) if c not in percent))
            for row in headings for text, start, end in row
            if any(c not in percent for c in range(start, end))]


def column_header(table: Table, column: int) -> str:
    """The headings over a column, top first: 'TOPLAM SAYI', 'MEMUR MEVCUT' ('%' left out)."""
    return " ".join(text for row in _headings(table) for text, start, end in row
                    if start <= column < end and text.strip() != "%")


def table_cells(table: Table, label: str) -> list[tuple[int, int]]:
    """Where `table` gives the count a label names, as (row index, column): a row's figure in
    the TOTAL column (or the table's only column of figures), or a column's figure in the TOTAL
    row.  A label the table prints twice, or a table without that total, gives nothing."""
    key = _key(label.split())
    index = _cell_index(table)
    rows, named = index.rows.get(key, ()), index.columns.get(key, ())
    found = []
    if len(rows) == 1 and index.value_column is not None:
        found.append((rows[0], index.value_column))
    if len(named) == 1 and index.total is not None:
        found.append((index.total, named[0]))
    return found if len(found) == 1 else []


@dataclass(frozen=True)
class _CellIndex:
    rows: dict[str, list[int]]  # a row label's key -> the rows of figures it heads
    columns: dict[str, list[int]]  # a column heading's key -> the columns of its counts
    value_column: int | None  # the TOTAL column, or the only column of figures
    total: int | None  # the TOTAL row


@lru_cache(maxsize=1024)
def _cell_index(table: Table) -> _CellIndex:
    """What table_cells looks a label up in, made once per table: a page's text names its
    tables' cells many times, with up to four words of each label."""
    columns = _columns(table)
    total_columns = [c for h, c in columns if _key([h]) == "toplam"]
    figure_columns = {c for r in table.rows for c in range(1, len(r)) if count(r[c]) is not None}
    value_column = total_columns[0] if len(total_columns) == 1 else \
        next(iter(figure_columns)) if len(figure_columns) == 1 else None
    rows: dict[str, list[int]] = {}
    for i, r in enumerate(table.rows):
        if r and any(count(c) is not None for c in r[1:]):
            rows.setdefault(_key([r[0]]), []).append(i)
    named: dict[str, list[int]] = {}
    for h, c in columns:
        named.setdefault(_key([h]), []).append(c)
    total = table.total_row()
    return _CellIndex(rows, named, value_column, None if total is None else table.rows.index(total))


def labelled(markdown: str, figure: TextFigure) -> list[tuple[Table, int, int]]:
    """The cells of the page's tables that a figure of its text names: its label's words
    from the start, as long as a table prints them as one label ('yüksek lisans', not
    'yüksek'), and only where that label picks one cell of the table."""
    words = figure.label.split()
    out = []
    for table in tables_in(markdown):
        for n in range(min(len(words), 4), 0, -1):
            cells = table_cells(table, " ".join(words[:n]))
            if cells:
                out.extend((table, row, column) for row, column in cells)
                break
    return out
