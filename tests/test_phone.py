"""Phone-first reading, in Chromium at 320 px (WCAG 1.4.10 reflow) and 390 px: no page
scrolls sideways, and every table of figures fits the space it is shown in.  Only a general
page's wide source tables may scroll, inside a marked region reachable by keyboard."""
from __future__ import annotations

import re
import time

import pytest

from portal.headers import headers_for
from tests.local_web import static_server

# everything measured in one pass of the page: the page's own width, then each table,
# each cell and each chart against the space it is shown in
MEASURE = """() => {
  for (const d of document.querySelectorAll('details')) d.open = true;  // the data notes, every group open
  const width = window.innerWidth, doc = document.documentElement;
  const out = {page: doc.scrollWidth, width, tables: [], charts: []};
  for (const table of document.querySelectorAll('main table')) {
    const region = table.closest('.table-scroll');
    const space = (region || table.parentElement).getBoundingClientRect();
    const box = table.getBoundingClientRect();
    let over = box.width > space.width + 1 || box.right > width + 1;
    let cell = null;
    const hidden = table.tHead && getComputedStyle(table.tHead).position === 'absolute';  // read, not shown
    for (const c of table.querySelectorAll('th, td, caption')) {
      if (hidden && table.tHead.contains(c)) continue;
      if (c.scrollWidth > c.clientWidth + 1) { over = true; cell = c.textContent.trim().slice(0, 60); break; }
    }
    if (!over) continue;
    const caption = table.caption ? table.caption.textContent.trim().slice(0, 80) : '(no caption)';
    const marked = !!region && region.getAttribute('role') === 'region' && region.tabIndex === 0
      && !!(region.getAttribute('aria-label') || region.getAttribute('aria-labelledby'))
      && !region.contains(table.caption);
    out.tables.push({caption, marked, cell, width: Math.round(box.width), space: Math.round(space.width)});
  }
  for (const svg of document.querySelectorAll('main svg.chart')) {
    const box = svg.getBoundingClientRect();
    if (box.right > width + 1) out.charts.push(svg.getAttribute('aria-labelledby'));
  }
  return out;
}"""


