"""The preview staff use: edits appear in the open tab by themselves, broken
edits show their file and line without stopping the server."""
from __future__ import annotations

import filecmp
import html
import http.client
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portal.incremental import Builder
from tests.conftest import ROOT, run_build
from tests.content_edits import with_note
from tests.local_web import free_port, preview_server


@pytest.fixture
def preview(content_copy, tmp_path):
    with preview_server(content_copy, tmp_path / "site") as (url, proc):
        yield url, content_copy, proc


def test_edit_break_and_fix_in_an_open_tab(page, preview):
    url, content, _ = preview
    goal = content / "2024/goals/1.5.yaml"
    original = goal.read_text(encoding="utf-8")
    page.goto(f"{url}/tr/2024/faaliyetler/1-5-2/")
    assert page.inner_text("h1") == "Bisiklet Yolu Yapılması"
    page.evaluate("window.notReloadedByHand = true")

    # a correction of the official document, recorded as one: the page shows it
    renamed = original.replace("tr: Bisiklet Yolu Yapılması", "tr: Bisiklet Yolu Ağı Yapılması")
    goal.write_text(with_note(renamed, ("activities", 2), "name"), encoding="utf-8")
    page.wait_for_function("document.querySelector('h1').innerText === 'Bisiklet Yolu Ağı Yapılması'",
                           timeout=10000)
    assert "Resmî belgede Bisiklet Yolu Yapılması yazıyor" in page.inner_text(".correction-notice")

    # the same edit with no note: stopped, in the page's language, with the official value
    goal.write_text(renamed, encoding="utf-8")
    line = next(i for i, text in enumerate(renamed.splitlines(), 1) if "Bisiklet Yolu Ağı" in text)
    page.wait_for_selector(".build-problems", timeout=10000)
    problems = page.inner_text(".build-problems")
    assert f"2024/goals/1.5.yaml:{line}: faaliyet 1.5.2 (Bisiklet Yolu Ağı Yapılması): ad: resmî belgede " \
           f"“Bisiklet Yolu Yapılması” yazıyor, içerikte “Bisiklet Yolu Ağı Yapılması”" in problems, problems
    assert page.get_attribute("html", "lang") == "tr" and "Site oluşturulamadı" in page.inner_text("h1")

    broken = original.replace("'6': 1.000.000,00", "'6': bir milyon", 1)
    goal.write_text(broken, encoding="utf-8")
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "bir milyon" in text)
    page.wait_for_function(f"document.querySelector('.build-problems').innerText.includes('1.5.yaml:{line}:')",
                           timeout=10000)
    problems = page.inner_text(".build-problems")
    # the field as staff know it: the activity by its number, code and name, the economic code by its name
    assert (f"2024/goals/1.5.yaml:{line}: 2. faaliyet (1.5.2 Bisiklet Yolu Yapılması), 6 – Sermaye giderleri "
            f"tutarı: 'bir milyon' 1.571.500,00 biçiminde yazılmış bir tutar değil") in problems, problems

    goal.write_text(original, encoding="utf-8")
    page.wait_for_function("document.querySelector('h1').innerText === 'Bisiklet Yolu Yapılması'",
                           timeout=10000)


def test_the_builds_warnings_are_shown_above_the_page_in_its_language(preview):
    """A recorded correction a hundred times off its official figure builds, with a warning
    the preview shows above every page (and the published site does not)."""
    url, content, _ = preview
    host, port = url.split("//")[1].split(":")
    goal = content / "2024/goals/1.5.yaml"
    text = goal.read_text(encoding="utf-8").replace("'6': 1.000.000,00", "'6': 1.000,00", 1)
    goal.write_text(with_note(text, ("activities", 2), "budget.6"), encoding="utf-8")
    deadline, bodies = time.time() + 15, {}
    while time.time() < deadline and len(bodies) < 2:
        for path in ("/tr/2024/faaliyetler/1-5-2/", "/en/2024/activities/1-5-2/"):
            try:  # while the output folder is swapped in, a request may find no page
                conn = http.client.HTTPConnection(host, int(port), timeout=5)
                conn.request("GET", path)
                response = conn.getresponse()
                body = html.unescape(response.read().decode())
            except OSError:
                continue
            if response.status == 200 and "preview-warnings" in body:
                bodies[path] = body
        time.sleep(0.1)
    tr, en = bodies["/tr/2024/faaliyetler/1-5-2/"], bodies["/en/2024/activities/1-5-2/"]
    assert "Önizleme: derlemede uyarılar var" in tr and "yaklaşık 1.000'da biri" in tr
    assert "Preview: the build has warnings" in en and "about a 1,000th of the official 1.000.000,00" in en
    assert "1.000,00" in tr  # the corrected figure is shown, with the warning above it
    assert "preview-warnings" not in (content.parent / "site/tr/2024/faaliyetler/1-5-2/index.html").read_text("utf-8")


def test_error_page_speaks_the_pages_language_and_the_last_good_page_stays(preview):
    url, content, _ = preview
    host, port = url.split("//")[1].split(":")
    goal = content / "2024/goals/1.5.yaml"
    goal.write_text(goal.read_text(encoding="utf-8").replace("unit: fen-isleri", "unit: nowhere", 1),
                    encoding="utf-8")
    deadline = time.time() + 10
    while time.time() < deadline:
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        conn.request("GET", "/en/2024/activities/1-5-2/")
        response = conn.getresponse()
        body = html.unescape(response.read().decode())
        if response.status == 500:
            break
        time.sleep(0.1)
    assert "The site could not be built" in body and "unknown unit 'nowhere'" in body
    assert '<html lang="en">' in body
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.request("GET", "/en/2024/activities/1-5-2/?last-good")
    response = conn.getresponse()
    assert response.status == 200 and "Construction of cycle paths" in response.read().decode()


