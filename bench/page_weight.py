"""Page weight per page kind: the HTML plus every stylesheet and script it loads, raw and gzip."""
from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from common import Context, Section, kb, median, table

BUDGET = 30_000  # bytes, gzip, HTML + CSS + JS (issue 9); the search page is held to the search budget
KINDS = [  # (kind, pattern on the site-relative file path); first match wins
    ("home", r"^(tr|en)/index\.html$"),
    ("programme overview", r"^(tr|en)/\d{4}/index\.html$"),
    ("aim", r"^(tr/\d{4}/amaclar|en/\d{4}/aims)/[^/]+/index\.html$"),
    ("goal", r"^(tr/\d{4}/hedefler|en/\d{4}/goals)/[^/]+/index\.html$"),
    ("activity", r"^(tr/\d{4}/faaliyetler|en/\d{4}/activities)/[^/]+/index\.html$"),
    ("units index", r"^(tr/\d{4}/birimler|en/\d{4}/units)/index\.html$"),
    ("unit", r"^(tr/\d{4}/birimler|en/\d{4}/units)/[^/]+/index\.html$"),
    ("data notes", r"^(tr/\d{4}/veri-notlari|en/\d{4}/data-notes)/index\.html$"),
    ("search", r"^(tr/ara|en/search)/index\.html$"),
    ("glossary", r"^(tr/sozluk|en/glossary)/index\.html$"),
    ("general page", r"^(tr/\d{4}/genel|en/\d{4}/general)/[^/]+/index\.html$"),
    ("downloads", r"^(tr/veri|en/data)/index\.html$"),
    ("language chooser", r"^index\.html$"),
    ("404", r"^404\.html$"),
]


def kind_of(rel: str) -> str:
    for kind, pattern in KINDS:
        if re.match(pattern, rel):
            return kind
    return "other"


class _Resources(HTMLParser):
    """Stylesheets and scripts a page loads, and images (reported, not counted)."""

    def __init__(self):
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.images = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        elif tag == "img":
            self.images += 1


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def run(ctx: Context) -> Section:
    site = ctx.reference_site()
    cache: dict[str, tuple[int, int]] = {}
    missing: set[str] = set()

    def resource(url: str) -> tuple[int, int]:
        path = urlsplit(url).path
        if url.startswith(("http:", "https:", "//")) or not path.startswith("/"):
            missing.add(url)
            return 0, 0
        if path not in cache:
            f = site / path.lstrip("/")
            if not f.is_file():
                missing.add(url)
                cache[path] = (0, 0)
            else:
                data = f.read_bytes()
                cache[path] = (len(data), gz(data))
        return cache[path]

    pages: dict[str, list[dict]] = {}
    images = 0
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        data = f.read_bytes()
        parser = _Resources()
        parser.feed(data.decode("utf-8", "replace"))
        images += parser.images
        assets = [resource(u) for u in dict.fromkeys(parser.css + parser.js)]  # each file once
        row = {"path": rel, "html_raw": len(data), "html_gz": gz(data),
               "assets_raw": sum(a[0] for a in assets), "assets_gz": sum(a[1] for a in assets),
               "css": len(parser.css), "js": len(parser.js)}
        row["total_raw"] = row["html_raw"] + row["assets_raw"]
        row["total_gz"] = row["html_gz"] + row["assets_gz"]
        pages.setdefault(kind_of(rel), []).append(row)

    order = [k for k, _ in KINDS] + ["other"]
    rows, over = [], []
    for kind in order:
        group = pages.get(kind)
        if not group:
            continue
        heaviest = max(group, key=lambda r: r["total_gz"])
        ok = heaviest["total_gz"] <= BUDGET
        if kind != "search":
            over += [r for r in group if r["total_gz"] > BUDGET]
        rows.append([kind, len(group), kb(heaviest["html_raw"]), kb(heaviest["assets_raw"]),
                     kb(heaviest["total_raw"]), kb(heaviest["html_gz"]), kb(heaviest["assets_gz"]),
                     kb(median(r["total_gz"] for r in group)), f"**{kb(heaviest['total_gz'])}**",
                     "search budget" if kind == "search" else ("yes" if ok else "**no**"),
                     f"`/{heaviest['path']}`"])
    non_search = [r for k, g in pages.items() if k != "search" for r in g]
    worst = max(non_search, key=lambda r: r["total_gz"])
    body = "\n".join([
        "Per page kind, both languages: the page's HTML plus every stylesheet (`<link rel=stylesheet>`) and "
        "script (`<script src>`) it loads, each file counted once, raw and gzip (level 6, each file "
        "compressed on its own as a server sends it). Figures are for the heaviest page of the kind "
        "unless marked median. KB = 1,000 bytes. Budget: 30 KB gzip per page with its CSS and JS "
        "(search page held to the search budget instead). Data files fetched later (search index, "
        "CSV/JSON downloads) are not counted here.",
        "",
        table(["kind", "pages", "HTML raw", "CSS+JS raw", "total raw", "HTML gzip", "CSS+JS gzip",
               "total gzip, median", "total gzip, max", "≤ 30 KB", "heaviest page"], rows),
        "",
        f"Pages over 30 KB gzip (search excepted): {len(over)} of {len(non_search)}."
        + (" " + ", ".join(f"`/{r['path']}` ({kb(r['total_gz'])} KB)"
                           for r in sorted(over, key=lambda r: -r["total_gz"])[:10]) if over else ""),
        *(["", f"Images referenced: {images} (not counted)."] if images else []),
        *(["", f"Referenced but not found in the output (not counted): {', '.join(sorted(missing))}."]
          if missing else []),
    ])
    return Section(
        "Page weight", body,
        headline=[("heaviest page with its CSS and JS, gzip (search excepted)",
                   f"{kb(worst['total_gz'])} KB (`/{worst['path']}`); {len(over)} page(s) over", "≤ 30 KB")],
        data={kind: {"pages": len(g), "max_total_gz": max(r["total_gz"] for r in g),
                     "median_total_gz": median(r["total_gz"] for r in g),
                     "max_total_raw": max(r["total_raw"] for r in g)} for kind, g in pages.items()},
    )