def _addresses(site) -> list[str]:
    """Every page's address, and every fifth embed's (an embed shows its page's tables)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages.append(relative[:-len("index.html")] if relative.endswith("index.html") else relative)
    return [p for p in pages if not p.startswith("embed/")] + [p for p in pages if p.startswith("embed/")][::5]


def _general(address: str) -> bool:
    return "/genel/" in address or "/general/" in address


@pytest.fixture(scope="module")
def served(built_site):
    with static_server(built_site, headers_for=headers_for) as url:
        yield url


@pytest.mark.parametrize("width,height,sample", [(320, 700, 1), (390, 844, 3)])  # 390: every third page
def test_no_page_or_table_is_wider_than_a_phone(browser, built_site, served, width, height, sample):
    addresses = _addresses(built_site)[::sample]
    assert len(addresses) > 500 // sample
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    started = time.perf_counter()
    wide_pages, wide_tables, wide_charts = [], [], []
    for address in addresses:
        page.goto(f"{served}/{address}", wait_until="load")
        result = page.evaluate(MEASURE)
        if result["page"] > result["width"]:
            wide_pages.append((address, result["page"]))
        for table in result["tables"]:
            if not (table["marked"] and _general(address)):
                wide_tables.append((address, table))
        if result["charts"]:
            wide_charts.append((address, result["charts"]))
    elapsed = time.perf_counter() - started
    context.close()
    print(f"\n{len(addresses)} pages at {width} px in {elapsed:.1f} s")
    assert not wide_pages, (len(wide_pages), wide_pages[:10])
    assert not wide_tables, (len(wide_tables), wide_tables[:10])
    assert not wide_charts, wide_charts[:5]


# each word of a column's name, and each figure, drawn on one line (a break at a hyphen or a space is a break
# between words): "Unit of measure" was drawn "meas / ure" at 1280 px, and a figure must never split
BROKEN = """() => {
  const out = [];
  for (const cell of document.querySelectorAll('main table thead th, main table td.num')) {
    const head = cell.closest('thead');
    if (head && getComputedStyle(head).position === 'absolute') continue;  // read, not shown
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\-–]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}"""


TABLET, LAPTOP = 768, 1280  # a tablet's column, where tables are first tables; a laptop's


def test_tables_fit_a_tablet_and_a_laptop_with_words_and_figures_whole(browser, built_site, served):
    """From 48rem a table of figures is a table: it fits its column, or (Section D, the source
    tables) scrolls in a marked region; no figure and no word of a column's name is split.
    Every third page is measured at both widths: opened at one, then turned to the other (the
    page's scripts follow a resize), every other page the other way round."""
    context = browser.new_context(viewport={"width": TABLET, "height": 900})
    page = context.new_page()
    wide, broken = [], []
    for n, address in enumerate(_addresses(built_site)[::3]):
        for turned, width in enumerate((TABLET, LAPTOP) if n % 2 == 0 else (LAPTOP, TABLET)):
            page.set_viewport_size({"width": width, "height": 900})
            if turned:
                page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            else:
                page.goto(f"{served}/{address}", wait_until="load")
            result = page.evaluate(MEASURE)
            if result["page"] > result["width"]:
                wide.append((width, address, result["page"]))
            wide.extend((width, address, table) for table in result["tables"] if not table["marked"])
            broken.extend((width, address, word) for word in page.evaluate(BROKEN))
    context.close()
    assert not wide, (len(wide), wide[:10])
    assert not broken, (len(broken), broken[:10])


def test_a_wide_source_table_scrolls_in_a_marked_region_with_its_caption_outside(browser, served):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(f"{served}/tr/2024/genel/human-resources/")
    regions = page.eval_on_selector_all(".prose .table-scroll", """rs => rs.map(r => ({
        role: r.getAttribute('role'), tab: r.tabIndex,
        label: r.getAttribute('aria-labelledby') && r.getAttribute('aria-labelledby').split(' ')
          .map(id => document.getElementById(id).textContent).join(' '),
        wide: r.scrollWidth > r.clientWidth, caption: !!r.querySelector('caption')}))""")
    context.close()
    assert regions and all(r["role"] == "region" and r["tab"] == 0 and r["label"] for r in regions)
    assert any(r["wide"] for r in regions)  # Tablo 5 and 6 still need the scroller on a phone
    assert not any(r["caption"] for r in regions)


ROLES = """t => [t.getAttribute('role'), t.querySelector('tbody').getAttribute('role'),
    t.querySelector('tr').getAttribute('role'), t.querySelector('thead th').getAttribute('role'),
    t.querySelector('tbody th').getAttribute('role')]"""


@pytest.mark.parametrize("path", ["tr/2024/hedefler/4-1/", "tr/2024/faaliyetler/4-1-2/"])  # a goal's, an activity's
def test_stacked_rows_keep_the_table_for_screen_readers(browser, served, path):
    """At 320 px each row is a block that names its figures; the roles its script gives it
    keep it a table, and are taken off where it is shown as a table again."""
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(f"{served}/{path}")
    cells = page.eval_on_selector_all(".indicator-table tbody td", """cs => cs.map(c => ({
        role: c.getAttribute('role'), label: c.dataset.label,
        before: getComputedStyle(c, '::before').content}))""")
    roles = page.eval_on_selector(".indicator-table", ROLES)
    page.set_viewport_size({"width": 1280, "height": 700})
    # a function, not an expression: the page's policy forbids the eval an expression would need
    page.wait_for_function("() => !document.querySelector('.indicator-table').hasAttribute('role')")
    wide = page.eval_on_selector(".indicator-table", ROLES)
    context.close()
    assert roles == ["table", "rowgroup", "row", "columnheader", "rowheader"]
    assert cells and all(c["role"] == "cell" and c["label"] for c in cells)
    assert any("2024" in c["before"] for c in cells)
    assert wide == [None] * 5


def test_every_page_with_a_stacked_table_loads_its_script(built_site):
    """The roles are not in the markup (HTML forbids them on a table's rows and cells): each
    page that shows a table one block per row loads the script that gives them."""
    stacked = 0
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'<(table|thead|tbody|tfoot|tr|th|td)\b[^>]* role="', html), path
        if re.search(r'<table class="[^"]*\bstack\b', html):
            stacked += 1
            assert re.search(r'<script src="[^"]*/tables\.[0-9a-f]{10}\.js" defer>', html), path
    assert stacked > 800