def test_only_the_output_folder_is_served_and_ctrl_c_stops_cleanly(preview):
    url, _, proc = preview
    host, port = url.split("//")[1].split(":")
    for path in ("/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/../build.py"):
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.status in (403, 404), path
        assert b"root:" not in response.read()
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=30)  # a loaded machine (the whole suite at once) can take a while
    assert proc.returncode == 0
    assert "Traceback" not in out and "stopped" in out


def test_preview_listens_on_this_machine_only(preview):
    """The kernel's own table of listening sockets: the port is bound to 127.0.0.1 only."""
    url, _, _ = preview
    port = int(url.rsplit(":", 1)[1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, little-endian


def snapshot_equal(a: Path, b: Path) -> None:
    left = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    right = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert left == right
    _, mismatch, errors = filecmp.cmpfiles(a, b, left, shallow=False)
    assert not mismatch and not errors, mismatch[:10]


EDITS = {  # file, text, replacement, how many occurrences (0: all), the correction notes it needs
    "text": ("2024/goals/1.5.yaml", "tr: Bisiklet Yolu Yapılması", "tr: Bisiklet Yolu Ağı", 0,
             [(("activities", 2), "name")]),
    "amount": ("2024/goals/1.5.yaml", "'6': 1.000.000,00", "'6': 1.250.000,00", 1, [(("activities", 2), "budget.6")]),
    "activity moves to another unit": ("2024/goals/1.5.yaml", "  unit: fen-isleri\n  budget:\n    '1': 500.000,00",
                                       "  unit: zabita\n  budget:\n    '1': 500.000,00", 1,
                                       [(("activities", 2), "unit")]),
    "a unit loses all its activities": ("2024/goals/1.9.yaml", "  unit: imar-ve-sehircilik\n  budget:",
                                        "  unit: plan-ve-proje\n  budget:", 0,
                                        [(("activities", 1), "unit")]),
    "money moves between two activities": ("2024/goals/1.5.yaml", "'2': 935.000,00", "'2': 934.000,00", 1,
                                           [(("activities", 1), "budget.2")]),
    "unit file": ("units/zabita.yaml", "en: Directorate of Municipal Police", "en: Municipal Police Directorate", 1,
                  []),
}


@pytest.mark.parametrize("edit", EDITS)
def test_incremental_rebuild_equals_a_full_build(content_copy, tmp_path, edit):
    builder = Builder(content_copy, tmp_path / "incremental")
    builder.full()
    rel, old, new, count, notes = EDITS[edit]
    path = content_copy / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new) if count == 0 else text.replace(old, new, count)
    for place, field in notes:
        text = with_note(text, place, field)
    path.write_text(text, encoding="utf-8")
    update = builder.update({path})
    assert update.written
    if edit == "text":
        assert update.pages_rendered < 30 and not any(p.startswith("en/2024/activities/6-") for p in update.written)
    if edit == "money moves between two activities":  # same goal total: the units' totals still change
        assert "tr/2024/index.html" in update.written or update.pages_rendered == 854  # every page, the activities index included
    result = run_build("--content", str(content_copy), "--out", str(tmp_path / "full"))
    assert result.returncode == 0, result.stderr
    snapshot_equal(tmp_path / "incremental", tmp_path / "full")


def test_a_catalog_edit_reaches_the_next_build():
    """The preview watches locale/: a changed .po file is read again, not served from memory."""
    import os

    from portal.i18n import LOCALE_DIR, translations

    po = LOCALE_DIR / "tr/LC_MESSAGES/messages.po"
    before = translations("tr")
    assert translations("tr") is before
    stat = po.stat()
    os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    try:
        assert translations("tr") is not before
    finally:
        os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_fault_in_the_generator_keeps_its_traceback_in_the_terminal(content_copy, tmp_path, capsys, monkeypatch):
    """Not a content problem: the error page names it, and the terminal keeps the traceback,
    as build.py does, for whoever maintains the generator."""
    from portal import incremental
    from portal.serve import PreviewState

    state = PreviewState(Builder(content_copy, tmp_path / "site"), "/")
    state.rebuild(set(), reload=lambda: None)

    def broken(site):
        raise KeyError("oops")

    monkeypatch.setattr(incremental, "inputs_for", broken)
    state.rebuild({content_copy / "site.yaml"}, reload=lambda: None)
    err = capsys.readouterr().err
    assert "Traceback" in err and "in broken" in err
    assert state.problems == ["KeyError: 'oops'"]
    assert "KeyError: &#39;oops&#39;" in state.error_page("tr/2024/")


def test_a_save_just_after_the_ready_message_reaches_the_page(content_copy, tmp_path):
    """The address is announced once the files are watched: a save at once after it is never lost
    (five starts: the watches are in place before the address is printed, so one lost save is a fault)."""
    goal = content_copy / "2024/goals/1.5.yaml"
    original = goal.read_text(encoding="utf-8")
    for run in range(5):
        port = free_port()
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
                                 "--content", str(content_copy), "--out", str(tmp_path / "site")],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            for line in proc.stdout:
                if line.startswith("Preview: "):
                    break
            name = f"Bisiklet Yolu Deneme {run}"
            goal.write_text(with_note(original.replace("tr: Bisiklet Yolu Yapılması", f"tr: {name}"),
                                      ("activities", 2), "name"), encoding="utf-8")
            deadline, body = time.time() + 15, ""
            while time.time() < deadline and name not in body:
                time.sleep(0.05)
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/tr/2024/faaliyetler/1-5-2/")
                    body = conn.getresponse().read().decode()
                except OSError:
                    continue
            assert name in body, f"run {run}: the save did not reach the page"
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=10)
