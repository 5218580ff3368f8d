"""Money read from text as printed in Turkish documents, never through float."""
from __future__ import annotations

import re
from decimal import Decimal

_TURKISH = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]{1,2}))?$")


class AmountError(ValueError):
    """negative: the text is a negative amount (else it is no amount at all)."""

    def __init__(self, message: str, text: str = "", negative: bool = False):
        super().__init__(message)
        self.text, self.negative = text, negative


def parse_amount(text: str) -> Decimal:
    """'1.571.500,00' or '1.571.500,00 TL' -> Decimal('1571500.00')."""
    raw = text.strip()
    if raw.endswith("TL"):
        raw = raw[:-2].rstrip()
    if raw.startswith("-"):
        raise AmountError(f"amount {text!r} is negative; amounts cannot be below zero", text, negative=True)
    m = _TURKISH.match(raw)
    if not m:
        raise AmountError(f"{text!r} is not an amount written like 1.571.500,00", text)
    whole, cents = m.group(1).replace(".", ""), (m.group(2) or "").ljust(2, "0")
    return Decimal(f"{whole}.{cents}")


def turkish_amount(value: Decimal) -> str:
    """1571500.00 -> '1.571.500,00', the form the document and the content files use."""
    whole, frac = f"{value:.2f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def plain(value: Decimal) -> str:
    """The open-data form: a dot and two decimals, no grouping: '72435000.00'."""
    return f"{value.quantize(Decimal('0.01')):f}"
