"""Variants of the official text, made from the seed, as municipalities' converters and
next year's documents plausibly print it; and a plain reading of each variant.

The reading here is deliberately simple and shares no code with the importer: it
splits cells on tabs or runs of spaces, folds Turkish letters with its own table and
reads amounts with its own few lines, so an importer that loses or misreads a figure
cannot agree with it by accident.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

# ------------------------------------------------------------------ plain reading
_LOWER = {"I": "ı", "İ": "i"}
_ASCII = str.maketrans("ıışğçöüâîû", "iisgcouaiu")


def fold(text: str) -> str:
    for capital, small in _LOWER.items():
        text = text.replace(capital, small)
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().translate(_ASCII)))


def upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def split(line: str) -> list[str]:
    line = re.sub(r"</?b>|\*\*", "", line).rstrip(" \r")
    if line.startswith("|") and line.endswith("|"):  # a Markdown table row
        return [] if set(line) <= set("|-: ") else [c.strip() for c in line[1:-1].split("|")]
    return [c.strip() for c in re.split(r"\t| {2,}", line)]


def money(cell: str) -> Decimal:
    text = cell.replace("TL", "").replace("₺", "").strip()
    if text in ("", "-", "—"):
        return Decimal("0.00")
    text = text.replace(".", "").replace(" ", "").replace(",", ".")
    return Decimal(text).quantize(Decimal("0.01"))


def last_amount(row: list[str]) -> Decimal:
    """The row's last figure after its label; none at all (an empty cell) is zero."""
    figures = [c for c in row[1:] if re.search(r"\d", c) or c in ("-", "—")]
    return money(figures[-1]) if figures else Decimal("0.00")


@dataclass
class Reading:
    goals: set = field(default_factory=set)
    units: set = field(default_factory=set)
    activities: dict = field(default_factory=dict)  # code -> {"econ": [..9], "off": [..3]}


def read(text: str) -> Reading:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\u202f", " ").split("\n")
    out = Reading()
    i = 0
    while i < len(lines):
        cells = split(lines[i])
        label = fold(cells[0]) if cells else ""
        values = [c for c in cells[1:] if c]
        if label in ("performans hedef", "performans hedefi") and values:
            m = re.match(r"PH\.(\d+)\.(\d+)\.", values[0])
            if m and not values[0].startswith(f"PH.{m.group(1)}.{m.group(2)}.F"):
                out.goals.add(f"{m.group(1)}.{m.group(2)}")
        if label in ("birim adi", "sorumlu harcama birimleri"):
            out.units.add(values[0])
        if label == "faaliyet adi":
            m = re.search(r"PH\.(\d+)\.(\d+)\.F(\d+)", values[0])
            code = ".".join(m.groups())
            econ, off, in_off = [], [], False
            for j in range(i + 1, len(lines)):
                row = split(lines[j])
                head = fold(row[0]) if row else ""
                if head.startswith("toplam kaynak ihtiyac"):
                    break
                if head.startswith("toplam butce disi"):
                    in_off = False
                elif head.startswith("butce disi kaynak"):
                    in_off = True
                    off.append(last_amount(row))
                elif in_off and len(row) > 1:
                    off.append(last_amount(row))
                elif re.match(r"^[1-9]\s*[-.]\s*\D", row[0] if row else ""):
                    below = split(lines[j + 1])
                    alone = len(row) == 1 or not any(row[1:])
                    if alone and below and not below[0] and any(below):  # the amount on the next line
                        econ.append(last_amount(below))
                    else:
                        econ.append(last_amount(row))
                elif head == "sorumlu harcama birimleri":
                    out.units.add([c for c in row[1:] if c][0])
            out.activities[code] = {"econ": econ, "off": off}
        i += 1
    return out


FIGURE = re.compile(r"^(?:-|—|[%₺]?\s*\d[\d.,]*\s*%?)$")


