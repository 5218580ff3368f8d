"""cProfile of one full build, Builder(content, out).full(), in a fresh process; top entries to bench/profile.txt."""
from __future__ import annotations

import cProfile
import io
import json
import pstats
import re
import sys
import sysconfig
import time
from pathlib import Path

TOP = 12


def child(src: Path, content: Path, out: Path, result: Path, text: Path) -> None:
    sys.path.insert(0, str(src))
    from portal.incremental import Builder

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.runcall(lambda: Builder(content, out).full())
    seconds = time.perf_counter() - start
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    for key, count in (("cumulative", 30), ("tottime", 20)):
        stats.sort_stats(key).print_stats(count)
    report = stream.getvalue()
    for prefix in (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"], str(src),
                   str(Path(__file__).resolve().parent.parent)):
        report = report.replace(prefix + "/", "")
    text.write_text(report, encoding="utf-8")
    top = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:TOP]
    result.write_text(json.dumps({"seconds": seconds, "top": [
        [re.sub(r" at 0x\w+", "", func) if f == "~" else f"{Path(f).parent.name}/{Path(f).name}:{line}({func})", nc, tt, ct]
        for (f, line, func), (_, nc, tt, ct, _) in top]}))


def run(ctx):
    from common import BENCH, WORK, Section, run_child, set_aside, table

    work = WORK / "profile"
    work.mkdir(parents=True, exist_ok=True)
    set_aside(work / "site")
    ctx.log("profile: one Builder.full() under cProfile")
    run_child([ctx.python, __file__, str(ctx.src), str(ctx.content), str(work / "site"), str(work / "result.json"),
               str(BENCH / "profile.txt")], cwd=ctx.src, check="profile child")
    prof = json.loads((work / "result.json").read_text())
    rows = [[f"`{name}`", calls, f"{tt:.3f}", f"{tt / prof['seconds'] * 100:.0f}%", f"{ct:.3f}"]
            for name, calls, tt, ct in prof["top"]]
    return Section("Profile (more in profile.txt)", [
        table([f"Builder.full() under cProfile, {prof['seconds']:.2f} s: by self time", "calls", "self (s)", "share", "cumulative (s)"], rows)],
        headline=[("most self time (profile)", ", ".join(f"`{top[0]}`" for top in prof["top"][:3]), "")], data=prof)

if __name__ == "__main__":
    child(*map(Path, sys.argv[1:]))
