"""Cold full build of the real site: `build.py --out` in a new process, into a folder that does not exist."""
from __future__ import annotations

from common import WORK, Context, Section, build_site, count_html, median, spread, table


def run(ctx: Context) -> Section:
    out = WORK / "cold" / "site"
    ctx.log("cold build: 1 warm-up run (fills __pycache__ and the OS file cache), then "
            f"{ctx.runs} timed runs")
    build_site(ctx, ctx.content, out)
    runs = []
    for i in range(ctx.runs):
        runs.append(build_site(ctx, ctx.content, out))
        ctx.log(f"  run {i + 1}: {runs[-1].wall:.3f} s")
    pages = count_html(out)
    files = sum(1 for p in out.rglob("*") if p.is_file())
    ctx.shared["reference_site"] = out
    walls = [r.wall for r in runs]
    wall = median(walls)
    body = "\n".join([
        "`build.py --content content --out bench/work/cold/site`, a new process each time, into a folder "
        "that does not exist (the previous run's output is moved aside, and deleted after the last benchmark: "
        "on this machine's file system, creating files just after deleting thousands is slower, by an amount "
        "that depends on how many runs came before). Every run writes the whole site and moves it into place. Python "
        "start-up and imports are included. One untimed warm-up run first; the OS file cache and "
        "`__pycache__` are warm, as they are for staff who rebuild many times a day.",
        "",
        table(["figure", f"median of {ctx.runs}", "min–max"], [
            ["wall time (s)", f"{wall:.3f}", spread(walls)],
            ["CPU time, user + system (s)", f"{median(r.cpu for r in runs):.3f}", spread([r.cpu for r in runs])],
            ["pages (*.html)", pages, ""],
            ["files written", files, ""],
            ["pages per second", f"{pages / wall:.0f}", ""],
            ["ms per page", f"{wall / pages * 1000:.2f}", ""],
            ["peak memory, ru_maxrss (MiB)", f"{median(r.maxrss_mb for r in runs):.0f}",
             spread([r.maxrss_mb for r in runs], 0)],
        ]),
    ])
    return Section(
        "Cold full build", body,
        headline=[("cold full build of the Kartepe site", f"{wall:.3f} s ({pages} pages, {pages / wall:.0f} pages/s)",
                   "≤ 1.0 s")],
        data={"wall_s": walls, "cpu_s": [r.cpu for r in runs], "maxrss_mb": [r.maxrss_mb for r in runs],
              "pages": pages, "files": files},
    )
