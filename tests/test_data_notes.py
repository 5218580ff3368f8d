"""The data-notes page as a journalist uses it: what it says first, the order and grouping of its
entries, their anchors, the notices that link to them, and the filter by kind.  Everything it is
checked against is computed from the reconciliation, never listed here."""
from __future__ import annotations

import csv
import html as htmllib
import io
import re
from collections import Counter
from decimal import Decimal

import pytest

from portal.i18n import Formatter
from portal.kinds import Category, Kind
from portal.load import load
from portal.reconcile import entries, place_key, reconcile
from portal.urls import Urls
from tests.html_pages import page_file, read_page, squash
from tests.local_web import axe_report, violations
from tests.test_bad_content import replace

NOTES = {"tr": Urls.notes("tr", 2024), "en": Urls.notes("en", 2024)}


@pytest.fixture(scope="module")
def gaps(program):
    return entries(reconcile(program))


def notes_html(site, lang: str) -> str:
    return page_file(site, NOTES[lang]).read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return squash(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)))


def articles(html: str) -> list[tuple[str, str]]:
    """(id, text) of each entry, in page order."""
    return [(m[1], text_of(m[2])) for m in re.finditer(r'<article class="note" id="([\w-]+)"[^>]*>(.*?)</article>',
                                                      html, re.S)]


def money_of(shown: str, lang: str) -> Decimal:
    """An amount as the page prints it ('149.100.000,00 ₺', 'TRY 149,100,000.00') as a Decimal."""
    digits = shown.replace("₺", "").replace("TRY", "").strip().replace("\u00a0", "")
    return Decimal(digits.replace(".", "").replace(",", ".") if lang == "tr" else digits.replace(",", ""))


def shown(value, fmt: Formatter) -> str:
    return fmt.money(value) if isinstance(value, Decimal) else fmt.number(value)


# ----------------------------------------------------------------------- the summary
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_summary_counts_each_kind_and_names_the_largest_gaps_first(built_site, gaps, lang):
    html = notes_html(built_site, lang)
    summary = html.split('class="notes-summary"', 1)[1].split("</section>", 1)[0]
    by_kind = Counter(e.category for e in gaps)
    links = re.findall(r'<a href="\?kind=(\w+)#([\w-]+)" data-kind="\w+" data-name="[^"]+">[^<]*?: (\d+)</a>', summary)
    assert [(k, int(n)) for k, _, n in links] == [(c.value, by_kind[c]) for c in Category if by_kind[c]]
    for kind, section, _ in links:  # each kind's link jumps to its section, with JavaScript or without
        assert f'<section class="note-kind note-kind-{kind}" id="{section}"' in html
    places = sum(len(e.places) for e in gaps)
    assert Formatter(lang).number(len(gaps)) in text_of(summary) and str(places) in text_of(summary)
    # the largest differences in amounts, in order, each linking to its entry, with both figures
    money = sorted((e for e in gaps if e.category == Category.MONEY), key=lambda e: -e.amount)
    rows = re.findall(r'<tr data-note="([\w-]+)"[^>]*><th[^>]*><a href="#([\w-]+)">.*?</tr>', summary, re.S)
    assert [r for r, _ in rows] == [e.id for e in money[:len(rows)]] and 3 <= len(rows) <= len(money)
    assert all(row == link for row, link in rows)
    fmt = Formatter(lang)
    for e in money[:len(rows)]:
        row = re.search(rf'<tr data-note="{e.id}".*?</tr>', summary, re.S)[0]
        for figure in (e.lead.stated, e.lead.computed, e.amount):
            assert fmt.money(figure) in row, (e.id, figure)