def test_the_general_pages_tables_fit_a_desktop_column(browser, served, built_site):
    """At 1280 px every source table fits, Tablo 5's total column among them; no scroll hint."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    hidden = []
    for address in (a for a in _addresses(built_site) if _general(a)):
        page.goto(f"{served}/{address}")
        over = page.eval_on_selector_all(".table-scroll", "rs => rs.map(r => r.scrollWidth - r.clientWidth)")
        hints = page.eval_on_selector_all(".scroll-hint", "hs => hs.filter(h => h.offsetHeight).length")
        if any(o > 0 for o in over) or hints:
            hidden.append((address, over, hints))
    context.close()
    assert not hidden


def test_the_filter_names_each_figure_by_its_column():
    from portal.reflow import stacked

    html = str(stacked('<table class="figures"><caption>C</caption><thead><tr><th scope="col">Birim</th>'
                       '<th scope="col" class="num"><a href="/g#b">Bütçe &amp; “pay”</a></th>'
                       '<th scope="col">Not</th></tr></thead><tbody><tr data-x="1"><th scope="row">Fen</th>'
                       '<td class="num">5</td><td>a</td></tr></tbody><tfoot><tr><th scope="row" colspan="2">'
                       'Toplam</th><td>b</td></tr></tfoot></table>'))
    assert '<table class="figures stack">' in html and "role=" not in html
    assert '<thead><tr><th scope="col">Birim</th>' in html
    assert '<td class="num" data-label="Bütçe &amp; “pay”">5</td>' in html
    assert '<tr data-x="1"><th scope="row">Fen</th>' in html
    assert '<td data-label="Not">b</td>' in html  # after a header spanning two columns


def test_a_table_in_row_groups_names_each_figures_headers():
    """Goals under their aim's row: a figure's headers are its column's, its group's and its
    row's (WCAG H43, which HTML_CodeSniffer checks); a table of one level needs none."""
    from portal.reflow import stacked

    html = str(stacked('<table class="figures" id="g"><thead><tr><th scope="col">Hedef</th>'
                       '<th scope="col" class="num">Toplam</th></tr></thead><tbody><tr><th scope="rowgroup" '
                       'colspan="2">1. Amaç</th></tr><tr data-id="1.1"><th scope="row">PH.1.1</th>'
                       '<td class="num">5</td></tr></tbody><tfoot><tr><th scope="row">Toplam</th>'
                       '<td class="num">5</td></tr></tfoot></table>'))
    assert '<th scope="col" class="num" id="g-h2">Toplam</th>' in html
    assert '<th scope="rowgroup" colspan="2" id="g-h3">1. Amaç</th>' in html
    assert '<td class="num" data-label="Toplam" headers="g-h2 g-h3 g-h4">5</td>' in html
    assert '<td class="num" data-label="Toplam" headers="g-h2 g-h5">5</td>' in html  # the total: no group
    assert "headers=" not in str(stacked('<table><thead><tr><th>A</th><th>B</th></tr></thead>'
                                         '<tbody><tr><th scope="row">a</th><td>1</td></tr></tbody></table>'))
    with pytest.raises(ValueError, match="needs an id"):
        stacked('<table><tbody><tr><th scope="rowgroup">1</th></tr></tbody></table>')