def page_figures(markdown: str) -> list[tuple[str, tuple]]:
    """Every row of a page's Markdown tables that holds figures: its first cell and its
    figures with the column each stands in.  Rows of headings only are left out (a title
    row may stop being a table row when spaces replace tabs); a figure in another column
    is another figure."""
    out = []
    for line in markdown.splitlines():
        line = line.strip()
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        figures = tuple((n, c) for n, c in enumerate(cells) if n and FIGURE.match(c))
        if figures:
            out.append((cells[0], figures))
    return out


# ------------------------------------------------------------------ variations
AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*,\d\d(?= TL)")
LABELS = {fold(x) for x in (
    "Birim Adı", "Amaç", "Hedef", "Performans Hedef", "Performans Hedefi", "Açıklamalar", "Performans Göstergeleri",
    "Faaliyetler", "Kaynak İhtiyacı", "Bütçe", "Bütçe Dışı", "Toplam", "İdare Adı", "Faaliyet Adı",
    "Sorumlu Harcama Birimleri", "Ekonomik Kod (I. Düzey)", "Ekonomik Kod", "Toplam Bütçe Kaynak İhtiyacı",
    "Bütçe Dışı Kaynak", "Döner Sermaye", "Diğer Yurt İçi", "Yurt Dışı", "Toplam Bütçe Dışı Kaynak ihtiyacı",
    "Toplam Kaynak İhtiyacı", "Faaliyet Toplamı", "Genel Yön. Gideri Toplamı", "Diğer İdareler Transfer Toplamı")}
HEADINGS = {fold(x) for x in (
    "B.5. Stratejik Amaç, Hedef ve Faaliyet ve Proje Bütünleşik Tablosu",
    "C- Performans Hedef ve Göstergeleri ile Faaliyetler", "D-Toplam Kaynak İhtiyacı", "E-Diğer Hususlar",
    "3-Ekler", "A-Sorumlu Harcama Birimleri")}


def lines_map(text: str, fn) -> str:
    return "\n".join(fn(x) for x in text.split("\n"))


def spaces_for_tabs(text: str) -> str:
    return re.sub(r"\t+", "    ", text)


def after_general_pages(fn):
    """`fn` from the performance information on (B.5, the goal and cost tables, section D,
    the annex): the general pages' tables keep their tabs, as the importer asks when their
    empty cells cannot be placed."""
    def made(text: str) -> str:
        at = text.index("\n## 2- PERFORMANS BİLGİLERİ")
        return text[:at] + fn(text[at:])
    return made


def spaces_after_general_pages(text: str) -> str:
    return after_general_pages(spaces_for_tabs)(text)


def capitals(text: str) -> str:
    def cell(c: str) -> str:
        bare = re.sub(r"</?b>", "", c)
        if fold(bare) in LABELS or re.match(r"^[1-9][-.]\D", bare):
            return upper(c).replace("<B>", "<b>").replace("</B>", "</b>")
        return c

    def line(x: str) -> str:
        if "\t" in x:
            return "\t".join(cell(c) for c in x.split("\t"))
        if fold(x.strip("#* ")) in HEADINGS:
            return upper(x)
        return x
    return lines_map(text, line)


def _halves(name: str) -> tuple[str, str]:
    words = name.split(" ")
    cut = len(words) // 2
    return " ".join(words[:cut]), " ".join(words[cut:])


def wrapped_names(text: str) -> tuple[str, set[str]]:
    """Long activity names over two lines in the cost tables, goal tables, B.5 and annex."""
    out, wrapped = [], set()
    for x in text.split("\n"):
        m = re.match(r"^(Faaliyet Adı\tPH\.\d+\.\d+\.F\d+: )([^\t]+)(\t*)$", x)
        if m and len(m.group(2).split()) >= 6:
            a, b = _halves(m.group(2))
            out += [m.group(1) + a + m.group(3), "\t" + b]
            wrapped.add(m.group(2))
            continue
        m = re.match(r"^(\d+\.)([^\t]+)(\t.*)$", x)
        if m and len(m.group(2).split()) >= 6:
            a, b = _halves(m.group(2))
            out += [m.group(1) + a + m.group(3), b]
            continue
        m = re.match(r"^((?:<b>)?F\.\d+(?:</b>)?\t)([^\t]+)(\t.*)$", x)
        if m and len(m.group(2).split()) >= 6:
            a, b = _halves(m.group(2))
            out += [m.group(1) + a + m.group(3), "\t" + b]
            continue
        out.append(x)
    return "\n".join(out), wrapped


