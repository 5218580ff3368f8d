"""The importer's stages one by one: the amount grammar, labels under Turkish folding,
decoding, page furniture, and messages that name the line a person can open."""
from __future__ import annotations

import codecs
from decimal import Decimal

import pytest

from tests.conftest import SEED
from tools.import_seed import main as import_main
from tools.importer import labels as L
from tools.importer.amounts import printed, read_amount
from tools.importer.decode import decode
from tools.importer.errors import ImportProblem
from tools.importer.normalise import document, split_cells


@pytest.mark.parametrize("cell, value", [
    ("1.571.500,00 TL", "1571500.00"), ("1.571.500 TL", "1571500.00"), ("₺1.571.500,00", "1571500.00"),
    ("1.571.500,00 ₺", "1571500.00"), ("TL 1.571.500,00", "1571500.00"), ("1 571 500,00 TL", "1571500.00"),
    ("1571500,5", "1571500.50"), ("0", "0.00"), ("-", "0.00"), ("—", "0.00"), ("", "0.00"), ("5,00TL", "5.00"),
])
def test_amounts_the_grammar_reads(cell, value):
    assert read_amount(cell) == Decimal(value)


@pytest.mark.parametrize("cell", ["1,571,500.00", "1.571.50,00", "12.3", "₺ 5 TL", "1.571.500,000", "beş", "O,00",
                                  "1.571 500,00", "-5,00"])
def test_amounts_the_grammar_refuses(cell):
    assert read_amount(cell) is None


def test_amounts_are_written_in_the_loaders_spelling():
    assert printed(Decimal("1460500000")) == "1.460.500.000,00"
    assert printed(Decimal("0")) == "0,00" and printed(Decimal("999.5")) == "999,50"


def test_labels_fold_the_turkish_way():
    assert "I".lower() == "i"  # why Python's lower() cannot be used
    assert L.key("TOPLAM KAYNAK İHTİYACI") == L.key("Toplam Kaynak İhtiyacı:") == L.GRAND_TOTAL
    assert L.key("D- TOPLAM KAYNAK İHTİYACI") == L.key("**D-Toplam Kaynak İhtiyacı**") == L.SECTION_D
    assert L.key("FAALİYET ADI") == L.ACTIVITY and L.key("SORUMLU HARCAMA BİRİMLERİ") == L.RESPONSIBLE


@pytest.mark.parametrize("data", [
    "Bütçe Dışı Kaynak İhtiyacı\n".encode("utf-8"), codecs.BOM_UTF8 + "Bütçe Dışı\n".encode("utf-8"),
    "Bütçe Dışı\n".encode("utf-16"), "Bütçe Dışı\n".encode("utf-16-le"), "Bütçe Dışı\n".encode("cp1254"),
])
def test_decoding(data):
    assert decode(data).startswith("Bütçe Dışı")


def test_binary_is_refused_at_its_line():
    with pytest.raises(ImportProblem) as exc:
        decode(b"text\nmore\n\x00\x01binary")
    assert exc.value.line == 3 and "binary" in exc.value.message


def test_page_furniture_is_blanked_and_tables_are_not():
    page = ["Birim Adı\tFen İşleri Müdürlüğü", "KARTEPE BELEDİYESİ", "Sayfa 3 / 9", "17", "Açıklamalar",
            "   Diğer Yurt İçi", "4-Faiz Giderleri"]
    doc = document("\n".join(page * 6))
    kept = {doc.lines[i] for i in range(len(doc.lines)) if doc.lines[i]}
    assert kept == {"Birim Adı\tFen İşleri Müdürlüğü", "Açıklamalar", "   Diğer Yurt İçi", "4-Faiz Giderleri"}


def test_cells_split_on_tabs_or_runs_of_spaces():
    assert split_cells("<b>1-Personel</b>\t\t711.500,00 TL") == ["1-Personel", "", "711.500,00 TL"]
    assert split_cells("1-Personel Giderleri    711.500,00 TL  ") == ["1-Personel Giderleri", "711.500,00 TL"]
    assert split_cells("| a | b |") == ["| a | b |"]  # Markdown rows are made tabs by normalise_text
    assert document("| a | b |\n|---|---|").lines == ["a\tb", ""]


def test_the_message_names_the_line_in_the_file_as_saved(tmp_path, capsys):
    """CRLF line ends and inserted page furniture do not shift the line a message names."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = next(i for i, x in enumerate(lines) if x.startswith("3-Mal ve Hizmet Alım Giderleri"))
    lines[at] = lines[at].replace(",00 TL", ",0O TL")
    source = tmp_path / "programme.txt"
    source.write_bytes("\r\n".join(lines).encode("cp1254"))
    assert import_main([str(source), "--content", str(tmp_path / "content")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{source}:{at + 1}: economic code 3: '800.000,0O TL' is not an amount")


def page_markdown(text: str) -> str:
    from tools.importer.pages import to_markdown

    doc = document(text)
    return to_markdown(doc, 0, len(doc.lines))


def test_a_page_table_keeps_each_figure_in_its_column():
    """Tabs keep an empty cell's place; a column empty in every row (every tab doubled)
    is dropped, so both spellings give the document's own table."""
    tabs = "Tablo 1: Personel\n\nSınıf\tMemur\t%\tİşçi\nA\t4\t2,1\t21\nToplam\t4\t\t21\n"
    want = "| Toplam | 4 |  | 21 |"
    assert want in page_markdown(tabs)
    assert want in page_markdown(tabs.replace("\t", "\t\t"))
    spaces = tabs.replace("\t", "    ").replace("Toplam    4        21", "Toplam    4    -    21")
    assert "| Toplam | 4 | - | 21 |" in page_markdown(spaces)  # every cell written: nothing to place


@pytest.mark.parametrize("row", ["Toplam    4    21", "        21"])
def test_a_page_table_row_that_cannot_be_placed_is_refused_at_its_line(row):
    """With spaces an empty cell leaves no trace: 4 and 21 could stand in any two columns."""
    text = "Tablo 1: Personel\n\nSınıf    Memur    %    İşçi\nA    4    2,1    21\n" + row + "\n"
    with pytest.raises(ImportProblem) as raised:
        page_markdown(text)
    assert raised.value.line == 5 and "keeping tabs" in raised.value.message
