"""Read built pages the way a test needs them: links, ids, head tags, text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


# One page of each kind in each language, as the outside checkers see them (tests/test_quality.py,
# bench/lighthouse.py): site paths, with the query a search page is asked.
PAGE_KINDS = {
    "home": ("tr/", "en/"),
    "programme": ("tr/2024/", "en/2024/"),
    "aim": ("tr/2024/amaclar/1/", "en/2024/aims/1/"),
    "goal": ("tr/2024/hedefler/4-5/", "en/2024/goals/4-5/"),
    "activity": ("tr/2024/faaliyetler/1-5-2/", "en/2024/activities/1-5-2/"),
    "units": ("tr/2024/birimler/", "en/2024/units/"),
    "activities index": ("tr/2024/faaliyetler/?sort=name&unit=fen-isleri", "en/2024/activities/"),
    "unit": ("tr/2024/birimler/fen-isleri/", "en/2024/units/fen-isleri/"),
    "data notes": ("tr/2024/veri-notlari/", "en/2024/data-notes/"),
    "corrections": ("tr/2024/duzeltmeler/", "en/2024/corrections/"),
    # a table with group headers over sub-headers, and one with its header row again for more columns
    "general page": ("tr/2024/genel/human-resources/", "en/2024/general/resources/"),
    "glossary": ("tr/sozluk/", "en/glossary/"),
    "downloads": ("tr/veri/", "en/data/"),
    "search": ("tr/ara/?q=asfalt", "en/search/?q=road"),
    "embeds": ("embed/tr/2024/faaliyetler/1-5-2/", "embed/en/2024/goals/1-5/", "embed/tr/2024/birimler/fen-isleri/",
               "embed/en/2024/"),
    "root and 404": ("", "404.html"),
}


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
