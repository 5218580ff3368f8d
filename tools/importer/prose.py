"""What the document says outside its tables: who and when, and its own summary.

Identity comes from the title page and the tables' `İdare Adı`, never from
a setting, so another municipality's programme (or next year's) cannot be
imported under this one's name or year.  Prose is matched by folded keys,
like the table labels, so capitals and punctuation do not matter.
"""
from __future__ import annotations

import re

from portal.text import lower_tr, upper_tr
from tools.importer.errors import ImportProblem
from tools.importer.labels import heading_key, key
from tools.importer.normalise import TAG, Document

TITLE = re.compile(r"^(?:t c )?(?:(.+?) )?((?:19|20)\d\d) mali yili performans programi$")
MUNICIPALITY = re.compile(r"^(?:t c )?(.+ belediyesi)$")


def title_year(doc: Document) -> tuple[int, int]:
    """The programme's year from its title ("2024 Mali Yılı Performans Programı") and the line."""
    for i in range(len(doc.lines)):
        m = TITLE.match(heading_key(doc.plain(i)))
        if m:
            return int(m.group(2)), i + 1
    raise ImportProblem(1, "this is not a performance programme: no title like "
                           "'2024 Mali Yılı Performans Programı' was found")


def municipality(doc: Document, raw_lines: list[str], administration: str) -> str:
    """The municipality's name as Turkish prose writes it ('Kartepe Belediyesi'), from the
    title page (before the running headers are blanked) and checked against `İdare Adı`."""
    name = ""
    for raw in raw_lines[:200]:
        plain = TAG.sub("", raw).strip().lstrip("#").strip()
        m = MUNICIPALITY.match(key(plain))
        if m:
            words = plain.split()
            if key(words[0]) == "t c":
                words = words[1:]
            name = " ".join(words)
            break
    if administration and name and key(administration) != key(name):
        raise ImportProblem(1, f"the title page names {name!r} but the tables' 'İdare Adı' is "
                               f"{administration!r}: one document, one municipality")
    name = name or administration
    if not name:
        raise ImportProblem(1, "no municipality's name: neither the title page nor 'İdare Adı' gives one")
    return title_case(name)


def title_case(text: str) -> str:
    """'KARTEPE BELEDİYESİ' -> 'Kartepe Belediyesi', with Turkish casing."""
    return " ".join(upper_tr(w[:1]) + lower_tr(w[1:]) for w in text.split())


def stated_counts(doc: Document) -> dict[str, int]:
    text = "\n".join(doc.key(i) for i in range(len(doc.lines)))
    found = {
        "aims": re.search(r"toplam (\d+) (?:adet )?stratejik amac belirlenmistir", text),
        "goals": re.search(r"toplam (\d+) (?:adet )?stratejik hedef belirlenmistir", text),
        "activities": re.search(r"toplam (\d+) (?:adet )?faaliyet ve proje belirlenmistir", text),
    }
    return {k: int(m.group(1)) for k, m in found.items() if m}


def after_label(doc: Document, label: str) -> str:
    """The paragraph a label opens ('Misyonumuz; ...'), on its line or the next."""
    want = key(label)
    for i in range(len(doc.lines)):
        plain = doc.plain(i).lstrip("#").strip()
        head, sep, rest = plain.partition(";") if ";" in plain[:40] else plain.partition(":")
        if not sep:
            head, rest = plain, ""
        if key(head) == want:
            if rest.strip():
                return rest.strip().strip("*").strip()
            for j in range(i + 1, min(i + 4, len(doc.lines))):
                if doc.plain(j):
                    return doc.plain(j)
    raise ImportProblem(1, f"no paragraph opened by {label!r} (the mission and vision are required)")


def values(doc: Document) -> list[str]:
    """The numbered list under the heading on principles and core values."""
    start = next((i for i in range(len(doc.lines)) if "temel degerleri" in heading_key(doc.plain(i))
                  and len(doc.plain(i)) < 120), None)
    if start is None:
        return []
    out: list[str] = []
    for i in range(start + 1, len(doc.lines)):
        x = doc.plain(i)
        m = re.match(r"^\d+\s*[.)-]\s*(.*?)[,.]?$", x)
        if m:
            out.append(m.group(1))
        elif out and x:
            break
    return out


def organisation_units(doc: Document) -> list[str]:
    """The units named in the organisation paragraph ("... uygun olarak, A Müdürlüğü, B
    Müdürlüğü ve C Müdürlüğü seçilmiş olup"): a cross-check of the tables' units, and the
    units that run no activity.  A paragraph worded otherwise gives none: not an error."""
    for i in range(len(doc.lines)):
        plain = doc.plain(i)
        if "Norm Kadro" not in plain or "seçilmiş olup" not in plain or "uygun olarak," not in plain:
            continue
        body = plain.split("uygun olarak,", 1)[1].split("seçilmiş olup", 1)[0]
        names = []
        for part in re.split(r",\s*", body):
            names.extend(p.strip() for p in re.split(r"(?<=Müdürlüğü)\s+ve\s+", part) if p.strip())
        return names
    return []
