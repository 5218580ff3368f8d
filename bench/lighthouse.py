"""Lighthouse's four scores on one page of each kind, in each language; writes bench/lighthouse.md.

    .venv/bin/python bench/lighthouse.py              # 3 runs a page, about 25 minutes on 2 cores
    .venv/bin/python bench/lighthouse.py --runs 1 --site /tmp/site

See bench/README.md (lighthouse) for how the pages are served and what the figures mean.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from common import ROOT, WORK, Context, build_site, machine, median, node_package, table  # noqa: E402

VERSION = "12.8.2"  # the last release that runs on Node 20
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
OUT = WORK / "lighthouse"


def lighthouse(cli: Path, url: str, report: Path) -> dict:
    """One run of Lighthouse's mobile audit (its defaults: a phone's screen, simulated slow 4G and a
    four times slower CPU) of `url` in the system's chromium; its JSON report."""
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    for attempt in range(3):  # on a busy machine a run now and then loses its trace (NO_NAVSTART)
        result = subprocess.run(["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
                                 f"--only-categories={','.join(CATEGORIES)}",
                                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                                capture_output=True, text=True, env=env, timeout=300)
        if result.returncode == 0:
            return json.loads(report.read_text(encoding="utf-8"))
    raise RuntimeError(f"lighthouse {url} failed ({result.returncode}): {result.stderr[-2000:]}")


def short(audits: dict[str, int], runs: int) -> str:
    return ", ".join(f"{name}" + (f" ({n} of {runs} runs)" if n < runs else "") for name, n in sorted(audits.items()))


def main(argv: list[str]) -> int:
    from portal.headers import headers_for
    from tests.html_pages import PAGE_KINDS
    from tests.local_web import static_server

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs a page; a score is their median")
    ap.add_argument("--site", type=Path, help="a built site (default: build the project's content)")
    args = ap.parse_args(argv)
    cli = node_package("lighthouse", VERSION) / "cli" / "index.js"
    if args.site is None:
        args.site = OUT / "site"
        build_site(Context(), ROOT / "content", args.site)
    OUT.mkdir(parents=True, exist_ok=True)
    started = datetime.now(timezone.utc)
    rows, below = [], 0
    with static_server(args.site, headers_for=headers_for, compress=True) as base:
        for kind, paths in PAGE_KINDS.items():
            for path in paths:
                scores: dict[str, list[int]] = {c: [] for c in CATEGORIES}
                short_of: dict[str, int] = {}  # audits that kept a score below 100, in how many runs
                name = re.sub(r"[^\w-]+", "_", path) or "root"
                for run in range(args.runs):
                    report = lighthouse(cli, f"{base}/{path}", OUT / f"{name}-{run}.json")
                    for category in CATEGORIES:
                        found = report["categories"][category]
                        scores[category].append(round(found["score"] * 100))
                        for ref in found["auditRefs"]:
                            audit = report["audits"][ref["id"]]
                            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                                label = f"{ref['id']} {audit.get('displayValue', '')}".strip()
                                short_of[ref["id"]] = short_of.get(ref["id"], 0) + 1
                                print(f"  {path or '/'}: {category}: {label}", flush=True)
                shown = []
                for category in CATEGORIES:
                    values = scores[category]
                    below += median(values) < 100
                    shown.append(f"{median(values):g}" + (f" ({min(values)}–{max(values)})"
                                                          if min(values) != max(values) else ""))
                rows.append([kind, f"`/{path}`", *shown, short(short_of, args.runs) or "–"])
                print(f"{kind}: /{path}: {' '.join(shown)}", flush=True)
    about = {"date": started.strftime("%Y-%m-%d %H:%M UTC"),
             "command": " ".join([".venv/bin/python bench/lighthouse.py", *argv]),
             "Lighthouse": f"{VERSION}, mobile form factor, default (simulated) throttling",
             "browser": subprocess.run([shutil.which("chromium") or "chromium", "--version"], capture_output=True,
                                       text=True).stdout.strip(),
             "Node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
             "runs a page": str(args.runs), **machine()}
    out = ["# Lighthouse", "", f"Scores (median of {args.runs} run(s); the range where runs differ) on one page of "
           "each kind, served from this machine with the host's headers and compression (bench/README.md, lighthouse). "
           f"{below} median score(s) below 100.", "",
           table(["kind", "page", *CATEGORIES, "audits short of full marks"], rows), "",
           table(["run", ""], [[k, v] for k, v in about.items()])]
    (BENCH / "lighthouse.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote bench/lighthouse.md; {below} median score(s) below 100")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
