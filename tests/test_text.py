"""Turkish casing and folding: the one table of cases every consumer shares."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.text import fold, lower_tr, slugify, upper_tr

CASES = json.loads((Path(__file__).parent / "folding_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text,folded", CASES["fold"])
def test_fold(text, folded):
    assert fold(text) == folded


def test_turkish_casing():
    assert lower_tr("IŞIK İZMİR") == "ışık izmir"
    assert upper_tr("ışık izmir") == "IŞIK İZMİR"
    assert lower_tr("İ") == "i"  # not "i" + combining dot


def test_slugs_are_ascii_and_language_neutral():
    assert slugify("Fen İşleri") == "fen-isleri"
    assert slugify("Basın Yayın ve Halkla İlişkiler") == "basin-yayin-ve-halkla-iliskiler"
    assert slugify("Gençlik ve Spor Hizmetleri") == "genclik-ve-spor-hizmetleri"
