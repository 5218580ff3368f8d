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

import re
from functools import lru_cache

import snowballstemmer

from portal.text import fold, lower_tr

LANGUAGES = {"tr": "turkish", "en": "english"}
_LETTERS = re.compile(r"[^\W_]+")
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=None)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(LANGUAGES[lang])


def stem(word: str, lang: str) -> str:
    """Snowball's stem of one lower-case word, not folded: what the browser's stem() returns."""
    return _stemmer(lang).stemWord(word)


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
