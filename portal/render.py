"""One Jinja environment per language turns page contexts into HTML; it writes nothing.

Templates stay thin: each page gets its own context (portal/contexts.py)
and the language's formatting helpers as filters, which Jinja compiles to
direct calls.  The globals are the same for every page of a language:
nothing a page shows reaches it through state another page or year can
change.
"""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, meta
from markupsafe import Markup, escape

from portal.contexts import Chart, Chrome, PageSpec
from portal.diskcache import CACHE, digest_of, kept, kept_results
from portal.i18n import Formatter, translations
from portal.labels import CHART_SOURCE, ECON_NAMES, OFF_BUDGET_NAMES, PAGE_TITLES, STALE, UNTRANSLATED
from portal.markdown import SCROLL_HINT, to_html
from portal.model import ECON_CODES, OFF_BUDGET_SOURCES, Text, activity_document_code, goal_document_code
from portal.outputs import treemap
from portal.outputs.charts import TREND_WIDTH, bar_chart, bars_body, picture, trend, trend_body
from portal.outputs.open_data import csv_file
from portal.reflow import stacked
from portal.text import is_printed_number
from portal.urls import Urls, anchor

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_BYTECODE_CACHE = FileSystemBytecodeCache()


def environment(lang: str, urls: Urls | None = None, site_url: str = "") -> Environment:
    """The Jinja environment of one language: its catalog installed, its formatting
    helpers as filters.  A fresh one per build and language, so a module imported
    once and cached never sees another language or an older build; compiled
    templates come from the bytecode cache."""
    urls = urls or Urls()
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      bytecode_cache=_BYTECODE_CACHE, extensions=["jinja2.ext.i18n"],
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    catalog = translations(lang)
    env.install_gettext_translations(catalog, newstyle=True)
    env.globals.update(_cached_gettext(catalog))
    fmt = Formatter(lang)
    site_url = site_url.rstrip("/")
    tables = kept_results("tables", lang)
    env.filters.update(
        money=fmt.money, money_compact=fmt.money_compact, percent=fmt.percent, signed_money=fmt.signed_money,
        change_percent=fmt.change_percent, number=fmt.number,
        printed=fmt.printed_value, t=bilingual(lang), link=urls.link,
        absolute=lambda path: f"{site_url}{urls.link(path)}", anchor=lambda code, kind: anchor(kind, code),
        activity_code=activity_document_code, goal_code=goal_document_code, markdown=prose,
        bar_chart=lambda chart, key: bar_chart(
            key, [(b.label, b.value, fmt.money(b.value) if b.exact else fmt.money_compact(b.value), b.translated,
                   urls.link(b.path) if b.path else None) for b in chart.items], chart.title, chart.description),
        trend_chart=lambda chart, key: trend(key, chart.items, chart.better, chart.title, chart.description),
        treemap=lambda chart, key: Markup(treemap.treemap(key, chart.items, _treemap_formats(fmt, chart, urls.link),
                                                          chart.title, chart.description)),
        stacked=lambda source: stacked(source, tables),
    )
    env.filters.update(as_printed=as_printed(lang, fmt), day=lambda day: format_date(day, "long", locale=lang))
    glossary = escape(urls.link(Urls.glossary(lang)))  # a link in every table's header: escaped once
    env.filters["glossary_link"] = lambda label, term: Markup(f'<a href="{glossary}#{escape(term)}">{escape(label)}</a>')
    env.tests["printed_number"] = is_printed_number
    env.globals.update(lang=lang, urls=Urls, number_group=fmt.group_symbol, ECON_CODES=ECON_CODES,
                       OFF_BUDGET_SOURCES=OFF_BUDGET_SOURCES,
                       ECON_NAMES=ECON_NAMES, OFF_BUDGET_NAMES=OFF_BUDGET_NAMES,
                       page_labels={key: catalog.gettext(message) for key, message in PAGE_TITLES.items()})
    return env


