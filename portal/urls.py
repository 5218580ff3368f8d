"""The public URL contract, in one place.  Links in newspapers depend on it:
change nothing here without keeping the old address working."""
from __future__ import annotations

from portal.text import slugify

SEGMENTS = {
    "tr": {"aim": "amaclar", "goal": "hedefler", "activity": "faaliyetler", "unit": "birimler",
           "notes": "veri-notlari", "search": "ara", "data": "veri", "page": "genel", "glossary": "sozluk",
           "corrections": "duzeltmeler"},
    "en": {"aim": "aims", "goal": "goals", "activity": "activities", "unit": "units",
           "notes": "data-notes", "search": "search", "data": "data", "page": "general", "glossary": "glossary",
           "corrections": "corrections"},
}


EMBED = "embed"  # the one folder whose pages other sites may show in a frame
DUTIES_ANCHOR = "duties"  # the part of a unit's page on what the programme says the unit does


def code_slug(code: str) -> str:
    """'1.5.2' -> '1-5-2': codes in paths use dashes."""
    return code.replace(".", "-")


def anchor(kind: str, code: str) -> str:
    """The id of an item on a page, for links into it: ('activity', '1.5.2') -> 'activity-1-5-2'."""
    return f"{kind}-{code_slug(code)}"


def chart_key(kind: str, code: str | int | None, what: str) -> str:
    """The name a chart's downloads share, from the item it belongs to and what it shows:
    ('goal', '1.5', 'activities') -> 'goal-1-5-activities'; the programme's own charts have
    no code: ('programme', None, 'aims') -> 'programme-aims'."""
    return f"{kind}-{what}" if code is None else f"{kind}-{code_slug(str(code))}-{what}"


def correction_anchor(kind: str, code: str, field: str) -> str:
    """The id of one correction on the corrections page: 'correction-activity-1-5-2-budget-6'."""
    return anchor("correction", f"{kind}.{code}.{field}".replace("_", "-"))


def note_anchor(key: tuple[str, ...]) -> str:
    """The id of one entry of the data-notes page, made from what the gap is (portal/reconcile.py,
    place_key), never from where it is listed: ('goal', '1.6', 'row', '2') -> 'goal-1-6-row-2',
    the text's '43 kadrolu işçi' -> 'page-human-resources-text-43-kadrolu-isci'."""
    return slugify(" ".join(key))


def note_section(category: str) -> str:
    """The id of the data-notes page's section of one kind ('kind-money'); its ?kind= is the kind."""
    return f"kind-{category}"


class Urls:
    """Site-relative paths (for writing files) and links (with the base URL)."""

    def __init__(self, base_url: str = "/"):
        self.base = base_url if base_url.endswith("/") else base_url + "/"

    # paths: relative to the output folder, always ending in / for pages
    @staticmethod
    def home(lang: str) -> str:
        return f"{lang}/"

    @staticmethod
    def program(lang: str, year: int) -> str:
        return f"{lang}/{year}/"

    @staticmethod
    def aim(lang: str, year: int, number: int) -> str:
        return f"{lang}/{year}/{SEGMENTS[lang]['aim']}/{number}/"

    @staticmethod
    def goal(lang: str, year: int, code: str) -> str:
        return f"{lang}/{year}/{SEGMENTS[lang]['goal']}/{code_slug(code)}/"

    @staticmethod
    def activity(lang: str, year: int, code: str) -> str:
        return f"{lang}/{year}/{SEGMENTS[lang]['activity']}/{code_slug(code)}/"

    @staticmethod
    def activities(lang: str, year: int) -> str:
        """The index of all activities, in the folder their pages live in."""
        return f"{lang}/{year}/{SEGMENTS[lang]['activity']}/"

    @staticmethod
    def units(lang: str, year: int) -> str:
        return f"{lang}/{year}/{SEGMENTS[lang]['unit']}/"

    @staticmethod
    def unit(lang: str, year: int, slug: str) -> str:
        return f"{lang}/{year}/{SEGMENTS[lang]['unit']}/{slug}/"

    @staticmethod
    def notes(lang: str, year: int) -> str:
        return f"{lang}/{year}/{SEGMENTS[lang]['notes']}/"

    @staticmethod
    def corrections(lang: str, year: int) -> str:
        return f"{lang}/{year}/{SEGMENTS[lang]['corrections']}/"

    @staticmethod
    def page(lang: str, year: int, slug: str) -> str:
        return f"{lang}/{year}/{SEGMENTS[lang]['page']}/{slug}/"

    @staticmethod
    def embed(path: str) -> str:
        """The page made for other sites' iframes: 'tr/2024/faaliyetler/1-5-2/' -> 'embed/tr/2024/...'.
        Only paths under embed/ may be framed (netlify.toml)."""
        return f"{EMBED}/{path}"

    @staticmethod
    def glossary(lang: str) -> str:
        return f"{lang}/{SEGMENTS[lang]['glossary']}/"

    @staticmethod
    def search(lang: str) -> str:
        return f"{lang}/{SEGMENTS[lang]['search']}/"

    @staticmethod
    def downloads(lang: str) -> str:
        return f"{lang}/{SEGMENTS[lang]['data']}/"

    @staticmethod
    def data(name: str) -> str:
        return f"data/{name}"

    @staticmethod
    def data_slice(year: int, kind: str, key: str) -> str:
        """The CSV rows of one goal, activity or unit: data/2024/goals/1-5.csv."""
        folder = {"goal": "goals", "activity": "activities", "unit": "units"}[kind]
        return f"data/{year}/{folder}/{code_slug(key)}.csv"

    @staticmethod
    def chart_svg(lang: str, year: int, key: str) -> str:
        """A chart as a picture, in the language of its page: data/2024/charts/programme-goals.tr.svg."""
        return f"data/{year}/charts/{key}.{lang}.svg"

    @staticmethod
    def chart_csv(year: int, key: str) -> str:
        """A chart's figures, the same file for both languages: data/2024/charts/programme-goals.csv."""
        return f"data/{year}/charts/{key}.csv"

    @staticmethod
    def root() -> str:
        """The language chooser at /."""
        return ""

    @staticmethod
    def icon() -> str:
        """The site's icon, at the root where browsers look for it when a page names none."""
        return "favicon.ico"

    @staticmethod
    def svg_icon() -> str:
        return "favicon.svg"

    anchor = staticmethod(anchor)
    correction_anchor = staticmethod(correction_anchor)
    note_section = staticmethod(note_section)
    duties_anchor = DUTIES_ANCHOR

    def link(self, path: str) -> str:
        """The href for a site-relative path, under the base URL."""
        return self.base + path

    @staticmethod
    def file_for(path: str) -> str:
        """Where a page path is written: 'tr/2024/' -> 'tr/2024/index.html'."""
        return path + "index.html" if path.endswith("/") or path == "" else path
