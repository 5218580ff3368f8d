"""Run the benchmarks; write bench/results.md and bench/results.json (see bench/README.md)."""
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
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

import cold  # noqa: E402
import incremental  # noqa: E402
import profile_build  # noqa: E402
import scale  # noqa: E402
import weight  # noqa: E402
import years  # noqa: E402
from common import ROOT, WORK, Context, Section, empty_trash, machine, snapshot, table  # noqa: E402

BENCHMARKS = {  # in this order in results.md
    "cold": cold.run,
    "incremental": incremental.run,
    "scale": scale.run,
    "years": years.run,
    "page_weight": weight.page_weight,
    "search": weight.search,
    "profile": profile_build.run,
}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5, help="timed runs behind each median")
    ap.add_argument("--scales", default="1,10,100", help="content multiples for the scale benchmark")
    ap.add_argument("--scale-budget", type=float, default=180.0, help="seconds one scale run may take")
    ap.add_argument("--only", default="", help="comma-separated: " + ", ".join(BENCHMARKS))
    args = ap.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    if set(only) - set(BENCHMARKS):
        ap.error(f"unknown benchmark(s): {', '.join(sorted(set(only) - set(BENCHMARKS)))}")

    command = " ".join([".venv/bin/python bench/run.py", *argv])
    ctx = Context(runs=args.runs, scales=tuple(sorted(int(s) for s in args.scales.split(","))),
                  scale_budget=args.scale_budget)
    WORK.mkdir(parents=True, exist_ok=True)
    ctx.src = snapshot()
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    sections, runs, failed = [], [], []
    try:
        for name, bench in BENCHMARKS.items():
            if only and name not in only:
                continue
            load = os.getloadavg()[0]
            ctx.log(f"== {name} (load average {load:.2f})")
            t = time.perf_counter()
            try:
                sections.append((name, bench(ctx)))
            except Exception as exc:  # one broken benchmark must not lose the others' figures
                traceback.print_exc()
                failed.append(name)
                lines = [line for line in str(exc).splitlines() if line.strip()] or [""]
                sections.append((name, Section(name, [f"**failed:** `{type(exc).__name__}: {lines[0]} … {lines[-1]}`"])))
            runs.append([name, f"{time.perf_counter() - t:.0f}", f"{load:.2f}"])
    finally:
        empty_trash()
    elapsed = time.perf_counter() - t0

    target = WORK / "results-partial.md" if only else BENCH / "results.md"
    about = {"command": command, "date": started.strftime("%Y-%m-%d %H:%M UTC"),
             "whole run": f"{elapsed:.0f} s", **machine()}
    out = ["# Benchmarks", "", table(["run", ""], [["command", f"`{command}`"], *list(about.items())[1:]]), "",
           "## Summary", "", table(["what", "measured", "target"], [list(h) for _, s in sections for h in s.headline])]
    for _, s in sections:
        out += ["", f"## {s.title}"] + [x for t in s.tables for x in ("", t)]
    out += ["", "## Benchmark times", "", table(["benchmark", "took (s)", "load average at start"], runs)]
    target.write_text("\n".join(out) + "\n", encoding="utf-8")
    raw = {**about, "elapsed_s": elapsed, "benchmarks": {name: s.data for name, s in sections}}
    target.with_suffix(".json").write_text(json.dumps(raw, indent=1, ensure_ascii=False, default=str) + "\n",
                                           encoding="utf-8")
    ctx.log(f"wrote {target.relative_to(ROOT)} in {elapsed:.0f} s" + (f"; FAILED: {', '.join(failed)}" * bool(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
