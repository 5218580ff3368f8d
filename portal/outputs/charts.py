"""Charts drawn at build time as inline SVG: no script, readable in print.

Every chart has a title and a description for screen readers, labels its
bars in words and figures (colour never carries meaning alone), and sits
next to a table with the same numbers.
"""
from __future__ import annotations

from decimal import Decimal


from markupsafe import Markup, escape

BAR_COLOUR = "#0b4f8a"  # dark blue: distinct for colour-blind readers and in greyscale print
TRACK_COLOUR = "#e3e8ee"


def bar_chart(key: str, items: list[tuple], title: str, description: str, in_order: bool = False) -> Markup:
    """Horizontal bars across the whole column, largest first (in the order given with
    `in_order`: years): (label, value, formatted value[, label is in the page's language[,
    link]]) each; key is unique on the page.

    The chart is a list: each item's label is text that wraps onto as many lines as it
    needs (never cut short), its figure beside it, and the label links to the item's page
    where it has one.  Only the bar itself is drawn, as a small SVG the width of the
    column; it repeats the figure, so it is hidden from screen readers, which read the
    list (and the exact table beside it).  A label still in Turkish is marked so."""
    n = key
    rows = [(*item, True, None)[:5] for item in items]
    if not in_order:
        rows.sort(key=lambda item: item[1], reverse=True)
    top = max((item[1] for item in rows), default=Decimal(0)) or Decimal(1)
    parts = [f'<div class="bar-chart" role="group" aria-labelledby="chart-{n}-t" aria-describedby="chart-{n}-d">',
             f'<p class="visually-hidden" id="chart-{n}-t">{escape(title)}</p>',
             f'<p class="visually-hidden" id="chart-{n}-d">{escape(description)}</p>',
             '<ol class="bars">']
    for label, value, shown, translated, link in rows:
        width = max(float(value / top) * 100, 0.3 if value else 0.0)
        marked = "" if translated else ' lang="tr"'
        name = (f'<a class="bar-label" href="{escape(link)}"{marked}>{escape(label)}</a>' if link
                else f'<span class="bar-label"{marked}>{escape(label)}</span>')
        parts.append(f'<li>{name} <span class="bar-value">{escape(shown)}</span>'
                     f'<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
                     f'focusable="false" xmlns="http://www.w3.org/2000/svg">'
                     f'<rect width="100" height="10" fill="{TRACK_COLOUR}"/>'
                     f'<rect width="{width:.2f}" height="10" fill="{BAR_COLOUR}"/></svg></li>')
    parts.append("</ol></div>")
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
