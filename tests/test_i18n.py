"""Figures per locale: CLDR's symbols and patterns, exact to the kuruş."""
from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal, format_percent
from hypothesis import given
from hypothesis import strategies as st

from portal.i18n import Formatter, sort_key

amounts = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False,
                      allow_infinity=False)


@given(value=amounts)
def test_amounts_read_as_cldr_prints_them(value):
    for lang in ("tr", "en"):
        assert Formatter(lang).amount(value) == format_decimal(value, format="#,##0.00", locale=lang)


@given(part=amounts, whole=amounts)
def test_percentages_read_as_cldr_prints_them(part, whole):
    if whole:
        for lang in ("tr", "en"):
            fmt = Formatter(lang)
            assert fmt.percent(part, whole) == format_percent(part / whole, format=fmt._percent_pattern,
                                                              locale=lang)


def test_money_forms():
    tr, en = Formatter("tr"), Formatter("en")
    v = Decimal("1460500000.00")
    assert tr.money(v) == "1.460.500.000,00\u00a0₺"
    assert en.money(v) == "TRY\u00a01,460,500,000.00"
    assert tr.money_compact(v) == "1,46\u00a0milyar\u00a0₺"
    assert en.money_compact(v) == "TRY\u00a01.46\u00a0billion"
    assert tr.percent(Decimal("523"), Decimal("10000")) == "%5,2"
    assert en.percent(Decimal("523"), Decimal("10000")) == "5.2%"
    assert tr.printed_value("8,5") == "8,5" and en.printed_value("8,5") == "8.5"
    assert en.printed_value("1.150") == "1,150" and en.printed_value("95 ve Üzeri") == "95 ve Üzeri"


def test_words_sort_before_longer_words():
    for lang in ("tr", "en"):
        ordered = sorted(["Parkur", "Park ve Bahçeler", "Kültürel", "Kültür Müdürlüğü", "Park"],
                         key=lambda w: sort_key(w, lang))
        assert ordered == ["Kültür Müdürlüğü", "Kültürel", "Park", "Park ve Bahçeler", "Parkur"]


def test_turkish_alphabetical_order():
    words = ["Zabıta", "Çevre", "Işık", "İmar", "Cadde", "Ilgaz", "ışık", "Özel", "Ortak", "Şehir", "Sosyal",
             "Ulaşım", "Üst", "Gençlik", "Ğ", "Hukuk"]
    ordered = sorted(words, key=lambda w: sort_key(w, "tr"))
    assert ordered == ["Cadde", "Çevre", "Gençlik", "Ğ", "Hukuk", "Ilgaz", "Işık", "ışık", "İmar", "Ortak",
                       "Özel", "Sosyal", "Şehir", "Ulaşım", "Üst", "Zabıta"]


def test_a_damaged_compiled_catalog_is_compiled_again(tmp_path, monkeypatch):
    """Compiled catalogs are kept between builds; a damaged one must not break the build."""
    from portal import i18n

    monkeypatch.setattr(i18n, "CATALOG_CACHE", tmp_path / "catalogs")
    po = i18n.LOCALE_DIR / "tr" / "LC_MESSAGES" / "messages.po"
    assert i18n._compiled.__wrapped__(po, 0).gettext("Search") == "Ara"
    [cached] = (tmp_path / "catalogs").glob("tr-*.mo")
    cached.write_bytes(cached.read_bytes()[:10])  # as a crash mid-write might leave it
    assert i18n._compiled.__wrapped__(po, 0).gettext("Search") == "Ara"
    assert len(cached.read_bytes()) > 10
