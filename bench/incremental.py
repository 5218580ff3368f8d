"""Incremental rebuild through Builder.update, and save → reloaded page in Chromium through `build.py serve`."""
from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

GOAL = "2024/goals/1.5.yaml"
PAGE = "/tr/2024/faaliyetler/1-5-2/"
EDITS = {  # kind: (text in GOAL, its replacement in edit i, how many (-1: all), what PAGE then shows)
    "goal words": ("tr: Bisiklet Yolu Yapılması", "tr: Bisiklet Yolu Sürüm {i:03d}", -1, "Bisiklet Yolu Sürüm {i:03d}"),
    "goal amount": ("'6': 1.000.000,00", "'6': 1.000.{i:03d},00", 1, "1.000.{i:03d},00"),
}
TARGET_MS = {"goal words": 100, "goal amount": 200}
BROWSER_SAMPLES = 3  # times --runs: a save costs half a second here, and the browser's share of it varies most
# the edits change what the official document prints: staff record them as corrections
NOTES = "".join(f"""  - field: {field}
    reason: {{tr: Deneme, en: Trial}}
    authority: {{tr: Deneme, en: Trial}}
    date: 2024-03-05
""" for field in ("name", "budget.6"))


class Goal:
    """GOAL under `content`, written with the edits made so far: each save changes one kind only."""

    def __init__(self, content: Path):
        self.path = content / GOAL
        text = self.path.read_text(encoding="utf-8")
        start = text.index("\n- code: 1.5.2\n", text.index("\nactivities:\n"))
        end = text.find("\n- code: ", start + 1)
        end = len(text) if end < 0 else end + 1
        self.original = text[:end] + "  corrections:\n" + NOTES + text[end:]
        self.state = dict.fromkeys(EDITS, 0)
        self.save()

    def save(self, kind: str | None = None, i: int = 0) -> str:
        if kind:
            self.state[kind] = i
        text = self.original
        for k, (old, new, count, _) in EDITS.items():
            assert old in text, f"{old!r} is no longer in {GOAL}"
            text = text.replace(old, new.format(i=self.state[k]), count)
        self.path.write_text(text, encoding="utf-8")
        return EDITS[kind][3].format(i=i) if kind else ""


def child(src: Path, work: Path, runs: int) -> None:
    """In a fresh process: a Builder's full build, then `runs` edits of each kind, each timed by update()."""
    sys.path.insert(0, str(src))
    from portal.incremental import Builder

    goal = Goal(work / "content")
    builder = Builder(work / "content", work / "site")
    builder.full()
    template = src / "templates/goal.html"
    times: dict[str, list[float]] = {kind: [] for kind in [*EDITS, "template"]}
    pages: dict[str, int] = {}
    for kind in times:
        for i in range(1, runs + 1):
            if kind == "template":
                text = template.read_text(encoding="utf-8")
                template.write_text(text + f"{{# bench {i} #}}\n", encoding="utf-8")
                try:
                    update = builder.update({template})
                finally:
                    template.write_text(text, encoding="utf-8")
            else:
                goal.save(kind, i)
                update = builder.update({goal.path})
            times[kind].append(update.seconds * 1000)
            pages[kind] = update.pages_rendered
    (work / "result.json").write_text(json.dumps({"times": times, "pages": pages}))


def in_browser(ctx, content: Path, out: Path, runs: int) -> dict[str, list[float]]:
    """ms from saving GOAL to PAGE's reloaded document being ready with the edit, by the page's own clock."""
    from tests.local_web import chromium, preview_server

    goal = Goal(content)
    samples: dict[str, list[float]] = {kind: [] for kind in EDITS}
    with preview_server(content, out, project=ctx.src, python=ctx.python) as (url, server), \
            chromium() as browser:
        rebuilt = _Rebuilds(server.stdout)
        page = browser.new_page()
        page.goto(url + PAGE)
        page.wait_for_timeout(500)
        for kind in EDITS:
            for i in range(runs + 1):  # the first one warms up the connection and the caches
                done = rebuilt.count
                saved = time.time() * 1000
                shown = goal.save(kind, i + 1)
                page.wait_for_function(f"document.body && document.body.innerText.includes({json.dumps(shown)})",
                                       timeout=10000, polling="raf")
                ready = page.evaluate("performance.timeOrigin + "
                                      "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
                if i:
                    samples[kind].append(ready - saved)
                rebuilt.wait_past(done)  # each save is measured from a finished rebuild
                page.wait_for_timeout(300)
    return samples


class _Rebuilds:
    """How many rebuilds the preview has reported finished, read from its output."""

    def __init__(self, stream):
        self.count, self._changed = 0, threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            if line.startswith("rebuilt "):
                with self._changed:
                    self.count += 1
                    self._changed.notify_all()

    def wait_past(self, count: int, timeout: float = 60) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self.count > count, timeout)


def run(ctx):
    from common import WORK, Section, copy_content, median, run_child, spread, table

    work = WORK / "incremental"
    copy_content(ctx, work / "content")
    ctx.log(f"incremental: {ctx.runs} edits of each kind through Builder.update")
    run_child([ctx.python, __file__, str(ctx.src), str(work), str(ctx.runs)], cwd=ctx.src, check="incremental child")
    data = json.loads((work / "result.json").read_text())
    ctx.log("incremental: save → reloaded page in Chromium through build.py serve")
    saves = ctx.runs * BROWSER_SAMPLES
    browser = in_browser(ctx, copy_content(ctx, work / "serve-content"), work / "serve-site", saves)
    rows = [[kind, data["pages"][kind], ctx.runs, f"{median(v):.0f}", spread(v, 0)]
            for kind, v in data["times"].items()]
    rows += [[f"{kind}, save → reloaded page", "", saves, f"{median(v):.0f}", spread(v, 0)]
             for kind, v in browser.items()]
    return Section("Incremental rebuild", [table(["edit", "pages rendered", "edits", "median (ms)",
                                                  "min–max (ms)"], rows)],
                   headline=[(f"{kind} → rebuilt", f"{median(v):.0f} ms", "") for kind, v in data["times"].items()]
                   + [(f"{kind} → reloaded page in Chromium", f"{median(v):.0f} ms", f"≤ {TARGET_MS[kind]} ms")
                      for kind, v in browser.items()],
                   data={"builder_ms": data["times"], "pages_rendered": data["pages"], "save_to_page_ms": browser})


if __name__ == "__main__":
    child(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
