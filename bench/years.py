"""Build time for 1, 2 and 3 programme years: it should grow linearly with the years.

    .venv/bin/python bench/years.py [--runs 5]

The extra programmes are made from the content as the tests make them
(tests/second_programme.py): 2025 with a renumbered, an ended and a new
activity, 2026 from 2025.  Each build is the command staff run, timed
from start to exit (and its CPU time, steadier on a busy machine); the
median of the runs is printed per year count.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.second_programme import add_programme  # noqa: E402


def contents(work: Path) -> dict[int, Path]:
    out = {}
    for years in (1, 2, 3):
        content = work / f"content-{years}"
        shutil.copytree(ROOT / "content", content)
        if years >= 2:
            add_programme(content, 2025)
        if years >= 3:
            add_programme(content, 2026, goal_changes=False)
        out[years] = content
    return out


def timed_build(content: Path, out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, of the build and its worker processes):
    the CPU figure stays put when other work shares the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out)],
                   check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for years, content in contents(work).items():
            timed_build(content, work / f"warm-{years}")  # the prose cache and compiled templates
            samples = [timed_build(content, work / f"site-{years}-{i}") for i in range(args.runs)]
            walls, cpus = [w for w, _ in samples], [c for _, c in samples]
            pages = sum(1 for _ in (work / f"site-{years}-0").rglob("*.html"))
            print(f"{years} year(s): {pages} pages, median {statistics.median(walls):.2f} s wall "
                  f"(min {min(walls):.2f}, max {max(walls):.2f}), {statistics.median(cpus):.2f} s CPU, "
                  f"{args.runs} runs")


if __name__ == "__main__":
    main()