def _treemap_formats(fmt: Formatter, chart: Chart, link) -> treemap.Formats:
    whole = sum((group.value for group in chart.items), Decimal(0))
    return treemap.Formats(fmt.money, fmt.money_compact, lambda value: fmt.percent(value, whole), link)


def chart_picture(chart: Chart, fmt: Formatter, absolute, source: str) -> bytes:
    """A chart as an SVG file of its own, in the language of its page: every figure exact,
    its links to the site's pages absolute (the file is read away from the site)."""
    if chart.kind == "treemap":
        parts, height = treemap.wide(chart.items, _treemap_formats(fmt, chart, absolute))
        return picture(chart.lang, chart.title, chart.subject, source, "".join(parts), height, treemap.WIDE[0])
    if chart.kind == "trend":
        shown = [fmt.number(v) for _, v in chart.items if v is not None]
        arrow = "↑" if chart.better == "up" else "↓"
        body, height = trend_body(chart.items, shown, f"{arrow} {chart.description}")
        return picture(chart.lang, chart.title, chart.subject, source, body, height, TREND_WIDTH)
    body, height = bars_body([(b.label, b.value, fmt.money(b.value), absolute(b.path) if b.path else None)
                              for b in chart.items])
    return picture(chart.lang, chart.title, chart.subject, source, body, height)


def prose(text: str, scroll_hint: str = "") -> Markup:
    """The `markdown` filter: a prose field as HTML; a table wider than a phone says, in the
    page's language, that it scrolls sideways."""
    html = to_html(text)
    if SCROLL_HINT in html:
        html = html.replace(SCROLL_HINT, str(Markup('<p class="scroll-hint">{}</p>').format(scroll_hint))
                            if scroll_hint else "")
    return Markup(html)


def as_printed(lang: str, fmt: Formatter):
    """The `as_printed` filter, for a corrected value and the official one: an amount as
    money; a text in the page's language where it has one, else in Turkish, marked as
    such (the document's wording is Turkish); nothing as a dash."""
    def shown(value) -> Markup:
        if value is None:
            return Markup("–")
        if isinstance(value, Text):
            if value.translated(lang):
                return escape(value.get(lang))
            return Markup('<span lang="tr">{}</span>').format(value.tr)
        return escape(fmt.money(value))
    return shown


def bilingual(lang: str):
    """The `t` filter: the field in the page's language; on English pages an untranslated
    field shows the Turkish, marked with lang="tr" and a visible note, and an English text
    written for an earlier Turkish one says it may be out of date."""
    note = translations(lang).gettext(UNTRANSLATED)
    stale = translations(lang).gettext(STALE)

    def t(text: Text, limit: int = 0) -> Markup:
        shown = text.get(lang)
        if limit and len(shown) > limit:  # breadcrumbs keep long goal texts short
            shown = shown[:limit - 1].rstrip() + "…"
        if text.translated(lang):
            if lang != "tr" and text.stale:
                return Markup('{} <small class="untranslated">({})</small>').format(shown, stale)
            return escape(shown)
        return Markup('<span lang="tr">{}</span> <small class="untranslated">({})</small>').format(shown, note)
    return t


def _cached_gettext(catalog) -> dict:
    """Jinja's new-style gettext (autoescaped, %-formatted with escaped values), with each
    message looked up once: templates ask for the same few hundred strings on every page."""
    singular: dict[str, Markup] = {}
    finished: dict[str, Markup] = {}  # messages without variables, %% already made %
    plural: dict[tuple[str, str, int], Markup] = {}

    def gettext(message: str, **variables) -> Markup:
        if not variables:
            rv = finished.get(message)
            if rv is None:
                rv = finished[message] = Markup(catalog.gettext(message)) % {}
            return rv
        rv = singular.get(message)
        if rv is None:
            rv = singular[message] = Markup(catalog.gettext(message))
        return rv % variables

    def ngettext(__one: str, __many: str, __count: int, **variables) -> Markup:
        key = (__one, __many, __count)
        rv = plural.get(key)
        if rv is None:
            rv = plural[key] = Markup(catalog.ngettext(__one, __many, __count))
        variables.setdefault("num", __count)
        return rv % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def template_digests() -> dict[str, str]:
    """Each template's name and the hash of its source: what a page read of its templates."""
    return {path.relative_to(TEMPLATES).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            for path in sorted(TEMPLATES.rglob("*.html"))}


