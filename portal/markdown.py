"""Prose fields from Markdown to safe HTML, each distinct text converted once.

Content is written by staff, not attackers, but a pasted snippet must
never run script on a public site: raw HTML is sanitised with nh3 down to
the tags prose needs, and tables get a wrapper that scrolls on phones.

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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "class"}, "td": {"class"}, "div": {"class", "tabindex"},
                      "h2": {"id"}, "h3": {"id"}, "h4": {"id"}}
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
    html = html.replace("<table>", '<div class="table-scroll" tabindex="0"><table>')
    html = html.replace("</table>", "</table></div>")
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
    scope = ' scope="col"' if m[1] == "th" else ""
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

        _converter = markdown.Markdown(extensions=[TableExtension(use_align_attribute=True), SaneListExtension()])
        # before the inline pass, so that the moved text is still read as Markdown
        _converter.treeprocessors.register(WholeListLoose(_converter), "whole-list-loose", 25)
    return _converter


def _loose(li) -> bool:
    """A list item whose text is a paragraph: it had a blank line beside it."""
    return not (li.text or "").strip() and len(li) > 0 and li[0].tag == "p"
