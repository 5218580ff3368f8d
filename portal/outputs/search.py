"""Search documents, one file per language, read by static/search.js.

The index carries the Turkish folding tables from portal/text.py, so the
browser folds queries with exactly the rules the build used: one
definition of "ı is i" for Python and JavaScript alike.  It carries the
Snowball stems of the page language's words (portal/outputs/stemming.py),
which the browser meets with the stem of the query, and the synonyms staff
keep in content/search.yaml, both ways round.

A document's title is shipped as it is shown; the browser folds it into
the words it matches (tests/test_search_browser.py proves the two foldings
equal), so the words are not shipped twice.  Activities and indicators
name their goal (`g`) instead of repeating the goal's text, and a goal its
indicators (`i`: the first and how many); indicators carry no words of the
other language.  The stems table writes each word as what follows its stem.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator

from portal.diskcache import kept_results
from portal.i18n import Formatter
from portal.markdown import to_html
from portal.model import Program, Site, Text
from portal.outputs.stemming import keep_stems, stems_of, tokens
from portal.text import FOLD_TABLE, LOWER_TABLE, fold
from portal.urls import Urls, anchor

_WORD = re.compile(r"[a-z0-9]+")
_HEADING = re.compile(r'<h([2-4]) id="([^"]+)">(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
STARTING_POINTS = 4  # the biggest activities, offered when a search finds nothing
PAGE_TEXT = 800  # characters searched of a general page's body (its headings are documents) and of duties


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


@dataclass
class Entry:
    """One thing search can find, before it is written for a language."""

    kind: str
    code: str
    title: Text
    path: Callable[[Urls], str]
    unit: str = ""
    amount: object = None
    context: list[str] = field(default_factory=list)  # in the page's language: searched, weighed less
    printed: str = ""
    goal: str = ""  # the goal whose words also find it


def entries(site: Site, program: Program, lang: str) -> Iterator[Entry]:
    year = program.year
    for aim in program.aims:
        yield Entry("aim", str(aim.number), aim.name, lambda u, n=aim.number: u.aim(lang, year, n),
                    amount=program.aim_totals[aim.number].total)
    for goal in program.goals:
        yield Entry("goal", goal.code, goal.text, lambda u, c=goal.code: u.goal(lang, year, c), goal.unit,
                    goal.total, printed=goal.document_code)
        for activity in goal.activities:
            yield Entry("activity", activity.code, activity.name,
                        lambda u, c=activity.code: u.activity(lang, year, c), activity.unit,
                        activity.cost.total, printed=activity.document_code, goal=goal.code)
        for ind in goal.indicators:
            yield Entry("indicator", ind.code, ind.name,
                        lambda u, g=goal.code, c=ind.code: u.goal(lang, year, g) + "#" + anchor("indicator", c),
                        goal.unit, printed=ind.document_code, goal=goal.code)
    for slug, totals in program.unit_totals.items():
        unit, duties = site.units[slug], program.duties.get(slug)
        said = [unit.description.get(lang), duties.text.get(lang)[:PAGE_TEXT] if duties else ""]  # what it does
        yield Entry("unit", "", unit.name, lambda u, s=slug: u.unit(lang, year, s), amount=totals.total,
                    context=[text for text in said if text])
    for slug, page in program.pages.items():
        body = page.body.get(lang)
        yield Entry("page", "", page.title, lambda u, s=slug: u.page(lang, year, s), context=[body[:PAGE_TEXT]])
        for element_id, heading in headings(body):
            yield Entry("page", "", Text(heading, heading),
                        lambda u, s=slug, i=element_id: u.page(lang, year, s) + "#" + i, context=[page.title.get(lang)])
    for term in site.glossary:
        yield Entry("term", "", term.term, lambda u, k=term.key: u.glossary(lang) + "#" + k,
                    context=[term.definition.get(lang)])


def headings(markdown_text: str) -> list[tuple[str, str]]:
    """(id, text) of each heading of a general page, as the page shows it."""
    return [(m[2], " ".join(_TAG.sub("", m[3]).split())) for m in _HEADING.finditer(to_html(markdown_text))]


def documents(site: Site, program: Program, lang: str, urls: Urls) -> list[dict]:
    fmt = Formatter(lang)
    unit_name = {slug: u.name.get(lang) for slug, u in site.units.items()}
    found = list(entries(site, program, lang))
    goal_index = {e.code: i for i, e in enumerate(found) if e.kind == "goal"}
    docs = []
    for e in found:
        main = e.title.get(lang)
        other = e.title.tr if lang == "en" else e.title.en
        own = set(words(main).split())
        doc = {"k": e.kind, "c": e.code, "d": e.printed or e.code, "t": main, "u": unit_name.get(e.unit, ""),
               "a": fmt.money(e.amount) if e.amount is not None else "", "p": urls.link(e.path(urls)),
               "x": " ".join(w for w in words(unit_name.get(e.unit, ""), *e.context).split() if w not in own),
               "o": " ".join(w for w in words(other).split() if w not in own)}
        if e.goal:
            doc["g"] = goal_index[e.goal]
        if e.kind == "indicator":
            del doc["o"]
        if e.kind == "goal":
            own_indicators = [i for i, f in enumerate(found) if f.kind == "indicator" and f.goal == e.code]
            if own_indicators:
                doc["i"] = [own_indicators[0], len(own_indicators)]
        docs.append({k: v for k, v in doc.items() if v != "" or k in ("t", "p", "k")})
    return docs


def _texts(site: Site, program: Program, lang: str, found: list[Entry] | None = None) -> Iterator[str]:
    """The page language's texts of every document (or of the `found` entries): what is stemmed."""
    unit_names = {slug: u.name.get(lang) for slug, u in site.units.items()}
    for e in entries(site, program, lang) if found is None else found:
        yield e.title.get(lang)
        yield unit_names.get(e.unit, "")
        yield from e.context


