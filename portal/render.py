"""One Jinja environment turns the model into (path, html) pairs; it writes nothing.

Templates stay thin: they receive model objects, a formatter for the
page's language and the URL helper, and only lay things out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import FunctionType, MethodType
from typing import Iterator

from markupsafe import Markup, escape
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.runtime import Context

from portal.i18n import Formatter, sort_key, translations
from portal.labels import DISCREPANCY_KINDS, ECON_NAMES, FIELD_NAMES, OFF_BUDGET_NAMES, UNTRANSLATED
from portal.markdown import to_html
from portal.outputs.charts import bar_chart, trend
from portal.model import ECON_CODES, OFF_BUDGET_SOURCES, Site, Text, Totals
from portal.reconcile import Discrepancy, by_place
from portal.urls import Urls

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LANGS = ("tr", "en")


@dataclass
class PageSpec:
    """A page to render: where it goes, with what, and its twin in each language."""

    path: str
    template: str
    title: str
    alternates: dict[str, str]
    context: dict = field(default_factory=dict)
    description: str = ""
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)


def environment(lang: str, **values) -> Environment:
    """The Jinja environment of one language: its catalog installed and the build's
    values as globals.  A fresh one per build and language, so the macros module,
    imported once and cached, never sees another language or an older build;
    compiled templates come from the bytecode cache."""
    env = _Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       bytecode_cache=_BYTECODE_CACHE, extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
                       trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.globals.update(_cached_gettext(translations(lang)))
    env.globals.update(ECON_CODES=ECON_CODES, OFF_BUDGET_SOURCES=OFF_BUDGET_SOURCES, totals_of=Totals.of,
                       bar_chart=bar_chart, trend_chart=trend, ECON_NAMES=ECON_NAMES,
                       OFF_BUDGET_NAMES=OFF_BUDGET_NAMES, FIELD_NAMES=FIELD_NAMES,
                       DISCREPANCY_KINDS=DISCREPANCY_KINDS, lang=lang, **values)
    return env


_BYTECODE_CACHE = FileSystemBytecodeCache()


class _Context(Context):
    """Jinja sends every call in a template through Context.call, which asks the callable,
    on every call, whether it wants the context passed in.  A function's answer never
    changes, so it is asked once per build; a page makes over a hundred calls, and this
    was a sixth of its rendering time."""

    def call(__self, __obj, *args, **kwargs):
        kind = type(__obj)
        func = __obj.__func__ if kind is MethodType else __obj if kind is FunctionType else None
        if func is None:  # macros, classes, builtins, things that are not callable: Jinja's way
            return super().call(__obj, *args, **kwargs)
        plain = __self.environment.plain_functions
        if func not in plain:
            if hasattr(func, "jinja_pass_arg"):
                return super().call(__obj, *args, **kwargs)
            plain.add(func)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja does: an undefined value, not a broken generator
            return __self.environment.undefined("value was undefined because a callable raised a "
                                                "StopIteration exception")


class _Environment(Environment):
    """Jinja tuned for rendering many pages from one set of globals."""

    context_class = _Context

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # functions known to want no context passed in; gone with the build's environment
        self.plain_functions: set[FunctionType] = set()

    def make_globals(self, d):
        """A template's globals as a plain dict, not Jinja's ChainMap over the environment's:
        every page copies them, and copying a ChainMap took a tenth of a page's rendering.
        All globals are set before the first template is loaded."""
        return {**self.globals, **(d or {})}


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


class Renderer:
    def __init__(self, site: Site, urls: Urls, assets: dict[str, str],
                 notes: dict[int, tuple[Discrepancy, ...]], site_url: str = ""):
        self.site, self.urls, self.assets, self.notes = site, urls, assets, notes
        self.site_url = site_url.rstrip("/")
        self.envs: dict[str, Environment] = {}  # made on first use: a worker renders one language
        self.listed: list[tuple[str, dict[str, str]]] = []  # every language page and its twins, for the sitemap

    # --------------------------------------------------------------- helpers
    def absolute(self, path: str) -> str:
        return f"{self.site_url}{self.urls.link(path)}"


    def notes_for(self, year: int, goal: str | None = None, activity: str | None = None):
        items = self.notes.get(year, ())
        if activity:
            return [d for d in items if d.activity == activity]
        if goal:
            return [d for d in items if d.goal == goal]
        return list(items)

    # ------------------------------------------------------------------ run
    def render(self, select=None, langs=LANGS, neutral=True) -> Iterator[tuple[str, str]]:
        """(file, html) for every page, or for those `select` accepts (the others are listed only)."""
        for lang in langs:
            for spec in self.specs(lang):
                self.listed.append((spec.path, spec.alternates))
                if select is None or select(spec):
                    yield self.urls.file_for(spec.path), self._render(spec, lang)
        if neutral:
            for name, spec in self.language_neutral():
                if select is None or select(spec):
                    yield name, self._render(spec, "tr")

    @staticmethod
    def bilingual(lang: str):
        """t(text): the field in the page's language; on English pages an untranslated
        field shows the Turkish, marked with lang="tr" and a visible note."""
        note = translations(lang).gettext(UNTRANSLATED)

        def t(text: Text, limit: int = 0) -> Markup:
            shown = text.get(lang)
            if limit and len(shown) > limit:  # breadcrumbs keep long goal texts short
                shown = shown[:limit - 1].rstrip() + "…"
            if text.translated(lang):
                return escape(shown)
            return Markup('<span lang="tr">{}</span> <small class="untranslated">({})</small>').format(shown, note)
        return t

    def _render(self, spec: PageSpec, lang: str) -> str:
        return self.env(lang).get_template(spec.template).render({"page": spec} | spec.context)

    def env(self, lang: str) -> Environment:
        if lang not in self.envs:
            chrome_by_year: dict[int, object] = {}
            self.envs[lang] = env = environment(
                lang, fmt=Formatter(lang), t=self.bilingual(lang), urls=self.urls, site=self.site,
                assets=self.assets, link=self.urls.link, absolute=self.absolute, program=self.site.latest,
                notes_for=self.notes_for, chrome_by_year=chrome_by_year)
            # what every page of a language and programme shows alike, rendered once each
            for year, program in self.site.programs.items():
                chrome_by_year[year] = env.get_template("chrome.html").make_module({"program": program})
        return self.envs[lang]

    def language_neutral(self) -> Iterator[tuple[str, PageSpec]]:
        """The language chooser at / and the bilingual 404."""
        for name, template in (("index.html", "root.html"), ("404.html", "404.html")):
            yield name, PageSpec("" if name == "index.html" else name, template, self.site.name.tr,
                                 {lang: self.urls.home(lang) for lang in LANGS})

    # ---------------------------------------------------------------- pages
    def specs(self, lang: str) -> Iterator[PageSpec]:
        """Every page of one language, each with its twin in the other."""
        u = self.urls
        both = lambda fn, *a: {x: fn(x, *a) for x in LANGS}  # noqa: E731
        site = self.site
        money = Formatter(lang).money
        card = lambda *parts: " · ".join(parts)  # noqa: E731  the text of a shared link's card
        yield PageSpec(u.home(lang), "home.html", site.name.get(lang), both(u.home),
                       description=site.name.get(lang))
        for program in site.programs.values():
            year = program.year
            home = [(site.name, u.home(lang))]
            overview = home + [(program.title, u.program(lang, year))]
            yield PageSpec(u.program(lang, year), "program.html", program.title.get(lang),
                           both(u.program, year), {"program": program}, breadcrumbs=overview,
                           description=card(program.title.get(lang), money(program.total)))
            for aim in program.aims:
                yield PageSpec(u.aim(lang, year, aim.number), "aim.html", aim.name.get(lang),
                               both(u.aim, year, aim.number), {"program": program, "aim": aim},
                               breadcrumbs=overview + [(aim.name, u.aim(lang, year, aim.number))],
                               description=card(aim.name.get(lang),
                                                money(program.aim_totals[aim.number].total)))
            for goal in program.goals:
                aim = program.aim(goal.aim)
                crumbs = overview + [(aim.name, u.aim(lang, year, aim.number)),
                                     (goal.text, u.goal(lang, year, goal.code))]
                yield PageSpec(u.goal(lang, year, goal.code), "goal.html", goal.text.get(lang),
                               both(u.goal, year, goal.code), {"program": program, "goal": goal, "aim": aim},
                               breadcrumbs=crumbs,
                               description=card(f"PH.{goal.code}", money(goal.total),
                                                site.units[goal.unit].name.get(lang)))
                for activity in goal.activities:
                    yield PageSpec(
                        u.activity(lang, year, activity.code), "activity.html", activity.name.get(lang),
                        both(u.activity, year, activity.code),
                        {"program": program, "goal": goal, "aim": aim, "activity": activity},
                        breadcrumbs=crumbs + [(activity.name, u.activity(lang, year, activity.code))],
                        description=card(activity.document_code, activity.name.get(lang),
                                         money(activity.cost.total), site.units[activity.unit].name.get(lang)))
            units_crumbs = overview + [("units", u.units(lang, year))]
            by_name = sorted(program.unit_totals.items(),
                             key=lambda item: sort_key(site.units[item[0]].name.get(lang), lang))
            yield PageSpec(u.units(lang, year), "units.html", "units", both(u.units, year),
                           {"program": program, "sorted_units": by_name}, breadcrumbs=units_crumbs)
            for slug in program.unit_totals:
                unit = site.units[slug]
                yield PageSpec(u.unit(lang, year, slug), "unit.html", unit.name.get(lang),
                               both(u.unit, year, slug), {"program": program, "unit": unit},
                               breadcrumbs=units_crumbs + [(unit.name, u.unit(lang, year, slug))],
                               description=card(unit.name.get(lang), money(program.unit_totals[slug].total)))
            yield PageSpec(u.notes(lang, year), "notes.html", "notes", both(u.notes, year),
                           {"program": program, "groups": by_place(program, self.notes.get(year, ()))},
                           breadcrumbs=overview + [("notes", u.notes(lang, year))])
            for slug, page in program.pages.items():
                yield PageSpec(u.page(lang, year, slug), "page.html", page.title.get(lang),
                               both(u.page, year, slug),
                               {"program": program, "content_page": page, "body": to_html(page.body.get(lang))},
                               breadcrumbs=overview + [(page.title, u.page(lang, year, slug))])
        yield PageSpec(u.downloads(lang), "downloads.html", "downloads", both(u.downloads),
                       breadcrumbs=[(site.name, u.home(lang)), ("downloads", u.downloads(lang))])
        yield PageSpec(u.search(lang), "search.html", "search", both(u.search),
                       {"search_index": self.assets.get(f"search-{lang}.json", "")},
                       breadcrumbs=[(site.name, u.home(lang)), ("search", u.search(lang))])
        yield PageSpec(u.glossary(lang), "glossary.html", "glossary", both(u.glossary),
                       {"glossary": site.glossary},
                       breadcrumbs=[(site.name, u.home(lang)), ("glossary", u.glossary(lang))])
