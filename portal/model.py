"""The programme as typed data; every total is computed here, once.

Amounts the document prints as totals are kept beside their lines as
`stated_*` fields: the site shows the computed figure and the
reconciliation lists where the two differ.  No I/O in this module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cached_property

from portal.text import lower_tr, source_hash

ZERO = Decimal("0.00")
_LEADING_NUMBER = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]+))?(?:\s+(.*))?$")
ECON_CODES = tuple(range(1, 10))
OFF_BUDGET_SOURCES = ("revolving_fund", "other_domestic", "foreign")


@dataclass(frozen=True)
class Origin:
    """Where a value was written: a content file and line, for errors and notes."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Text:
    """A field in both languages; English may be empty until translated."""

    tr: str
    en: str = ""
    en_of: str = ""  # source_hash of the Turkish the English was written for, when that changed

    @property
    def stale(self) -> bool:
        """The English translates an earlier Turkish text: the page should say it may be out of date."""
        return bool(self.en and self.en_of and self.en_of != source_hash(self.tr))

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.tr

    def translated(self, lang: str) -> bool:
        return lang == "tr" or bool(self.en)


@dataclass(frozen=True)
class CorrectionNote:
    """Staff's record that a field of an item differs from the official document on purpose:
    what field, why, on what authority (e.g. a council decision) and since when."""

    field: str  # as in the content file: "budget.6", "name", "values.2024"
    reason: Text
    authority: Text
    date: date
    origin: Origin


Lines = dict  # field ("budget.6", "name") -> where its value is written in the content


def _lines() -> Lines:
    return field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Unit:
    slug: str
    name: Text
    description: Text
    origin: Origin


@dataclass(frozen=True)
class UnitDuties:
    """A unit's duties as one programme states them (Markdown), and where: the general page
    of the section and the heading or table cell that names the unit, as printed (both are
    the official reading's)."""

    unit: str  # slug
    text: Text
    origin: Origin
    page: str = ""
    heading: str = ""
    corrections: tuple[CorrectionNote, ...] = ()
    lines: Lines = _lines()  # "duties": where its Turkish text starts


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Text
    measure: Text
    values: dict[str, Text]  # year -> value as printed; worded ones ("45 ve Üzeri") translated
    origin: Origin
    printed_code: str = ""  # where the document misprints it: "PG1.1.2.2" for 1.12.2
    better: str = "up"  # which way counts as progress: "up" or "down"
    corrections: tuple[CorrectionNote, ...] = ()
    lines: Lines = _lines()

    @property
    def document_code(self) -> str:
        return f"PG.{self.code}"

    def trend(self) -> list[tuple[str, Decimal | None]] | None:
        """The yearly values as numbers ("95 ve Üzeri" -> 95), or None when they do not
        compare (text only, or mixed units such as "1 Saat" and "30 Dakika")."""
        points, suffixes = [], set()
        for year, value in sorted(self.values.items()):
            m = _LEADING_NUMBER.match(value.tr)
            if value.tr == "-" or not m:
                points.append((year, None))
                continue
            whole, frac, suffix = m.groups()
            points.append((year, Decimal(whole.replace(".", "") + ("." + frac if frac else ""))))
            suffixes.add(lower_tr(suffix or ""))
        known = [v for _, v in points if v is not None]
        return points if len(known) >= 2 and len(suffixes) == 1 else None


@dataclass(frozen=True)
class Cost:
    """One activity's cost table, by first-level economic code."""

    budget_lines: dict[int, Decimal]
    off_budget_lines: dict[str, Decimal]
    # the totals the document prints (the official reading's only; the site shows sums)
    stated_budget: Decimal | None = None
    stated_off_budget: Decimal | None = None
    stated_total: Decimal | None = None

    # summed once: every page that shows an activity asks for these
    @cached_property
    def budget(self) -> Decimal:
        return sum(self.budget_lines.values(), ZERO)

    @cached_property
    def off_budget(self) -> Decimal:
        return sum(self.off_budget_lines.values(), ZERO)

    @cached_property
    def total(self) -> Decimal:
        return self.budget + self.off_budget


def goal_document_code(code: str) -> str:
    """'1.5' -> 'PH.1.5', as the official document prints a goal's code."""
    return f"PH.{code}"


