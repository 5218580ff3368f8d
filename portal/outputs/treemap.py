"""The programme as a treemap: each performance goal a rectangle whose area is in proportion
to its resource need, grouped and coloured by strategic aim, each a link to its goal.

The layout is squarified (Bruls, Huizing and van Wijk, 2000): rows of rectangles as near
square as the values allow.  Amounts stay Decimal; only the geometry is float.  Two layouts
of the same figures, of which the style sheet shows one: a wide one (the aims squarified,
a key naming them above) and a narrow, taller one for phones, where each aim is a band
across the column with its name above its goals.  In both, every goal's share of the drawn
area is its share of the programme.  A rectangle too small for its code and amount shows
neither; its link still names it, and the table beside the map lists every goal.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, NamedTuple, Sequence

from markupsafe import escape

from portal.outputs.charts import INK, NBSP, fits, svg_root, text_lines, wrap

# one colour per aim (the sixth, then again from the first): white text on each has at
# least 4.5:1 contrast (WCAG AA), and so has each against the white lines between them
AIM_COLOURS = ("#0b4f8a", "#8a4b00", "#1f6b3a", "#7a2e7d", "#a52a2a", "#2b5f66", "#5a5a5a", "#4b3f9e")
ON_COLOUR = "#ffffff"
WIDE = (800, 500)  # the map's width and height in the wide layout (the key comes above)
NARROW_WIDTH, NARROW_AREA = 320, 320 * 800  # the narrow layout: the bands share this area
CODE_SIZE, AMOUNT_SIZE, LINE = 14, 13, 16
KEY_SIZE, KEY_LINE = 14, 18
PAD = 4  # between a rectangle's edge and its label


class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float


class Tile(NamedTuple):
    """One goal: its code, its label ("PH.1.5"), its text, its amount and its page."""

    code: str
    label: str
    name: str
    value: Decimal
    path: str


class Group(NamedTuple):
    """One aim with its goals."""

    number: int
    name: str
    value: Decimal
    path: str
    tiles: tuple[Tile, ...]


class Formats(NamedTuple):
    """How the page's language writes an amount, exactly and in short, a share, and a link."""

    money: Callable[[Decimal], str]
    compact: Callable[[Decimal], str]
    share: Callable[[Decimal], str]
    link: Callable[[str], str]


def _worst(row: Sequence[float], side: float) -> float:
    """The largest aspect ratio in a row of areas laid along a side of this length."""
    total = sum(row)
    return max(max(side * side * a / (total * total), total * total / (side * side * a)) for a in row)


def squarify(values: Sequence[Decimal], box: Rect) -> list[Rect]:
    """Rectangles filling `box`, one per value in the order given (largest first lays out
    best), each with an area in proportion to its value.  Values must be positive."""
    total = sum(values)
    if not values or not total:
        return []
    scale = box.w * box.h / float(total)
    areas = [float(v) * scale for v in values]
    x, y, w, h = box
    rects: list[Rect] = []
    start = 0
    while start < len(areas):
        side = min(w, h)
        end = start + 1
        while end < len(areas) and _worst(areas[start:end + 1], side) <= _worst(areas[start:end], side):
            end += 1
        row = areas[start:end]
        length = sum(row) / side  # the row's depth across the remaining box
        if w >= h:  # a column at the left
            offset = y
            for a in row:
                rects.append(Rect(x, offset, length, a / length))
                offset += a / length
            x, w = x + length, max(w - length, 0.0)
        else:  # a row at the top
            offset = x
            for a in row:
                rects.append(Rect(offset, y, a / length, length))
                offset += a / length
            y, h = y + length, max(h - length, 0.0)
        start = end
    if len(rects) > 1:  # rounding leaves the last one a hair short of the far corner
        last = rects[-1]
        rects[-1] = Rect(last.x, last.y, box.x + box.w - last.x, box.y + box.h - last.y)
    return rects


def _largest_first(items):
    return sorted((i for i in items if i.value > 0), key=lambda i: i.value, reverse=True)


def _breakable(amount: str) -> str:
    """A short amount that may break after its figure ("75,26 / milyon ₺", "TRY / 75.26 million")."""
    return amount.replace(NBSP, " ").replace(" ₺", NBSP + "₺")


