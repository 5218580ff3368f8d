"""Scale: the real content multiplied into synthetic programme years, built at 1x, 10x, 100x.

The content model holds one municipality with any number of programme
years, so N-times content is the real content plus N-1 extra year folders,
each a copy of the latest real year with `year:` changed (the loader
requires the year to match its folder name).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from common import WORK, Context, Section, build_site, count_html, median, set_aside, spread, table

YEAR_DIR = re.compile(r"^\d{4}$")
YEAR_LINE = re.compile(r"^year:\s*\d{4}\s*$", re.M)


def make_content(source: Path, factor: int, dest: Path) -> Path:
    """dest/content: the real content with factor-1 synthetic programme years added."""
    set_aside(dest)
    content = dest / "content"
    shutil.copytree(source, content)
    years = sorted(int(p.name) for p in content.iterdir() if p.is_dir() and YEAR_DIR.match(p.name))
    latest = years[-1]
    for year in range(latest + 1, latest + factor):
        folder = content / str(year)
        shutil.copytree(content / str(latest), folder)
        program = folder / "program.yaml"
        text, n = YEAR_LINE.subn(f"year: {year}", program.read_text(encoding="utf-8"), count=1)
        if n != 1:
            raise RuntimeError(f"no 'year:' line in {program}")
        program.write_text(text, encoding="utf-8")
    return content


def run(ctx: Context) -> Section:
    rows, data = [], {}
    base = None  # (seconds per page, wall, pages) at 1x
    last = None  # (factor, median wall) of the largest scale built so far
    notes = []
    for factor in ctx.scales:
        work = WORK / f"scale-{factor}"
        runs_wanted = min(ctx.runs, 3) if factor <= 10 else 1
        if last:
            predicted = last[1] * factor / last[0] * 1.3  # linear, plus 30% for growth
            if predicted > ctx.scale_budget:
                notes.append(f"{factor}× skipped: one run was predicted to take {predicted:.0f} s, over "
                             f"the {ctx.scale_budget:.0f} s budget.")
                ctx.log(notes[-1])
                continue
            runs_wanted = max(1, min(runs_wanted, int(ctx.scale_budget // predicted)))
        content = make_content(ctx.content, factor, work)
        out = work / "site"
        ctx.log(f"scale {factor}×: {runs_wanted} run(s)")
        if factor <= 10:
            build_site(ctx, content, out)  # warm-up for the cheap scales
        runs = []
        try:
            for i in range(runs_wanted):
                runs.append(build_site(ctx, content, out, timeout=max(300.0, ctx.scale_budget * 2)))
                ctx.log(f"  run {i + 1}: {runs[-1].wall:.2f} s, {runs[-1].maxrss_mb:.0f} MiB")
        except RuntimeError as exc:
            if base is None:
                raise
            lines = [line for line in str(exc).splitlines() if line.strip()]
            notes.append(f"{factor}× failed: {lines[0]} … {lines[-1] if len(lines) > 1 else ''}")
            ctx.log(notes[-1])
            set_aside(out)
            continue
        pages = count_html(out)
        wall = median(r.wall for r in runs)
        per_page = wall / pages
        if base is None:
            base = (per_page, wall, pages)
        last = (factor, wall)
        ratio = per_page / base[0]
        marginal = ((wall - base[1]) / (pages - base[2]) * 1000) if pages > base[2] else None
        rows.append([f"{factor}×", pages, len(runs), f"{wall:.2f}", spread([r.wall for r in runs]),
                     f"{median(r.cpu for r in runs):.2f}", f"{per_page * 1000:.2f}", f"{ratio:.2f}",
                     f"{marginal:.2f}" if marginal is not None else "–",
                     f"{max(r.maxrss_mb for r in runs):.0f}"])
        data[f"{factor}×"] = {"pages": pages, "wall_s": [r.wall for r in runs], "cpu_s": [r.cpu for r in runs],
                              "maxrss_mb": [r.maxrss_mb for r in runs], "ms_per_page": per_page * 1000,
                              "per_page_vs_1x": ratio}
        set_aside(out)  # deleted after the last benchmark, not between timed runs
    largest = max(data, key=lambda k: int(k[:-1]))
    big = data[largest]
    within = big["per_page_vs_1x"] <= 1.2
    verdict = (f"Cost per page at {largest}: {big['per_page_vs_1x']:.2f}× the 1× cost — "
               f"{'within' if within else 'NOT within'} 20% of 1×. The 1× figure carries the fixed start-up "
               "cost (interpreter, imports, template compilation) over few pages; the marginal column "
               "(extra time / extra pages, against 1×) shows the cost of one more page without it.")
    body = "\n".join([
        "Synthetic programmes: `bench/work/scale-N/content` is the real content plus N−1 extra programme "
        "years (copies of the latest year, `year:` changed). Same shape as the real programme, one "
        "municipality; pages grow with N. Each row is a cold build (new process, empty output folder); "
        "peak memory is `ru_maxrss` of that child from `os.wait4`. 1× and 10× have a warm-up run; the "
        "100× row is fewer runs to keep the whole benchmark within minutes.",
        "",
        table(["scale", "pages", "runs", "wall, median (s)", "min–max (s)", "CPU (s)", "ms per page",
               "per page vs 1×", "marginal ms per page", "peak memory (MiB)"], rows),
        "",
        verdict,
        *(["", *notes] if notes else []),
    ])
    headline = [(f"{f}× content build", f"not measured: {next((n for n in notes if n.startswith(f'{f}×')), '')}",
                 "≤ 60 s, ≤ 1 GB") for f in ctx.scales if f"{f}×" not in data]
    headline += [(f"{largest} content build", f"{median(big['wall_s']):.1f} s, {big['pages']} pages, "
                 f"peak {max(big['maxrss_mb']):.0f} MiB", "≤ 60 s, ≤ 1 GB"),
                (f"cost per page at {largest} vs 1×", f"{big['per_page_vs_1x']:.2f}×", "within 20% (≤ 1.2×)")]
    return Section("Scale", body, headline=headline, data=data)
