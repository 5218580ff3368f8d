"""Tables that reflow on a phone, with their table semantics kept.

Below the style sheet's breakpoint each row of a `table.stack` becomes a block: its row
header first, then each figure with the name of its column beside it (`td::before {
content: attr(data-label) }`).  The templates write the table once, as a table; this
filter adds the column names from the header row, so that nobody has to repeat a header
in each cell by hand.  A table whose rows are shown as blocks loses its table role in some
browsers (Safari): static/tables.js gives its parts their ARIA roles while it is shown so.
They are not written here: HTML forbids a role on the cells and rows of a table.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from markupsafe import Markup, escape

_TAG = re.compile(r"<(/?)(table|thead|tbody|tfoot|tr|th|td)\b([^>]*)>")
_ANY_TAG = re.compile(r"<[^>]+>")
_SPAN = re.compile(r'\bcolspan="(\d+)"')
_ID = re.compile(r'(?:^|\s)id="([^"]+)"')
_SPACE = re.compile(r"\s+")


def cell_text(fragment: str) -> str:
    """The words of a cell as a reader sees them: no tags, entities resolved, spaces folded."""
    return _SPACE.sub(" ", html.unescape(_ANY_TAG.sub("", fragment))).strip()


def stacked(source: str) -> Markup:
    """The HTML of one table (or of a fragment holding tables) with `class="stack"` and
    `data-label` on each data cell naming its column.  A table whose rows stand in groups
    under headers of their own (`<th scope="rowgroup">`) has more than one level of headers:
    each of its figures names them, its column's, its group's and its row's, by `headers`
    (WCAG H43), from ids made from the table's own id."""
    return Markup(_stacked(str(source)))


@lru_cache(maxsize=4096)
def _stacked(source: str) -> str:
    """stacked(), kept by the table's HTML: after a save, most tables a preview renders
    again are the ones it rendered before."""
    out: list[str] = []
    pos = 0
    group = ""  # thead, tbody or tfoot
    labels: list[str] = []
    column = 0
    header_start = None  # where a header cell's content starts, while it is read
    header_span = 1
    levels, table_id, made = False, "", 0  # a table of row groups, its id, the header ids made
    column_heads: list[str] = []
    group_head = row_head = ""
    for m in _TAG.finditer(source):
        closing, tag, attributes = m[1], m[2], m[3]
        out.append(source[pos:m.start()])
        pos = m.end()
        if closing:
            if tag == "th" and group == "thead" and header_start is not None:
                labels.extend([cell_text(source[header_start:m.start()])] * header_span)
                header_start = None
            if tag in ("thead", "tbody", "tfoot"):
                group = ""
            out.append(m[0])
            continue
        if tag == "table":
            labels, group = [], ""
            end = source.find("</table>", m.end())
            levels = 'scope="rowgroup"' in source[m.end():end if end >= 0 else None]
            if levels:
                if not _ID.search(attributes):
                    raise ValueError("a table of figures in row groups needs an id: its cells' headers are "
                                     "named from it")
                table_id, made, column_heads = _ID.search(attributes)[1], 0, []
            if 'class="' in attributes:
                attributes = re.sub(r'class="([^"]*)"', r'class="\1 stack"', attributes, count=1)
            else:
                attributes += ' class="stack"'
            out.append(f'<table{attributes}>')
            continue
        if tag in ("thead", "tbody", "tfoot"):
            group, group_head = tag, ""
        elif tag == "tr":
            column, row_head = 0, ""
        span = int(_SPAN.search(attributes)[1]) if tag in ("th", "td") and _SPAN.search(attributes) else 1
        if tag == "th" and group == "thead":
            header_start, header_span = pos, span
        if tag == "th" and levels:
            if not _ID.search(attributes):
                made += 1
                attributes += f' id="{table_id}-h{made}"'
            head = _ID.search(attributes)[1]
            if group == "thead":
                column_heads += [head] * span
            elif 'scope="rowgroup"' in attributes:
                group_head = head
            else:
                row_head = head
            out.append(f"<th{attributes}>")
        elif tag == "td":
            label = labels[column] if column < len(labels) else ""
            extra = f' data-label="{escape(label)}"' if label else ""
            if levels:
                over = column_heads[column] if column < len(column_heads) else ""
                extra += f' headers="{" ".join(h for h in (over, group_head, row_head) if h)}"'
            out.append(f'<td{attributes}{extra}>')
        else:
            out.append(m[0])
        if tag in ("th", "td"):
            column += span
    out.append(source[pos:])
    return "".join(out)
