"""What the benchmarks share: the run's context, timed child processes, tables."""
from __future__ import annotations

import json
import os
import platform
import shutil
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
TRASH = WORK / "trash"
SNAPSHOT_SKIP = {".git", ".venv", "site", "bench", "tests", ".hypothesis", ".pytest_cache", "__pycache__",
                 "node_modules", ".cache"}


@dataclass
class Section:
    title: str
    tables: list[str]
    headline: list[tuple[str, str, str]] = field(default_factory=list)  # (what, measured, target)
    data: dict = field(default_factory=dict)


@dataclass
class Context:
    src: Path = ROOT  # the frozen copy of the project every build uses
    runs: int = 5
    scales: tuple[int, ...] = (1, 10, 100)
    scale_budget: float = 180.0
    python: str = sys.executable
    shared: dict = field(default_factory=dict)

    def log(self, msg: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)

    @property
    def content(self) -> Path:
        return self.src / "content"

    def reference_site(self) -> Path:
        if "reference_site" not in self.shared:
            out = WORK / "reference" / "site"
            build_site(self, self.content, out)
            self.shared["reference_site"] = out
        return self.shared["reference_site"]


def set_aside(folder: Path) -> None:
    """Move a folder into the trash instead of deleting it (README: deleting between runs skews them)."""
    if folder.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        folder.rename(TRASH / f"{folder.name}-{time.time_ns()}")


def empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)


def snapshot(dest: Path = WORK / "src") -> Path:
    set_aside(dest)
    shutil.copytree(ROOT, dest, ignore=lambda folder, names: [n for n in names if n in SNAPSHOT_SKIP])
    return dest


def copy_content(ctx: Context, dest: Path) -> Path:
    set_aside(dest)
    shutil.copytree(ctx.content, dest)
    return dest


@dataclass
class Run:
    wall: float
    cpu: float
    maxrss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_child(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None,
              timeout: float | None = 600, check: str = "") -> Run:
    """One process, timed alone (os.wait4 gives its own rusage); `check` names it in the error if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer:
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
        run = Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode,
                  out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
    if check and run.returncode != 0:
        raise RuntimeError(f"{check} failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return run


def build_site(ctx: Context, content: Path, out: Path, timeout: float = 600) -> Run:
    """A cold build: a new process, an output folder that does not exist yet."""
    set_aside(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return run_child([ctx.python, str(ctx.src / "build.py"), "--content", str(content), "--out", str(out)],
                     cwd=ctx.src, timeout=timeout, check=f"build of {content}")


NODE = WORK / "node"  # npm packages the benchmarks run (Lighthouse, the HTTP Observatory), not the project's


def node_package(name: str, version: str) -> Path:
    """The folder of npm package `name` at `version`, installed into bench/work/node/ if it is not
    there yet.  Install scripts are not run: they would fetch more from the network (the
    Observatory's fetch lists of public sites, which a scan of this machine does not need)."""
    folder = NODE / "node_modules" / name
    manifest = folder / "package.json"
    if not manifest.exists() or json.loads(manifest.read_text(encoding="utf-8"))["version"] != version:
        NODE.mkdir(parents=True, exist_ok=True)
        run_child(["npm", "install", "--prefix", str(NODE), "--no-audit", "--no-fund", "--ignore-scripts",
                   f"{name}@{version}"], timeout=900, check=f"npm install {name}@{version}")
    return folder


def count_html(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


median = statistics.median


def spread(values, digits: int = 3) -> str:
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}"


def ratio(value: float) -> str:
    return f"{value:.1f}×" if value >= 1 else f"{value:.2f}×"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows])


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "–"


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        return ""


def machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 platform.processor())
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 0
    dirty = " + uncommitted changes" if _git("status", "--porcelain", "--untracked-files=no") else ""
    return {
        "CPU": f"{model}, {len(os.sched_getaffinity(0))} cores usable",
        "memory": f"{pages / 2**30:.1f} GiB",
        "OS": platform.platform(),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": ", ".join(f"{d} {_version(d)}" for d in ("Jinja2", "MarkupSafe", "PyYAML", "Markdown",
                                                             "Babel", "nh3", "playwright")),
        "load average (1, 5, 15 min)": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "source": f"{_git('rev-parse', '--short=12', 'HEAD')} ({_git('branch', '--show-current')}){dirty}",
    }
