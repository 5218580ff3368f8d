"""The regulation's fixed labels and headings, matched as the document may spell them.

Documents print the same label as "Toplam Kaynak İhtiyacı", "TOPLAM KAYNAK
İHTİYACI" or "Toplam Kaynak İhtiyacı:"; headings as "D-Toplam Kaynak
İhtiyacı" or "D- TOPLAM KAYNAK İHTİYACI".  All are compared by `key`:
Turkish case folding (portal.text, where "I" is the capital of "ı") with
diacritics, spacing and punctuation collapsed.  Python's own lower() would
turn "İHTİYACI" into "i̇hti̇yaci" and miss every capitalised label.
"""
from __future__ import annotations

import re

from portal.text import fold


def key(text: str) -> str:
    """'TOPLAM KAYNAK İHTİYACI:' -> 'toplam kaynak ihtiyaci'."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


# Goal table (Performans Hedefi Tablosu)
UNIT = key("Birim Adı")
AIM = key("Amaç")
STRATEGIC_GOAL = key("Hedef")
GOAL = (key("Performans Hedef"), key("Performans Hedefi"))
EXPLANATIONS = key("Açıklamalar")
INDICATORS = key("Performans Göstergeleri")
ACTIVITIES = key("Faaliyetler")
NEED = key("Kaynak İhtiyacı")
COLUMN_HEADS = {key("Bütçe"), key("Bütçe Dışı"), key("Toplam")}
TOTAL = key("Toplam")
# Cost table (Faaliyet Maliyetleri Tablosu)
ADMINISTRATION = key("İdare Adı")
ACTIVITY = key("Faaliyet Adı")
RESPONSIBLE = key("Sorumlu Harcama Birimleri")
ECONOMIC_CODE = key("Ekonomik Kod")
BUDGET_TOTAL = key("Toplam Bütçe Kaynak İhtiyacı")
OFF_BUDGET = key("Bütçe Dışı Kaynak")
OFF_BUDGET_SOURCES = (key("Döner Sermaye"), key("Diğer Yurt İçi"), key("Yurt Dışı"))
OFF_BUDGET_TOTAL = key("Toplam Bütçe Dışı Kaynak İhtiyacı")
GRAND_TOTAL = key("Toplam Kaynak İhtiyacı")
TABLE_TITLES = {key("Performans Hedefi Tablosu"), key("Faaliyet Maliyetleri Tablosu")}
# Section headings
B5 = key("B.5. Stratejik Amaç, Hedef ve Faaliyet ve Proje Bütünleşik Tablosu")
SECTION_C = key("C- Performans Hedef ve Göstergeleri ile Faaliyetler")
SECTION_D = key("D- Toplam Kaynak İhtiyacı")
SECTION_E = key("E- Diğer Hususlar")
ANNEXES = key("3- Ekler")
ANNEX_A = key("A- Sorumlu Harcama Birimleri")

LABELS = {UNIT, AIM, STRATEGIC_GOAL, *GOAL, EXPLANATIONS, INDICATORS, ACTIVITIES, NEED, *COLUMN_HEADS,
          ADMINISTRATION, ACTIVITY, RESPONSIBLE, BUDGET_TOTAL, OFF_BUDGET, *OFF_BUDGET_SOURCES,
          OFF_BUDGET_TOTAL, GRAND_TOTAL}


def is_label(k: str) -> bool:
    return k in LABELS or k.startswith(ECONOMIC_CODE)


def heading_key(text: str) -> str:
    """A heading line's key without Markdown marks: '#### A- Yetki, Görev...' -> 'a yetki gorev ...'."""
    return key(text.lstrip("#"))