# -------------------------------------------------------------- order and grouping
def test_entries_are_listed_money_first_largest_first_then_counts_then_wording(built_site, gaps):
    html = notes_html(built_site, "tr")
    assert [a for a, _ in articles(html)] == [e.id for e in gaps]
    ranks = [list(Category).index(e.category) for e in gaps]
    assert ranks == sorted(ranks) and set(ranks) == {0, 1, 2}
    for category in (Category.MONEY, Category.COUNT):
        amounts = [e.amount for e in gaps if e.category == category]
        assert amounts == sorted(amounts, reverse=True), category
    # each kind's entries sit in its own section
    for category in Category:
        section = html.split(f'id="{Urls.note_section(category)}"', 1)[1].split("</section>", 1)[0]
        assert [a for a, _ in articles(section)] == [e.id for e in gaps if e.category == category]


def test_each_disagreement_is_in_exactly_one_entry_and_each_gap_is_listed_once(program, gaps):
    found = reconcile(program)
    placed = [d for e in gaps for d in e.places]
    assert sorted(map(repr, placed)) == sorted(map(repr, found))  # every one, none twice
    for e in gaps:
        keys = {place_key(d) for d in e.places}
        assert place_key(e.lead) == e.key
        if e.category != Category.MONEY:
            assert keys == {e.key}  # one count, one name, one wording: all its places
            continue
        # a gap in amounts: every place shows the same difference, or the places are the lines
        # whose differences add up to it (section D's economic codes under its budget)
        same = all(abs(d.difference) == e.amount for d in e.places)
        lines = sum(d.difference for d in e.places[1:]) == e.lead.difference
        assert same or lines, e.id
    # no two entries show one printed figure against one other figure: that would be one gap twice
    shown = Counter((e.lead.goal, e.lead.stated, e.lead.computed) for e in gaps if e.category == Category.MONEY)
    assert max(shown.values()) == 1


def test_a_goal_total_that_carries_one_row_s_gap_is_that_row_s_entry(program, gaps):
    """The goal table's TOTAL row agrees with its rows or with the cost tables, so its
    difference from the other is the one row's gap carried: no entry of its own."""
    reading = program.reading
    carried = 0
    for goal in reading.goals:
        rows = [e for e in gaps if e.key[:3] == ("goal", goal.code, "row")]
        printed = goal.table_total[2]
        summed = sum(r.total for r in goal.table_rows)
        if len(rows) == 1 and (printed == summed) != (printed == goal.total):
            assert not any(e.key == ("goal", goal.code, "total") for e in gaps), goal.code
            assert {d.kind for d in rows[0].places} & {Kind.GOAL_TABLE_SUM, Kind.GOAL_TABLE_VS_COST_TABLES}
            carried += 1
    assert carried >= 1


def test_the_text_s_figures_against_its_tables_are_counts_of_their_own_kind(built_site, gaps):
    text = [e for e in gaps if e.lead.kind == Kind.TEXT_VS_TABLE]
    assert text and all(e.category == Category.COUNT for e in text)
    by_id = dict(articles(notes_html(built_site, "tr")))
    for e in text:
        assert e.lead.quote in by_id[e.id] and str(e.lead.stated) in by_id[e.id] and str(e.lead.computed) in by_id[e.id]


