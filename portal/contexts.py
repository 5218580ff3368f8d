"""Each page's view model, built in Python for that page alone.

A page context holds its programme year, the entities it shows and the
figures already computed; the templates only lay them out.  Everything
is read through the page's `Reader`, which records what was read, so a
rebuild knows which pages an edit can change (portal/dependencies.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterator, NamedTuple

from babel.dates import format_date
from markupsafe import Markup

from portal import yearsview
from portal.dependencies import Inputs, Key, Reader
from portal.i18n import Formatter, sort_key, translations
from portal.kinds import Category
from portal.labels import (
    CATEGORY_HEADINGS, CATEGORY_INTROS, CATEGORY_NAMES, CHART_TEXTS, DISCREPANCY_KINDS, ECON_NAMES, FIELD_NAMES,
    NOTE_HEADINGS, OVERVIEW, PAGE_TITLES, SHARE_KICKERS, TOTAL_BUDGET, WORDING_PARTS,
)
from portal.model import ECON_CODES, Licence, SourceDocument, Text, Totals, activity_document_code, goal_document_code
from portal.outputs.charts import CSV_COLUMNS, Listing
from portal.outputs.share import HEIGHT as CARD_HEIGHT, WIDTH as CARD_WIDTH, ShareCard, card_path
from portal.outputs.treemap import Group, Tile
from portal.reconcile import Discrepancy, Entry
from portal.urls import Urls, chart_key

LANGS = ("tr", "en")
YEARS_STYLE = "years.css"  # the other years' parts: published only with more than one programme
LARGEST = 5  # the gaps in amounts the data-notes page names first
TABLES_SCRIPT = "tables.js"  # the roles of tables shown one block per row (portal/reflow.py)


@dataclass
class PageSpec:
    """A page to render: where it goes, with what, its twin in each language, and what it read."""

    path: str
    template: str
    title: str | Text
    alternates: dict[str, str]
    context: dict = field(default_factory=dict)
    description: str = ""
    breadcrumbs: list[tuple[str | Text, str]] = field(default_factory=list)
    reads: set[Key] = field(default_factory=set)
    indexed: bool = True  # listed in the sitemap; an embed is a copy of its page, and is not
    share: ShareCard | None = None  # the picture a shared link shows, drawn with the page
    charts: list["Chart"] = field(default_factory=list)  # each published as a picture and its figures

    @property
    def share_file(self) -> str:
        return card_path(self.path)


@dataclass(frozen=True)
class Chrome:
    """What the header, navigation and footer of one programme year show."""

    year: int
    title: Text
    site_name: Text
    municipality: Text
    document: SourceDocument | None = None  # where the year's official document is published
    licence: Licence | None = None
    several_years: bool = False  # search then looks in this year's programme


class Bar(NamedTuple):
    """One bar of a chart: its label, its amount, whether the label is in the page's
    language, and whether the amount is shown exactly (else in the compact form).
    Amounts are formatted when the chart is drawn, for the pages that are."""

    label: str
    value: Decimal
    translated: bool = True
    exact: bool = False
    path: str | None = None  # the page of the item the bar stands for


@dataclass(frozen=True)
class Chart:
    """A chart a page shows, and what its two downloads hold: the picture, drawn in the
    page's language, and its figures, language-neutral as the open data writes them (one
    file for both languages), in the order the chart shows them."""

    kind: str  # how it is drawn: "bars", "trend" or "treemap"
    key: str  # the name its downloads share (portal/urls.py)
    lang: str
    year: int
    title: str
    description: str
    subject: str  # what it is a chart of, for the picture away from its page
    page: str  # the page it is on, which the picture names as its source
    items: tuple  # Bar each; (year, value) each for a trend; treemap.Group each
    table: str  # the CSV file's columns: a key of CSV_COLUMNS
    rows: tuple[tuple, ...]  # its rows, typed (amounts as Decimal)
    better: str = ""  # a trend: "up" or "down"

    @property
    def columns(self) -> tuple[str, ...]:
        return CSV_COLUMNS[self.table]

    @property
    def listing(self) -> Listing:
        return Listing(self.year, self.key, self.lang, self.table, self.title, self.subject)

    @property
    def svg(self) -> str:
        return Urls.chart_svg(self.lang, self.year, self.key)

    @property
    def csv(self) -> str:
        return Urls.chart_csv(self.year, self.key)


def both(fn, *args) -> dict[str, str]:
    return {lang: fn(lang, *args) for lang in LANGS}


def _alphabetical(texts: list[str], lang: str) -> list[int]:
    """Each text's place in the alphabetical order of the language (Babel's, Turkish for tr), equal
    texts sharing one: what the indexes' script sorts a column of names by, needing no collator of
    the browser's (whose Turkish data costs a phone's main thread tens of milliseconds to load)."""
    order = {text: rank for rank, text in enumerate(sorted(set(texts), key=lambda text: sort_key(text, lang)))}
    return [order[text] for text in texts]


def _named(code: str, name: Text) -> Text:
    """An item as a list names it: its code, then its name."""
    return Text(f"{code} {name.tr}", f"{code} {name.en}" if name.en else "")


def _measured(indicator, lang: str) -> str:
    """An indicator as a chart of it names it: its code, its name and its unit of measure."""
    named = f"{indicator.document_code} {indicator.name.get(lang)}"
    return f"{named} ({indicator.measure.get(lang)})" if indicator.measure.tr else named


def _with(title: str, name: str) -> str:
    """A title followed by a name it does not already hold ("… – Kartepe Belediyesi")."""
    return title if name in title else f"{title} – {name}"


def card(*parts: str) -> str:
    """The text of a shared link's card."""
    return " · ".join(parts)