def activity_document_code(code: str) -> str:
    """'1.5.2' -> 'PH.1.5.F2', as the official document prints an activity's code."""
    goal, number = code.rsplit(".", 1)
    return f"PH.{goal}.F{int(number)}"


@dataclass(frozen=True)
class Activity:
    code: str  # "1.5.2"
    name: Text
    unit: str  # unit slug
    cost: Cost
    origin: Origin
    corrections: tuple[CorrectionNote, ...] = ()
    lines: Lines = _lines()

    @property
    def goal_code(self) -> str:
        return self.code.rsplit(".", 1)[0]

    @property
    def number(self) -> int:
        return int(self.code.rsplit(".", 1)[1])

    @property
    def document_code(self) -> str:
        """The code as the official document prints it: PH.1.5.F2."""
        return activity_document_code(self.code)


@dataclass(frozen=True)
class GoalTableRow:
    """An activity row of the goal table, as printed (it repeats the cost tables)."""

    number: int
    name: Text
    budget: Decimal
    off_budget: Decimal
    total: Decimal
    origin: Origin


@dataclass(frozen=True)
class Listing:
    """How the integrated table (B.5) or the annex lists a goal and its activities."""

    text: str
    unit: str
    activities: tuple[tuple[str, str], ...]  # (name, unit slug)
    origin: Origin


@dataclass(frozen=True)
class Goal:
    code: str  # "1.5"
    unit: str
    text: Text
    indicators: tuple[Indicator, ...]
    activities: tuple[Activity, ...]
    origin: Origin
    # what only the official reading has: the document's repetitions of the goal
    table_rows: tuple[GoalTableRow, ...] = ()
    table_total: tuple[Decimal, Decimal, Decimal] | None = None  # budget, off-budget, total as printed
    table_total_origin: Origin | None = None
    listings: dict[str, Listing] = field(default_factory=dict)
    strategic_goal_text: str = ""
    corrections: tuple[CorrectionNote, ...] = ()
    lines: Lines = _lines()

    @property
    def aim(self) -> int:
        return int(self.code.split(".")[0])

    @property
    def document_code(self) -> str:
        return goal_document_code(self.code)

    @property
    def number(self) -> int:
        return int(self.code.split(".")[1])

    @cached_property
    def totals(self) -> "Totals":
        return Totals.of(self.activities)

    @property
    def indicator_years(self) -> list[str]:
        return sorted({year for i in self.indicators for year in i.values})

    @property
    def budget(self) -> Decimal:
        return self.totals.budget

    @property
    def off_budget(self) -> Decimal:
        return self.totals.off_budget

    @property
    def total(self) -> Decimal:
        return self.totals.total


@dataclass(frozen=True)
class Aim:
    number: int
    name: Text
    origin: Origin
    corrections: tuple[CorrectionNote, ...] = ()
    lines: Lines = _lines()


@dataclass(frozen=True)
class SectionDRow:
    """A row of section D: activities, general administration, other administrations."""

    activities: Decimal
    general_administration: Decimal
    other_administrations: Decimal
    stated_total: Decimal | None
    origin: Origin

    @property
    def total(self) -> Decimal:
        return self.activities + self.general_administration + self.other_administrations


@dataclass(frozen=True)
class SectionD:
    """The programme's total resource need as the document states it."""

    budget_lines: dict[int, SectionDRow]
    stated_budget: SectionDRow
    off_budget_lines: dict[str, SectionDRow]
    stated_off_budget: SectionDRow
    stated_total: SectionDRow

    @property
    def budget(self) -> Decimal:
        return sum((r.total for r in self.budget_lines.values()), ZERO)

    @property
    def off_budget(self) -> Decimal:
        return sum((r.total for r in self.off_budget_lines.values()), ZERO)

    @property
    def total(self) -> Decimal:
        return self.budget + self.off_budget


@dataclass(frozen=True)
class Totals:
    """Totals of a set of activities, each summed from the cost-table lines."""

    budget: Decimal
    off_budget: Decimal
    total: Decimal
    by_econ: dict[int, Decimal]
    count: int

    @classmethod
    def of(cls, activities) -> "Totals":
        activities = tuple(activities)
        by_econ = {code: sum((a.cost.budget_lines[code] for a in activities), ZERO) for code in ECON_CODES}
        budget = sum(by_econ.values(), ZERO)
        off = sum((a.cost.off_budget for a in activities), ZERO)
        return cls(budget, off, budget + off, by_econ, len(activities))


