"""Bytes of one file -> the programme it prints (the decode ... cross-check stages in order)."""
from __future__ import annotations

from dataclasses import dataclass, field

from tools.importer import labels as L
from tools.importer import prose
from tools.importer.crosscheck import crosscheck
from tools.importer.decode import decode
from tools.importer.duties import StatedDuties, unit_duties
from tools.importer.errors import ImportProblem
from tools.importer.goaltables import goal_tables
from tools.importer.listings import listings
from tools.importer.sectiond import section_d
from tools.importer.labels import heading_key
from tools.importer.normalise import Document, document
from tools.importer.pages import general_pages


@dataclass
class Programme:
    year: int
    municipality: str
    aims: dict[int, str]
    plan: dict
    annex: dict
    goals: list
    section_d: dict
    stated_counts: dict[str, int]
    mission: str
    vision: str
    values: list[str]
    organisation_units: list[str]
    pages: dict[str, str]
    notes: list[str] = field(default_factory=list)
    duties: list[StatedDuties] = field(default_factory=list)  # each unit's, where the general part states them
    captions: dict[str, dict[str, int]] = field(default_factory=dict)  # page slug -> table caption -> line

    @property
    def activities(self) -> list:
        return [c for g in self.goals for c in g.costs]

    @property
    def units(self) -> list[str]:
        """Every unit the tables name, then those the organisation text adds."""
        names: list[str] = []
        for g in self.goals:
            names += [g.unit, *(c.unit for c in g.costs)]
        for listing in [*self.plan.values(), *self.annex.values()]:
            names += [listing.unit, *(u for _, u in listing.activities)]
        names += self.organisation_units
        return list(dict.fromkeys(names))


def _heading(doc: Document, want: str, start: int, what: str, required: bool = True) -> int | None:
    found = next((i for i in range(start, len(doc.lines)) if heading_key(doc.plain(i)) == want), None)
    if found is None and required:
        raise ImportProblem(len(doc.lines), f"no heading '{what}' after line {start + 1}: the file is cut off, "
                                            f"or is not a performance programme of the regulation's layout")
    return found


def read_programme(data: bytes) -> Programme:
    text = decode(data)
    doc = document(text)
    try:
        return _read(doc, text)
    except ImportProblem as problem:
        last = max((i + 1 for i in range(len(doc.lines)) if not doc.blank(i)), default=1)
        if problem.line >= last and "cut off" not in problem.message:
            problem.message += "; this is the file's last line: the file may be cut off"
        raise


def _read(doc: Document, text: str) -> Programme:
    year, _ = prose.title_year(doc)
    b5 = _heading(doc, L.B5, 0, "B.5. Stratejik Amaç, Hedef ve Faaliyet ve Proje Bütünleşik Tablosu")
    c = _heading(doc, L.SECTION_C, b5 + 1, "C- Performans Hedef ve Göstergeleri ile Faaliyetler")
    d = _heading(doc, L.SECTION_D, c + 1, "D- Toplam Kaynak İhtiyacı")
    e = _heading(doc, L.SECTION_E, d + 1, "E- Diğer Hususlar", required=False)
    annex = _heading(doc, L.ANNEX_A, (e if e is not None else d) + 1, "A- Sorumlu Harcama Birimleri")
    d_end = e if e is not None else _heading(doc, L.ANNEXES, d + 1, "3- Ekler", required=False) or annex
    aims, plan, _ = listings(doc, b5 + 1, c, "B.5")
    _, annex_goals, administration = listings(doc, annex + 1, len(doc.lines), "annex")
    goals = goal_tables(doc, c + 1, d)
    names = {x.administration for g in goals for x in g.costs if x.administration} | (
        {administration} if administration else set())
    if len({L.key(n) for n in names}) > 1:
        raise ImportProblem(1, f"the tables name more than one administration ('İdare Adı'): {sorted(names)}")
    captions: dict[str, dict[str, int]] = {}
    pages, notes = general_pages(doc, year, captions)
    programme = Programme(
        year=year,
        municipality=prose.municipality(doc, text.splitlines(), next(iter(sorted(names)), "")),
        aims=aims, plan=plan, annex=annex_goals, goals=goals,
        section_d=section_d(doc, d + 1, d_end),
        stated_counts=prose.stated_counts(doc),
        mission=prose.after_label(doc, "Misyonumuz"),
        vision=prose.after_label(doc, "Vizyonumuz"),
        values=prose.values(doc),
        organisation_units=prose.organisation_units(doc),
        pages=pages, notes=notes, captions=captions,
    )
    crosscheck(programme)
    programme.notes += unit_notes(programme)
    programme.duties, notes = unit_duties(doc, programme.units)
    programme.notes += notes
    return programme


def unit_notes(p: Programme) -> list[str]:
    """The organisation text as a cross-check of the tables' units: a difference is worth a
    look (a new unit, a renamed one), never a reason to refuse."""
    if not p.organisation_units:
        return ["the organisation text lists no units in the expected wording; units are taken from the "
                "tables only"]
    prose = {L.key(u) for u in p.organisation_units}
    tabled = [u for u in p.units if u not in p.organisation_units]
    notes = [f"unit {u!r} appears in the tables but not in the organisation text" for u in tabled
             if L.key(u) not in prose]
    return notes
