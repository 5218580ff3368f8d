"""Whatever file it is given, the importer ends in a programme or in one ImportProblem
naming a line: never another exception (which the command line would show as a traceback)."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from tools.import_seed import main as import_main
from tools.importer.documents import documents
from tools.importer.errors import ImportProblem
from tools.importer.read import read_programme

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n") if SEED.exists() else [""]
PIECES = ["\t", "  ", "TL", "₺", "-", "—", "0,00 TL", "1.571.500", ",5", "PH.1.1.F1:", "PH.9.9.", "F.1", "P.H.1.1",
          "Birim Adı", "İdare Adı", "Faaliyet Adı", "TOPLAM", "Toplam Kaynak İhtiyacı", "Bütçe Dışı Kaynak",
          "1-Personel", "9.", "PG.1.1.1.", "Performans Göstergeleri", "2024", "\u00a0", "\u202f", "İ", "ı",
          "\x00", "\r", "Sayfa 3 / 9", "D-Toplam Kaynak İhtiyacı", "A-Sorumlu Harcama Birimleri", "\ufeff"]
piece_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=8).map("".join)
edits = st.lists(st.tuples(st.integers(0, len(SEED_LINES) - 1), st.sampled_from(["replace", "delete", "insert",
                                                                                    "duplicate"]), piece_text),
                 min_size=1, max_size=6)


def outcome(data: bytes) -> str:
    try:
        programme = read_programme(data)
        documents(programme)
    except ImportProblem as problem:
        assert problem.line >= 0 and problem.message and "\n" not in problem.message
        return "refused"
    return "imported"


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=600))
def test_random_bytes(data):
    outcome(data)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300).map(lambda t: "2024 MALİ YILI PERFORMANS PROGRAMI\n" + t))
def test_random_text_with_a_title(text):
    assert outcome(text.encode("utf-8")) == "refused"


@settings(max_examples=50, deadline=None)
@given(edits=edits)
def test_edited_seed(edits):
    lines = list(SEED_LINES)
    for at, kind, text in edits:
        at = min(at, len(lines) - 1)
        if kind == "replace":
            lines[at] = text
        elif kind == "delete":
            del lines[at]
        elif kind == "insert":
            lines.insert(at, text)
        else:
            lines.insert(at, lines[at])
    outcome("\n".join(lines).encode("utf-8", "surrogatepass"))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 500_000), encoding=st.sampled_from(["utf-8", "utf-16", "cp1254", "latin-1"]))
def test_command_line_prints_one_line(tmp_path_factory, capsys, cut, encoding):
    text = "\n".join(SEED_LINES)
    source = tmp_path_factory.mktemp("fuzz") / "programme.txt"
    source.write_bytes(text[: cut % (len(text) + 1)].encode(encoding, "replace"))
    status = import_main([str(source), "--content", str(source.parent / "content"), "--check"])
    err = capsys.readouterr().err.strip()
    if status:
        assert status == 1 and len(err.splitlines()) == 1 and re.match(rf"^{re.escape(str(source))}:\d+: ", err)
    assert not (source.parent / "content").exists()
