"""Charts drawn at build time as SVG: no script, readable in print.

Every chart has a title and a description for screen readers, labels its
bars in words and figures (colour never carries meaning alone), and sits
next to a table with the same numbers.  Each can also be downloaded: as a
picture that stands on its own (an SVG file with its title, what it is of,
every figure exactly and its source; styled by its own attributes, so it
needs no style sheet and the site's policy lets it show) and as its figures
in a CSV file, written as the open data writes them.
"""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple, Sequence

from markupsafe import Markup, escape

BAR_COLOUR = "#0b4f8a"  # dark blue: distinct for colour-blind readers and in greyscale print
TRACK_COLOUR = "#e3e8ee"
INK, MUTED, PAPER = "#1b1b1b", "#4a4a4a", "#ffffff"  # as the style sheet's --ink, --muted, --paper
SVG_FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Noto Sans&quot;, Arial, sans-serif'
NBSP = "\u00a0"

# each kind of chart's figures as a CSV file: the programme year first, codes as text, then
# names in both languages, then the amount (a trend: each year's value as a plain number
# and as printed); the rows in the order the chart shows them
CSV_COLUMNS = {
    "aim": ("year", "aim", "name_tr", "name_en", "total"),
    "unit": ("year", "unit", "name_tr", "name_en", "total"),  # the years of one unit too
    "econ": ("year", "econ", "name_tr", "name_en", "budget"),
    "goal": ("year", "aim", "goal", "document_code", "text_tr", "text_en", "total"),
    "activity": ("year", "goal", "activity", "document_code", "name_tr", "name_en", "total"),
    "treemap": ("year", "aim", "aim_name_tr", "aim_name_en", "goal", "document_code", "text_tr", "text_en",
                "total"),
    "trend": ("year", "goal", "indicator", "document_code", "value_year", "value", "printed"),
}


class Listing(NamedTuple):
    """One chart's downloads as the data package lists them, from one language's page: the
    picture in that language, the figures (the same file for every language)."""

    year: int
    key: str  # the name its files share (portal/urls.py)
    lang: str
    table: str  # the figures' columns: a key of CSV_COLUMNS
    title: str
    subject: str  # what it is a chart of


# A line of text must fit its place without a browser to measure it: each character's
# width in ems, on the wide side of the usual sans-serif faces (DejaVu Sans, Verdana).
_WIDTHS = {**dict.fromkeys("iljıIİ.,:;'’!|", 0.32), **dict.fromkeys(" ()[]-–/frt", 0.42),
           **dict.fromkeys("mwMW", 0.95), **dict.fromkeys("0123456789₺%", 0.64)}


class _Ems(dict):
    """Each character's width in ems, worked out once per character."""

    def __missing__(self, c: str) -> float:
        self[c] = _WIDTHS.get(c, 0.74 if c.isupper() else 0.62)
        return self[c]


_EMS = _Ems()


def text_width(text: str, size: float, bold: bool = False) -> float:
    """About how wide a line of text is drawn, in the units of its font size."""
    return sum(map(_EMS.__getitem__, text)) * size * (1.1 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """The text in lines no wider than `width`, broken at spaces, not at no-break spaces
    (a word wider than the whole line is broken where it must be); never shortened."""
    lines: list[str] = []
    line = ""
    for word in filter(None, text.split(" ")):  # not at a no-break space: "75 milyon ₺" keeps its "₺"
        while text_width(word, size, bold) > width and len(word) > 1:  # an address, a long compound
            cut = next((i for i in range(len(word) - 1, 0, -1) if text_width(word[:i], size, bold) <= width), 1)
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def fits(lines: Sequence[tuple[str, float, bool]], width: float, height: float, line_height: float) -> bool:
    return len(lines) * line_height <= height and all(text_width(t, s, b) <= width for t, s, b in lines)


def text_lines(lines: Sequence[tuple[str, float, bool]], x: float, top: float, line_height: float, fill: str,
               hidden: bool = False, anchor: str = "") -> str:
    """Lines of (text, size, bold) from `top` down, one <text> each; `hidden` from screen
    readers where the element around them is named already."""
    extra = (' aria-hidden="true"' if hidden else "") + (f' text-anchor="{anchor}"' if anchor else "")
    weight = ' font-weight="700"'
    return "".join(f'<text x="{x:.1f}" y="{top + (i + 0.75) * line_height:.1f}" font-size="{size}"'
                   f'{weight if bold else ""} fill="{fill}"{extra}>{escape(text)}</text>'
                   for i, (text, size, bold) in enumerate(lines))


def svg_root(width: float, height: float, attributes: str = "") -> str:
    """The opening tag of a chart drawn on a page."""
    tail = f" {attributes}" if attributes else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'font-family="{SVG_FONT}"{tail}>')


def bar_chart(key: str, items: list[tuple], title: str, description: str) -> Markup:
    """Horizontal bars across the whole column, in the order given (largest first, or the
    years in order): (label, value, formatted value[, label is in the page's language[,
    link]]) each; key is unique on the page.

    The chart is a list: each item's label is text that wraps onto as many lines as it
    needs (never cut short), its figure beside it, and the label links to the item's page
    where it has one.  Only the bar itself is drawn, as a small SVG the width of the
    column; it repeats the figure, so it is hidden from screen readers, which read the
    list (and the exact table beside it).  A label still in Turkish is marked so."""
    n = key
    rows = [(*item, True, None)[:5] for item in items]
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