class Renderer:
    """Renders the pages of one language; the header, navigation and footer of each
    programme year are rendered once and shared by its pages."""

    def __init__(self, lang: str, urls: Urls, site_url: str = ""):
        self.lang = lang
        self.env = environment(lang, urls, site_url)
        self.fmt = Formatter(lang)
        self.absolute = self.env.filters["absolute"]
        self.source = translations(lang).gettext(CHART_SOURCE)
        self._where = (urls.base, site_url)  # what the pictures' absolute links depend on
        self._drawn = kept_results("charts", lang)
        self._chrome: dict[Chrome, object] = {}
        self._uses: dict[str, set[tuple]] = {}

    def record(self, spec: PageSpec) -> None:
        """Add to what the page read the templates it is made with (the header and footer,
        rendered apart, among them) and this language's catalog."""
        template = spec.template
        if template not in self._uses:
            self._uses[template] = {("template", name) for name in _templates_used(self.env, template)} | {
                ("template", "chrome.html"), ("catalog", self.lang)}
        spec.reads |= self._uses[template]

    def chart_files(self, spec: PageSpec, figures: bool = True) -> list[tuple[str, bytes]]:
        """Each chart of the page as a picture in its language, and (`figures`: from one
        language only, the file is the same for both) its figures as CSV."""
        files, site = [], spec.context["site_name"].get(self.lang)
        for chart in spec.charts:
            source = self.source % {"site": site, "url": self.absolute(chart.page)}
            # kept by everything drawn on it: a save, or a new build, draws only the charts it changed
            drawn = self._drawn.get((chart, source, self._where),
                                    lambda: chart_picture(chart, self.fmt, self.absolute, source), digest_of)
            files.append((chart.svg, drawn))
            if figures:
                files.append((chart.csv, csv_file(list(chart.columns), chart.rows)))
        return files

    def render(self, spec: PageSpec) -> str:
        context = spec.context
        if "chrome" in context:
            chrome = context["chrome"]
            if chrome not in self._chrome:
                self._chrome[chrome] = self.env.get_template("chrome.html").make_module({"chrome": chrome})
            context = context | {"chrome": self._chrome[chrome]}
        return self.env.get_template(spec.template).render(context)


@lru_cache(maxsize=4)  # each language's, and the one before a template or the catalog changed
def kept_renderer(lang: str, base_url: str, site_url: str, templates: tuple[tuple[str, str], ...],
                  catalog: str) -> Renderer:
    """The renderer of one language, kept while what it is made from is unchanged: the
    templates' sources (`templates`, each one's name and digest), the catalog's digest and
    the site's address.  A preview save renders a few pages, and a fresh environment spent
    more time loading the templates than rendering them."""
    return Renderer(lang, Urls(base_url), site_url)


def _templates_used(env: Environment, name: str) -> tuple[str, ...]:
    seen: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.append(current)
        source = env.loader.get_source(env, current)[0]
        pending.extend(_referenced(source))
    return tuple(seen)


@lru_cache(maxsize=256)
def _referenced(source: str) -> tuple[str, ...]:
    """The templates one template's source extends, imports or includes.  Parsing a template
    costs more than rendering ten pages, so the answer is kept under .cache/ by the source's hash."""
    path = CACHE / "templates" / f"{hashlib.sha256(source.encode('utf-8')).hexdigest()[:20]}.json"
    return kept(path, lambda: json.dumps([n for n in meta.find_referenced_templates(_PARSER.parse(source))
                                          if n]).encode("utf-8"),
                lambda data: tuple(json.loads(data)))


_PARSER = Environment(extensions=["jinja2.ext.i18n"])  # reads templates for what they import
