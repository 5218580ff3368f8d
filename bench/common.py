"""What every benchmark shares: the context, the section it returns, timed child processes."""
from __future__ import annotations

import html
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


@dataclass
class Section:
    """One benchmark's part of results.md.

    body: Markdown under the section heading.
    headline: rows for the summary table, (what, measured, target or "").
    data: raw figures for results.json.
    """

    title: str
    body: str
    headline: list[tuple[str, str, str]] = field(default_factory=list)
    data: dict = field(default_factory=dict)


SNAPSHOT_SKIP = {".git", ".venv", "site", "bench", "tests", ".hypothesis", ".pytest_cache", "__pycache__",
                 "node_modules", ".ci", ".cache"}


TRASH = WORK / "trash"


def set_aside(folder: Path) -> None:
    """Move a folder out of the way instead of deleting it; run.py empties the trash after
    the last benchmark.  This machine's file system (ext4 without a journal) will not reuse
    an inode for a while after it is freed, and skips each such inode when it creates a file:
    deleting a site's thousand files just before a timed run slowed that run by up to a
    third, and by more the more runs had come before.  Builds and Hugo alike get folders
    set aside, never deleted, between timed runs."""
    if folder.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        folder.rename(TRASH / f"{folder.name}-{time.time_ns()}")


def empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)


def snapshot(dest: Path = WORK / "src") -> Path:
    """A frozen copy of the project (code, templates, static, locale, content) for one benchmark run.

    Every build in a run uses it, so edits made to the working tree while the
    benchmarks run cannot mix two versions into one set of figures.
    """
    set_aside(dest)
    shutil.copytree(ROOT, dest, ignore=lambda folder, names: [n for n in names if n in SNAPSHOT_SKIP])
    return dest


@dataclass
class Context:
    src: Path = ROOT                  # the project copy every benchmark builds (see snapshot())
    runs: int = 5                     # timed runs behind every median
    scales: tuple[int, ...] = (1, 10, 100)
    scale_budget: float = 180.0       # skip a scale whose predicted run takes longer (s)
    python: str = sys.executable
    shared: dict = field(default_factory=dict)  # what one benchmark leaves for another

    def log(self, msg: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)

    @property
    def content(self) -> Path:
        return self.src / "content"

    def reference_site(self) -> Path:
        """A finished build of the real content (the cold-build benchmark leaves one)."""
        if "reference_site" not in self.shared:
            out = WORK / "reference" / "site"
            build_site(self, self.content, out)
            self.shared["reference_site"] = out
        return self.shared["reference_site"]


@dataclass
class Run:
    wall: float        # seconds, fork to reap
    cpu: float         # user + system seconds of the child (and its reaped children)
    maxrss_mb: float   # peak resident set of the largest process, MiB (ru_maxrss)
    returncode: int
    stdout: str
    stderr: str


def run_child(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None,
              timeout: float | None = None) -> Run:
    """Run one process and measure it alone: os.wait4 gives this child's own rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True)
        timer = None
        if timeout:
            timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def build_site(ctx: Context, content: Path, out: Path, timeout: float | None = 600) -> Run:
    """A cold build: a new process, an output folder that does not exist yet."""
    set_aside(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    run = run_child([ctx.python, str(ctx.src / "build.py"), "--content", str(content), "--out", str(out)],
                    cwd=ctx.src, timeout=timeout)
    if run.returncode != 0:
        raise RuntimeError(f"build of {content} failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return run


_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.S | re.I)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]+)\"", re.I)


@dataclass
class BuiltPage:
    """One page of our built site, as another generator is given it."""

    path: str   # site-relative, e.g. tr/2024/index.html
    title: str
    lang: str
    body: str   # the <main> HTML


def built_pages(site: Path) -> list[BuiltPage]:
    pages = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        body, title, lang = _MAIN.search(text), _TITLE.search(text), _LANG.search(text)
        rel = page.relative_to(site).as_posix()
        pages.append(BuiltPage(rel, html.unescape(title.group(1).strip()) if title else rel,
                               lang.group(1) if lang else "", body.group(1) if body else text))
    return pages


@dataclass
class Pair:
    """Our cold build and another generator's, timed alternately in one run."""

    name: str
    ours: list[float]
    theirs: list[float]

    @property
    def ratio(self) -> float:
        return median(self.ours) / median(self.theirs)

    def summary(self) -> str:
        return f"{_ratio(self.ratio)} ({median(self.ours):.3f} s vs {median(self.theirs):.3f} s)"

    def table(self, *rows: list) -> str:
        per_pair = [o / t for o, t in zip(self.ours, self.theirs)]
        return table(["", "ours", self.name, f"ours / {self.name}"], [
            [f"wall time, median of {len(self.ours)} (s)", f"{median(self.ours):.3f}",
             f"{median(self.theirs):.3f}", f"**{_ratio(self.ratio)}**"],
            ["min–max (s)", spread(self.ours), spread(self.theirs),
             f"{_ratio(min(per_pair))}–{_ratio(max(per_pair))} per pair"],
            *rows])


