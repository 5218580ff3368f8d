"""Where a build spends its time: phase timings without a profiler, then one build under cProfile.

As a benchmark, `run(ctx)` starts this file as a child process twice over
(fresh interpreter, so imports and template compilation are counted):

    python bench/profile_build.py phases  CONTENT OUT JSON
    python bench/profile_build.py profile CONTENT OUT JSON PROFILE_TXT

The profile's top 25 cumulative entries go to bench/profile.txt.
"""
from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SRC = Path(os.environ.get("BENCH_SRC", ROOT))  # the project copy to import portal from

# (label, how, [(file suffix, function name or None for any)], umbrella?)
# how: "cum-sum" adds cumulative times (functions that do not call each other),
#      "cum-max" takes the outermost of nested ones, "self" adds self (internal) times.
BUCKETS = [
    ("rendering the pages (Jinja templates, everything below that runs inside them)", "cum-max",
     [("portal/render.py", "_render")], True),
    ("loading and checking the content (YAML → model)", "cum-max", [("portal/load.py", "load")], False),
    ("translated UI strings: gettext calls from the templates", "cum-sum",
     [("portal/render.py", "gettext"), ("portal/render.py", "ngettext")], False),
    ("number, money and percent formatting (Babel)", "cum-sum",
     [("babel/numbers.py", "format_decimal"), ("babel/numbers.py", "format_percent"),
      ("babel/numbers.py", "format_compact_decimal"), ("babel/numbers.py", "format_currency")], False),
    ("Jinja runtime (self time): mostly Context.call, the wrapper around every call a template makes "
     "into Python (gettext, formatting, links, macros)", "self",
     [("jinja2/runtime.py", None), ("portal/render.py", "call")], False),
    ("compiling the templates (Jinja parse + code generation)", "cum-sum",
     [("jinja2/environment.py", "compile")], False),
    ("HTML escaping (MarkupSafe, self time)", "self", [("markupsafe/__init__.py", None)], False),
    ("Markdown → HTML", "cum-sum", [("portal/markdown.py", "to_html")], False),
    ("reconciling the document's own totals", "cum-max", [("portal/reconcile.py", "reconcile")], False),
    ("open data (CSV, JSON)", "cum-sum", [("portal/outputs/open_data.py", "activities_csv"),
                                          ("portal/outputs/open_data.py", "program_json")], False),
    ("search index", "cum-max", [("portal/outputs/search.py", None)], False),
    ("sitemap", "cum-max", [("portal/outputs/sitemap.py", None)], False),
    ("writing the files and swapping the folder in", "cum-max",
     [("portal/write.py", "write_atomically")], False),
]


def _short(text: str) -> str:
    """Shorter paths in the printed profile."""
    site_packages = next((p for p in sys.path if p.endswith("site-packages")), None)
    if site_packages:
        text = text.replace(site_packages + "/", "")
    return text.replace(str(SRC) + "/", "").replace(str(ROOT) + "/", "")


