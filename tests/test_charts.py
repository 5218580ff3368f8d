"""The programme's treemap, and every chart's two downloads: a picture that stands on its
own and its figures, equal to the chart's and to the open data."""
from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest

from portal.i18n import Formatter
from portal.model import ECON_CODES
from portal.outputs.charts import INK, MUTED
from portal.outputs.treemap import AIM_COLOURS, ON_COLOUR, Rect, squarify
from portal.urls import Urls
from tests.html_pages import page_file

NS = "{http://www.w3.org/2000/svg}"
OVERVIEWS = {"tr": "tr/2024/", "en": "en/2024/"}


def table(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: UTF-8 with a BOM, as the other CSV files"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def inline_svgs(html: str, cls: str) -> list[ElementTree.Element]:
    return [ElementTree.fromstring(svg) for svg in re.findall(rf'<svg [^>]*class="[^"]*\b{cls}\b.*?</svg>', html, re.S)]


def tiles(svg: ElementTree.Element) -> dict[str, tuple[ElementTree.Element, Rect, str]]:
    """Each goal's link in a treemap, its rectangle and the aim it is drawn under; a goal
    drawn twice fails."""
    found = {}
    for group in svg.iter(f"{NS}g"):
        for a in group.findall(f"{NS}a[@data-goal]"):
            code = a.get("data-goal")
            assert code not in found, f"goal {code} is drawn twice"
            rect = a.find(f"{NS}rect")
            found[code] = (a, Rect(*(float(rect.get(k)) for k in ("x", "y", "width", "height"))), group.get("data-aim"))
    return found


def overlap(a: Rect, b: Rect) -> float:
    return max(0.0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x)) * max(0.0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))


def check_treemap(svg: ElementTree.Element, goals: list[dict], lang: str) -> dict:
    """Every goal of goals.csv with an amount has exactly one rectangle, under its aim, whose
    share of the drawn area is its share of the programme; none overlaps another."""
    drawn = tiles(svg)
    assert sorted(drawn) == sorted(g["goal"] for g in goals if Decimal(g["total"]) > 0)
    whole = sum(Decimal(g["total"]) for g in goals)
    area = sum(rect.w * rect.h for _, rect, _ in drawn.values())
    fmt = Formatter(lang)
    for g in goals:
        a, rect, aim = drawn[g["goal"]]
        share = float(Decimal(g["total"]) / whole)
        assert abs(rect.w * rect.h / area - share) < 2e-5 + share * 1e-3, (g["goal"], rect, share)
        assert aim == g["aim"]
        name = a.find(f"{NS}title").text  # its name, and what a pointer shows
        assert g["document_code"] in name and fmt.money(Decimal(g["total"])) in name
        assert (g["text_en"] or g["text_tr"] if lang == "en" else g["text_tr"]) in name
    rects = [rect for _, rect, _ in drawn.values()]
    assert sum(overlap(a, b) for i, a in enumerate(rects) for b in rects[i + 1:]) < area * 1e-4  # coordinates to 0.01
    return drawn


def test_squarify_fills_the_box_in_proportion_and_keeps_rectangles_near_square():
    values = [Decimal(v) for v in (6, 6, 4, 3, 2, 2, 1)]  # the example of Bruls, Huizing and van Wijk
    rects = squarify(values, Rect(0, 0, 6, 4))
    assert [round(r.w * r.h, 9) for r in rects] == [float(v) for v in values]
    assert max(max(r.w / r.h, r.h / r.w) for r in rects) < 3
    assert all(r.x >= 0 and r.y >= 0 and r.x + r.w <= 6 + 1e-9 and r.y + r.h <= 4 + 1e-9 for r in rects)


def test_every_goal_has_one_rectangle_in_proportion_to_its_resource_need(built_site):
    goals = table(built_site / "data/2024/goals.csv")
    assert len(goals) == 52
    for lang, path in OVERVIEWS.items():
        html = page_file(built_site, path).read_text(encoding="utf-8")
        layouts = {name: inline_svgs(html, f"treemap-{name}") for name in ("wide", "narrow")}
        assert all(len(svgs) == 1 for svgs in layouts.values()), "one SVG for each layout"
        for name, (svg,) in layouts.items():
            drawn = check_treemap(svg, goals, lang)
            for code, (a, _, _) in drawn.items():  # each rectangle links to its goal's page
                assert a.get("href") == Urls().link(Urls.goal(lang, 2024, code))
                assert page_file(built_site, a.get("href")).is_file()
            assert svg.get("aria-labelledby") and svg.find(f"{NS}title").text and svg.find(f"{NS}desc").text
        # beside the map, the exact figures: every goal under its aim
        figures = html.split('id="goals-by-aim"', 1)[1].split("</table>", 1)[0]
        assert re.findall(r'<tr data-goal="([\d.]+)"', figures) == [g["goal"] for g in goals]
        assert Formatter(lang).money(Decimal(goals[0]["total"])) in figures


