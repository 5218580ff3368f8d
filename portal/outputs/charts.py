"""Charts drawn at build time as inline SVG: no script, readable in print.

Every chart has a title and a description for screen readers, labels its
bars in words and figures (colour never carries meaning alone), and sits
next to a table with the same numbers.
"""
from __future__ import annotations

from decimal import Decimal


from markupsafe import Markup, escape

WIDTH = 360
BAR_COLOUR = "#0b4f8a"  # dark blue: distinct for colour-blind readers and in greyscale print
TRACK_COLOUR = "#e3e8ee"


def bar_chart(key: str, items: list[tuple], title: str, description: str, in_order: bool = False) -> Markup:
    """Horizontal bars, largest first (in the order given with `in_order`: years): (label,
    value, formatted value[, label is in the page's language]) each; key is unique on the
    page.  A label still in Turkish is marked so."""
    n = key
    rows = [(*item, True)[:4] for item in items]
    if not in_order:
        rows.sort(key=lambda item: item[1], reverse=True)
    top = max((item[1] for item in rows), default=Decimal(0)) or Decimal(1)
    row_height, bar_height = 40, 12
    height = row_height * len(rows) + 4
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
             f'aria-labelledby="chart-{n}-t chart-{n}-d" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="chart-{n}-t">{escape(title)}</title>',
             f'<desc id="chart-{n}-d">{escape(description)}</desc>']
    for i, (label, value, shown, translated) in enumerate(rows):
        y = i * row_height
        width = max(float(value / top) * WIDTH, 1.0 if value else 0.0)
        room = 45 - len(shown)  # about 45 characters fit across the bar; the bold figure keeps its place
        short = label if len(label) <= room else label[:room - 1].rstrip() + "…"
        marked = "" if translated else ' lang="tr"'
        parts.append(f'<text x="0" y="{y + 13}" class="chart-label"{marked}>{escape(short)}</text>')
        parts.append(f'<rect x="0" y="{y + 19}" width="{WIDTH}" height="{bar_height}" fill="{TRACK_COLOUR}"/>')
        parts.append(f'<rect x="0" y="{y + 19}" width="{width:.1f}" height="{bar_height}" fill="{BAR_COLOUR}"/>')
        parts.append(f'<text x="{WIDTH}" y="{y + 13}" text-anchor="end" class="chart-value">{escape(shown)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def trend(key: str, values: list[tuple[str, Decimal | None]], better: str, title: str,
          description: str) -> Markup:
    """A small line over the years; the arrow says which way counts as progress."""
    n = key
    known = [(i, v) for i, (_, v) in enumerate(values) if v is not None]
    width, height, pad = 150, 48, 12
    lo = min((v for _, v in known), default=Decimal(0))
    hi = max((v for _, v in known), default=Decimal(1))
    span = (hi - lo) or Decimal(1)
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def y(v: Decimal) -> float:
        return height - 16 - float((v - lo) / span) * (height - 28)

    points = " ".join(f"{pad + i * step:.1f},{y(v):.1f}" for i, v in known)
    parts = [f'<svg class="trend" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-labelledby="chart-{n}-t chart-{n}-d" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="chart-{n}-t">{escape(title)}</title>',
             f'<desc id="chart-{n}-d">{escape(description)}</desc>']
    if len(known) > 1:
        parts.append(f'<polyline points="{points}" fill="none" stroke="{BAR_COLOUR}" stroke-width="2"/>')
    for i, v in known:
        parts.append(f'<circle cx="{pad + i * step:.1f}" cy="{y(v):.1f}" r="3" fill="{BAR_COLOUR}"/>')
    for i, (year, _) in enumerate(values):
        parts.append(f'<text x="{pad + i * step:.1f}" y="{height - 2}" text-anchor="middle" '
                     f'class="trend-year">{escape(year[2:])}</text>')
    arrow = "↑" if better == "up" else "↓"
    parts.append(f'<text x="{width - 2}" y="12" text-anchor="end" class="trend-arrow">{arrow}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
