"""Run every benchmark and write bench/results.md (and the raw figures to bench/results.json).

    .venv/bin/python bench/run.py                  # everything, ~3 minutes on 2 cores
    .venv/bin/python bench/run.py --only scale     # some of them; written to bench/work/ instead
    .venv/bin/python bench/run.py --runs 3 --scales 1,10

A benchmark is a function `run(ctx: Context) -> Section` in BENCHMARKS below.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
VENV_PYTHON = BENCH.parent / ".venv" / "bin" / "python"
if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])
sys.path.insert(0, str(BENCH))

import cold_build  # noqa: E402
import hugo_compare  # noqa: E402
import page_weight  # noqa: E402
import incremental  # noqa: E402
import mkdocs_compare  # noqa: E402
import profile_build  # noqa: E402
import scale  # noqa: E402
import search_payload  # noqa: E402
from common import ROOT, WORK, Context, Section, empty_trash, machine, snapshot, table  # noqa: E402

# In this order in results.md. Add a benchmark by adding its function here.
BENCHMARKS = [
    cold_build.run,
    hugo_compare.run,
    mkdocs_compare.run,
    incremental.run,
    scale.run,
    page_weight.run,
    search_payload.run,
    profile_build.run,
]


def name_of(fn) -> str:
    return fn.__module__ if fn.__name__ == "run" else fn.__name__


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs behind each median (default 5)")
    ap.add_argument("--scales", default="1,10,100", help="content multiples for the scale benchmark")
    ap.add_argument("--scale-budget", type=float, default=180.0,
                    help="skip a scale whose one run is predicted to take longer (seconds)")
    ap.add_argument("--only", default="", help="comma-separated benchmark names: "
                    + ", ".join(name_of(b) for b in BENCHMARKS))
    args = ap.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = only - {name_of(b) for b in BENCHMARKS}
    if unknown:
        ap.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    command = ".venv/bin/python bench/run.py" + ("".join(f" {a}" for a in argv) if argv else "")
    ctx = Context(runs=args.runs, scales=tuple(sorted(int(s) for s in args.scales.split(","))),
                  scale_budget=args.scale_budget)
    WORK.mkdir(parents=True, exist_ok=True)
    ctx.src = snapshot()  # one version of the code and content for the whole run
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    sections: list[Section] = []
    failed = []
    try:
        for bench in BENCHMARKS:
            if only and name_of(bench) not in only:
                continue
            sections.append(run_one(bench, ctx, failed))
    finally:
        empty_trash()
    elapsed = time.perf_counter() - t0

    target = BENCH / "results.md" if not only else WORK / "results-partial.md"
    text = render(sections, command, started, elapsed)
    target.write_text(text, encoding="utf-8")
    raw = {"date": started.isoformat(timespec="seconds"), "command": command, "machine": machine(),
           "elapsed_s": elapsed, "sections": {s.title: s.data for s in sections}}
    target.with_suffix(".json").write_text(json.dumps(raw, indent=1, ensure_ascii=False, default=str) + "\n",
                                           encoding="utf-8")
    ctx.log(f"wrote {target.relative_to(ROOT)} in {elapsed:.0f} s"
            + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


def run_one(bench, ctx: Context, failed: list[str]) -> Section:
    load = os.getloadavg()[0]
    ctx.log(f"== {name_of(bench)} (load average {load:.2f})")
    t = time.perf_counter()
    try:
        section = bench(ctx)
    except Exception as exc:  # one broken benchmark must not lose the others' figures
        traceback.print_exc()
        failed.append(name_of(bench))
        section = Section(name_of(bench), f"**Failed:** `{type(exc).__name__}: {exc}`".replace("\n", " "))
    section.data["benchmark_s"] = time.perf_counter() - t
    section.data["load_average_at_start"] = load
    if bench.__name__ == "run":  # measured, not a placeholder
        section.body += (f"\n\n*Took {section.data['benchmark_s']:.0f} s; 1-minute load average when it started: "
                         f"{load:.2f} on {os.cpu_count()} cores.*")
    return section


def render(sections: list[Section], command: str, started: datetime, elapsed: float) -> str:
    headline = [[what, measured, target or "–"] for s in sections for what, measured, target in s.headline]
    out = [
        "# Benchmarks",
        "",
        f"Written by `{command}` (from the project folder) on "
        f"{started.strftime('%Y-%m-%d %H:%M')} UTC; the whole run took {elapsed:.0f} s. "
        "Every figure is the median of several runs unless it says otherwise; comparisons were run "
        "side by side in this same run and are given as ratios. Targets are those of issue 9.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in machine().items()],
        "",
        "## Summary",
        "",
        table(["what", "measured", "target"], headline),
    ]
    for s in sections:
        out += ["", f"## {s.title}", "", s.body]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
