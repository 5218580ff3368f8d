"""Prose fields from Markdown to safe HTML, each distinct text converted once.

Content is written by staff, not attackers, but a pasted snippet must
never run script on a public site: raw HTML is sanitised with nh3 down to
the tags prose needs.  The document's tables (pipe tables pasted from the PDF) are rebuilt as
tables: the title row the PDF prints in one cell, and the "Tablo N" line above, name the table
outside its scroller; the header rows below it become real header rows with spanning headers
where a group header stands over blank cells; the first column names each row; columns of
figures are right-aligned.  A table keeps a horizontal scroller that a keyboard reaches and a
screen reader announces by the table's name.

Converting is the slow part of a page that is mostly prose (importing
Python-Markdown costs more than the conversion of a short page), so the
result is kept in memory for the preview and on disk for the next build:
a build of unchanged prose neither imports Python-Markdown nor converts.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from functools import lru_cache
from pathlib import Path

import nh3

from portal.diskcache import CACHE, kept

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "table", "thead",
                "tbody", "tr", "th", "td", "br", "sup", "sub", "code", "div"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "class", "colspan", "rowspan", "id"},
                      "td": {"class", "colspan", "headers"}, "table": {"class", "aria-labelledby"},
                      "div": {"class", "tabindex", "role", "aria-labelledby", "aria-label"}, "p": {"class", "id"},
                      "h2": {"id"}, "h3": {"id"}, "h4": {"id"}}
SCROLL_HINT = '<p class="scroll-hint"></p>'  # the words are the page's language's: render.py fills them in
_FIGURE = re.compile(r"^[-–]$|^[-+]?[\d.,\s]*\d[\d.,\s]*%?$|^%?[\d.,\s]+$")
_TABLE_NUMBER = re.compile(r"^(?:Tablo|Table) \d+\b")
HTML_CACHE = CACHE / "markdown"  # converted texts, named by the hash of the text and of the converter
_CELL = re.compile(r'<(th|td)(?: align="(left|right|center)")?>')
_HEADING = re.compile(r"<h([2-4])>(.*?)</h\1>", re.S)
_ANY_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_converter = None


@lru_cache(maxsize=256)
def to_html(text: str) -> str:
    """Converted once per distinct text, across builds of a preview session too."""
    key = hashlib.sha256(_converter_version() + text.encode()).hexdigest()[:32]
    return kept(HTML_CACHE / f"{key}.html", lambda: _convert(text).encode(), bytes.decode)


@lru_cache(maxsize=1)
def _converter_version() -> bytes:
    """What the HTML depends on besides the text: this module's code, nh3's version and the
    installed Python-Markdown (its file's size and time change with any reinstall; asking
    for its version would cost more than the import the cache saves)."""
    stamp = f"nh3 {nh3.__version__}"
    spec = importlib.util.find_spec("markdown")
    if spec is not None and spec.origin:
        installed = os.stat(spec.origin)
        stamp += f", {spec.origin} {installed.st_size} {installed.st_mtime_ns}"
    return hashlib.sha256(stamp.encode() + Path(__file__).read_bytes()).digest()


def _convert(text: str) -> str:
    html = _markdown().reset().convert(text)
    # header cells name their column; right-aligned columns (|--:|) are figures
    html = _CELL.sub(_cell, html)
    html = _nested_headings(html)
    html = _heading_ids(html)
    # the final newline is where the earlier converter (cmark-gfm) put it: published pages stay the same
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener") + "\n"


def _nested_headings(html: str) -> str:
    """Headings nest below the page's own h1: the text's first heading is an h2 whatever
    its number of #, and each one is at most one level below the one before it (## then
    #### is h2 then h3), so that no level is skipped; h4 is the deepest."""
    open_levels: list[tuple[int, int]] = []  # (level as written, level given), outermost first

    def one(m: re.Match) -> str:
        written = int(m[1])
        while open_levels and open_levels[-1][0] >= written:
            open_levels.pop()
        level = min(open_levels[-1][1] + 1, 4) if open_levels else 2
        open_levels.append((written, level))
        return f"<h{level}>{m[2]}</h{level}>"
    return _ANY_HEADING.sub(one, html)


