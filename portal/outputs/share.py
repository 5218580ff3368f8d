"""Share cards: the 1200 × 630 picture a link shows when it is shared, and the site's icon.

Each card is drawn at build time from the page's own figures (the municipality, the
item's name, its amount as the page prints it) with the DejaVu Sans font the project
ships (portal/fonts/, under its licence beside it).  A card is kept under
.cache/share/ named by the hash of everything drawn on it and of the drawing code and
font, so a build of unchanged pages neither draws nor imports Pillow.
"""
from __future__ import annotations

import hashlib
import html
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from portal.diskcache import CACHE, kept

FONTS = Path(__file__).resolve().parent.parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
CARD_CACHE = CACHE / "share"
WIDTH, HEIGHT = 1200, 630
BRAND, INK, MUTED, PAPER, TINT = "#0b4f8a", "#1b1b1b", "#4a4a4a", "#ffffff", "#f3f5f7"
MARGIN = 64
NAME_TOP, NAME_BOTTOM = 218, 474  # the box the item's name is fitted into
NAME_SIZES = (64, 58, 52, 47, 42, 38, 34, 31, 28)  # largest first; the first the name fits at wins
LINE = 1.22  # line height, times the font size
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ShareCard(NamedTuple):
    """What one card shows, every string as the page prints it."""

    municipality: str
    kicker: str  # what the item is: "Faaliyet PH.1.3.F2 · 2024"
    name: str
    amount: str  # "1.460.500.000,00 ₺", "TRY 1,460,500,000.00"
    site_name: str

    @property
    def alt(self) -> str:
        return f"{self.municipality} – {self.kicker}: {self.name} – {self.amount}"


def card_path(page_path: str) -> str:
    """The card of a page, by the page's path: 'tr/2024/faaliyetler/1-5-2/' ->
    'share/tr/2024/faaliyetler/1-5-2.png' (the home page 'tr/' -> 'share/tr.png')."""
    return f"share/{page_path.strip('/')}.png"


def card_png(card: ShareCard) -> bytes:
    """The card's PNG: kept from an earlier build when nothing drawn on it changed."""
    key = hashlib.sha256(_drawing_version() + repr(tuple(card)).encode("utf-8")).hexdigest()[:32]
    return kept(CARD_CACHE / f"{key}.png", lambda: _draw(card), _checked_png)


def favicon_ico(letter: str) -> bytes:
    key = hashlib.sha256(_drawing_version() + b"ico" + letter.encode("utf-8")).hexdigest()[:32]
    return kept(CARD_CACHE / f"favicon-{key}.ico", lambda: _draw_icon(letter), _checked_ico)


def favicon_svg(letter: str) -> bytes:
    """The same icon as favicon.ico, for browsers that take an SVG (sharp at any size)."""
    shown = html.escape(letter, quote=False)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
            f'<rect width="64" height="64" rx="12" fill="{BRAND}"/>'
            f'<text x="32" y="46" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="40" '
            f'font-weight="700" text-anchor="middle" fill="{PAPER}">{shown}</text></svg>\n').encode("utf-8")


def _checked_png(data: bytes) -> bytes:
    if not (data.startswith(PNG_SIGNATURE) and data.endswith(b"IEND\xaeB`\x82")):
        raise ValueError("not a whole PNG")
    return data


def _checked_ico(data: bytes) -> bytes:
    if not data.startswith(b"\x00\x00\x01\x00") or len(data) < 100:
        raise ValueError("not an icon")
    return data


@lru_cache(maxsize=1)
def _drawing_version() -> bytes:
    """What a card's pixels depend on besides its text: this module's code and the fonts."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for font in (REGULAR, BOLD):
        digest.update(font.read_bytes())
    return digest.digest()


@lru_cache(maxsize=64)
def _font(bold: bool, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


def wrap(text: str, font, width: float) -> list[str]:
    """The text in lines no wider than `width`, broken between words (a word longer than a
    line is broken between letters)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if font.getlength(trial) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = ""
        while font.getlength(word) > width:  # a word wider than the line: broken between letters
            cut = len(word) - 1
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def fit_name(text: str, width: float, height: float) -> tuple[object, list[str], int]:
    """The largest size at which the name fits the box, its font and lines; at the smallest
    size a name still too long keeps the lines that fit, the last ending in an ellipsis."""
    for size in NAME_SIZES:
        font = _font(True, size)
        lines = wrap(text, font, width)
        step = round(size * LINE)
        if len(lines) * step <= height:
            return font, lines, step
    room = max(1, int(height // step))
    kept_lines = lines[:room]
    if len(lines) > room:
        last = kept_lines[-1]
        while last and font.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        kept_lines[-1] = (last + " …").strip()
    return font, kept_lines, step


def _fitted(text: str, bold: bool, size: int, width: float):
    """A one-line text's font: `size`, or smaller until it fits the width."""
    font = _font(bold, size)
    while size > 16 and font.getlength(text) > width:
        size -= 2
        font = _font(bold, size)
    return font


def _draw(card: ShareCard) -> bytes:
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    # the municipality on the site's blue band
    draw.rectangle((0, 0, WIDTH, 120), fill=BRAND)
    font = _fitted(card.municipality, True, 46, width)
    draw.text((MARGIN, 60), card.municipality, font=font, fill=PAPER, anchor="lm")
    # what the item is, then its name, as large as the box allows
    font = _fitted(card.kicker, False, 32, width)
    draw.text((MARGIN, 170), card.kicker, font=font, fill=MUTED, anchor="lm")
    font, lines, step = fit_name(card.name, width, NAME_BOTTOM - NAME_TOP)
    for i, line in enumerate(lines):
        draw.text((MARGIN, NAME_TOP + i * step), line, font=font, fill=INK, anchor="la")
    # the amount, as the page prints it, on a tinted strip; the site's name beneath it
    draw.rectangle((0, 490, WIDTH, HEIGHT), fill=TINT)
    draw.rectangle((0, 490, 14, HEIGHT), fill=BRAND)
    font = _fitted(card.amount, True, 56, width)
    draw.text((MARGIN, 540), card.amount, font=font, fill=BRAND, anchor="lm")
    font = _fitted(card.site_name, False, 26, width)
    draw.text((MARGIN, 598), card.site_name, font=font, fill=MUTED, anchor="lm")
    out = BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()


def _draw_icon(letter: str) -> bytes:
    from io import BytesIO

    from PIL import Image, ImageDraw

    size = 64
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=12, fill=BRAND)
    draw.text((size / 2, size / 2 + 2), letter, font=_font(True, 40), fill=PAPER, anchor="mm")
    out = BytesIO()
    image.save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()
