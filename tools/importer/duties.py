"""Each unit's duties, where the document's sections on duties and organisation state them.

Many programmes describe every directorate in those sections: under a heading of its own
("Fen İşleri Müdürlüğü", "FEN İŞLERİ MÜDÜRLÜĞÜNÜN GÖREVLERİ", "1. Fen İşleri Müdürlüğü:"),
on a line of its own ("Fen İşleri Müdürlüğü: Yol, kaldırım ... yapmak."), or in a table of
a unit column and a duties column ("Birim | Görevleri").  Each form is read here.  A heading
or a row is a unit's only if it names a unit the programme names elsewhere (its tables or its
organisation paragraph), and a bare name counts as a heading only where it is printed as one
(marked, in capitals or before a colon), so that a list of names (an organisation chart as
text) gives no unit another line's words.  A unit's text runs to the next heading, table or
caption; it is kept as printed, its lines as paragraphs and list items.  Nothing is guessed:
where the document states no unit's duties, none are found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.official import ORGANISATION_PAGE
from portal.text import upper_tr
from tools.importer.labels import key
from tools.importer.normalise import Document
from tools.importer.pages import CAPTION, NOISE, plain_line, section_lines

SECTIONS = ("authority", ORGANISATION_PAGE)  # the general pages whose sections state duties
# after a unit's name in a heading: "Görevleri", "Görev, Yetki ve Sorumlulukları", "Görev Tanımı"
DUTY_WORDS = r"(?:gorev\w*|yetki\w*|sorumluluk\w*|tanim\w*|ve|ile)"
NUMBERING = r"(?:(?:\d+|[a-z]) )*"  # "1.", "2.3.", "a)" before a heading, as keys: "1 ", "2 3 ", "a "
GENITIVE = r"(?: ?n[iu]n)?"  # "Müdürlüğü'nün", "Müdürlüğünün"
UNIT_COLUMN = re.compile(r"^(?:birim\w*|mudurluk\w*|harcama birim\w*)(?: adi)?$")
DUTY_COLUMN = re.compile(r"\bgorev(?:i|ler|leri)?\b")  # not "görevli" (staff)
# "X Müdürlüğünün Görevleri" whatever X is: the duties of a unit the programme does not name
UNKNOWN_HEADING = re.compile(NUMBERING + r"(?:\w+ ){0,8}(?:mudurlug|baskanlig|kurulu|birimi|sefligi|amirligi)\w*"
                             + GENITIVE + f" gorev\\w*(?: {DUTY_WORDS})*")
BULLET = re.compile(r"^[•·▪●◦‣–-]\s*")
ITEM = re.compile(r"^(?:[a-zçğıöşü]\)|\d+[.)-])\s")


@dataclass
class StatedDuties:
    """One unit's duties as the document states them."""

    unit: str  # the unit's name, as the tables (or the organisation paragraph) print it
    heading: str  # the heading, line or table cell that names the unit, as printed
    page: str  # the general page of the section that states them
    line: int  # where it is stated, for messages
    lines: list[str] = field(default_factory=list)  # the text, as Markdown lines

    @property
    def text(self) -> str:
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.lines)).strip()


def unit_duties(doc: Document, units: list[str]) -> tuple[list[StatedDuties], list[str]]:
    """The duties each unit is given in the document's sections on duties and organisation,
    in the document's order, and notes on what looked like duties but names no known unit."""
    known = sorted(((key(u), u) for u in units), key=lambda k: -len(k[0]))  # longest name first
    found: dict[str, StatedDuties] = {}
    notes: list[str] = []
    for slug in SECTIONS:
        lines = section_lines(doc, slug)
        if lines is not None:
            for stated in _section(doc, lines, slug, known, notes):
                if not stated.text:
                    continue
                if stated.unit in found:
                    notes.append(f"line {stated.line}: the duties of {stated.unit} are stated again (first at line "
                                 f"{found[stated.unit].line}); only the first statement is imported")
                    continue
                found[stated.unit] = stated
    return list(found.values()), notes