def _f(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _tile(tile: Tile, rect: Rect, colour: str, fmt: Formats) -> str:
    """A goal's rectangle, a link to its goal named (by its <title>, which a pointer shows
    too) by its code, text and exact amount, labelled with its code and amount where they fit."""
    name = f"{tile.label} {tile.name} – {fmt.money(tile.value)} ({fmt.share(tile.value)})"
    parts = [f'<a href="{escape(fmt.link(tile.path))}" data-goal="{escape(tile.code)}"><title>{escape(name)}</title>'
             f'<rect x="{_f(rect.x)}" y="{_f(rect.y)}" width="{_f(rect.w)}" height="{_f(rect.h)}" fill="{colour}" '
             f'stroke="{ON_COLOUR}" stroke-width="1"/>']
    room_w, room_h = rect.w - 2 * PAD, rect.h - 2 * PAD
    amount = wrap(_breakable(fmt.compact(tile.value)), room_w, AMOUNT_SIZE)
    lines = [(tile.label, CODE_SIZE, True)] + [(line, AMOUNT_SIZE, False) for line in amount]
    while lines and not fits(lines, room_w, room_h, LINE):
        lines = lines[:1] if len(lines) > 1 else []
    if lines:
        parts.append(text_lines(lines, rect.x + PAD, rect.y + PAD, LINE, ON_COLOUR, hidden=True))
    parts.append("</a>")
    return "".join(parts)


def _group(group: Group, colour: str, box: Rect, fmt: Formats) -> list[str]:
    tiles = _largest_first(group.tiles)
    parts = [f'<g role="group" aria-label="{escape(f"{group.number}. {group.name}")}" data-aim="{group.number}">']
    parts += [_tile(t, r, colour, fmt) for t, r in zip(tiles, squarify([t.value for t in tiles], box))]
    # the aim's frame: a wider white line around its goals
    parts.append(f'<rect x="{_f(box.x)}" y="{_f(box.y)}" width="{_f(box.w)}" height="{_f(box.h)}" fill="none" '
                 f'stroke="{ON_COLOUR}" stroke-width="3" pointer-events="none"/></g>')
    return parts


def colour(number: int) -> str:
    return AIM_COLOURS[(number - 1) % len(AIM_COLOURS)]


def _aim_link(group: Group, fmt: Formats) -> str:
    """The opening of a link to an aim's page, named (as a goal's is) by its number, name and
    exact amount: the words it shows begin its name."""
    name = f"{group.number}. {group.name} – {fmt.money(group.value)} ({fmt.share(group.value)})"
    return f'<a href="{escape(fmt.link(group.path))}"><title>{escape(name)}</title>'


def wide(groups: Sequence[Group], fmt: Formats) -> tuple[list[str], float]:
    """The key (each aim's colour, name and amount, a link to its page), then the map: the
    aims squarified, and their goals squarified in each.  Returns the parts and the height."""
    width, height = WIDE
    parts, y = ['<g class="treemap-key">'], 0.0
    for g in groups:
        words = wrap(f"{g.number}. {g.name} – {fmt.compact(g.value)}", width - 24, KEY_SIZE)
        parts.append(_aim_link(g, fmt)
                     + f'<rect x="0" y="{_f(y + 2)}" width="14" height="14" fill="{colour(g.number)}"/>'
                     + text_lines([(line, KEY_SIZE, False) for line in words], 22, y, KEY_LINE, INK, hidden=True)
                     + "</a>")
        y += KEY_LINE * len(words) + 4
    parts.append("</g>")
    y += 8
    ranked = _largest_first(groups)
    for g, box in zip(ranked, squarify([g.value for g in ranked], Rect(0, y, width, height))):
        parts += _group(g, colour(g.number), box, fmt)
    return parts, y + height


def narrow(groups: Sequence[Group], fmt: Formats) -> tuple[list[str], float]:
    """Each aim a band across the column, in the order of the aims: its name and amount (a
    link to its page), then its goals squarified in a band whose height is in proportion to
    the aim's amount.  Returns the parts and the height."""
    whole = sum((g.value for g in groups), Decimal(0))
    parts, y = [], 0.0
    for g in groups:
        if g.value <= 0:  # nothing to draw (the table beside names it)
            continue
        lines = [(line, KEY_SIZE, True) for line in wrap(f"{g.number}. {g.name}", NARROW_WIDTH, KEY_SIZE, bold=True)]
        lines.append((f"{fmt.compact(g.value)} · {fmt.share(g.value)}", AMOUNT_SIZE, False))
        parts.append(_aim_link(g, fmt) + text_lines(lines, 0, y, KEY_LINE, INK, hidden=True) + "</a>")
        y += KEY_LINE * len(lines) + 4
        band = NARROW_AREA * float(g.value / whole) / NARROW_WIDTH
        parts += _group(g, colour(g.number), Rect(0, y, NARROW_WIDTH, band), fmt)
        y += band + 14
    return parts, max(y - 14, 0.0)


def treemap(key: str, groups: Sequence[Group], fmt: Formats, title: str, description: str):
    """Both layouts for the page, each an inline SVG with the chart's title and description."""
    out = []
    for name, layout in (("wide", wide), ("narrow", narrow)):
        parts, height = layout(groups, fmt)
        width = WIDE[0] if name == "wide" else NARROW_WIDTH
        n = f"{key}-{name}"
        out.append(svg_root(width, height, f'class="chart treemap treemap-{name}" '
                                           f'aria-labelledby="chart-{n}-t" aria-describedby="chart-{n}-d"')
                   + f'<title id="chart-{n}-t">{escape(title)}</title>'
                   + f'<desc id="chart-{n}-d">{escape(description)}</desc>' + "".join(parts) + "</svg>")
    return "".join(out)