def amounts(text: str, fn) -> str:
    return AMOUNT.sub(lambda m: fn(m.group(0)), text)


def no_kurus(text: str) -> str:
    return amounts(text, lambda a: a[:-3] if a.endswith(",00") else a)


def lira_sign_before(text: str) -> str:
    return re.sub(r"(\d{1,3}(?:\.\d{3})*,\d\d) TL", r"₺\1", text)


def lira_sign_after(text: str) -> str:
    return text.replace(",00 TL", ",00 ₺")


def thousands(sep: str):
    return lambda text: amounts(text, lambda a: a.replace(".", sep))


def zero_cells(mark: str):
    """Every zero amount alone in its cell written as `mark` ('' for an empty cell)."""
    return lambda text: re.sub(r"(?<=\t)(<b>)?0,00 TL(</b>)?(?=\t|$)", mark, text, flags=re.M)


def page_furniture(text: str) -> str:
    """A page number, 'Sayfa n / m' and a running header every 45 lines, tables included."""
    lines = text.split("\n")
    out = []
    for n, x in enumerate(lines):
        out.append(x)
        if n % 45 == 44:
            page = n // 45 + 2
            out += ["", f"Sayfa {page} / {len(lines) // 45 + 1}", "", "T.C.", "KARTEPE BELEDİYESİ  ",
                    "PERFORMANS PROGRAMI", str(page), ""]
    return "\n".join(out)


def header_between_indicators(text: str) -> str:
    lines = text.split("\n")
    out = []
    for n, x in enumerate(lines):
        out.append(x)
        if x.startswith("PG") and n + 1 < len(lines) and lines[n + 1].startswith("PG"):
            out += ["", "KARTEPE BELEDİYESİ  ", "PERFORMANS PROGRAMI", ""]
    return "\n".join(out)


def no_greeting(text: str) -> str:
    return "\n".join(x for x in text.split("\n") if "Değerli Kartepeli" not in x)


def other_municipality(text: str) -> str:
    return text.replace("KARTEPE", "GÖLCÜK").replace("Kartepe", "Gölcük").replace("kartepe", "golcuk")


def next_year(text: str) -> str:
    """The 2025 programme: years one later (also right after a goal's code, as in
    'PH.2.1.2024 yılı sonuna kadar'), every amount doubled."""
    def double(a: str) -> str:
        value = money(a) * 2
        whole, kurus = f"{value:.2f}".split(".")
        return f"{int(whole):,}".replace(",", ".") + "," + kurus
    later = lambda m: m.group(1) + str(int(m.group(2)) + 1)  # noqa: E731
    text = re.sub(r"((?<![\d.,])|(?<=[A-Z]\.\d\.)|(?<=[A-Z]\.\d\.\d\.)|(?<=[A-Z]\.\d\.\d\d\.))"
                  r"(2022|2023|2024)(?![\d.,]\d)", later, text)
    return amounts(text, double)


def new_unit(text: str) -> str:
    """One activity run by a unit nowhere else in the document."""
    head, sep, tail = text.partition("Faaliyet Adı\tPH.1.1.F2:")
    tail = tail.replace("Sorumlu Harcama Birimleri\tEmlak ve İstimlak Müdürlüğü",
                        "Sorumlu Harcama Birimleri\tAkıllı Şehir Müdürlüğü", 1)
    return head + sep + tail


def amounts_on_next_line(text: str) -> str:
    return re.sub(r"^(\d+\.[^\t\n]+)(\t[^\n]*TL)$", r"\1\n\2", text, flags=re.M)


def no_bold(text: str) -> str:
    return re.sub(r"</?b>|\*\*", "", text)


