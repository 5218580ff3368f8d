"""Cold builds of 1, 2 and 3 programme years: the time should grow linearly with the years."""
from __future__ import annotations

from common import WORK, Context, Section, build_site, copy_content, count_html, median, set_aside, spread, table


def make_content(ctx: Context, years: int):
    """The real content plus programmes made from it as the tests make them."""
    from tests.second_programme import add_programme

    content = copy_content(ctx, WORK / f"years-{years}" / "content")
    if years >= 2:
        add_programme(content, 2025)
    if years >= 3:
        add_programme(content, 2026, goal_changes=False)
    return content


def run(ctx: Context) -> Section:
    rows, data = [], {}
    for years in (1, 2, 3):
        content, out = make_content(ctx, years), WORK / f"years-{years}" / "site"
        ctx.log(f"years {years}: {ctx.runs} run(s)")
        build_site(ctx, content, out)  # warm-up
        runs = [build_site(ctx, content, out) for _ in range(ctx.runs)]
        pages = count_html(out)
        set_aside(out)
        data[years] = {"pages": pages, "wall_s": [r.wall for r in runs], "cpu_s": [r.cpu for r in runs]}
        rows.append([years, pages, f"{median(r.wall for r in runs):.2f}", spread([r.wall for r in runs], 2),
                     f"{median(r.cpu for r in runs):.2f}"])
    one, three = median(data[1]["wall_s"]), median(data[3]["wall_s"])
    return Section("Programme years", [table(["years", "pages", "wall, median (s)", "min–max (s)", "CPU (s)"], rows)],
                   headline=[("3 programme years / 1", f"{three / one:.1f}× the time, "
                              f"{data[3]['pages'] / data[1]['pages']:.1f}× the pages", "linear")],
                   data=data)