def _section(doc: Document, lines: range, slug: str, known, notes: list[str]):
    """The units' duties stated in one section, each as soon as its text ends."""
    current: StatedDuties | None = None
    columns: tuple[int, int] | None = None  # in a duties table: its unit and duties columns
    in_table = False  # the last line that was not blank was a table row (a page break goes on)
    for i in lines:
        raw = doc.lines[i]
        if doc.blank(i):
            if current is not None and columns is None and current.lines and current.lines[-1]:
                current.lines.append("")
            continue
        cells = doc.all_cells(i)
        if len([c for c in cells if c]) > 1 or (in_table and raw[:1] in "\t "):
            if not in_table:  # a table's first row: a duties table's header, or another table
                if current is not None:
                    yield current
                    current = None
                in_table, columns = True, _duty_columns(cells)
                continue
            if columns is None:
                continue
            unit_cell = cells[columns[0]] if columns[0] < len(cells) else ""
            words = " ".join(c for c in cells[columns[1]:] if c)
            if not unit_cell:  # the unit above goes on
                if current is not None and words:
                    _continue(current, words)
                continue
            if current is not None:
                yield current
                current = None
            unit = _unit(key(unit_cell), known, NUMBERING + "{unit}")
            if unit is None:
                notes.append(f"line {i + 1}: a row of the duties table names no unit of the programme "
                             f"({unit_cell!r}); the table is read up to this line")
                columns = None
                continue
            current = StatedDuties(unit, unit_cell, slug, i + 1)
            if words:
                _continue(current, words)
            continue
        if in_table:
            in_table = False
            if columns is not None and current is not None:
                yield current
                current = None
            columns = None
        plain = plain_line(raw).strip()
        heading = _unit_heading(raw, plain, known)
        if heading is None and UNKNOWN_HEADING.fullmatch(key(plain.lstrip("#").partition(":")[0])):
            notes.append(f"line {i + 1}: {plain!r} reads like the heading of a unit's duties but names no unit "
                         f"of the programme's tables or organisation text; its duties are not imported")
        if heading is not None:
            if current is not None:
                yield current
            unit, printed, rest = heading
            current = StatedDuties(unit, printed, slug, i + 1)
            if rest:
                current.lines.append(_markdown_line(rest))
        elif current is not None and _ends_text(raw, plain):
            yield current
            current = None
        elif current is not None and not NOISE.match(plain.lstrip("#").strip()):
            current.lines.append(_markdown_line(plain))
    if current is not None:
        yield current


def _duty_columns(cells: list[str]) -> tuple[int, int] | None:
    """A duties table's header row ("Birim | Görevleri"): its unit and duties columns."""
    keys = [key(c) for c in cells]
    unit = next((n for n, k in enumerate(keys) if UNIT_COLUMN.match(k)), None)
    duties = next((n for n, k in enumerate(keys) if DUTY_COLUMN.search(k)), None)
    return (unit, duties) if unit is not None and duties is not None and unit < duties else None


def _unit(k: str, known, pattern: str) -> str | None:
    """The known unit whose name, in `pattern` ("{unit}" standing for it), is the key k."""
    return next((name for unit_key, name in known
                 if re.fullmatch(pattern.format(unit=re.escape(unit_key)), k)), None)


def _unit_heading(raw: str, plain: str, known) -> tuple[str, str, str] | None:
    """(unit, heading as printed, text after it on the same line) for a line that opens a
    unit's duties; None for any other line."""
    text = plain.lstrip("#").strip()
    head, colon, rest = text.partition(":")
    k = key(head)
    unit = _unit(k, known, NUMBERING + "{unit}" + GENITIVE + f"(?: {DUTY_WORDS})*")
    if unit is None:
        return None
    rest = rest.strip()
    named_duties = _unit(k, known, NUMBERING + "{unit}") != unit  # words such as "Görevleri" follow the name
    stripped = raw.strip()
    marked = (stripped.startswith("#") or _bold_only(stripped) or (colon and not rest)
              or upper_tr(head) == head or bool(re.match(r"^(?:\d+|[a-z])\W", head)))
    if not (named_duties or marked or rest):
        return None  # a name alone on a line: a list of names, not a heading
    return unit, head.strip().strip("*").strip(), rest


def _bold_only(line: str) -> bool:
    return bool(re.fullmatch(r"(\*\*|<b>)[^*<]+(\*\*|</b>)\s*:?", line))


def _ends_text(raw: str, plain: str) -> bool:
    """Another heading or a caption: the end of a unit's text."""
    stripped = raw.strip()
    return stripped.startswith("#") or _bold_only(stripped) or bool(CAPTION.match(plain.strip("*# ")))


def _markdown_line(text: str) -> str:
    """A printed line as Markdown: a bullet or a numbered or lettered item as a list item
    (its number or letter kept), any other line as a paragraph of its own."""
    text = text.strip()
    if text.startswith("- "):
        return text
    if BULLET.match(text):
        return "- " + BULLET.sub("", text)
    if ITEM.match(text):
        return "- " + re.sub(r"^(\d+)\.", r"\1\\.", text)  # "1." kept as printed, not renumbered
    return "\n" + text + "\n"


def _continue(current: StatedDuties, words: str) -> None:
    """A table row that continues the unit above it: an item of its own, or more of its text."""
    line = _markdown_line(words)
    if line.startswith("- ") or not current.lines:
        current.lines.append(line)
    else:
        current.lines[-1] = current.lines[-1].rstrip("\n") + " " + words.strip() + "\n"
