"""Numbers, money and words per language: Babel (CLDR) and gettext catalogs.

Turkish money reads "1.460.500.000,00 ₺"; English readers, many abroad,
get the unambiguous ISO code: "TRY 1,460,500,000.00".  Compact forms
("1,46 milyar ₺", "TRY 1.46 billion") are for headlines; the exact
figure is always shown beside them.
"""
from __future__ import annotations

import hashlib
import io
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from gettext import GNUTranslations
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.numbers import format_compact_decimal, format_decimal

from portal.diskcache import CACHE, kept
from portal.text import fold, is_printed_number, lower_tr

if TYPE_CHECKING:  # the model imports this module's neighbours; Text is only named here
    from portal.model import Text

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
CATALOG_CACHE = CACHE / "catalogs"  # compiled .mo files, named by their .po's hash
NBSP = "\u00a0"


class Formatter:
    """Every figure a reader sees goes through here, in the page's language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.locale = Locale.parse(lang)
        percent = self.locale.percent_formats[None].pattern
        self._percent_pattern = percent.replace("#,##0", "#,##0.0")
        # CLDR's separators for this locale; the digits themselves come from Decimal's exact
        # formatting (a test checks the result against Babel's format_decimal).
        symbols = self.locale.number_symbols["latn"]
        self.group_symbol = symbols["group"]  # also the pages' scripts', which format counts without Intl
        self._separators = str.maketrans({",": symbols["group"], ".": symbols["decimal"]})
        self._percent_sign = symbols["percentSign"]
        self._printed: dict[str, str] = {}  # indicator values repeat ("100", "1"); Babel is slow
        self._compact: dict[Decimal, str] = {}

    def number(self, value: Decimal | int) -> str:
        return format_decimal(value, locale=self.locale, decimal_quantization=False)

    def amount(self, value: Decimal) -> str:
        """'1.460.500.000,00' (tr), '1,460,500,000.00' (en): #,##0.00 with the locale's symbols."""
        return format(value, ",.2f").translate(self._separators)

    def money(self, value: Decimal) -> str:
        amount = self.amount(value)
        return f"{amount}{NBSP}₺" if self.lang == "tr" else f"TRY{NBSP}{amount}"

    def money_compact(self, value: Decimal) -> str:
        if value < 1000:
            return self.money(value)
        shown = self._compact.get(value)
        if shown is None:  # totals repeat from page to page, and Babel's compact form is slow
            amount = format_compact_decimal(value, format_type="long", locale=self.locale, fraction_digits=2)
            amount = amount.replace(" ", NBSP)
            shown = self._compact[value] = f"{amount}{NBSP}₺" if self.lang == "tr" else f"TRY{NBSP}{amount}"
        return shown

    def percent(self, part: Decimal, whole: Decimal) -> str:
        """'%5,2' (tr), '5.2%' (en): CLDR's percent pattern with one decimal."""
        if not whole:
            return "–"
        share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
        number = format(share, ",.1f").translate(self._separators)
        return self._percent_pattern.replace("%", self._percent_sign).replace("#,##0.0", number)

    def signed_money(self, value: Decimal) -> str:
        """A change between two amounts: '+1.000,00 ₺', '−1.000,00 ₺' (a real minus sign)."""
        return ("+" if value > 0 else "−" if value < 0 else "") + self.money(abs(value))

    def change_percent(self, change: Decimal, base: Decimal) -> str:
        """A change as a share of the earlier amount: '+%5,2' (tr), '−5.2%' (en); '–' from nothing."""
        if not base:
            return "–"
        shown = self.percent(abs(change), base)
        return ("+" if change > 0 else "−" if change < 0 else "") + shown

    is_number = staticmethod(is_printed_number)

    def printed_value(self, printed: str) -> str:
        """An indicator value as the document prints it ("8,5", "1.150"), in this locale."""
        if self.lang == "tr" or printed == "-" or not self.is_number(printed):
            return printed
        if printed not in self._printed:
            self._printed[printed] = self.number(Decimal(printed.replace(".", "").replace(",", ".")))
        return self._printed[printed]


# Turkish alphabetical order (CLDR tr tailoring): ç after c, ğ after g, ı before i,
# ö after o, ş after s, ü after u; case and the circumflex do not change the order.
_TR_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvwxyz"
_TR_RANK = {ch: i for i, ch in enumerate(_TR_ALPHABET)}
_CIRCUMFLEX = str.maketrans("âîû", "aiu")


def _rank_tr(c: str) -> tuple[int, int]:
    """Spaces and punctuation first, then digits, then letters: "Park ve" before "Parkur"."""
    if c in _TR_RANK:
        return (2, _TR_RANK[c])
    return (1, ord(c)) if c.isdigit() else (0, ord(c))


def _rank_en(c: str) -> tuple[int, int]:
    return (2 if c.isalpha() else 1 if c.isdigit() else 0, ord(c))


def sort_key(text: str, lang: str) -> tuple:
    """A collation key: Turkish alphabet for tr, diacritics ignored for en."""
    if lang == "tr":
        return tuple(map(_rank_tr, lower_tr(text).translate(_CIRCUMFLEX))), text
    return tuple(map(_rank_en, fold(text))), text


def both(message: str, **values) -> "Text":
    """A message for staff in Turkish and English: `message` is the English msgid with
    {named} values, each a plain string or a Text (its own language is used)."""
    from portal.model import Text

    def said(lang: str) -> str:
        words = translations(lang).gettext(message) if lang != "en" else message
        return words.format(**{k: (v.get(lang) if isinstance(v, Text) else str(v)) for k, v in values.items()})
    return Text(said("tr"), said("en"))


def translations(lang: str) -> GNUTranslations:
    """The compiled message catalog for a language, again whenever its .po file changes
    (the preview picks up a translator's edit)."""
    po_path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    return _compiled(po_path, po_path.stat().st_mtime_ns)


def catalog_digest(lang: str) -> str:
    """The catalog a page's words come from, by the content of its .po file."""
    po_path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    return hashlib.sha256(po_path.read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=8)
def _compiled(po_path: Path, _mtime: int) -> GNUTranslations:
    """Compiling a .po file takes longer than the rest of a build's start; the result is
    kept under the hash of the .po's bytes, so an edited catalog is never served stale."""
    source = po_path.read_bytes()
    lang = po_path.parent.parent.name
    cached = CATALOG_CACHE / f"{lang}-{hashlib.sha256(source).hexdigest()[:20]}.mo"
    return kept(cached, lambda: _compile_po(source, lang), lambda mo: GNUTranslations(io.BytesIO(mo)))


def _compile_po(source: bytes, lang: str) -> bytes:
    from babel.messages.mofile import write_mo  # only when a catalog changed
    from babel.messages.pofile import read_po

    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(source), locale=lang))
    return buffer.getvalue()
