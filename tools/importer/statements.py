"""The hand-written statements about the general pages' tables, against the fresh pages.

`<year>/statements.yaml` (people write it; a re-import keeps it) points each
figure the text states at a table cell: caption, row label, column.  The
build compares the two and publishes a difference as the document's own.
If a re-import gives a page whose table no longer has a figure at that
place (the table was converted otherwise, a column moved), the statement
would point at nothing, or at another figure: that is the importer's to
report, before anything is written, not the document's fault.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from portal.tables import count, tables_in
from tools.importer.errors import ImportProblem


def _entries(path: Path) -> list[tuple[int, dict]]:
    """(line in the YAML file, statement) for each well-formed statement; the build reports
    a malformed file or entry itself."""
    try:
        text = path.read_text(encoding="utf-8")
        nodes, data = yaml.compose(text), yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    if not isinstance(data, list) or nodes is None:
        return []
    return [(node.start_mark.line + 1, entry) for node, entry in zip(nodes.value, data) if isinstance(entry, dict)]


def check_statements(path: Path, year: int, pages: dict[str, str], captions: dict[str, dict[str, int]]) -> None:
    """Every statement's quote is in its fresh page and its cell holds a figure; else an
    ImportProblem at the table's caption in the programme (line 1 if the page is gone)."""
    if not path.exists():
        return
    for line, st in _entries(path):
        slug, caption = str(st.get("page", "")), str(st.get("table", ""))
        row_label, column = str(st.get("row", "")), st.get("column")
        at = captions.get(slug, {}).get(caption, 1)
        where = f"{path}:{line} (page {slug}, {caption}, row {row_label!r}, column {column})"
        body = pages.get(f"{year}/pages/{slug}.tr.md")
        if body is None:
            raise ImportProblem(at, f"{where}: the document has no page {slug!r} any more; correct or remove the "
                                    f"statement")
        quote = " ".join(str(st.get("quote", "")).split())
        if quote and quote not in " ".join(body.split()):
            raise ImportProblem(at, f"{where}: its quote {quote!r} is not in the imported page; correct or remove "
                                    f"the statement")
        table = next((t for t in tables_in(body) if t.caption == caption), None)
        row = table.row(row_label) if table is not None else None
        if row is None or not isinstance(column, int) or not 0 <= column < len(row) or count(row[column]) is None:
            raise ImportProblem(at, f"{where}: the imported table has no figure there; point the statement at "
                                    f"the figure it describes in pages/{slug}.tr.md, or remove it")
