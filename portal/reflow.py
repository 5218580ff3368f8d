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

from markupsafe import Markup, escape

from portal.diskcache import KeptResults, digest_of

_TAG = re.compile(r"<(/?)(table|thead|tbody|tfoot|tr|th|td)\b([^>]*)>")
_ANY_TAG = re.compile(r"<[^>]+>")
_SPAN = re.compile(r'\bcolspan="(\d+)"')
_ID = re.compile(r'(?:^|\s)id="([^"]+)"')
_SPACE = re.compile(r"\s+")


def cell_text(fragment: str) -> str:
    """The words of a cell as a reader sees them: no tags, entities resolved, spaces folded."""
    return _SPACE.sub(" ", html.unescape(_ANY_TAG.sub("", fragment))).strip()


def stacked(source: str, kept: KeptResults | None = None) -> Markup:
    """The HTML of one table (or of a fragment holding tables) with `class="stack"` and
    `data-label` on each data cell naming its column.  A table whose rows stand in groups
    under headers of their own (`<th scope="rowgroup">`) has more than one level of headers:
    each of its figures names them, its column's, its group's and its row's, by `headers`
    (WCAG H43), from ids made from the table's own id.  With `kept`, each table's result is
    kept by the hash of its HTML: a save, or a new build, reflows only the tables it changed."""
    source = str(source)
    if kept is None:
        return Markup(_stacked(source))
    return Markup(kept.get(source, lambda: _stacked(source), digest_of))


def _stacked(source: str) -> str:
    """Only the tags it changes are cut out and rewritten; the text between them is copied
    in one piece."""
    out: list[str] = []
    pos = 0  # where the text not yet copied starts
    group = ""  # thead, tbody or tfoot
    labels: list[str] = []  # each column's data-label attribute ("" for a column without a name)
    column = 0
    header_start = None  # where a header cell's content starts, while it is read
    header_span = 1
    levels, table_id, made = False, "", 0  # a table of row groups, its id, the header ids made
    column_heads: list[str] = []
    group_head = row_head = ""
    for m in _TAG.finditer(source):
        closing, tag, attributes = m[1], m[2], m[3]
        if closing:
            if tag == "th" and group == "thead" and header_start is not None:
                label = cell_text(source[header_start:m.start()])
                labels.extend([f' data-label="{escape(label)}"' if label else ""] * header_span)
                header_start = None
            elif tag in ("thead", "tbody", "tfoot"):
                group = ""
            continue
        if tag == "tr":
            column, row_head = 0, ""
            continue
        if tag in ("thead", "tbody", "tfoot"):
            group, group_head = tag, ""
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
            out.extend((source[pos:m.start()], f'<table{attributes}>'))
            pos = m.end()
            continue
        span = 1  # a th or a td
        if "colspan" in attributes:
            found = _SPAN.search(attributes)
            span = int(found[1]) if found else 1
        if tag == "th":
            if group == "thead":
                header_start, header_span = m.end(), span
            if levels:
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
                out.extend((source[pos:m.start()], f"<th{attributes}>"))
                pos = m.end()
        else:
            extra = labels[column] if column < len(labels) else ""
            if levels:
                over = column_heads[column] if column < len(column_heads) else ""
                extra += f' headers="{" ".join(h for h in (over, group_head, row_head) if h)}"'
            if extra:
                out.extend((source[pos:m.start()], f"<td{attributes}{extra}>"))
                pos = m.end()
        column += span
    out.append(source[pos:])
    return "".join(out)
