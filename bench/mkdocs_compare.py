"""The same page bodies rendered by MkDocs, a Python generator like ours, as a ratio.

MkDocs reads Markdown only, so every page of our site becomes one Markdown
file whose text is that page's <main> HTML in a single raw-HTML block
(Markdown passes it through), at the same address, with one plain
template. MkDocs runs from its own virtual environment under bench/work,
so the project's environment keeps only what the project needs.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from common import WORK, Context, Section, built_pages, compare_with, run_child, set_aside

MKDOCS_VERSION = "1.6.1"
MKDOCS_DIR = WORK / "mkdocs"

TEMPLATE = """\
<!DOCTYPE html>
<html lang="{{ page.meta.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<main id="main">
{{ page.content }}
</main>
</body>
</html>
"""

# Nothing beyond the pages: no search index, no link checks, no navigation warnings.
CONFIG = {
    "site_name": "Benchmark", "docs_dir": "docs", "use_directory_urls": True, "plugins": [],
    "theme": {"name": None, "custom_dir": "theme"},
    "validation": {"nav": {"omitted_files": "ignore", "not_found": "ignore", "absent_link": "ignore"},
                   "links": {"not_found": "ignore", "anchors": "ignore", "absolute_links": "ignore",
                             "unrecognized_links": "ignore"}},
}


def mkdocs_python(ctx: Context) -> Path:
    """A virtual environment with MkDocs in it, made on first use."""
    venv = MKDOCS_DIR / "venv"
    python = venv / "bin" / "python"
    installed = run_child([str(python), "-c", "import mkdocs; print(mkdocs.__version__)"]).stdout.strip() \
        if python.exists() else ""
    if installed != MKDOCS_VERSION:
        ctx.log(f"installing mkdocs=={MKDOCS_VERSION} from PyPI into {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        f"mkdocs=={MKDOCS_VERSION}"], check=True)
    return python


def export(site: Path, source: Path) -> int:
    """One Markdown file per page of our site (YAML front matter, then the <main> HTML)."""
    set_aside(source)
    docs = source / "docs"
    (docs / "assets").mkdir(parents=True)
    (source / "theme").mkdir()
    (source / "theme" / "main.html").write_text(TEMPLATE)
    (source / "mkdocs.yml").write_text(json.dumps(CONFIG))  # JSON is YAML
    css = sorted((site / "assets").glob("style*.css"))
    if css:
        shutil.copy(css[0], docs / "assets" / "style.css")
    pages = built_pages(site)
    for page in pages:
        target = docs / (page.path[:-len(".html")] + ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        front = f"---\ntitle: {json.dumps(page.title, ensure_ascii=False)}\nlang: {page.lang or 'tr'}\n---\n\n"
        target.write_text(f"{front}<div class=\"page\">\n{page.body.strip()}\n</div>\n", encoding="utf-8")
    return len(pages)


def run(ctx: Context) -> Section:
    python = mkdocs_python(ctx)
    site = ctx.reference_site()
    source, out = MKDOCS_DIR / "source", MKDOCS_DIR / "site"
    exported = export(site, source)
    command = [str(python), "-m", "mkdocs", "build", "--quiet", "--config-file", str(source / "mkdocs.yml"),
               "--site-dir", str(out)]

    pair = compare_with(ctx, "MkDocs", command, out, exported, source)
    body = "\n".join([
        f"Each of our {exported} pages was exported as a Markdown file (YAML front matter with title and "
        "language) whose text is that page's `<main>` HTML in one raw-HTML block, at the same address; one "
        f"plain template (head, stylesheet link, `{{{{ page.content }}}}`); no plugins (so no search index), "
        f"no link validation. MkDocs {MKDOCS_VERSION} (PyPI, in its own virtual environment), a new process "
        "each run, into a folder that does not exist. Runs alternate with ours, as for Hugo.",
        "",
        "MkDocs still parses each page as Markdown (Python-Markdown), which Hugo's `.html` content skips; "
        "like Hugo it does not load YAML content, add up totals, or write the data files.",
        "",
        pair.table(["pages", exported, exported, ""]),
    ])
    return Section(
        "Compared with MkDocs", body,
        headline=[("our build / MkDocs on the same page bodies", pair.summary(), "–")],
        data={"mkdocs": MKDOCS_VERSION, "ours_s": pair.ours, "mkdocs_s": pair.theirs, "ratio": pair.ratio,
              "pages": exported},
    )