def test_the_treemap_colours_meet_wcag_aa_contrast():
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(a: str, b: str) -> float:
        hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for colour in AIM_COLOURS:  # white labels on each, and the white lines between rectangles
        assert contrast(colour, ON_COLOUR) >= 4.5, colour
    assert contrast(INK, "#ffffff") >= 4.5 and contrast(MUTED, "#ffffff") >= 4.5


@pytest.mark.parametrize("width,layout", [(320, "narrow"), (390, "narrow"), (1280, "wide")])
def test_the_treemap_fits_a_phone_and_its_labels_fit_their_rectangles(browser, served_site, built_site, width,
                                                                     layout):
    goals = table(built_site / "data/2024/goals.csv")
    whole = sum(Decimal(g["total"]) for g in goals)
    large = sorted(g["goal"] for g in goals if Decimal(g["total"]) >= whole / 50)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in OVERVIEWS.values():
        page.goto(f"{served_site}/{path}")
        result = page.evaluate("""() => {
          const shown = [...document.querySelectorAll('svg.treemap')].filter(s => s.getBoundingClientRect().width > 0);
          const out = {page: document.documentElement.scrollWidth, shown: shown.map(s => s.getAttribute('class')),
                       labelled: [], outside: [], smallest: 99, right: 0};
          for (const svg of shown) {
            out.right = Math.max(out.right, svg.getBoundingClientRect().right);
            for (const a of svg.querySelectorAll('a[data-goal]')) {
              const r = a.querySelector('rect').getBBox();
              for (const t of a.querySelectorAll('text')) {
                const b = t.getBBox();
                if (b.x < r.x || b.y < r.y || b.x + b.width > r.x + r.width || b.y + b.height > r.y + r.height)
                  out.outside.push(a.dataset.goal + ': ' + t.textContent);
                out.smallest = Math.min(out.smallest, t.getBoundingClientRect().height);
              }
              if (a.querySelector('text')) out.labelled.push(a.dataset.goal);
            }
          }
          return out;
        }""")
        assert result["page"] <= width and result["right"] <= width, result
        assert result["shown"] == [f"chart treemap treemap-{layout}"]
        assert not result["outside"], result["outside"][:5]
        assert set(large) <= set(result["labelled"]), (large, result["labelled"])  # 2 % of the programme or more
        assert result["smallest"] >= 12  # a label's line is drawn at least 12 px high
    context.close()


# ------------------------------------------------------------------ downloads
def downloads_of(built_site) -> dict[str, list[tuple[str, str]]]:
    """Each page's charts, and the two files linked under each."""
    found = {}
    for path in sorted(built_site.rglob("*.html")):
        if path.relative_to(built_site).parts[0] == "embed":
            continue
        html = path.read_text(encoding="utf-8")
        charts = html.count('<figure class="chart-figure') + html.count('<svg class="trend"')
        links = re.findall(r'<p class="chart-downloads"><a href="([^"]+\.svg)" download>.*?'
                           r'<a href="([^"]+\.csv)" download>', html, re.S)
        assert len(links) == charts, (path, charts, len(links))
        if links:
            found[path.relative_to(built_site).as_posix()] = links
    return found


def expected_figures(key: str, activities: list[dict], goals: list[dict], indicators: list[dict]) -> dict:
    """What the open data says a chart shows, from its key: code -> figure."""
    kind, rest = key.split("-", 1)
    code, what = rest.rsplit("-", 1) if "-" in rest else ("", rest)
    code = code if kind == "unit" else code.replace("-", ".")
    if what == "trend":
        row = next(i for i in indicators if i["indicator"] == code)
        return {y[len("value_"):]: v for y, v in row.items() if y.startswith("value_")}
    own = [a for a in activities if kind == "programme" or a[kind] == code]
    sums = defaultdict(Decimal)
    if what == "econ":
        for a in own:
            for c in ECON_CODES:
                sums[str(c)] += Decimal(a[f"econ_{c}"])
        return {c: v for c, v in sums.items() if v}
    if what in ("aims", "units"):
        for a in own:
            sums[a[what[:-1]]] += Decimal(a["total"])
        return dict(sums)
    if what == "goals":
        return {g["goal"]: Decimal(g["total"]) for g in goals if kind == "programme" or g["aim"] == code}
    assert what == "activities", key
    return {a["activity"]: Decimal(a["total"]) for a in own}