# ------------------------------------------------------- the gaps add up to the CSV's
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_money_gaps_shown_add_up_to_the_discrepancies_csv(built_site, lang):
    html = notes_html(built_site, lang)
    section = html.split(f'id="{Urls.note_section(Category.MONEY)}"', 1)[1].split("</section>", 1)[0]
    label = "fark:" if lang == "tr" else "difference:"
    shown = [money_of(m, lang) for m in re.findall(rf'<span class="gap">{label} ([^<]+)</span>', section)]
    assert len(shown) == len(articles(section))
    raw = (built_site / "data/2024/discrepancies.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    money = [abs(Decimal(r["difference"])) for r in rows if r["category"] == "money"]
    assert sum(shown) == sum(money) and sorted(shown) == sorted(money)
    assert [r["id"] for r in rows] == [a for a, _ in articles(html)]  # one row per entry, in the page's order


# -------------------------------------------------------------------------- anchors
def test_every_entry_has_a_unique_anchor_made_from_what_the_gap_is(built_site, program, gaps):
    ids = [e.id for e in gaps]
    assert len(set(ids)) == len(ids)
    page = read_page(page_file(built_site, NOTES["en"]))
    assert set(ids) <= page.ids
    # the same gaps found in another order are the same entries, under the same anchors
    assert {e.id: set(e.places) for e in entries(tuple(reversed(reconcile(program))))} == \
        {e.id: set(e.places) for e in gaps}
    for e in gaps:  # a copy link for each, that without JavaScript is the entry's own address
        assert re.search(rf'<a class="copy-link" href="[^"]*/en/2024/data-notes/#{e.id}"', notes_html(built_site, "en"))


def test_anchors_survive_a_new_gap_that_reorders_the_list(content_copy, gaps):
    """A document that prints one more wrong figure, larger than most: the list moves, its anchors do not."""
    replace(content_copy, "2024/official/goals/1.1.yaml", "    total: 1.571.500,00\n  - number: 2",
            "    total: 9.571.500,00\n  - number: 2")
    after = entries(reconcile(load(content_copy).programs[2024]))
    new = [e for e in after if e.id not in {g.id for g in gaps}]
    assert [e.key for e in new] == [("goal", "1.1", "row", "1")]
    assert [e.id for e in after].index(new[0].id) < [e.id for e in after].index(gaps[1].id)  # listed before others
    assert {e.id: e.places for e in after if e is not new[0]} == {e.id: e.places for e in gaps}


# -------------------------------------------------------------------------- notices
def notices(site):
    """(page path, language, kind of notice, entry id, href, text) of each notice item on every page."""
    for path in sorted(site.glob("[te][rn]/2024/**/index.html")):
        text = path.read_text(encoding="utf-8")
        for aside in re.finditer(r'<aside class="notice [\w-]+" aria-labelledby="[\w-]+" data-notice="(\w+)">(.*?)</aside>',
                                 text, re.S):
            for li in re.finditer(r'<li data-note="([\w-]+)"><a href="([^"]+)">(.*?)</li>', aside[2], re.S):
                yield path, path.relative_to(site).parts[0], aside[1], li[1], li[2], text_of(li[3])


def test_every_notice_states_both_figures_and_links_to_its_entry(built_site, gaps):
    by_id = {e.id: e for e in gaps}
    anchors = {lang: read_page(page_file(built_site, NOTES[lang])).ids for lang in NOTES}
    seen = Counter()
    for path, lang, kind, note, href, text in notices(built_site):
        e = by_id[note]
        assert href == "/" + NOTES[lang] + "#" + note and note in anchors[lang], (path, href)
        # amounts and counts apart from wordings: each under its own heading
        assert kind == ("wording" if e.category == Category.WORDING else "figures"), (path, note)
        if e.category != Category.WORDING:
            fmt = Formatter(lang)
            assert shown(e.lead.stated, fmt) in text and shown(e.lead.computed, fmt) in text, (path, text)
        else:
            assert e.lead.computed in text or e.lead.field in ("unit", "code"), (path, text)
        seen[note] += 1
    # every entry is told on the pages it concerns, in both languages
    for e in gaps:
        goals = {d.goal for d in e.places if d.goal}
        acts = {d.activity for d in e.places if d.activity}
        pages = {d.page for d in e.places if d.page}
        expected = 2 * (len(goals) + len(acts) + len(pages) + (1 if e.programme_wide else 0))
        assert seen[e.id] == expected, (e.id, seen[e.id], expected)


def test_the_general_page_says_where_its_text_disagrees_with_its_tables(built_site, gaps):
    page = page_file(built_site, Urls.page("tr", 2024, "human-resources")).read_text(encoding="utf-8")
    told = re.findall(r'<li data-note="([\w-]+)">', page)
    assert told == [e.id for e in gaps if e.touches("page", "human-resources")] and told
    notice = text_of(page.split('data-notice="figures"', 1)[1].split("</aside>", 1)[0])
    for e in gaps:
        if e.touches("page", "human-resources") and e.lead.kind == Kind.TEXT_VS_TABLE:
            assert e.lead.quote in notice and e.lead.label.tr in notice


# ------------------------------------------------------- the text against its tables
def test_a_count_the_text_states_next_to_a_table_s_label_is_checked_without_a_written_statement(content_copy):
    """Without statements.yaml, the text's plain counts are still compared with the cell their
    label names; a changed figure is caught, and agreeing ones and vague ones are not listed."""
    (content_copy / "2024/statements.yaml").write_text("[]\n", encoding="utf-8")
    for rel in ("2024/official/pages/human-resources.md", "2024/pages/human-resources.tr.md"):  # the document's
        replace(content_copy, rel, "776 adedi erkek", "775 adedi erkek")
    found = [d for d in reconcile(load(content_copy).programs[2024]) if d.kind == Kind.TEXT_VS_TABLE]
    said = {(d.stated, d.computed, d.label.tr) for d in found}
    assert (775, 776, "Tablo 7, Erkek, TOPLAM Sayı") in said  # the changed figure
    assert (10, 11, "Tablo 6, Okuryazar, TOPLAM SAYI") in said  # the document's own, found unaided
    assert len(said) == 2  # "190 memur", "192 adedi kadın" agree; "43 kadrolu işçi" names no single cell
    assert all(d.origin.path == "content/2024/official/pages/human-resources.md" for d in found)
    page = (content_copy / "2024/official/pages/human-resources.md").read_text(encoding="utf-8").splitlines()
    assert all(str(d.stated) in page[d.origin.line - 1] for d in found)  # the line it is printed on


# --------------------------------------------------------------- the filter by kind
def test_the_kind_filter_without_javascript_jumps_to_each_kind(browser, served_site, gaps):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site + "/" + NOTES["tr"])
    page.click('nav.kind-filter a[data-kind="wording"]')
    page.wait_for_load_state()
    assert page.url.endswith("?kind=wording#" + Urls.note_section("wording"))
    for category in Category:  # nothing is hidden: every kind is on the page, the chosen one in view
        assert page.locator(f"#{Urls.note_section(category)}").is_visible()
    top = page.evaluate(f"document.getElementById('{Urls.note_section('wording')}').getBoundingClientRect().top")
    assert -1 <= top < 100  # at the top of the view (a scroll may stop a fraction of a pixel past it)
    assert page.locator("article.note").count() == len(gaps)
    context.close()