def _heading_ids(html: str) -> str:
    """Each heading gets an id from its words ("Teknolojik Envanter" -> teknolojik-envanter), so
    that search results and shared links can point at a section of a page."""
    from portal.text import slugify

    used: dict[str, int] = {}

    def one(m: re.Match) -> str:
        base = slugify(_TAG.sub("", m[2])) or "section"
        used[base] = used.get(base, 0) + 1
        element_id = base if used[base] == 1 else f"{base}-{used[base]}"
        return f'<h{m[1]} id="{element_id}">{m[2]}</h{m[1]}>'
    return _HEADING.sub(one, html)


def _cell(m: re.Match) -> str:
    scope = ' scope="col"' if m[1] == "th" and "scope=" not in m[0] else ""
    figures = ' class="num"' if m[2] == "right" else ""
    return f"<{m[1]}{scope}{figures}>"


def _markdown():
    """Python-Markdown with tables and sane lists (a bullet list and a numbered one stay two
    lists, as in CommonMark); raw HTML passes there and nh3 decides what stays.  Made on first
    use, and given extension objects rather than names, which it would look up slowly."""
    global _converter
    if _converter is None:
        import markdown
        from markdown.extensions.sane_lists import SaneListExtension
        from markdown.extensions.tables import TableExtension
        from markdown.treeprocessors import Treeprocessor

        class WholeListLoose(Treeprocessor):
            """CommonMark's rule, which the pages were written to: a blank line between two items
            spaces out every item of that list, not only the two beside it."""

            def run(self, root):
                for block in root.iter():
                    items = [li for li in block if li.tag == "li"] if block.tag in ("ul", "ol") else []
                    if any(map(_loose, items)):
                        for li in items:
                            if not _loose(li):
                                paragraph = li.makeelement("p", {})
                                paragraph.text, li.text = li.text, None
                                li.insert(0, paragraph)

        class SourceTables(Treeprocessor):
            def run(self, root):
                _rebuild_tables(root)

        _converter = markdown.Markdown(extensions=[TableExtension(use_align_attribute=True), SaneListExtension()])
        # before the inline pass, so that the moved text is still read as Markdown
        _converter.treeprocessors.register(WholeListLoose(_converter), "whole-list-loose", 25)
        # after it, so that a cell's words are its words
        _converter.treeprocessors.register(SourceTables(_converter), "source-tables", 15)
    return _converter


def _loose(li) -> bool:
    """A list item whose text is a paragraph: it had a blank line beside it."""
    return not (li.text or "").strip() and len(li) > 0 and li[0].tag == "p"


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _rebuild_tables(root) -> None:
    """Every table of a page as a table of the document: see the module's notes."""
    from portal.text import slugify

    used: dict[str, int] = {}
    for parent in list(root.iter()):
        children = list(parent)
        for index, table in enumerate(children):
            if table.tag != "table":
                continue
            before = children[index - 1] if index else None
            numbered = before if before is not None and before.tag == "p" and _TABLE_NUMBER.match(_words(before)) \
                else None
            base = "table-" + slugify(_words(numbered)) if numbered is not None else "table"
            used[base] = used.get(base, 0) + 1
            name = base if used[base] == 1 else f"{base}-{used[base]}"
            block = _source_table(table, numbered, name)
            position = list(parent).index(table)
            parent.remove(table)
            for offset, element in enumerate(block):
                parent.insert(position + offset, element)