def chart_counts(program) -> Counter:
    """The charts the pages show: the overview's three bar charts and its treemap, each aim's
    goals and economic codes, each goal's activities (where it has more than one), each
    unit's economic codes, and each indicator's line where its values compare."""
    return Counter(bars=3 + 2 * len(program.aims) + sum(len(g.activities) > 1 for g in program.goals)
                   + len(program.unit_totals), treemap=1,
                   trend=sum(bool(i.trend()) for g in program.goals for i in g.indicators))


def test_every_chart_links_its_picture_and_its_figures(built_site, program):
    pages = downloads_of(built_site)
    links = {link for found in pages.values() for link in found}
    svgs = {svg for svg, _ in links}
    # the overview's four charts (the treemap among them), each aim's two, each goal's activities
    # and indicators, each unit's split by economic code; a picture per language, one CSV for both
    assert [svg for svg, _ in pages["tr/2024/index.html"]] == [
        f"/data/2024/charts/programme-{what}.tr.svg" for what in ("aims", "goals", "units", "econ")]
    assert len(svgs) == 2 * len({csv for _, csv in links}) == 2 * sum(chart_counts(program).values())
    written = {p.relative_to(built_site).as_posix() for p in (built_site / "data/2024/charts").iterdir()}
    assert written == {link.lstrip("/") for pair in links for link in pair}  # no file without its chart


def test_each_picture_stands_alone_and_shows_the_figures_of_its_csv(built_site, program):
    activities, goals, indicators = (table(built_site / f"data/2024/{name}.csv")
                                     for name in ("activities", "goals", "indicators"))
    checked = Counter()
    for svg_link, csv_link in {pair for found in downloads_of(built_site).values() for pair in found}:
        lang = svg_link.rsplit(".", 2)[1]
        fmt = Formatter(lang)
        root = ElementTree.parse(built_site / svg_link.lstrip("/")).getroot()  # well-formed XML
        assert root.tag == f"{NS}svg" and root.get("width") and root.get("viewBox")
        assert root.find(f"{NS}title").text and root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for element in root.iter():  # nothing to fetch: no style sheet, image, script or font
            assert element.tag[len(NS):] not in ("image", "use", "style", "script", "foreignObject", "link"), svg_link
            assert "style" not in element.attrib
            assert element.get("href") is None or (element.tag == f"{NS}a" and
                                                   element.get("href").startswith("https://performans.kartepe.bel.tr/"))
        rows = table(built_site / csv_link.lstrip("/"))
        key = Path(csv_link).stem
        texts = [t.text for t in root.iter(f"{NS}text")]
        if key.endswith("-trend"):
            shown = {r["value_year"]: r["printed"] for r in rows}
            assert shown == expected_figures(key, activities, goals, indicators)
            for r in rows:  # each value written above its point
                assert r["value"] == "" or fmt.number(Decimal(r["value"])) in texts, (key, r)
            checked["trend"] += 1
            continue
        column = "budget" if "budget" in rows[0] else "total"
        code = {"programme-goals": "goal", "programme-aims": "aim", "programme-units": "unit"}.get(key) or (
            "econ" if key.endswith("-econ") else "goal" if key.endswith("-goals") else "activity")
        figures = {r[code]: Decimal(r[column]) for r in rows}
        assert figures == expected_figures(key, activities, goals, indicators), key
        if key == "programme-goals":
            check_treemap(root, goals, lang)  # the picture is the map at its wide layout
            checked["treemap"] += 1
            continue
        values = [Decimal(rect.get("data-value")) for rect in root.iter(f"{NS}rect") if rect.get("data-value")]
        assert values == [Decimal(r[column]) for r in rows], key  # the bars in the CSV's order
        assert all(fmt.money(v) in texts for v in values), key
        checked["bars"] += 1
    assert checked == {kind: 2 * n for kind, n in chart_counts(program).items()}  # both languages