class PageContexts:
    """The pages of one language, each context built from its own reads."""

    def __init__(self, inputs: Inputs, lang: str):
        self.inputs, self.lang = inputs, lang
        self.fmt = Formatter(lang)
        self.gettext = translations(lang).gettext

    # ------------------------------------------------------------ shared parts
    def _spec(self, r: Reader, year: int | None, path: str, template: str, title, alternates,
              context: dict | None = None, year_links: list | None = None, code: str = "",
              share: tuple[str, str, Decimal] | None = None, stacked: bool = False, **extra) -> PageSpec:
        """A page with what every page shows: the site's name, the style sheet, the
        header and footer of its programme year, and the switch to other years (for a
        page of no year, to each year's overview; none with a single programme).
        Its title in the head and in a shared link names the municipality (and the item's
        code, where two items can share a name); `share` (what the item is, its name, its
        amount) gives it a share card; `stacked`: it shows tables of figures that reflow
        on a phone, and their script."""
        name, municipality, _ = r("site")
        chrome_year = year if year is not None else r("latest")
        spec = PageSpec(path, template, title, alternates, dict(context or {}), reads=r.keys, **extra)
        lang = self.lang
        shown = self.gettext(PAGE_TITLES[title]) if isinstance(title, str) and title in PAGE_TITLES else \
            title.get(lang) if isinstance(title, Text) else title
        shown = f"{code} {shown}" if code else shown
        spec.context.update(head_title=_with(_with(shown, name.get(lang)), municipality.get(lang)),
                            social_title=_with(shown, municipality.get(lang)), share=None)
        if share is not None:
            kicker, item, amount = share
            kicker = kicker if str(chrome_year) in kicker else f"{kicker} · {chrome_year}"
            spec.share = ShareCard(municipality.get(lang), kicker, item, self.fmt.money(amount),
                                   name.get(lang))
            spec.context["share"] = {"path": card_path(path), "alt": spec.share.alt,
                                     "width": CARD_WIDTH, "height": CARD_HEIGHT}
        spec.context.update(page=spec, site_name=name, municipality=municipality, year=chrome_year,
                            style=r("asset", "style.css"),
                            chrome=Chrome(chrome_year, r("programme title", chrome_year), name, municipality,
                                          r("source document", chrome_year), r("licence"), yearsview.several(r)),
                            year_links=year_links if year_links is not None else self._to_overviews(r, year))
        if spec.context["year_links"]:
            spec.context["years_style"] = r("asset", YEARS_STYLE)
        spec.context["tables_script"] = r("asset", TABLES_SCRIPT) if stacked else None
        return spec

    def _kicker(self, kind: str, name: str = "", value=None) -> str:
        """What a share card says the item is ("Faaliyet PH.1.3.F2")."""
        message = self.gettext(SHARE_KICKERS[kind])
        return message % {name: value} if name else message

    def _to_overviews(self, r: Reader, year: int | None) -> list:
        return yearsview.switcher(r, year, lambda y: Urls.program(self.lang, y), lambda y: None)

    def _same_page(self, r: Reader, year: int, path) -> list:
        """The switch to the same page of another year (overview, units, notes)."""
        return yearsview.switcher(r, year, lambda y: Urls.program(self.lang, y), lambda y: path(self.lang, y))

    def _item(self, r: Reader, kind: str, year: int, code: str, path) -> list:
        return yearsview.item_switcher(r, kind, year, code, lambda y: Urls.program(self.lang, y),
                                       lambda y, c: path(self.lang, y, c))

    # ------------------------------------------------------------ charts
    def _subject(self, r: Reader, year: int, item: str = "") -> str:
        """What a chart is of, as its picture says: the municipality's programme, and the item."""
        programme = _with(r("programme title", year).get(self.lang), r("site")[1].get(self.lang))
        return f"{programme} · {item}" if item else programme

    def _chart(self, item: str, code, what: str, year: int, page: str, subject: str, items, columns: str, rows,
               kind: str = "bars", texts: str = "", better: str = "", values: dict | None = None) -> Chart:
        """The chart of `what` for an item ("aim", 1; the programme's have no code), titled and
        described as labels.CHART_TEXTS says for item-what (or `texts`), given `values`."""
        title, description = (self.gettext(message) % (values or {})
                              for message in CHART_TEXTS[texts or f"{item}-{what}"])
        return Chart(kind, chart_key(item, code, what), self.lang, year, title, description, subject, page,
                     tuple(items), columns, tuple(tuple(row) for row in rows), better)

    def _bars(self, item: str, code, what: str, year: int, page: str, subject: str, bars: list[Bar], columns: str,
              rows: list[list], in_order: bool = False, values: dict | None = None) -> Chart:
        """Bars largest first (or in the order given: years), the CSV rows in the same order."""
        pairs = list(zip(bars, rows))
        if not in_order:
            pairs.sort(key=lambda pair: pair[0].value, reverse=True)  # stable: ties keep their order
        return self._chart(item, code, what, year, page, subject, [b for b, _ in pairs], columns,
                           [row for _, row in pairs], values=values)

    def _econ_chart(self, item: str, code, year: int, page: str, subject: str, totals,
                    values: dict | None = None) -> Chart:
        """The budget by economic code of a set of activities, the codes with an amount."""
        codes = [c for c in ECON_CODES if totals.by_econ[c]]
        turkish = translations("tr").gettext
        return self._bars(item, code, "econ", year, page, subject,
                          [Bar(f"{c} – {self.gettext(ECON_NAMES[c])}", totals.by_econ[c], exact=True) for c in codes],
                          "econ", [[year, str(c), turkish(ECON_NAMES[c]), ECON_NAMES[c], totals.by_econ[c]]
                                   for c in codes], values=values)

    def _trends(self, r: Reader, year: int, goal, page: str) -> dict[str, Chart]:
        """Each indicator's line over the years, where its values compare."""
        charts = {}
        for ind in goal.indicators:
            points = ind.trend()
            if points:
                rows = [[year, goal.code, ind.code, ind.document_code, y, "" if v is None else f"{v:f}",
                         ind.values[y].tr] for y, v in points]
                charts[ind.code] = self._chart(
                    "indicator", ind.code, "trend", year, page, self._subject(r, year, _measured(ind, self.lang)),
                    points, "trend", rows, kind="trend", texts=f"indicator-{'up' if ind.better == 'up' else 'down'}",
                    better=ind.better, values={"code": ind.document_code})
        return charts

    def _goal_map(self, r: Reader, year: int, page: str) -> tuple[list, Chart]:
        """The goals of each aim, for the table beside the treemap, and the treemap."""
        lang, groups, rows, table = self.lang, [], [], []
        for aim in r("aims", year):
            goals = [r("goal summary", year, code) for code in r("goals of aim", year, aim.number)]
            table.append((aim, goals))
            groups.append(Group(aim.number, aim.name.get(lang), r("aim totals", year, aim.number).total,
                                Urls.aim(lang, year, aim.number),
                                tuple(Tile(g.code, g.document_code, g.text.get(lang), g.total,
                                           Urls.goal(lang, year, g.code)) for g in goals)))
            rows += [[year, str(aim.number), aim.name.tr, aim.name.en, g.code, g.document_code, g.text.tr, g.text.en,
                      g.total] for g in goals]
        return table, self._chart("programme", None, "goals", year, page, self._subject(r, year), groups, "treemap",
                                  rows, kind="treemap")

    def _corrections(self, r: Reader, year: int, items) -> list[dict]:
        """Each correction with the item it corrects, named and linked, for a notice or the list."""
        lang, rows = self.lang, []
        for c in items:
            if c.kind == "activity":
                a = r("activity", year, c.code)
                item, href = _named(a.document_code, a.name), Urls.activity(lang, year, c.code)
            elif c.kind == "goal":
                g = r("goal summary", year, c.code)
                item, href = _named(g.document_code, g.text), Urls.goal(lang, year, c.code)
            elif c.kind == "indicator":
                i = next(i for i in r("goal", year, c.goal).indicators if i.code == c.code)
                item = _named(i.document_code, i.name)
                href = Urls.goal(lang, year, c.goal) + "#" + Urls.anchor("indicator", c.code)
            elif c.kind == "page":
                item, href = r("general page", year, c.code).title, Urls.page(lang, year, c.code)
            elif c.kind == "unit":
                item, href = r("unit name", c.code).name, Urls.unit(lang, year, c.code) + "#" + Urls.duties_anchor
            elif c.kind == "aim":
                aim = next(a for a in r("aims", year) if str(a.number) == c.code)
                item, href = _named(f"{aim.number}.", aim.name), Urls.aim(lang, year, aim.number)
            else:
                item, href = r("programme title", year), Urls.program(lang, year)
            rows.append({"correction": c, "item": item, "href": href,
                         "anchor": Urls.correction_anchor(c.kind, c.code, c.field)})
        return rows

    # ------------------------------------------------------ the document's disagreements
    def _value(self, r: Reader, d: Discrepancy, value) -> Markup:
        """A figure as the page formats it; a unit by its name; a wording quoted, marked Turkish
        on an English page (the document's words are Turkish)."""
        if isinstance(value, Decimal):
            return Markup("{}").format(self.fmt.money(value))
        if isinstance(value, int):
            return Markup("{}").format(self.fmt.number(value))
        if d.field == "unit":
            return Markup("{}").format(r("unit name", value).name.get(self.lang))
        if d.field == "code":
            return Markup('<span class="code">{}</span>').format(value)
        if self.lang == "tr":
            return Markup("<q>{}</q>").format(value)
        return Markup('<q lang="tr">{}</q>').format(value)  # a quotation of the document, not a missing translation

    def _sentence(self, r: Reader, d: Discrepancy, fields: list[str]) -> Markup:
        """What differs, with both figures: 'The goal table prints 614.765.000,00 ₺ (total) for
        PH.4.1.F4; the activity's cost table adds up to 614.665.000,00 ₺.'  `fields`: the figures
        of the place that show the same two amounts (a budget that is the whole total)."""
        gettext, lang = self.gettext, self.lang
        econ = int(d.field) if d.field.isdigit() else None
        field = ", ".join(gettext(FIELD_NAMES[f]) if f in FIELD_NAMES else f for f in fields)
        values = {
            "stated": self._value(r, d, d.stated), "computed": self._value(r, d, d.computed), "field": field,
            "activity": activity_document_code(d.activity) if d.activity else "",
            "goal": goal_document_code(d.goal) if d.goal else "", "indicator": f"PG.{d.indicator}",
            "row": d.row or "", "where": d.label.get(lang) if d.label else "",
            "line": f"{econ} – {gettext(ECON_NAMES[econ])}" if econ else gettext(TOTAL_BUDGET),
            "quote": self._value(r, d, d.quote) if d.quote else ""}
        return Markup(gettext(DISCREPANCY_KINDS[d.kind])) % values

    def _shown_at(self, r: Reader, year: int, d: Discrepancy) -> tuple[str, str]:
        """(the site's page where a disagreement's figure or wording shows, what the link says)."""
        lang = self.lang
        if d.activity:
            return Urls.activity(lang, year, d.activity), activity_document_code(d.activity)
        if d.indicator:
            return (Urls.goal(lang, year, d.goal) + "#" + Urls.anchor("indicator", d.indicator),
                    f"PG.{d.indicator}")
        if d.goal:
            return Urls.goal(lang, year, d.goal), goal_document_code(d.goal)
        if d.page:
            return Urls.page(lang, year, d.page), r("general page", year, d.page).title.get(lang)
        return (Urls.program(lang, year) + ("#section-d" if d.subject == "section D" else ""),
                self.gettext(OVERVIEW))

    def _heading(self, r: Reader, year: int, e: Entry) -> str:
        """What an entry is about: 'Goal table of PH.1.6, row 2 (PH.1.6.F2)'."""
        d, key = e.lead, e.key
        codes = {"goal": goal_document_code(d.goal) if d.goal else "", "row": d.row or "",
                 "activity": activity_document_code(d.activity) if d.activity else "",
                 "indicator": f"PG.{d.indicator}", "where": d.label.get(self.lang) if d.label else "",
                 "page": r("general page", year, d.page).title.get(self.lang) if d.page else ""}
        if key[0] == "programme":
            which = "activities count" if key[1] == "activities" else key[1]
        elif key[0] == "section-d":
            which = "section-d activities" if key[1] == "activities" else "section-d"
        elif key[0] == "page":
            which = "page text" if key[2] == "text" else "page table"
        elif key[0] == "activity" and key[2] == "unit":
            which = "activity unit"
        elif key[2] == "row" and d.activity:
            which = "row of"
        else:
            which = key[2]
        return self.gettext(NOTE_HEADINGS[which]) % codes

    def _versions(self, r: Reader, e: Entry) -> list[dict]:
        """A wording's versions, each once with the parts of the document that print it: the
        one compared with first (the site shows it), then the others as printed."""
        versions: dict[str, list[str]] = {}
        for d in e.places:
            printed, compared = WORDING_PARTS[d.kind]
            for value, part in ((d.computed, compared), (d.stated, printed)):
                parts = versions.setdefault(value, [])
                if self.gettext(part) not in parts:
                    parts.append(self.gettext(part))
        return [{"text": self._value(r, e.lead, value), "parts": parts, "shown": i == 0}
                for i, (value, parts) in enumerate(versions.items())]

    def _notes(self, r: Reader, year: int, found) -> list[dict]:
        """Each entry as a page shows it: its anchor on the data-notes page, what it is about,
        how far apart the figures are, what differs (with both figures) and every place."""
        notes = Urls.notes(self.lang, year)
        out = []
        for e in found:
            same: dict[tuple, list[Discrepancy]] = {}  # a budget and a total that print the same two amounts
            for d in e.places:
                same.setdefault((d.kind, d.stated, d.computed, d.row, d.activity), []).append(d)
            places = []
            for first, *also in same.values():
                href, label = self._shown_at(r, year, first)
                places.append({"sentence": self._sentence(r, first, [d.field for d in (first, *also)]),
                               "href": href, "link": label})
            out.append({"id": e.id, "category": e.category, "heading": self._heading(r, year, e),
                        "amount": e.amount, "money": e.category == Category.MONEY,
                        "sentence": places[0]["sentence"], "places": places, "found": len(e.places),
                        "kinds": sorted({d.kind.value for d in e.places}),
                        "versions": self._versions(r, e) if e.category == Category.WORDING else [],
                        "links": list(dict.fromkeys((p["href"], p["link"]) for p in places)),
                        "href": f"{notes}#{e.id}", "lead": e.lead})
        return out

    def _cite(self, r: Reader, year: int, item: Text) -> dict[str, str]:
        """What a citation of the page names, in its language: the municipality, the programme
        and its year, the item, and the day the site was built (the page adds its address)."""
        _, municipality, _ = r("site")
        return {"municipality": municipality.get(self.lang), "year": year,
                "title": r("programme title", year).get(self.lang), "item": item.get(self.lang),
                "built": format_date(r("build date"), "long", locale=self.lang)}

    def _crumbs_to_year(self, r: Reader, year: int) -> list:
        name = r("site")[0]
        return [(name, Urls.home(self.lang)), (r("programme title", year), Urls.program(self.lang, year))]

    # ------------------------------------------------------------------ pages
    def pages(self) -> Iterator[PageSpec]:
        """Every page of this language, in the order the sitemap lists them."""
        for _, make, args in self._listing():
            yield make(Reader(self.inputs), *args)

    def page(self, file: str) -> PageSpec | None:
        """The one page written at `file`, made without making the others (the preview
        renders the open tabs' pages first); None if this language has no such page."""
        for path, make, args in self._listing():
            if Urls.file_for(path) == file:
                spec = make(Reader(self.inputs), *args)
                assert spec.path == path, (spec.path, path)  # the listing names each page where it is written
                return spec
        return None

    def _listing(self) -> Iterator[tuple[str, Callable[..., PageSpec], tuple]]:
        """(path, the method that makes the page, its arguments after the reader) of every page."""
        site, lang = self.inputs.site, self.lang
        yield Urls.home(lang), self.home, ()
        for year, program in site.programs.items():
            yield Urls.program(lang, year), self.overview, (year,)
            yield Urls.embed(Urls.program(lang, year)), self.embed_overview, (year,)
            for aim in program.aims:
                yield Urls.aim(lang, year, aim.number), self.aim, (year, aim.number)
            for goal in program.goals:
                yield Urls.goal(lang, year, goal.code), self.goal, (year, goal.code)
                yield Urls.embed(Urls.goal(lang, year, goal.code)), self.embed_goal, (year, goal.code)
                for activity in goal.activities:
                    yield Urls.activity(lang, year, activity.code), self.activity, (year, goal.code, activity.code)
                    yield Urls.embed(Urls.activity(lang, year, activity.code)), self.embed_activity, \
                        (year, activity.code)
            yield Urls.units(lang, year), self.units, (year,)
            yield Urls.activities(lang, year), self.activities, (year,)
            for slug in program.unit_totals:
                yield Urls.unit(lang, year, slug), self.unit, (year, slug)
                yield Urls.embed(Urls.unit(lang, year, slug)), self.embed_unit, (year, slug)
            yield Urls.notes(lang, year), self.notes, (year,)
            yield Urls.corrections(lang, year), self.corrections, (year,)
            for slug in program.pages:
                yield Urls.page(lang, year, slug), self.general_page, (year, slug)
        yield Urls.downloads(lang), self.downloads, ()
        yield Urls.search(lang), self.search, ()
        yield Urls.glossary(lang), self.glossary, ()

    # ----------------------------------------------------------- embeds
    def _embed(self, r: Reader, year: int, path, template: str, title, context: dict) -> PageSpec:
        """A page's figures for other sites' frames (path: lang -> the page's path), with
        nothing around them but a link back to the page; it reads only what it shows."""
        name, municipality, _ = r("site")
        programme_title = r("programme title", year)
        spec = PageSpec(Urls.embed(path(self.lang)), template, title,
                        {lang: Urls.embed(path(lang)) for lang in LANGS}, context, reads=r.keys, indexed=False,
                        description=_with(title, programme_title.get(self.lang)))
        spec.context.update(page=spec, full_path=path(self.lang), site_name=name, municipality=municipality,
                            year=year, style=r("asset", "style.css"), programme_title=programme_title,
                            tables_script=r("asset", TABLES_SCRIPT))  # every embed shows a table of figures
        return spec

    def embed_activity(self, r: Reader, year: int, code: str) -> PageSpec:
        activity = r("activity", year, code)
        return self._embed(r, year, lambda lang: Urls.activity(lang, year, code), "embed/activity.html",
                           activity.name.get(self.lang),
                           {"activity": activity, "indicators": r("goal indicators", year, activity.goal_code)})

    def embed_goal(self, r: Reader, year: int, code: str) -> PageSpec:
        goal = r("goal", year, code)
        return self._embed(r, year, lambda lang: Urls.goal(lang, year, code), "embed/goal.html",
                           goal.text.get(self.lang), {"goal": goal})

    def embed_unit(self, r: Reader, year: int, slug: str) -> PageSpec:
        unit = r("unit name", slug)
        return self._embed(r, year, lambda lang: Urls.unit(lang, year, slug), "embed/unit.html",
                           unit.name.get(self.lang), {"unit": unit, "totals": r("unit totals", year, slug)})

    def embed_overview(self, r: Reader, year: int) -> PageSpec:
        aims = [(aim.name, f"{aim.number}. ", Urls.aim(self.lang, year, aim.number),
                 r("aim totals", year, aim.number), "aim", aim.number) for aim in r("aims", year)]
        title = r("programme title", year)
        ranking = self._ranking(year, Urls.program(self.lang, year), self._subject(r, year), "aim", aims)
        return self._embed(r, year, lambda lang: Urls.program(lang, year), "embed/programme.html",
                           title.get(self.lang), {"totals": r("programme totals", year), "by_aim": ranking})

    def home(self, r: Reader) -> PageSpec:
        lang, year = self.lang, r("latest")
        name = r("site")[0]
        totals = r("programme totals", year)
        goals, activities = r("programme counts", year)
        aims = [(aim, r("aim totals", year, aim.number)) for aim in r("aims", year)]
        kicker = self._kicker("home", "year", year)
        return self._spec(r, year, Urls.home(lang), "home.html", name.get(lang), both(Urls.home),
                          {"total": totals.total, "goal_count": goals, "activity_count": activities, "aims": aims},
                          description=name.get(lang), year_links=self._to_overviews(r, year),
                          share=(kicker, r("programme title", year).get(lang), totals.total))

    def overview(self, r: Reader, year: int) -> PageSpec:
        lang, fmt = self.lang, self.fmt
        title, mission, vision, values = r("programme words", year)
        totals = r("programme totals", year)
        path = Urls.program(lang, year)
        aims = [(aim.name, f"{aim.number}. ", Urls.aim(lang, year, aim.number), r("aim totals", year, aim.number),
                 "aim", aim.number) for aim in r("aims", year)]
        units = [(r("unit name", slug).name, "", Urls.unit(lang, year, slug), r("unit totals", year, slug), "unit", slug)
                 for slug in r("units of programme", year)]
        subject = self._subject(r, year)
        by_aim = self._ranking(year, path, subject, "aim", aims)
        by_unit = self._ranking(year, path, subject, "unit", units)
        goal_table, goal_map = self._goal_map(r, year, path)
        econ = self._econ_chart("programme", None, year, path, subject, totals)
        context = {
            "title": title, "mission": mission, "vision": vision, "values": values, "totals": totals,
            "by_aim": by_aim, "by_unit": by_unit, "econ_chart": econ, "goal_map": goal_map, "goal_table": goal_table,
            "section_d": r("section d", year), "general_pages": r("general pages", year),
            "changes": yearsview.overview_changes(r, lang, year, Urls) if yearsview.several(r) else None,
            "per_resident": self._per_resident(r, year, totals.total),
            "corrections": self._corrections(r, year, r("corrections of", year, "programme", str(year))),
            "notes": self._notes(r, year, r("notes of programme", year)),
        }
        return self._spec(r, year, path, "program.html", title.get(lang),
                          both(Urls.program, year), context, breadcrumbs=self._crumbs_to_year(r, year),
                          year_links=self._same_page(r, year, Urls.program),
                          description=card(title.get(lang), fmt.money(totals.total)),
                          charts=[by_aim["chart"], by_unit["chart"], goal_map, econ], stacked=True)

    def _per_resident(self, r: Reader, year: int, amount: Decimal) -> dict | None:
        """The amount per resident, where site.yaml gives the year's population (and its source)."""
        population = r("population")
        if population is None or year not in population.values:
            return None
        return {"amount": population.per(amount, year), "residents": population.values[year],
                "name": population.name, "source": population.source}

    def _ranking(self, year: int, page: str, subject: str, kind: str, entries: list[tuple]) -> dict:
        """A share of the programme per aim or unit (`kind`), largest first, with its chart."""
        ranked = sorted(entries, key=lambda e: e[3].total, reverse=True)  # stable, as Jinja's sort
        bars = [Bar(prefix + name.get(self.lang), totals.total, name.translated(self.lang), path=path)
                for name, prefix, path, totals, _, _ in ranked]
        rows = [[year, str(value), name.tr, name.en, totals.total] for name, _, _, totals, _, value in ranked]
        return {"rows": ranked, "chart": self._bars("programme", None, f"{kind}s", year, page, subject, bars, kind,
                                                    rows)}

    def aim(self, r: Reader, year: int, number: int) -> PageSpec:
        lang, fmt = self.lang, self.fmt
        aim = next(a for a in r("aims", year) if a.number == number)
        totals = r("aim totals", year, number)
        goals = [r("goal summary", year, code) for code in r("goals of aim", year, number)]
        whole = r("programme totals", year).total
        path, subject = Urls.aim(lang, year, number), self._subject(r, year, f"{aim.number}. {aim.name.get(lang)}")
        goal_chart = self._bars(
            "aim", number, "goals", year, path, subject,
            [Bar(f"{g.document_code} {g.text.get(lang)}", g.total, g.text.translated(lang),
                 path=Urls.goal(lang, year, g.code)) for g in goals], "goal",
            [[year, str(number), g.code, g.document_code, g.text.tr, g.text.en, g.total] for g in goals])
        econ = self._econ_chart("aim", number, year, path, subject, totals, values={"number": number})
        units = {g.unit: r("unit name", g.unit).name for g in goals}
        return self._spec(r, year, path, "aim.html", aim.name.get(lang),
                          both(Urls.aim, year, number),
                          {"aim": aim, "totals": totals, "goals": goals, "goal_chart": goal_chart, "unit_names": units,
                           "programme_total": whole, "econ_chart": econ,
                           "corrections": self._corrections(r, year, r("corrections of", year, "aim", str(number))),
                           "cite": self._cite(r, year, _named(f"{aim.number}.", aim.name)),
                           "years": yearsview.history_rows(r, "aim", year, str(number),
                                                           lambda y, c: r("aim totals", y, int(c)).total,
                                                           lambda y, c: Urls.aim(lang, y, int(c)))},
                          year_links=self._item(r, "aim", year, str(number), lambda l, y, c: Urls.aim(l, y, int(c))),
                          breadcrumbs=self._crumbs_to_year(r, year) + [(aim.name, Urls.aim(lang, year, number))],
                          description=card(aim.name.get(lang), fmt.money(totals.total)),
                          share=(self._kicker("aim", "number", number), aim.name.get(lang),
                                 totals.total), charts=[goal_chart, econ], stacked=True)

    def _goal_crumbs(self, r: Reader, year: int, goal) -> list:
        aim = next(a for a in r("aims", year) if a.number == goal.aim)
        return self._crumbs_to_year(r, year) + [(aim.name, Urls.aim(self.lang, year, aim.number)),
                                                (goal.text, Urls.goal(self.lang, year, goal.code))]

    def goal(self, r: Reader, year: int, code: str) -> PageSpec:
        lang, fmt = self.lang, self.fmt
        goal = r("goal", year, code)
        aim = next(a for a in r("aims", year) if a.number == goal.aim)
        unit = r("unit name", goal.unit)
        path = Urls.goal(lang, year, code)
        activity_chart = self._bars(
            "goal", code, "activities", year, path,
            self._subject(r, year, f"{goal.document_code} {goal.text.get(lang)}"),
            [Bar(f"{a.document_code} {a.name.get(lang)}", a.cost.total, a.name.translated(lang),
                 path=Urls.activity(lang, year, a.code)) for a in goal.activities], "activity",
            [[year, code, a.code, a.document_code, a.name.tr, a.name.en, a.cost.total] for a in goal.activities]
        ) if len(goal.activities) > 1 else None
        trends = self._trends(r, year, goal, path)
        notes = self._notes(r, year, r("notes of goal", year, code))
        return self._spec(r, year, path, "goal.html", goal.text.get(lang),
                          both(Urls.goal, year, code),
                          {"goal": goal, "aim": aim, "unit": unit, "activity_chart": activity_chart, "trends": trends,
                           "notes": notes,
                           "corrections": self._corrections(r, year, r("corrections of", year, "goal", code)),
                           "cite": self._cite(r, year, _named(goal.document_code, goal.text)),
                           "programme_total": r("programme totals", year).total,
                           "copy_script": r("asset", "copy.js"),
                           "years": yearsview.history_rows(r, "goal", year, code,
                                                           lambda y, c: r("goal totals", y, c).total,
                                                           lambda y, c: Urls.goal(lang, y, c)),
                           "indicator_history": yearsview.indicator_history(r, year, code)},
                          year_links=self._item(r, "goal", year, code, Urls.goal),
                          breadcrumbs=self._goal_crumbs(r, year, goal), code=goal.document_code,
                          description=card(goal.document_code, fmt.money(goal.total), unit.name.get(lang)),
                          share=(self._kicker("goal", "code", goal.document_code),
                                 goal.text.get(lang), goal.total),
                          charts=[c for c in (activity_chart, *trends.values()) if c], stacked=True)

    def activity(self, r: Reader, year: int, goal_code: str, code: str) -> PageSpec:
        lang, fmt = self.lang, self.fmt
        activity = r("activity", year, code)
        goal = r("goal summary", year, goal_code)
        aim = next(a for a in r("aims", year) if a.number == goal.aim)
        unit = r("unit name", activity.unit)
        notes = self._notes(r, year, r("notes of activity", year, code))
        return self._spec(r, year, Urls.activity(lang, year, code), "activity.html", activity.name.get(lang),
                          both(Urls.activity, year, code),
                          {"activity": activity, "goal": goal, "aim": aim, "unit": unit, "notes": notes,
                           "indicators": r("goal indicators", year, goal_code),
                           "corrections": self._corrections(r, year, r("corrections of", year, "activity", code)),
                           "cite": self._cite(r, year, _named(activity.document_code, activity.name)),
                           "unit_total": r("unit totals", year, activity.unit).total,
                           "programme_total": r("programme totals", year).total,
                           "copy_script": r("asset", "copy.js"),
                           "years": yearsview.history_rows(r, "activity", year, code,
                                                           lambda y, c: r("activity cost", y, c).total,
                                                           lambda y, c: Urls.activity(lang, y, c))},
                          year_links=self._item(r, "activity", year, code, Urls.activity),
                          breadcrumbs=self._goal_crumbs(r, year, goal) + [(activity.name, Urls.activity(lang, year, code))],
                          code=activity.document_code,
                          description=card(activity.document_code, activity.name.get(lang),
                                           fmt.money(activity.cost.total), unit.name.get(lang)),
                          share=(self._kicker("activity", "code", activity.document_code),
                                 activity.name.get(lang), activity.cost.total), stacked=True)

    def units(self, r: Reader, year: int) -> PageSpec:
        lang = self.lang
        units = [(r("unit name", slug), r("unit totals", year, slug)) for slug in r("units of programme", year)]
        ranks = _alphabetical([unit.name.get(lang) for unit, _ in units], lang)
        rows = sorted(((unit, totals, rank) for (unit, totals), rank in zip(units, ranks)), key=lambda row: row[2])
        totals = r("programme totals", year)
        return self._spec(r, year, Urls.units(lang, year), "units.html", "units", both(Urls.units, year),
                          {"rows": rows, "totals": totals, "sort_script": r("asset", "sort.js")},
                          year_links=self._same_page(r, year, Urls.units),
                          breadcrumbs=self._crumbs_to_year(r, year) + [("units", Urls.units(lang, year))], stacked=True)

    def activities(self, r: Reader, year: int) -> PageSpec:
        """Every activity of the programme, largest resource need first (ties in the document's
        order), with what the page's script sorts and filters them by."""
        lang = self.lang
        aims = {aim.number: aim for aim in r("aims", year)}
        units: dict[str, Text] = {}
        rows = []
        for code in r("activities of programme", year):
            activity = r("activity", year, code)
            if activity.unit not in units:
                units[activity.unit] = r("unit name", activity.unit).name
            aim = r("goal summary", year, activity.goal_code).aim
            rows.append({"activity": activity, "unit": activity.unit, "unit_name": units[activity.unit],
                         "aim": aim, "total": activity.cost.total,
                         "econ": [(n, activity.cost.budget_lines[n]) for n in ECON_CODES]})
        for key, ranks in (("name_rank", _alphabetical([row["activity"].name.get(lang) for row in rows], lang)),
                           ("unit_rank", _alphabetical([row["unit_name"].get(lang) for row in rows], lang))):
            for row, rank in zip(rows, ranks):
                row[key] = rank
        rows.sort(key=lambda row: row["total"], reverse=True)  # stable: ties keep the document's order
        unit_options = sorted(units.items(), key=lambda item: sort_key(item[1].get(lang), lang))
        return self._spec(r, year, Urls.activities(lang, year), "activities.html", "activities",
                          both(Urls.activities, year),
                          {"rows": rows, "aims": list(aims.values()), "unit_options": unit_options,
                           "econ_options": [(n, ECON_NAMES[n]) for n in ECON_CODES],
                           "total": r("programme totals", year).total, "sort_script": r("asset", "sort.js")},
                          year_links=self._same_page(r, year, Urls.activities),
                          breadcrumbs=self._crumbs_to_year(r, year) + [("activities", Urls.activities(lang, year))],
                          stacked=True)

    def unit(self, r: Reader, year: int, slug: str) -> PageSpec:
        lang, fmt = self.lang, self.fmt
        unit = r("unit", slug)
        totals = r("unit totals", year, slug)
        years = yearsview.history_rows(r, "unit", year, slug, lambda y, c: r("unit totals", y, c).total,
                                       lambda y, c: Urls.unit(lang, y, c))
        goals = []
        for code, codes in r("goals of unit", year, slug):
            own = [r("activity", year, a) for a in codes]
            goals.append((r("goal summary", year, code), own, Totals.of(own)))
        path, subject = Urls.unit(lang, year, slug), self._subject(r, year, unit.name.get(lang))
        econ = self._econ_chart("unit", slug, year, path, subject, totals)
        shown = [row for row in years if row.total is not None]
        year_chart = self._bars(
            "unit", slug, "years", year, path, subject,
            [Bar(str(row.year), row.total, exact=True, path=None if row.current else row.path) for row in shown],
            "unit", [[row.year, slug, unit.name.tr, unit.name.en, row.total] for row in shown],
            in_order=True) if years else None
        return self._spec(r, year, path, "unit.html", unit.name.get(lang),
                          both(Urls.unit, year, slug),
                          {"unit": unit, "totals": totals, "goals": goals, "econ_chart": econ,
                           "duties": self._duties(r, year, slug),
                           "corrections": self._corrections(r, year, r("corrections of", year, "unit", slug)),
                           "cite": self._cite(r, year, unit.name),
                           "programme_total": r("programme totals", year).total,
                           "years": years, "year_chart": year_chart},
                          year_links=self._item(r, "unit", year, slug, Urls.unit),
                          breadcrumbs=self._crumbs_to_year(r, year) + [("units", Urls.units(lang, year)),
                                                                       (unit.name, Urls.unit(lang, year, slug))],
                          description=card(unit.name.get(lang), fmt.money(totals.total)),
                          share=(self._kicker("unit"), unit.name.get(lang), totals.total),
                          charts=[c for c in (econ, year_chart) if c], stacked=True)

    def _duties(self, r: Reader, year: int, slug: str) -> dict:
        """What the programme says the unit does, with where it says it (the general page of
        the section, when the site has it); or, where it says nothing, the general page of the
        organisation if that names the unit."""
        lang, duties = self.lang, r("unit duties", year, slug)
        if duties is None:
            named = r("organisation naming unit", year, slug)
            return {"stated": None, "organisation": named and (named[1], Urls.page(lang, year, named[0]))}
        pages = dict(r("general pages", year))
        source = (pages[duties.page], Urls.page(lang, year, duties.page)) if duties.page in pages else None
        return {"stated": duties, "source": source, "programme": r("programme title", year)}

    def notes(self, r: Reader, year: int) -> PageSpec:
        """Where the document disagrees with itself, as a journalist asks: how many of each kind,
        the largest gaps in amounts, then one entry per gap, amounts first (largest first),
        then counts, then wordings; each entry under an anchor made from what it is."""
        lang = self.lang
        notes = self._notes(r, year, r("note entries", year))
        legacy: set[str] = set()
        for note in notes:  # the group anchors of earlier versions of the page (#goal-1-6) still lead somewhere
            d = note["lead"]
            old = Urls.anchor("goal", d.goal) if d.goal else f"page-{d.page}" if d.page else \
                "section-d" if d.subject == "section D" else "programme"
            note["heading_id"] = old if old not in legacy else f"{note['id']}-h"
            legacy.add(old)
        sections = [{"category": c, "id": Urls.note_section(c), "name": self.gettext(CATEGORY_NAMES[c]),
                     "heading": self.gettext(CATEGORY_HEADINGS[c]), "intro": self.gettext(CATEGORY_INTROS[c]),
                     "notes": [n for n in notes if n["category"] == c]} for c in Category]
        path = Urls.notes(lang, year)
        return self._spec(r, year, path, "notes.html", "notes", both(Urls.notes, year),
                          {"sections": [s for s in sections if s["notes"]], "count": len(notes),
                           "places": sum(n["found"] for n in notes),
                           "largest": [n for n in notes if n["money"]][:LARGEST],
                           "csv": Urls.data(f"{year}/discrepancies.csv"),
                           "copy_script": r("asset", "copy.js"), "filter_script": r("asset", "kinds.js"),
                           "changed_values": r("indicator changes", year) if yearsview.several(r) else ()},
                          year_links=self._same_page(r, year, Urls.notes),
                          breadcrumbs=self._crumbs_to_year(r, year) + [("notes", path)], stacked=True)

    def corrections(self, r: Reader, year: int) -> PageSpec:
        lang = self.lang
        return self._spec(r, year, Urls.corrections(lang, year), "corrections.html", "corrections",
                          both(Urls.corrections, year),
                          {"rows": self._corrections(r, year, r("corrections", year))},
                          year_links=self._same_page(r, year, Urls.corrections),
                          breadcrumbs=self._crumbs_to_year(r, year) + [("corrections", Urls.corrections(lang, year))])

    def general_page(self, r: Reader, year: int, slug: str) -> PageSpec:
        lang = self.lang
        page = r("general page", year, slug)
        return self._spec(r, year, Urls.page(lang, year, slug), "page.html", page.title.get(lang),
                          both(Urls.page, year, slug),
                          {"content_page": page,
                           "corrections": self._corrections(r, year, r("corrections of", year, "page", slug)),
                           "notes": self._notes(r, year, r("notes of page", year, slug))},
                          year_links=yearsview.page_switcher(r, year, slug, lambda y: Urls.program(lang, y),
                                                             lambda y: Urls.page(lang, y, slug)),
                          breadcrumbs=self._crumbs_to_year(r, year) + [(page.title, Urls.page(lang, year, slug))])

    def _site_crumbs(self, r: Reader, key: str, path: str) -> list:
        return [(r("site")[0], Urls.home(self.lang)), (key, path)]

    def downloads(self, r: Reader) -> PageSpec:
        path = Urls.downloads(self.lang)
        return self._spec(r, None, path, "downloads.html", "downloads", both(Urls.downloads),
                          {"years": r("years"), "all_years": yearsview.several(r), "licence": r("licence"),
                           "documents": [(y, d) for y, _title in r("years") if (d := r("source document", y))]},
                          breadcrumbs=self._site_crumbs(r, "downloads", path))

    def search(self, r: Reader) -> PageSpec:
        path = Urls.search(self.lang)
        return self._spec(r, None, path, "search.html", "search", both(Urls.search),
                          {"search_index": r("asset", f"search-{self.lang}.json"),
                           "year_indexes": [(y, r("asset", f"search-{self.lang}-{y}.json") if y != r("latest")
                                             else r("asset", f"search-{self.lang}.json"))
                                            for y, _title in r("years")] if yearsview.several(r) else [],
                           "latest": r("latest"),
                           "search_script": r("asset", "search.js"),
                           "stem_script": r("asset", f"stem-{self.lang}.js")},
                          breadcrumbs=self._site_crumbs(r, "search", path))

    def glossary(self, r: Reader) -> PageSpec:
        path = Urls.glossary(self.lang)
        return self._spec(r, None, path, "glossary.html", "glossary", both(Urls.glossary),
                          {"glossary": r("glossary")}, breadcrumbs=self._site_crumbs(r, "glossary", path))


def language_neutral(inputs: Inputs) -> Iterator[tuple[str, PageSpec]]:
    """The language chooser at / and the bilingual 404: (file name, page) each."""
    for name, template in (("index.html", "root.html"), ("404.html", "404.html")):
        r = Reader(inputs)
        site_name = r("site")[0]
        yield name, PageSpec("" if name == "index.html" else name, template, site_name.tr, both(Urls.home),
                             {"site_name": site_name, "style": r("asset", "style.css")}, reads=r.keys)
