"""Prose fields from Markdown to safe HTML, once per field.

Content is written by staff, not attackers, but a pasted snippet must
never run script on a public site: raw HTML is sanitised with nh3 down to
the tags prose needs, and tables get a wrapper that scrolls on phones.
"""
from __future__ import annotations

import re
from functools import lru_cache

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "table", "thead",
                "tbody", "tr", "th", "td", "br", "sup", "sub", "code", "div"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "class"}, "td": {"class"}, "div": {"class", "tabindex"}}
_CELL = re.compile(r'<(th|td)(?: align="(left|right|center)")?>')


def _cell(m: re.Match) -> str:
    scope = ' scope="col"' if m[1] == "th" else ""
    figures = ' class="num"' if m[2] == "right" else ""
    return f"<{m[1]}{scope}{figures}>"


@lru_cache(maxsize=256)
def to_html(text: str) -> str:
    """Converted once per distinct text, across builds of a preview session too."""
    # CommonMark with GitHub's tables; raw HTML passes here and nh3 below decides what stays
    html = cmarkgfm.markdown_to_html_with_extensions(text, options=Options.CMARK_OPT_UNSAFE, extensions=["table"])
    html = html.replace("<table>", '<div class="table-scroll" tabindex="0"><table>')
    html = html.replace("</table>", "</table></div>")
    # header cells name their column; right-aligned columns (|--:|) are figures
    html = _CELL.sub(_cell, html)
    # headings inside a page start below the page's own h1
    for level in (3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener")
