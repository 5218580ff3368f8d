"""The one grammar for an amount as programmes print it.

Accepted: `TL` or `₺` before or after (or neither), kuruş optional
(`1.571.500` is 1.571.500,00), thousands grouped by dot, space or NBSP
(NBSP is a space once normalised), and `-`, `—`, `–` or an empty cell for
zero.  Anything else in an amount's place is an import error naming its
line: a guess would publish a wrong figure.  Values are Decimal, read from
the text, never float; the content stores them in the one spelling the
loader reads (`1.571.500,00`).
"""
from __future__ import annotations

import re
from decimal import Decimal

from tools.importer.errors import ImportProblem

_NUMBER = r"(?P<whole>\d{1,3}(?:(?P<sep>[. ])\d{3})(?:(?P=sep)\d{3})*|\d+)(?:,(?P<kurus>\d{1,2}))?"
_AMOUNT = re.compile(rf"^(?:(?P<pre>TL|₺)\s*)?{_NUMBER}(?:\s*(?P<post>TL|₺))?$")
ZERO_MARKS = ("", "-", "—", "–")
ZERO = Decimal("0.00")


def read_amount(cell: str) -> Decimal | None:
    """The amount a cell prints, or None if the cell is not an amount."""
    text = cell.strip()
    if text in ZERO_MARKS or text in ("TL -", "- TL", "₺ -", "- ₺"):
        return ZERO
    m = _AMOUNT.match(text)
    if not m or (m.group("pre") and m.group("post")):
        return None
    whole = m.group("whole").replace(".", "").replace(" ", "")
    return Decimal(f"{whole}.{(m.group('kurus') or '').ljust(2, '0')}")


def is_amount(cell: str) -> bool:
    return cell.strip() not in ("",) and read_amount(cell) is not None


def amount(cell: str, line: int, what: str) -> Decimal:
    value = read_amount(cell)
    if value is None:
        raise ImportProblem(line, f"{what}: {cell!r} is not an amount (expected one like 1.571.500,00 TL, "
                                  f"or '-' for zero)")
    return value


def printed(value: Decimal) -> str:
    """The content's spelling: Decimal('1571500.00') -> '1.571.500,00'."""
    whole, _, kurus = f"{value.quantize(Decimal('0.01')):f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return ".".join([whole, *groups]) + "," + kurus