def label_spellings(text: str) -> str:
    text = text.replace("Performans Hedef\tPH", "Performans Hedefi\tPH")
    text = text.replace("Toplam Kaynak İhtiyacı\t", "Toplam Kaynak İhtiyacı:\t")
    text = text.replace("**D-Toplam Kaynak İhtiyacı**", "D - TOPLAM KAYNAK İHTİYACI")
    return text.replace("### E-Diğer Hususlar", "E - Diğer Hususlar")


def doubled_tabs(text: str) -> str:
    return text.replace("\t", "\t\t")


def form_feeds(text: str) -> str:
    """Page breaks as the form feeds some converters write before each running header."""
    return text.replace("\nKARTEPE BELEDİYESİ  \nPERFORMANS PROGRAMI", "\n\fKARTEPE BELEDİYESİ  \nPERFORMANS PROGRAMI")


def lira_glued(text: str) -> str:
    return text.replace(",00 TL", ",00TL")


def mixed_separators(text: str) -> str:
    """Some pages with tabs, others with spaces: every other block of 200 lines."""
    lines = text.split("\n")
    return "\n".join(spaces_for_tabs(x) if (n // 200) % 2 else x for n, x in enumerate(lines))


def markdown_tables(text: str) -> str:
    """Tables as a PDF-to-Markdown converter writes them: `| a | b |`, a rule under each
    table's first row."""
    out, in_table = [], False
    for x in text.split("\n"):
        if "\t" in x:
            cells = x.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if not in_table:
                out.append("|" + "---|" * len(cells))
            in_table = True
        else:
            out.append(x)
            in_table = False
    return "\n".join(out)


def cost_amounts_on_next_line(text: str) -> str:
    return re.sub(r"^([1-9]-[^\t\n]+)\t\t([^\t\n]+ TL)\t?$", r"\1\n\t\t\2", text, flags=re.M)


def wrapped_indicators(text: str) -> str:
    out = []
    for x in text.split("\n"):
        m = re.match(r"^(PG[^\t]+?)(\t.*)$", x)
        if m and len(m.group(1).split()) >= 8:
            a, b = _halves(m.group(1))
            out += [a + m.group(2), b]
        else:
            out.append(x)
    return "\n".join(out)


def trailing_spaces(text: str) -> str:
    return lines_map(text, lambda x: x + "  " if x.strip() else x)


# An empty cell in one row of each kind of table; with tabs it keeps its place (a zero),
# with spaces around it, it leaves no trace.
def empty_goal_row_cell(text: str) -> str:
    """The first goal-table row's off-budget amount (0,00 TL) left empty."""
    return re.sub(r"^(1\.[^\t\n]+\t[^\t\n]+ TL\t)0,00 TL(?=\t)", r"\1", text, count=1, flags=re.M)


def empty_section_d_cell(text: str) -> str:
    """Section D's activities column of economic code 4 (0,00 TL) left empty."""
    return re.sub(r"^(<b>4\.FA[İI]Z G[İI]DERLER[İI]</b>\t)0,00 TL", r"\1", text, count=1, flags=re.M)


def empty_cost_cells(text: str) -> str:
    """Every zero of the cost tables' economic-code rows left empty: one amount to a row."""
    return re.sub(r"^([1-9]-[^\t\n]+\t\t)0,00 TL$", r"\1", text, flags=re.M)


def empty_off_budget_cell(text: str) -> str:
    """A cost table's off-budget line whose only cell, a zero, is left empty."""
    return re.sub(r"^\t\t0,00 TL$", "\t\t", text, count=1, flags=re.M)


def empty_indicator_value(text: str) -> str:
    """The first indicator's middle yearly value left empty."""
    return re.sub(r"^(PG[^\t\n]+\t[^\t\n]+\t)[^\t\n]+(\t[^\t\n]+)$", r"\1\2", text, count=1, flags=re.M)


def wrapped_units(text: str) -> tuple[str, int]:
    """Long unit names of B.5 and the annex over two lines, the second under the unit's
    column ("\t\tMüdürlüğü"); and how many were wrapped."""
    out, wrapped = [], 0
    for x in text.split("\n"):
        m = re.match(r"^((?:<b>)?F\.\d+(?:</b>)?\t[^\t]+\t)(\S+(?: \S+)+) (Müdürlüğü)$", x)
        if m:
            out += [m.group(1) + m.group(2), "\t\t" + m.group(3)]
            wrapped += 1
        else:
            out.append(x)
    return "\n".join(out), wrapped


def moved_statement_figure(text: str) -> str:
    """Tablo 6 and 7 without the contractors' total (727), which a statement points at."""
    return text.replace("Toplam\t190\t\t49\t\t2\t\t727\t\t968\t", "Toplam\t190\t\t49\t\t2\t\t\t\t968\t")


# The duties of two units, as other municipalities' programmes state them in the section on
# organisation: one under a heading of its own, one in a table of units and duties; and an
# organisation chart as text, whose names alone state no duties.
STATED_DUTIES = {
    "fen-isleri": ("Fen İşleri Müdürlüğünün Görevleri", [
        "Fen İşleri Müdürlüğü, Belediye sınırları içindeki yol ve altyapı hizmetlerini yürütür. Bu kapsamda:",
        "a) İmar planlarına uygun olarak yeni yolları açmak, mevcut yolların bakımını ve onarımını yapmak,",
        "b) Asfalt, parke ve kaldırım çalışmalarını planlamak ve yürütmek,",
        "c) Belediye binalarının yapım ve onarım işlerini yapmak veya yaptırmak."]),
    "park-ve-bahceler": ("Park ve Bahçeler Müdürlüğü", [
        "Park ve yeşil alanları yapmak, bakımını ve onarımını sağlamak.",
        "Fidan ve çiçek üretmek, ağaçlandırma çalışmalarını yürütmek."]),
}


def stated_duties(text: str) -> str:
    """The seed with STATED_DUTIES printed after its organisation paragraph."""
    fen, park = STATED_DUTIES["fen-isleri"], STATED_DUTIES["park-ve-bahceler"]
    inserted = "\n".join([
        "", f"#### {fen[0]}", "", fen[1][0], "", *(f"- {item}" for item in fen[1][1:]), "",
        "**Tablo 2: Birimlerin Görevleri**", "", "Birim\tGörevleri", f"{park[0]}\t{park[1][0]}", f"\t{park[1][1]}",
        "", "Şekil 2: Teşkilat Şeması", "", "Belediye Başkanı", "Zabıta Müdürlüğü", "Yazı İşleri Müdürlüğü", ""])
    at = text.index("\n", text.index("Belediyemiz organizasyon yapısı"))
    return text[:at] + "\n" + inserted + text[at:]


# ------------------------------------------------------------------ refusals
def cut_at(fraction: float):
    return lambda text: text[: int(len(text) * fraction)]


def cut_inside_cost_table(text: str) -> str:
    at = text.index("9-Yedek Ödenekler", len(text) // 2)
    return text[:at]


def cut_inside_annex_row(text: str) -> str:
    at = text.rindex("F.2\t")
    return text[: at + 10]


def amount_typo(text: str) -> str:
    return text.replace("1-Personel Giderleri\t\t711.500,00 TL", "1-Personel Giderleri\t\t711.5OO,00 TL", 1)


def english_amount(text: str) -> str:
    return text.replace("1-Personel Giderleri\t\t711.500,00 TL", "1-Personel Giderleri\t\t711,500.00 TL", 1)


def b5_row_missing(text: str) -> str:
    return re.sub(r"^<b>Stratejik Hedef 1\.2</b>.*\n", "", text, count=1, flags=re.M)


def econ_line_missing(text: str) -> str:
    return text.replace("5-Cari Transferler\t\t0,00 TL\n", "", 1)


def no_section_d(text: str) -> str:
    return text.replace("**D-Toplam Kaynak İhtiyacı**", "")


def duplicate_cost_table(text: str) -> str:
    start = text.index("İdare Adı\t\tKARTEPE BELEDİYESİ")
    end = text.index("Toplam Kaynak İhtiyacı", start)
    end = text.index("\n", end) + 1
    return text[:end] + "\n" + text[start:end] + text[end:]