@dataclass(frozen=True)
class ContinuityLink:
    """One line of a year's continuity.yaml: how an item of the previous programme
    continues in this one.  `previous` None: new in this programme; `current` None:
    ended with the previous one; both: the same item under another code."""

    kind: str  # "aim", "goal", "activity" or "unit"
    previous: str | None
    current: str | None
    origin: Origin


@dataclass(frozen=True)
class Correction:
    """A published figure or Turkish text that differs from the official document, with
    staff's note on why: the site shows both, and says so."""

    kind: str  # "activity", "goal", "indicator", "aim", "page", "unit" (its duties) or "programme"
    code: str  # "1.5.2"; the programme's year for the programme
    field: str  # "budget.6", as in the content file
    label: Text  # the field as readers know it: "6 – Capital expenditure"
    official: Decimal | Text | None  # what the document prints: an amount or a text (None: nothing)
    corrected: Decimal | Text | None  # what the site shows
    reason: Text
    authority: Text
    date: date
    origin: Origin  # the note
    goal: str = ""  # the goal the item belongs to, for its page


@dataclass(frozen=True)
class Program:
    year: int
    title: Text
    mission: Text
    vision: Text
    values: tuple[Text, ...]
    aims: tuple[Aim, ...]
    goals: tuple[Goal, ...]
    section_d: SectionD | None = None  # printed only: the official reading's
    stated_counts: dict[str, int] = field(default_factory=dict)  # printed only
    pages: dict[str, "Page"] = field(default_factory=dict)
    origin: Origin | None = None
    statements: tuple["Statement", ...] = ()
    continuity: tuple[ContinuityLink, ...] = ()  # what staff stated in continuity.yaml
    duties: dict[str, UnitDuties] = field(default_factory=dict)  # unit slug -> its duties, where stated
    corrections: tuple[CorrectionNote, ...] = ()  # notes on the programme's own fields
    lines: Lines = _lines()
    # the official reading this programme was edited from (None: this is that reading),
    # what the edits correct, and what looks implausible about them
    official: "Program | None" = field(default=None, compare=False, repr=False)
    corrected: tuple[Correction, ...] = ()
    warnings: tuple[str, ...] = ()

    def corrections_of(self, kind: str, code: str) -> tuple[Correction, ...]:
        """The corrections a page of this item shows: a goal's page shows its own, its
        indicators' and its activities'."""
        if kind == "goal":
            return tuple(c for c in self.corrected if c.goal == code)
        return tuple(c for c in self.corrected if (c.kind, c.code) == (kind, code))

    @property
    def reading(self) -> "Program":
        """What the document itself prints: the reconciliation compares this with itself."""
        return self.official or self

    @cached_property
    def activities(self) -> tuple[Activity, ...]:
        return tuple(a for g in self.goals for a in g.activities)

    @property
    def indicator_years(self) -> list[str]:
        """The years the indicators give values for (the programme year and the two before it)."""
        return sorted({year for g in self.goals for year in g.indicator_years})

    def goals_of_aim(self, number: int) -> tuple[Goal, ...]:
        return tuple(g for g in self.goals if g.aim == number)

    def activities_of_unit(self, slug: str) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.unit == slug)

    def goals_of_unit(self, slug: str) -> tuple[Goal, ...]:
        """Goals the unit is responsible for, or has an activity in."""
        return tuple(g for g in self.goals if g.unit == slug or any(a.unit == slug for a in g.activities))

    def goal(self, code: str) -> Goal:
        return self._goals_by_code[code]

    def activity(self, code: str) -> Activity:
        return self._activities_by_code[code]

    def has_goal(self, code: str) -> bool:
        return code in self._goals_by_code

    def has_activity(self, code: str) -> bool:
        return code in self._activities_by_code

    @cached_property
    def _goals_by_code(self) -> dict[str, Goal]:
        return {g.code: g for g in self.goals}

    @cached_property
    def _activities_by_code(self) -> dict[str, Activity]:
        return {a.code: a for a in self.activities}

    def aim(self, number: int) -> Aim:
        return next(a for a in self.aims if a.number == number)

    @cached_property
    def totals(self) -> Totals:
        return Totals.of(self.activities)

    @cached_property
    def aim_totals(self) -> dict[int, Totals]:
        return {a.number: Totals.of(x for g in self.goals_of_aim(a.number) for x in g.activities)
                for a in self.aims}

    @cached_property
    def unit_totals(self) -> dict[str, Totals]:
        """Every unit a goal or an activity names, with the totals of its own activities."""
        units = dict.fromkeys([g.unit for g in self.goals] + [a.unit for a in self.activities])
        return {slug: Totals.of(self.activities_of_unit(slug)) for slug in units}

    @property
    def budget(self) -> Decimal:
        """The whole budget, summed from the activities' cost tables (every line of the
        programme has one); section D's own split is kept as printed and reconciled."""
        return self.totals.budget

    @property
    def total(self) -> Decimal:
        return self.totals.total


