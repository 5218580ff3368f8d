"""Snowball stems of words, as the search index keys them.

"atık toplama" should find "Atıkların Toplanması" and "salaries" should find "salary": a
word and its inflections share a Snowball stem.  The build stems the documents here, with
the Python package snowballstemmer; the browser stems the query with the JavaScript that
Snowball generates from the same algorithm (static/stem-tr.js and stem-en.js, tools/vendor_snowball.py).
tests/test_search_stems.py runs both on words of the content and requires the same stems.

Stems are taken of the lower-cased word (the Turkish stemmer needs its ı, ş and ğ to see
vowel harmony) and of its folded form (what a query typed without Turkish letters
stems to), and then folded, since the index matches folded words.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from portal.diskcache import CACHE, installed_stamp, write_kept
from portal.text import fold, lower_tr

LANGUAGES = {"tr": "turkish", "en": "english"}
_LETTERS = re.compile(r"[^\W_]+")
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=None)
def _stemmer(lang: str):
    import snowballstemmer  # only for words the kept stems do not have yet: it loads 30 languages

    return snowballstemmer.stemmer(LANGUAGES[lang])


@lru_cache(maxsize=1)
def stems_stamp() -> str:
    """The installed stemmer's file stamp: what kept stems were made with."""
    return "-".join(map(str, installed_stamp("snowballstemmer")[1:]))


class _KnownStems:
    """Every word's stem found so far, kept under .cache/ between builds: stemming the
    content's few thousand words in Python takes a quarter of a second, and a build
    rarely brings more than a handful of new ones.  Named by the installed stemmer's
    file stamp, so another version never serves its stems."""

    def __init__(self, lang: str):
        self.lang = lang
        self.path = CACHE / "stems" / f"{lang}-snowball-{stems_stamp()}.json"
        try:
            self.known: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not there yet, or damaged: made again
            self.known = {}
        self.added = False

    def stem(self, word: str) -> str:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = _stemmer(self.lang).stemWord(word)
            self.added = True
        return found

    def keep(self) -> None:
        if self.added:
            write_kept(self.path, json.dumps(self.known, ensure_ascii=False, sort_keys=True).encode("utf-8"))
            self.added = False


_KNOWN: dict[str, _KnownStems] = {}


def stem(word: str, lang: str) -> str:
    """Snowball's stem of one lower-case word, not folded: what the browser's stem() returns."""
    known = _KNOWN.get(lang) or _KNOWN.setdefault(lang, _KnownStems(lang))
    return known.stem(word)


def keep_stems() -> None:
    """Keep the stems found so far for the next build."""
    for known in _KNOWN.values():
        known.keep()


@lru_cache(maxsize=65536)
def stems_of(token: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """One lower-cased token -> (its folded word, the folded stems that should find it)."""
    folded = fold(token)
    found = {fold(stem(token, lang)), fold(stem(folded, lang))}
    found.discard(folded)
    return folded, tuple(sorted(s for s in found if s))


def tokens(text: str) -> list[str]:
    """The lower-cased (Turkish-aware), unfolded words of a text, split as the browser splits
    a query; tokens that fold to more than one word (rare marks) are left to the folded words."""
    out = []
    for token in _LETTERS.findall(lower_tr(text)):
        if len(_WORD.findall(fold(token))) == 1:
            out.append(token)
    return out