def _line(values: Sequence[tuple[str, Decimal | None]], width: float, height: float, pad: float, top: float,
          bottom: float) -> tuple[list[float], list[tuple[float, float, Decimal]]]:
    """Where each year of a trend stands across, and where each known value is drawn."""
    known = [(i, v) for i, (_, v) in enumerate(values) if v is not None]
    lo = min((v for _, v in known), default=Decimal(0))
    hi = max((v for _, v in known), default=Decimal(1))
    span = (hi - lo) or Decimal(1)
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    xs = [pad + i * step for i in range(len(values))]
    return xs, [(xs[i], height - bottom - float((v - lo) / span) * (height - top - bottom), v) for i, v in known]


def _polyline(points: list[tuple[float, float, Decimal]], radius: float) -> str:
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
    parts = [f'<polyline points="{line}" fill="none" stroke="{BAR_COLOUR}" stroke-width="2"/>'
             ] if len(points) > 1 else []
    return "".join(parts + [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{BAR_COLOUR}"/>'
                            for x, y, _ in points])


def trend(key: str, values: list[tuple[str, Decimal | None]], better: str, title: str,
          description: str) -> Markup:
    """A small line over the years; the arrow says which way counts as progress."""
    n = key
    width, height = 150, 48
    xs, points = _line(values, width, height, 12, 12, 16)
    parts = [f'<svg class="trend" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-labelledby="chart-{n}-t chart-{n}-d" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="chart-{n}-t">{escape(title)}</title>',
             f'<desc id="chart-{n}-d">{escape(description)}</desc>', _polyline(points, 3)]
    for x, (year, _) in zip(xs, values):
        parts.append(f'<text x="{x:.1f}" y="{height - 2}" text-anchor="middle" '
                     f'class="trend-year">{escape(year[2:])}</text>')
    arrow = "↑" if better == "up" else "↓"
    parts.append(f'<text x="{width - 2}" y="12" text-anchor="end" class="trend-arrow">{arrow}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# ------------------------------------------------------------------ downloads
MARGIN = 24
BODY_WIDTH = 752  # what a picture draws between its margins
TREND_WIDTH = 480


def picture(lang: str, title: str, subject: str, source: str, body: str, body_height: float,
            body_width: float = BODY_WIDTH) -> bytes:
    """A chart as a file of its own: its title and what it is of above it, its source below,
    on a white ground; every style an attribute of its own (no style sheet to load, none
    for the site's policy to refuse)."""
    width = body_width + 2 * MARGIN
    heading = [(line, 20, True) for line in wrap(title, body_width, 20, bold=True)]
    about = [(line, 15, False) for line in wrap(subject, body_width, 15)]
    foot = [(line, 12, False) for line in wrap(source, body_width, 12)]
    y = MARGIN
    parts = [text_lines(heading, MARGIN, y, 26, INK)]
    y += 26 * len(heading)
    parts.append(text_lines(about, MARGIN, y, 20, MUTED))
    y += 20 * len(about) + 16
    parts.append(f'<g transform="translate({MARGIN} {y:.1f})">{body}</g>')
    y += body_height + 16
    parts.append(text_lines(foot, MARGIN, y, 16, MUTED))
    height = y + 16 * len(foot) + MARGIN
    svg = (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" xml:lang="{lang}" '
           f'font-family="{SVG_FONT}" aria-labelledby="title" aria-describedby="subject">'
           f'<title id="title">{escape(title)}</title><desc id="subject">{escape(subject)}</desc>'
           f'<rect width="100%" height="100%" fill="{PAPER}"/>' + "".join(parts) + "</svg>\n")
    return svg.encode("utf-8")


def bars_body(items: Sequence[tuple[str, Decimal, str, str | None]]) -> tuple[str, float]:
    """The bars of a chart for its picture, in the order given: (label, value, the value
    written exactly, link or None) each; the label wraps in full beside its bar."""
    label_width, value_width, size, line = 300, 190, 14, 18
    bar_x = label_width + 12
    bar_width = BODY_WIDTH - bar_x - value_width - 12
    top = max((value for _, value, _, _ in items), default=Decimal(0)) or Decimal(1)
    parts, y = [], 0.0
    for label, value, shown, link in items:
        lines = [(text, size, False) for text in wrap(label, label_width, size)]
        drawn = text_lines(lines, 0, y, line, INK)
        parts.append(f'<a href="{escape(link)}">{drawn}</a>' if link else drawn)
        width = max(float(value / top) * bar_width, 1.0 if value else 0.0)
        parts.append(f'<rect x="{bar_x}" y="{y + 3:.1f}" width="{bar_width}" height="12" fill="{TRACK_COLOUR}"/>'
                     f'<rect x="{bar_x}" y="{y + 3:.1f}" width="{width:.2f}" height="12" fill="{BAR_COLOUR}" '
                     f'data-value="{value}"/>')
        parts.append(text_lines([(shown, size, True)], BODY_WIDTH, y, line, INK, anchor="end"))
        y += line * len(lines) + 10
    return "".join(parts), max(y - 10, 0)


def trend_body(values: Sequence[tuple[str, Decimal | None]], shown: Sequence[str], note: str) -> tuple[str, float]:
    """A trend for its picture: the line, each known value written (`shown`, in order) above
    its point and each year below, and which way counts as progress."""
    width, height = TREND_WIDTH, 200
    xs, points = _line(values, width, height, 40, 32, 28)
    parts = [f'<line x1="0" y1="{height - 20}" x2="{width}" y2="{height - 20}" stroke="{TRACK_COLOUR}"/>',
             _polyline(points, 4)]
    for (x, y, _), text in zip(points, shown):
        parts.append(text_lines([(text, 14, True)], x, y - 30, 18, INK, anchor="middle"))
    for x, (year, _) in zip(xs, values):
        parts.append(text_lines([(year, 13, False)], x, height - 18, 18, MUTED, anchor="middle"))
    lines = [(line, 13, False) for line in wrap(note, width, 13)]
    parts.append(text_lines(lines, 0, height + 4, 18, INK))
    return "".join(parts), height + 4 + 18 * len(lines)
