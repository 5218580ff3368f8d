"""sitemap.xml with hreflang alternates, and robots.txt pointing to it."""
from __future__ import annotations

from html import escape

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def sitemap(pages, absolute) -> str:
    """pages: (path, {lang: path}) pairs; absolute: path -> absolute URL."""
    parts = [HEAD]
    for path, alternates in pages:
        parts.append(f"<url><loc>{escape(absolute(path), quote=False)}</loc>")
        for lang, alt in alternates.items():
            parts.append(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(absolute(alt))}"/>')
        if "tr" in alternates:
            parts.append(f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(absolute(alternates["tr"]))}"/>')
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)


def robots(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
