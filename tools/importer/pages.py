"""The general-information part of the document as Markdown pages.

Each page runs from its heading to the next page's heading, found by folded
key like every label.  Running headers and footers are left out (the
normalise stage found them by repetition); tables, whether their cells are
separated by tabs or by runs of spaces, become Markdown tables, each figure
in its column or not at all (page_tables.py).  Each
Turkish page gets an English twin that starts empty: the site shows the
Turkish text, marked as such, until someone translates it.
"""
from __future__ import annotations

import re

from portal.official import ORGANISATION_PAGE
from tools.importer.labels import heading_key, key
from tools.importer.normalise import SEPARATOR, TAG, Document
from tools.importer.page_tables import Row, place

# slug: (heading that opens it, heading that ends it, Turkish title, English title)
PAGES = {
    "authority": ("A- Yetki, Görev ve Sorumluluklar", "B- Teşkilat Yapısı",
                  "Yetki, Görev ve Sorumluluklar", "Authority, Duties and Responsibilities"),
    ORGANISATION_PAGE: ("B- Teşkilat Yapısı", "C- Fiziksel Kaynaklar", "Teşkilat Yapısı", "Organisation"),
    "resources": ("C- Fiziksel Kaynaklar", "İnsan Kaynakları Envanteri",
                  "Fiziksel Kaynaklar ve Teknoloji", "Physical Resources and Technology"),
    "human-resources": ("İnsan Kaynakları Envanteri", "2- PERFORMANS BİLGİLERİ",
                        "İnsan Kaynakları", "Human Resources"),
    "evaluation": ("E- Diğer Hususlar", "3- Ekler", "Diğer Hususlar", "Other Matters"),
}
FOREWORD = ("foreword", "Başkanın Sunuşu", "Mayor's Foreword")
CONTENTS = key("İçindekiler")
# How a foreword opens: "Değerli Kartepeli Hemşehrilerim;", "Sayın ...", "Kıymetli ...".
GREETINGS = ("degerli ", "sayin ", "kiymetli ", "aziz ")

# Not running headers but generic marks of a converted PDF: the state's prefix, rules,
# and the captions of figures that the text conversion cannot show.
NOISE = re.compile(r"^(T\.C\.|---|(Şekil|Grafik) \d+:.*)$")
LINK = re.compile(r'<a href="[^"]*">([^<]*)</a>')
SUP = re.compile(r"\s*<sup>2</sup>\s*")


def plain_line(line: str) -> str:
    """A line's words without the converter's links, bold marks and superscripts."""
    line = SUP.sub("²", LINK.sub(r"\1", line))
    return TAG.sub("", line)


def _is_table_row(raw: str, in_table: bool) -> bool:
    """Cells separated by tabs or runs of spaces; inside a table, also a line indented
    with spaces ("        968": a row whose first cells are empty, not prose)."""
    if not raw.strip():
        return False
    return "\t" in raw or bool(re.search(r"\S {2,}\S", raw.rstrip())) or (in_table and raw.startswith("  "))


CAPTION = re.compile(r"^((?:Tablo|Table) \d+)\b")


def _table(rows: list[Row]) -> list[str]:
    rows = place(rows)
    width = max(len(r) for r in rows)
    cell = lambda c: c.strip().replace("|", "\\|")  # noqa: E731
    out = ["| " + " | ".join(cell(c) for c in rows[0]) + " |",
           "|" + "---|" * width]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows[1:]]
    return out


def to_markdown(doc: Document, a: int, b: int, captions: dict[str, int] | None = None) -> str:
    """Lines a..b as Markdown; `captions` receives each table caption's line ("Tablo 6": 361)."""
    out: list[str] = []
    table: list[Row] = []
    for i in range(a, b):
        if i in doc.furniture:
            continue
        raw = doc.lines[i]
        if _is_table_row(raw, bool(table)):
            cells = [c.strip() for c in SEPARATOR.split(plain_line(raw).rstrip())]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                table.append(Row(i + 1, cells, "\t" in raw))
            continue
        if table:
            out += _table(table) + [""]
            table = []
        if NOISE.match(plain_line(raw).strip().lstrip("#").strip()):
            continue
        line = plain_line(raw).rstrip()
        caption = CAPTION.match(line.strip("#* "))
        if caption and captions is not None:
            captions.setdefault(caption.group(1), i + 1)
        m = re.match(r"^#+\s*(.*)$", line)
        if m:
            line = "## " + m.group(1).strip("* ")
        out.append(line)
    if table:
        out += _table(table)
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _heading(doc: Document, text: str, start: int = 0) -> int | None:
    want = key(text)
    return next((i for i in range(start, len(doc.lines)) if heading_key(doc.plain(i)) == want), None)


def _section(doc: Document, slug: str) -> tuple[int | None, int | None]:
    """The lines of a page's heading and of the next page's heading, where found."""
    start, end = PAGES[slug][:2]
    a = _heading(doc, start)
    return a, (_heading(doc, end, a + 1) if a is not None else None)


def section_lines(doc: Document, slug: str) -> range | None:
    """The lines of the section a general page is made of (its heading excluded), if found."""
    a, b = _section(doc, slug)
    return None if a is None or b is None else range(a + 1, b)


def general_pages(doc: Document, year: int,
                  captions: dict[str, dict[str, int]] | None = None) -> tuple[dict[str, str], list[str]]:
    """Relative path -> Markdown, and a note for every page whose headings were not found
    (such a page is left out, never filled with another document's text).  `captions`
    receives, per page slug, the line of each table caption (statements.py names it)."""
    captions = {} if captions is None else captions
    pages: dict[str, str] = {}
    notes: list[str] = []
    contents = _heading(doc, "İçindekiler")
    greeting = next((i for i in range(0, contents if contents is not None else len(doc.lines))
                     if heading_key(doc.plain(i)).startswith(GREETINGS)), None)
    if greeting is not None and contents is not None:
        _add(pages, year, FOREWORD, to_markdown(doc, greeting, contents, captions.setdefault(FOREWORD[0], {})))
    else:
        notes.append("no foreword found (a greeting such as 'Değerli ...' before 'İçindekiler'); "
                     "the foreword page is not imported")
    for slug, (start, end, title_tr, title_en) in PAGES.items():
        a, b = _section(doc, slug)
        if a is None or b is None:
            notes.append(f"general page {slug!r}: heading {start if a is None else end!r} not found; "
                         f"the page is not imported")
            continue
        _add(pages, year, (slug, title_tr, title_en), to_markdown(doc, a + 1, b, captions.setdefault(slug, {})))
    return pages, notes


def _add(pages: dict, year: int, page: tuple[str, str, str], body: str) -> None:
    slug, title_tr, title_en = page
    pages[f"{year}/pages/{slug}.tr.md"] = f"---\ntitle: {title_tr}\n---\n\n" + body
    pages[f"{year}/pages/{slug}.en.md"] = f"---\ntitle: {title_en}\n---\n"