def test_the_kind_filter_with_javascript_shows_one_kind_and_keeps_it_in_the_address(page, served_site, gaps):
    counts = Counter(e.category for e in gaps)
    page.goto(served_site + "/" + NOTES["en"] + "?kind=count")
    visible = lambda: page.locator("article.note:visible").count()  # noqa: E731
    assert visible() == counts[Category.COUNT]
    assert page.get_attribute('nav.kind-filter a[data-kind="count"]', "aria-current") == "true"
    assert page.inner_text('[data-status-for="notes-list"]') == "Showing only: Counts that differ."
    page.click('nav.kind-filter a[data-kind="money"]')
    assert visible() == counts[Category.MONEY] and "?kind=money" in page.url
    assert page.locator(f"#{Urls.note_section('wording')}").is_hidden()
    page.click('nav.kind-filter a[data-kind=""]')
    assert visible() == len(gaps) and "kind=" not in page.url
    assert page.inner_text('[data-status-for="notes-list"]') == ""
    # a link to one entry shows it, whatever kind the address asks for
    wording = next(e for e in gaps if e.category == Category.WORDING)
    page.goto(served_site + "/" + NOTES["en"] + f"?kind=money#{wording.id}")
    assert page.locator(f"#{wording.id}").is_visible() and visible() == len(gaps)


def test_one_kind_shown_alone_is_accessible(browser, served_site):
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 800})  # axe, for the test only
    page = context.new_page()
    page.goto(served_site + "/" + NOTES["tr"] + "?kind=wording")
    assert page.locator(f"#{Urls.note_section('money')}").is_hidden()
    assert not violations(axe_report(page))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
