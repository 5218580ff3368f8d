"""The browser stems a query as the build stemmed the documents: the shipped
static/stem-tr.js and stem-en.js, run by the shipped static/search.js on the served search page,
against snowballstemmer in Python, on every word of the content in each language."""
from __future__ import annotations

import pytest

from portal.outputs.search import _texts
from portal.outputs.stemming import stem, tokens
from portal.text import fold


def content_words(site, lang: str) -> list[str]:
    """Every distinct lower-cased word of the language's searched texts, as typed and folded."""
    found: dict[str, None] = {}
    for text in _texts(site, site.latest, lang):
        for token in tokens(text):
            found.setdefault(token, None)
            found.setdefault(fold(token), None)
    return sorted(found)


@pytest.mark.parametrize("lang,page_path", [("tr", "tr/ara"), ("en", "en/search")])
def test_browser_stems_equal_python_stems(site_model, page, served_site, lang, page_path):
    words = content_words(site_model, lang)
    changed = [w for w in words if stem(w, lang) != w]
    assert len(words) >= 200 and len(changed) >= 200, (len(words), len(changed))  # a list worth the name
    page.goto(f"{served_site}/{page_path}/")
    page.wait_for_selector("#search-results[data-ready='true']", state="attached")
    assert page.evaluate("window.portalStemmer.lang") == lang
    in_browser = page.evaluate("words => words.map(w => window.portalSearch.stem(w))", words)
    differ = [(w, stem(w, lang), b) for w, b in zip(words, in_browser) if stem(w, lang) != b]
    assert not differ, differ[:20]


def test_the_stems_join_what_people_type_to_what_the_document_says():
    assert stem("atıkların", "tr") == stem("atık", "tr") == "atık"
    assert stem("maaşları", "tr") == "maaş"
    assert stem("salaries", "en") == stem("salary", "en")
    assert stem("accountant", "en") == stem("accounting", "en")
