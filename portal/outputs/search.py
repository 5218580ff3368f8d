"""Search documents, one file per language, read by static/search.js.

The index carries the Turkish folding tables from portal/text.py, so the
browser folds queries with exactly the rules the build used: one
definition of "ı is i" for Python and JavaScript alike.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from portal.i18n import Formatter
from portal.model import Program, Site, Text
from portal.text import FOLD_TABLE, LOWER_TABLE, fold
from portal.urls import Urls, anchor

_WORD = re.compile(r"[a-z0-9]+")


def words(*texts: str) -> str:
    """Folded, de-duplicated words, in first-seen order: what a query is matched against."""
    seen: dict[str, None] = {}
    for text in texts:
        for w in _folded_words(text):
            seen.setdefault(w, None)
    return " ".join(seen)


@lru_cache(maxsize=8192)
def _folded_words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _both(text: Text, lang: str) -> tuple[str, str]:
    """The page language's text first; the other language's words still find it."""
    other = text.tr if lang == "en" else text.en
    return text.get(lang), other


def documents(site: Site, program: Program, lang: str, urls: Urls) -> list[dict]:
    fmt = Formatter(lang)
    year = program.year
    unit_name = {slug: u.name.get(lang) for slug, u in site.units.items()}
    docs: list[dict] = []

    def add(kind, code, title: Text, path, unit="", amount=None, context=(), printed=""):
        main, other = _both(title, lang)
        docs.append({
            "k": kind, "c": code, "d": printed or code, "t": main, "u": unit_name.get(unit, ""),
            "a": fmt.money(amount) if amount is not None else "", "p": urls.link(path),
            "w": words(main), "x": words(other, unit_name.get(unit, ""), *context),
        })

    for aim in program.aims:
        add("aim", str(aim.number), aim.name, urls.aim(lang, year, aim.number),
            amount=program.aim_totals[aim.number].total)
    for goal in program.goals:
        add("goal", goal.code, goal.text, urls.goal(lang, year, goal.code), goal.unit, goal.total,
            [i.name.get(lang) for i in goal.indicators], goal.document_code)
        for activity in goal.activities:
            add("activity", activity.code, activity.name, urls.activity(lang, year, activity.code),
                activity.unit, activity.cost.total, [goal.text.get(lang)], activity.document_code)
        for ind in goal.indicators:
            add("indicator", ind.code, ind.name,
                urls.goal(lang, year, goal.code) + "#" + anchor("indicator", ind.code), goal.unit,
                context=[goal.text.get(lang)], printed=ind.document_code)
    for slug, totals in program.unit_totals.items():
        unit = site.units[slug]
        add("unit", "", unit.name, urls.unit(lang, year, slug), amount=totals.total)
    for slug, page in program.pages.items():
        add("page", "", page.title, urls.page(lang, year, slug), context=[page.body.get(lang)[:2000]])
    return docs


def search_index(site: Site, lang: str, urls: Urls) -> bytes:
    program = site.latest
    synonyms = {}
    for word, also in site.synonyms.get(lang, {}).items():
        synonyms.setdefault(fold(word), []).extend(words(*also).split())
    data = {"lower": LOWER_TABLE, "fold": FOLD_TABLE, "synonyms": synonyms,
            "docs": documents(site, program, lang, urls)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
