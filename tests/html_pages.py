"""Read built pages the way a test needs them: links, ids, head tags, text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageInfo:
    lang: str = ""
    title: str = ""
    h1: list[str] = field(default_factory=list)
    canonical: str = ""
    alternates: dict[str, str] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    lang_switch: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    text: str = ""
    scripts: list[dict] = field(default_factory=list)


def squash(text: str) -> str:
    """Collapse spacing, keeping no-break spaces (they are part of how figures read)."""
    return re.sub(r"[ \t\r\n\f]+", " ", text).strip()


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self._in: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.info.ids.add(a["id"])
        if tag == "html":
            self.info.lang = a.get("lang", "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.info.canonical = a["href"]
        elif tag == "link" and a.get("rel") == "alternate":
            self.info.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("rel") == "stylesheet":
            self.info.assets.append(a["href"])
        elif tag == "script":
            self.info.scripts.append(a)
            if "src" in a:
                self.info.assets.append(a["src"])
        elif tag == "meta" and ("property" in a or "name" in a):
            self.info.meta[a.get("property") or a.get("name")] = a.get("content", "")
        elif tag == "a" and "href" in a:
            self.info.links.append(a["href"])
            if "lang-switch" in a.get("class", ""):
                self.info.lang_switch = a["href"]
        if tag in ("title", "h1"):
            self._in.append(tag)
            self._text.append("")

    def handle_endtag(self, tag):
        if self._in and tag == self._in[-1]:
            self._in.pop()
            text = squash(self._text.pop())
            if tag == "title":
                self.info.title = text
            else:
                self.info.h1.append(text)

    def handle_data(self, data):
        if self._text:
            self._text[-1] += data
        self.info.text += data


def read_page(path: Path) -> PageInfo:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.info.text = squash(parser.info.text)
    return parser.info


def page_file(site: Path, url_path: str) -> Path:
    """The file a site path is served from: 'tr/2024/' -> site/tr/2024/index.html."""
    path = site / url_path.lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path