def _source_table(table, numbered, name: str) -> list:
    """The elements that replace one Markdown table: its name, its title, the scroller."""
    from xml.etree.ElementTree import Element, SubElement

    rows = [list(tr) for tr in table.iter("tr")]
    texts = [[_words(cell) for cell in row] for row in rows]
    width = max(len(row) for row in rows)
    out, labels = [], []
    if numbered is not None:
        numbered.set("class", "table-caption")
        numbered.set("id", name)
        labels.append(name)
    title = None
    if width > 1 and texts[0][0] and not any(texts[0][1:]):  # the PDF's title row: one cell, then blanks
        title = rows[0][0]
        rows, texts = rows[1:], texts[1:]
    if title is not None:
        p = Element("p", {"class": "table-title", "id": f"{name}-title"})
        p.text, p.tail = title.text, "\n"
        for child in title:
            p.append(child)
        out.append(p)
        labels.append(f"{name}-title")
    heads = 1 if rows else 0
    # a second header row: blank under the row header, words (not figures) under the groups
    if len(rows) > 2 and not texts[1][0] and any(texts[1]) and not any(_FIGURE.match(t) for t in texts[1] if t) \
            and any(not t for t in texts[0][1:]):
        heads = 2
    body = texts[heads:]
    figures = [bool(column) and all(_FIGURE.match(t) for t in column) and not all(t in "-–" for t in column)
               for column in ([row[j] for row in body if j < len(row) and row[j]] for j in range(width))]
    for j, row in enumerate(rows[:heads]):
        for cell in row:
            if cell.get("align") == "right":
                figures[row.index(cell)] = True
    figures[0] = False
    first_header = texts[0][0] if texts else ""

    # A table with more than one level of headers (group headers over sub-headers, or the header
    # row again for a second block of columns) names each figure's headers itself (WCAG H43):
    # scope alone would give a cell of the second block the first block's header too.
    repeats = [bool(first_header) and words[0] == first_header for words in body]  # the header again
    levels = heads == 2 or any(repeats)
    column_heads: list[list[str]] = [[] for _ in range(width)]  # the header cells over each column

    def cell(parent_element, source, tag, attributes, position=None, columns=()):
        element = SubElement(parent_element, tag, attributes)
        if levels and position is not None:
            element.set("id", f"{name}-{position[0]}-{position[1]}")
            for j in columns:
                column_heads[j].append(element.get("id"))
        if source is not None:
            element.text = source.text
            for child in source:
                element.append(child)
        return element

    new = Element("table", {"class": "source-table"})
    if labels:
        new.set("aria-labelledby", " ".join(labels))
    thead = SubElement(new, "thead")
    if heads == 2:
        top, sub = texts[0], texts[1]
        tr_top, tr_sub = SubElement(thead, "tr"), SubElement(thead, "tr")
        covered: set[int] = set()
        j = 0
        while j < width:
            if top[j]:
                span = 1
                while j + span < width and not top[j + span] and sub[j + span]:
                    span += 1
                attributes = {"scope": "colgroup" if span > 1 else "col"}
                if span > 1:
                    attributes["colspan"] = str(span)
                elif not sub[j]:
                    attributes["rowspan"] = "2"
                    covered.add(j)
                if span == 1 and figures[j]:
                    attributes["class"] = "num"
                cell(tr_top, rows[0][j], "th", attributes, (0, j), range(j, j + span))
                j += span
            else:
                cell(tr_top, None, "td", {})
                j += 1
        for j in range(width):
            if j in covered:
                continue
            if sub[j]:
                cell(tr_sub, rows[1][j], "th", {"scope": "col", **({"class": "num"} if figures[j] else {})},
                     (1, j), (j,))
            else:
                cell(tr_sub, None, "td", {})
    elif heads == 1:
        tr = SubElement(thead, "tr")
        for j, source in enumerate(rows[0]):
            cell(tr, source, "th", {"scope": "col", **({"class": "num"} if figures[j] else {})}, (0, j), (j,))
    tbody = SubElement(new, "tbody")
    for r, (row, repeated) in enumerate(zip(rows[heads:], repeats), start=heads):
        tr = SubElement(tbody, "tr")
        if repeated:  # a second block of columns under its own headers
            column_heads[1:] = [[] for _ in range(width - 1)]
        for j, source in enumerate(row):
            if repeated:
                cell(tr, source, "th", {"scope": "col" if j else "row"}, (r, j), (j,) if j else ())
            elif j == 0:
                row_head = cell(tr, source, "th", {"scope": "row"}, (r, j))
            else:
                td = cell(tr, source, "td", {"class": "num"} if figures[j] else {})
                if levels:
                    td.set("headers", " ".join(column_heads[j] + [row_head.get("id")]))
    for element in new.iter():
        element.tail = "\n" if element.tag in ("thead", "tbody", "tr") else None
    region = Element("div", {"class": "table-scroll wide" if width > 5 else "table-scroll", "role": "region",
                             "tabindex": "0"})
    if labels:
        region.set("aria-labelledby", " ".join(labels))
    elif texts:  # a table of staff's own, without a "Tablo N" line: named by its columns
        region.set("aria-label", ", ".join(t for t in texts[0] if t)[:120])
    region.text = "\n"
    region.append(new)
    new.tail = "\n"
    region.tail = "\n"
    if width > 5:  # wider than a phone: say so above the scroller
        hint = Element("p", {"class": "scroll-hint"})
        hint.tail = "\n"
        out.append(hint)
    out.append(region)
    return out