def _ratio(value: float) -> str:
    return f"{value:.1f}×" if value >= 1 else f"{value:.2f}×"


def compare_with(ctx: Context, name: str, command: list[str], out: Path, pages: int, cwd: Path,
                 env: dict | None = None) -> Pair:
    """Another generator's `command`, writing `pages` pages into `out`, and our cold build: a
    warm-up of each, then ours and theirs alternately, so both see the same machine state."""
    ours_out = out.parent / "ours"

    def theirs_once() -> Run:
        set_aside(out)
        run = run_child(command, cwd=cwd, env=env, timeout=600)
        if run.returncode != 0:
            raise RuntimeError(f"{name} failed:\n{run.stderr[-2000:]}")
        return run

    build_site(ctx, ctx.content, ours_out)
    theirs_once()
    ours, theirs = [], []
    ctx.log(f"{name} comparison: {ctx.runs} pairs, ours and {name} alternately")
    for i in range(ctx.runs):
        ours.append(build_site(ctx, ctx.content, ours_out).wall)
        theirs.append(theirs_once().wall)
        ctx.log(f"  pair {i + 1}: ours {ours[-1]:.3f} s, {name} {theirs[-1]:.3f} s")
    if count_html(out) != pages or count_html(ours_out) != pages:
        raise RuntimeError(f"{name} wrote {count_html(out)} pages and we {count_html(ours_out)}, for {pages}")
    return Pair(name, ours, theirs)


def count_html(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def median(values) -> float:
    return statistics.median(values)


def spread(values, digits: int = 3) -> str:
    """min–max of the samples, for the reader to judge the noise."""
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}"


def kb(n: float) -> str:
    return f"{n / 1000:.1f}"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# ------------------------------------------------------------------ machine
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        return f"{int(m.group(1)) / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        return "unknown"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def source_commit() -> str:
    """The checked-out commit, read from .git without running git."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        if (git / ref).exists():
            return f"{(git / ref).read_text().strip()[:12]} ({ref.rsplit('/', 1)[-1]})"
        packed = (git / "packed-refs").read_text() if (git / "packed-refs").exists() else ""
        for line in packed.splitlines():
            if line.endswith(" " + ref):
                return f"{line.split()[0][:12]} ({ref.rsplit('/', 1)[-1]})"
    except OSError:
        pass
    return "unknown"


def machine() -> dict[str, str]:
    try:
        import yaml
        libyaml = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    except ImportError:
        libyaml = "unknown"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": f"{_cpu_model()}, {cores} core(s) usable (os.cpu_count() = {os.cpu_count()})",
        "memory": _memory(),
        "OS": platform.platform(),
        "Python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "packages": ", ".join(f"{d} {_version(d)}" for d in ("Jinja2", "MarkupSafe", "PyYAML", "cmarkgfm",
                                                             "Babel", "nh3", "hugo"))
                    + f"; PyYAML C loader available: {libyaml}",
        "load average (1, 5, 15 min) when this was written": ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + " (other work on the machine during the run adds noise; see the min–max columns)",
        "source": f"commit {source_commit()} of {ROOT}, working tree as it was at the start, copied to "
                  "bench/work/src and built from there throughout the run",
    }
