"""Comments staff wrote in a content file survive its re-import.

The importer writes YAML with PyYAML, which drops comments.  Rather than a
second YAML library, each block of whole-line comments is carried over by
the line it stood above (its anchor, e.g. `- code: 1.1.2` or
`en: Road construction`): it is put back above the same line of the new
file, searching forward so that blocks keep their order.  A block whose
line is gone is kept at the end of the file, marked as such, so nothing a
person wrote is lost.
"""
from __future__ import annotations

import re


# lines of the header earlier versions of the importer wrote: replaced, not kept as staff's
FORMER_HEADER = ("# Amounts are as printed (1.571.500,00). Edit 'en' fields freely: re-importing keeps them.",)


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def comment_blocks(old: str, header: str) -> list[tuple[list[str], str]]:
    """(comment lines, the stripped line they stand above; '' at the end) of an old file,
    without the importer's own header (of whichever year wrote it)."""
    lines = old.split("\n")
    own = {re.sub(r"\b\d{4}\b", "YEAR", x) for x in header.split("\n") + list(FORMER_HEADER) if x}
    blocks, pending = [], []
    for n, line in enumerate(lines):
        if _is_comment(line):
            if not (n < len(own) and re.sub(r"\b\d{4}\b", "YEAR", line) in own):
                pending.append(line)
        elif pending and line.strip():
            blocks.append((pending, line.strip()))
            pending = []
    if pending:
        blocks.append((pending, ""))
    return blocks


def keep_comments(new: str, old: str, header: str) -> str:
    blocks = comment_blocks(old, header)
    if not blocks:
        return new
    lines = new.split("\n")
    at = 0
    inserts: dict[int, list[str]] = {}
    orphans: list[str] = []
    trailing: list[str] = []
    for comments, anchor in blocks:
        if not anchor:  # written at the end of the file: stays at the end
            trailing += comments
            continue
        found = next((i for i in range(at, len(lines)) if lines[i].strip() == anchor), None)
        if found is None:
            orphans += comments
            continue
        inserts.setdefault(found, []).extend(comments)
        at = found
    out = []
    for i, line in enumerate(lines):
        out += inserts.get(i, [])
        out.append(line)
    if orphans or trailing:
        while out and out[-1] == "":
            out.pop()
        out += trailing
        if orphans:
            out += ["# Comments kept from before the last import (the line they were written above is gone):",
                    *orphans]
        out.append("")
    return "\n".join(out)
