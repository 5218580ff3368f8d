"""Cold builds of the real content plus N-1 synthetic programme years (copies of the latest, `year:` changed)."""
from __future__ import annotations

import re
import shutil

from common import WORK, Context, Section, build_site, copy_content, count_html, median, set_aside, spread, table

YEAR_LINE = re.compile(r"^year:\s*\d{4}\s*$", re.M)


def make_content(ctx: Context, factor: int):
    content = copy_content(ctx, WORK / f"scale-{factor}" / "content")
    latest = max(int(p.name) for p in content.iterdir() if re.fullmatch(r"\d{4}", p.name))
    for year in range(latest + 1, latest + factor):
        shutil.copytree(content / str(latest), content / str(year))
        for program in (content / str(year) / "program.yaml", content / str(year) / "official" / "program.yaml"):
            program.write_text(YEAR_LINE.sub(f"year: {year}", program.read_text(encoding="utf-8"), count=1),
                               encoding="utf-8")
    return content


def run(ctx: Context) -> Section:
    rows, data, base, last = [], {}, None, None  # base: (ms per page, wall, pages) at the first scale
    for factor in ctx.scales:
        runs_wanted = min(ctx.runs, 3) if factor <= 10 else 1
        predicted = last[1] * factor / last[0] * 1.3 if last else 0.0
        if predicted > ctx.scale_budget:
            rows.append([f"{factor}×", f"skipped: {predicted:.0f} s predicted"] + [""] * 8)
            continue
        content, out = make_content(ctx, factor), WORK / f"scale-{factor}" / "site"
        ctx.log(f"scale {factor}×: {runs_wanted} run(s)")
        if factor <= 10:
            build_site(ctx, content, out)  # warm-up
        runs = [build_site(ctx, content, out, timeout=max(300.0, ctx.scale_budget * 2)) for _ in range(runs_wanted)]
        pages, wall = count_html(out), median(r.wall for r in runs)
        set_aside(out)
        per_page = wall / pages * 1000
        base = base or (per_page, wall, pages)
        last = (factor, wall)
        marginal = f"{(wall - base[1]) / (pages - base[2]) * 1000:.2f}" if pages > base[2] else "–"
        data[factor] = {"pages": pages, "wall_s": [r.wall for r in runs], "cpu_s": [r.cpu for r in runs],
                        "maxrss_mb": [r.maxrss_mb for r in runs], "per_page_vs_1x": per_page / base[0]}
        rows.append([f"{factor}×", pages, len(runs), f"{wall:.2f}", spread([r.wall for r in runs], 2),
                     f"{median(r.cpu for r in runs):.2f}", f"{per_page:.2f}", f"{per_page / base[0]:.2f}", marginal,
                     f"{max(r.maxrss_mb for r in runs):.0f}"])
    top = max(data)
    big = data[top]
    return Section("Scale", [table(["scale", "pages", "runs", "wall, median (s)", "min–max (s)", "CPU (s)",
                                    "ms per page", "per page vs 1×", "marginal ms per page", "peak memory (MiB)"],
                                   rows)],
                   headline=[(f"{top}× content build", f"{median(big['wall_s']):.1f} s, {big['pages']} pages, "
                              f"{max(big['maxrss_mb']):.0f} MiB", "≤ 60 s, ≤ 1 GB"),
                             (f"cost per page, {top}× / 1×", f"{big['per_page_vs_1x']:.2f}×", "≤ 1.2×")],
                   data=data)