def stem_table(site: Site, program: Program, lang: str) -> dict[str, set[str]]:
    """folded stem -> the folded words of the index that have it (when they differ from it)."""
    table: dict[str, set[str]] = {}
    for text in _texts(site, program, lang):
        for s, folded in _text_stems(text, lang):
            table.setdefault(s, set()).add(folded)
    keep_stems()
    return table


def _text_stems(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """(stem, folded word) for each stemmed word of one text: kept, so that a rebuild after
    one edit, or a new build, stems only the texts that changed."""
    return kept_results("stems", lang).get(text, lambda: tuple(
        (s, folded) for folded, stems in (stems_of(t, lang) for t in tokens(text)) for s in stems))


def _written(table: dict[str, set[str]]) -> dict[str, str]:
    """Each stem's words as what follows the stem ("gosterge": "leri si"), or "=" and the
    whole word where it does not begin with its stem ("kitap": "=kitabi")."""
    return {s: " ".join(w[len(s):] if w.startswith(s) else "=" + w for w in sorted(found))
            for s, found in sorted(table.items())}


def synonym_table(site: Site, lang: str, reverse: bool = False) -> dict[str, list[list[str]]]:
    """folded phrase -> the phrases it also finds, each as its folded words, closest first (in
    the order staff listed them); with `reverse`, the other way round (the document's word ->
    the citizens' word), which the browser ranks lower.  A one-word phrase is also keyed by
    its stems, so that "changes" finds what "change" was given."""
    table: dict[str, list[list[str]]] = {}

    def add(phrase: str, also: str) -> None:
        key, found = words(phrase), words(also).split()
        if not key or not found:
            return
        keys = [key]
        single = tokens(phrase)
        if len(single) == 1:
            keys.extend(stems_of(single[0], lang)[1])
        for k in keys:
            if found not in table.setdefault(k, []):
                table[k].append(found)

    for entry in site.synonyms.get(lang, ()):
        for also in entry.also:
            add(*((also, entry.word) if reverse else (entry.word, also)))
    return table


class Vocabulary:
    """What a language's index matches of the words that synonyms lead to (search.yaml): the
    build checks them on every load, the preview's included, so each text's part is kept
    and a save costs only the texts it changed.  A word is matched as typed or by a stem,
    among the index's words and their stems."""

    def __init__(self, site: Site, lang: str, phrases: list[str]):
        program, other = site.latest, "en" if lang == "tr" else "tr"
        found = list(entries(site, program, lang))
        wanted = _wanted(tuple(phrases), lang)
        self.lang = lang
        self._matched = set().union(
            *(_matched_in(text, lang, wanted) for text in _texts(site, program, lang, found)),
            *(_matched_words(e.title.get(other), wanted) for e in found))  # a word of either language finds a page

    def lacks(self, phrase: str) -> list[str]:
        """The words of a phrase that the index cannot match, neither as typed nor by stem."""
        missing = []
        for token in tokens(phrase):
            folded, stems = stems_of(token, self.lang)
            if folded not in self._matched and not self._matched.intersection(stems):
                missing.append(token)
        return missing


@lru_cache(maxsize=8)
def _wanted(phrases: tuple[str, ...], lang: str) -> frozenset[str]:
    """Every folded word and stem that would match a word of the phrases."""
    return frozenset(key for phrase in phrases for token in tokens(phrase)
                     for folded, stems in [stems_of(token, lang)] for key in (folded, *stems))


@lru_cache(maxsize=16384)
def _matched_in(text: str, lang: str, wanted: frozenset[str]) -> frozenset[str]:
    """What of `wanted` one text of the index has, among its words and their stems."""
    return wanted.intersection([*_folded_words(text), *(s for s, _ in _text_stems(text, lang))])


@lru_cache(maxsize=16384)
def _matched_words(text: str, wanted: frozenset[str]) -> frozenset[str]:
    return wanted.intersection(_folded_words(text))


def starting_points(docs: list[dict], program: Program) -> list[int]:
    """The biggest activities, by total cost: where a search that found nothing can begin."""
    biggest = sorted(program.activities, key=lambda a: a.cost.total, reverse=True)[:STARTING_POINTS]
    index = {d["c"]: i for i, d in enumerate(docs) if d["k"] == "activity"}
    return [index[a.code] for a in biggest]


def search_index(site: Site, lang: str, urls: Urls, program: Program | None = None) -> bytes:
    """One language's index of one programme (the latest unless given): search looks in the
    year of the page it is asked from, and offers the other years."""
    program = program or site.latest
    docs = documents(site, program, lang, urls)
    data = {"lower": LOWER_TABLE, "fold": FOLD_TABLE, "synonyms": synonym_table(site, lang),
            "reverse": synonym_table(site, lang, reverse=True),
            "stems": _written(stem_table(site, program, lang)), "start": starting_points(docs, program), "docs": docs}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