@dataclass(frozen=True)
class Statement:
    """A figure the document's text states about one of its own tables."""

    page: str
    quote: str
    stated: Decimal
    table: str  # "Tablo 6"
    row: str  # the row's label, as printed
    column: int  # counted from 0, the row label's column
    origin: Origin


@dataclass(frozen=True)
class Page:
    """A general-information page in Markdown, one body per language."""

    slug: str
    title: Text
    body: Text
    origin: Origin
    corrections: tuple[CorrectionNote, ...] = ()
    lines: Lines = _lines()  # "title", and "text": where the Turkish text starts


@dataclass(frozen=True)
class GlossaryTerm:
    key: str  # the link anchor, the same in both languages
    term: Text
    definition: Text
    origin: Origin


@dataclass(frozen=True)
class Synonym:
    """Words citizens search for (`word`, one or more words) and what the documents call it
    (`also`, each one or more words); search finds either from the other (content/search.yaml)."""

    word: str
    also: tuple[str, ...]
    origins: tuple[Origin, ...]  # the line of each of `also`, for the build's check that it exists


@dataclass(frozen=True)
class Licence:
    """The licence the municipality publishes the open data under (site.yaml)."""

    name: str  # "CC-BY-4.0"
    url: str
    title: Text  # "Creative Commons Atıf 4.0 Uluslararası"


@dataclass(frozen=True)
class SourceDocument:
    """Where one programme year's official document is published, and how it was adopted
    (site.yaml's documents:); each part only where staff wrote it."""

    year: int
    url: str = ""
    adopted: date | None = None
    authority: Text | None = None  # "Belediye Meclisinin ... tarihli ve ... sayılı kararı"


@dataclass(frozen=True)
class YearlyFigures:
    """Official figures per year from outside the programme (the population, a price index),
    with where they come from: shown only where staff wrote them in site.yaml."""

    name: Text  # "TÜFE (2003=100)"; for the population, "Nüfus"
    source: Text  # "TÜİK, Adrese Dayalı Nüfus Kayıt Sistemi, 2023 sonu"
    values: dict[int, Decimal]  # year -> figure

    def per(self, amount: Decimal, year: int) -> Decimal | None:
        """amount divided by the year's figure, to the kuruş (per resident)."""
        figure = self.values.get(year)
        return (amount / figure).quantize(Decimal("0.01"), ROUND_HALF_EVEN) if figure else None

    def in_prices_of(self, amount: Decimal, year: int, base: int) -> Decimal | None:
        """amount of `year` in the prices of `base`, to the kuruş, where both have a figure."""
        then, now = self.values.get(year), self.values.get(base)
        return (amount * now / then).quantize(Decimal("0.01"), ROUND_HALF_EVEN) if then and now else None

    @property
    def latest(self) -> int:
        return max(self.values)


@dataclass(frozen=True)
class Site:
    name: Text
    municipality: Text
    languages: tuple[str, ...]
    default_language: str
    units: dict[str, Unit]
    programs: dict[int, Program]
    glossary: tuple[GlossaryTerm, ...] = ()
    url: str = ""  # the public address, for canonical links and the sitemap
    synonyms: dict[str, tuple[Synonym, ...]] = field(default_factory=dict)  # lang -> entries
    origin: Origin | None = None  # site.yaml
    licence: Licence | None = None  # None: the municipality has not stated one yet
    documents: dict[int, SourceDocument] = field(default_factory=dict)  # year -> its official document
    population: YearlyFigures | None = None  # residents per year, for amounts per resident
    price_index: YearlyFigures | None = None  # for amounts in constant prices

    @property
    def latest(self) -> Program:
        return self.programs[max(self.programs)]
