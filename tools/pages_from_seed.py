"""Turn the general-information part of the seed into Markdown pages.

The converter's page headers and footers are dropped, tab-separated tables
become Markdown tables, and each page is written in Turkish with an English
twin that starts empty (the site shows the Turkish text, marked as such,
until someone translates it).
"""
from __future__ import annotations

import re

from tools.seed_parser import TAG, find_line

# slug: (first line containing, line that ends it, Turkish title, English title)
PAGES = {
    "foreword": ("Değerli Kartepeli", "İÇİNDEKİLER", "Başkanın Sunuşu", "Mayor's Foreword"),
    "authority": ("A- Yetki, Görev ve Sorumluluklar", "B- Teşkilat Yapısı",
                  "Yetki, Görev ve Sorumluluklar", "Authority, Duties and Responsibilities"),
    "organisation": ("B- Teşkilat Yapısı", "C- Fiziksel Kaynaklar", "Teşkilat Yapısı", "Organisation"),
    "resources": ("C- Fiziksel Kaynaklar", "İnsan Kaynakları Envanteri",
                  "Fiziksel Kaynaklar ve Teknoloji", "Physical Resources and Technology"),
    "human-resources": ("İnsan Kaynakları Envanteri", "2- PERFORMANS BİLGİLERİ",
                        "İnsan Kaynakları", "Human Resources"),
    "evaluation": ("E-Diğer Hususlar", "3-Ekler", "Diğer Hususlar", "Other Matters"),
}

NOISE = re.compile(r"^(T\.C\.|KARTEPE BELEDİYESİ|PERFORMANS PROGRAMI|---|"
                   r"(Şekil|Grafik) \d+:.*)$")
LINK = re.compile(r'<a href="[^"]*">([^<]*)</a>')
SUP = re.compile(r"\s*<sup>2</sup>\s*")


def _plain(line: str) -> str:
    line = SUP.sub("²", LINK.sub(r"\1", line))
    return TAG.sub("", line)


def _is_noise(line: str) -> bool:
    bare = _plain(line).strip().lstrip("#").strip()
    return bool(NOISE.match(bare))


def _table(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    cell = lambda c: c.strip().replace("|", "\\|")  # noqa: E731
    out = ["| " + " | ".join(cell(c) for c in rows[0]) + " |",
           "|" + "---|" * width]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows[1:]]
    return out


def to_markdown(lines: list[str]) -> str:
    out: list[str] = []
    table: list[list[str]] = []
    for raw in lines:
        if "\t" in raw and raw.strip():
            cells = [c.strip() for c in _plain(raw).split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                table.append(cells)
            continue
        if table:
            out += _table(table) + [""]
            table = []
        if _is_noise(raw):
            continue
        line = _plain(raw).rstrip()
        m = re.match(r"^#+\s*(.*)$", line)
        if m:
            line = "## " + m.group(1).strip("* ")
        out.append(line)
    if table:
        out += _table(table)
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def general_pages(lines: list[str], year: int) -> dict[str, str]:
    pages = {}
    for slug, (start, end, title_tr, title_en) in PAGES.items():
        a = find_line(lines, start)
        b = find_line(lines, end, a + 1)
        body = lines[a + 1:b] if start != "Değerli Kartepeli" else lines[a:b]
        pages[f"{year}/pages/{slug}.tr.md"] = f"---\ntitle: {title_tr}\n---\n\n" + to_markdown(body)
        pages[f"{year}/pages/{slug}.en.md"] = f"---\ntitle: {title_en}\n---\n"
    return pages