def buckets(stats) -> list[dict]:
    out = []
    for label, how, specs, umbrella in BUCKETS:
        found = []  # (seconds, calls)
        for (filename, _line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
            name = filename.replace("\\", "/")
            if any(name.endswith(suffix) and (fn is None or func == fn) for suffix, fn in specs):
                found.append((tt if how == "self" else ct, nc))
        if not found:
            continue
        if how == "cum-max":
            seconds, calls = max(found)
        else:
            seconds, calls = sum(f[0] for f in found), sum(f[1] for f in found)
        named = all(fn is not None for _, fn in specs)
        out.append({"label": label, "seconds": seconds, "calls": calls if named else None,
                    "umbrella": umbrella})
    return out


def template_calls(stats) -> int:
    """How often templates called into Python: every such call goes through Context.call
    (portal/render.py's, which hands some on to jinja2's)."""
    return sum(nc for (filename, _line, func), (_cc, nc, *_rest) in stats.stats.items()
               if filename.replace("\\", "/").endswith("portal/render.py") and func == "call")


def child_phases(content: Path, out: Path, result: Path) -> None:
    """portal.pipeline.build as it is, with its steps (load, render, write_atomically) timed in place."""
    t0 = time.perf_counter()
    sys.path.insert(0, str(SRC))
    import portal.pipeline as pipeline
    times: dict[str, float] = {"import": time.perf_counter() - t0}
    seen: dict = {}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                value = fn(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + time.perf_counter() - t
            seen.setdefault(name, value)
            return value
        return wrapper

    for step, name in (("load", "load"), ("render", "render")):
        if not hasattr(pipeline, name):
            raise RuntimeError(f"portal.pipeline has no {name}(): update bench/profile_build.py")
        setattr(pipeline, name, timed(step, getattr(pipeline, name)))
    if not hasattr(pipeline, "StagedSite"):
        raise RuntimeError("portal.pipeline has no StagedSite: update bench/profile_build.py")
    pipeline.StagedSite.commit = timed("write", pipeline.StagedSite.commit)
    t = time.perf_counter()
    pipeline.build(content, out)
    whole = time.perf_counter() - t
    missing = {"load", "render", "write"} - set(times)
    if missing:
        raise RuntimeError(f"build() no longer calls {', '.join(sorted(missing))}: update bench/profile_build.py")
    if times.get("write") is None:
        times["write"] = 0.0
    times["other"] = max(0.0, whole - times["load"] - times["render"] - times["write"])
    times["pages"] = sum(1 for _ in out.rglob("*.html"))
    result.write_text(json.dumps(times))


def child_profile(content: Path, out: Path, result: Path, profile_txt: Path) -> None:
    import cProfile
    import pstats

    t0 = time.perf_counter()
    sys.path.insert(0, str(SRC))
    from portal.load import load
    from portal.pipeline import render
    from portal.write import Output, write_atomically
    imported = time.perf_counter() - t0
    # build() renders half the pages in a forked worker, which cProfile cannot see: profile the
    # same work in this one process (into memory, then written), as the preview builds do
    serial_note = ("Rendered serially into memory, then written (the preview's path), so that all of the "
                   "work shows in one profile; a real build splits page rendering across two processes.\n")
    profiler = cProfile.Profile()
    t1 = time.perf_counter()
    profiler.enable()
    site = load(content)
    output = Output()
    render(site, output)
    write_atomically(output, out)
    profiler.disable()
    profiled = time.perf_counter() - t1
    pages = sum(1 for _ in out.rglob("*.html"))

    stats = pstats.Stats(profiler)
    text = io.StringIO()
    for key, count, title in (("cumulative", 25, "Top 25 by cumulative time"),
                              ("tottime", 15, "Top 15 by internal (self) time, for reference")):
        stats.stream = text
        text.write(f"\n==== {title} ====\n")
        stats.sort_stats(key).print_stats(count)
    header = ("cProfile of one full build: portal.pipeline.build(content, out), in one process.\n"
              "Written by bench/run.py; regenerate with `.venv/bin/python bench/run.py`.\n"
              + serial_note +
              f"Build under the profiler: {profiled:.3f} s (the profiler slows call-heavy code down "
              f"several times over; see bench/results.md for the unprofiled phases). "
              f"Import of portal.pipeline before it: {imported:.3f} s.\n")
    profile_txt.write_text(header + _short(text.getvalue()))
    result.write_text(json.dumps({"profiled_s": profiled, "import_s": imported, "buckets": buckets(stats),
                                  "template_calls": template_calls(stats), "pages": pages,
                                  "serial_note": serial_note.strip()}))


# -------------------------------------------------------------- benchmark
def calls(n: int | None, pages: int) -> str:
    if not n:
        return "–"
    return f"{n:,} ({n / pages:.0f} per page)" if n >= pages else f"{n:,}"


def run(ctx):
    from common import WORK, Section, median, run_child, spread, table

    content, out = ctx.content, WORK / "profile" / "site"
    out.parent.mkdir(parents=True, exist_ok=True)
    result = WORK / "profile" / "result.json"

    def child(*args: str) -> dict:
        r = run_child([ctx.python, str(Path(__file__)), *args], cwd=ctx.src, timeout=300,
                      env=dict(os.environ, BENCH_SRC=str(ctx.src)))
        if r.returncode != 0:
            raise RuntimeError(f"profile child failed:\n{r.stderr[-2000:]}")
        return json.loads(result.read_text())

    ctx.log(f"phases: {ctx.runs} unprofiled in-process builds")
    try:
        child("phases", str(content), str(out), str(result))  # warm-up
        phases = [child("phases", str(content), str(out), str(result)) for _ in range(ctx.runs)]
        phase_error = None
    except RuntimeError as exc:  # the pipeline's inner steps changed shape: keep the profile at least
        phases, phase_error = [], str(exc).strip().splitlines()[-1]
        ctx.log(f"phase timing failed: {phase_error}")
    ctx.log("profile: one build under cProfile")
    prof = child("profile", str(content), str(out), str(result), str(BENCH / "profile.txt"))

    names = ["import", "load", "render", "write", "other"]
    labels = {"import": "importing portal and its libraries", "load": "load: content files → checked model",
              "render": "render and write every page, data file and sitemap to a staging folder (two processes)",
              "write": "swap the staging folder in",
              "other": "the rest of build() (e.g. listing untranslated fields)"}
    if phases:
        total = median([sum(p[n] for n in names) for p in phases])
        phase_rows = [[labels[n], f"{median(p[n] for p in phases):.3f}", spread([p[n] for p in phases]),
                       f"{median(p[n] for p in phases) / total * 100:.0f}%"] for n in names]
        phase_rows.append(["total in-process", f"{total:.3f}", "", "100%"])
        phase_text = table(["phase", "median (s)", "min–max (s)", "share"], phase_rows)
    else:
        phase_text = f"*Phase timing failed:* `{phase_error}` (bench/profile_build.py `child_phases` " \
                     "follows portal.pipeline.build's steps; update it when they change)."

    items = prof["buckets"]
    whole = prof["profiled_s"]
    ranked = sorted((b for b in items if not b["umbrella"]), key=lambda b: -b["seconds"])
    top3 = ranked[:3]
    pages = prof["pages"]
    rows = [[b["label"] + (" *(umbrella)*" if b["umbrella"] else ""), f"{b['seconds']:.3f}",
             f"{b['seconds'] / whole * 100:.0f}%", calls(b["calls"], pages)]
            for b in sorted(items, key=lambda b: (not b["umbrella"], -b["seconds"]))]
    summary = "; ".join(f"**{i + 1}. {b['label']}** ({b['seconds'] / whole * 100:.0f}% of the profiled build)"
                        for i, b in enumerate(top3))
    body = "\n".join([
        f"Phases of `portal.pipeline.build` as it runs (its calls to load, render and the staging folder's commit "
        f"timed in place), in a fresh process, no profiler; median of {ctx.runs}, after a warm-up:",
        "",
        phase_text,
        "",
        f"One build under cProfile (`from portal.pipeline import build`): {whole:.2f} s under the profiler. "
        + (prof["serial_note"].replace("\n", " ") + " " if prof.get("serial_note") else "") +
        "The profiler inflates code that makes many small calls, so read the shares, not the seconds. "
        "Top 25 cumulative entries in [`bench/profile.txt`](profile.txt). Grouped by what the time "
        "is spent on (cumulative time of the entry points, or self time where marked; the groups "
        "overlap a little, and all but loading, open data, reconciling, search, sitemap and writing run "
        "inside page rendering):",
        "",
        table(["where", "seconds under profiler", "share of the build", "calls"], rows),
        "",
        f"Templates called into Python {prof['template_calls'] / pages:.0f} times per page on average "
        f"({prof['template_calls']} calls through `Context.call` for {pages} pages).",
        "",
        f"The three most expensive things: {summary}.",
    ])
    return Section(
        "Profile", body,
        headline=[("most expensive (profile)", "; ".join(b["label"].split(":")[0].split(" (")[0]
                                                          for b in top3), "")],
        data={"phases": phases, "profile": prof},
    )


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "phases":
        child_phases(Path(args[0]), Path(args[1]), Path(args[2]))
    elif mode == "profile":
        child_profile(Path(args[0]), Path(args[1]), Path(args[2]), Path(args[3]))
    else:
        sys.exit(f"unknown mode {mode!r}")
