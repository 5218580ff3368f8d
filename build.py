"""Build the performance-programme portal.

    python build.py [--out site] [--base-url /prefix/] [--content content]
    python build.py serve [--port 8000] [--host 127.0.0.1]
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _use_project_environment() -> None:
    """Run inside the project's virtual environment when the packages are only there.
    They are looked for, not imported: Markdown is imported only when prose needs converting."""
    if not all(importlib.util.find_spec(name) for name in ("babel", "jinja2", "markdown", "nh3", "yaml")):
        venv_python = ROOT / ".venv" / "bin" / "python"
        if venv_python.exists() and Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
            os.execv(str(venv_python), [str(venv_python), str(ROOT / "build.py"), *sys.argv[1:]])
        sys.exit("error: the project's packages are missing; run scripts/setup (or scripts/serve) first")


def _keep_bytecode() -> None:
    """Keep the compiled modules under .cache/python, never beside the sources, even where
    the environment asks Python to write none: every build and preview is a new process,
    and compiling the generator's modules again took a tenth of a second of each."""
    if sys.dont_write_bytecode:
        sys.pycache_prefix = str(ROOT / ".cache" / "python")
        sys.dont_write_bytecode = False


_use_project_environment()
_keep_bytecode()

from jinja2 import TemplateError  # noqa: E402

from portal.errors import ContentError, WorkerError, template_frame, template_location  # noqa: E402
from portal.write import DuplicateOutput, UnsafeTarget, check_target  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="build.py", description="Build the performance-programme portal.")
    ap.add_argument("command", nargs="?", choices=("build", "serve"), default="build")
    ap.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")
    ap.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default: site/)")
    ap.add_argument("--base-url", default="/", help="URL prefix the site is served under, e.g. /kartepe/")
    ap.add_argument("--port", type=int, default=8000, help="preview port (serve)")
    ap.add_argument("--host", default="127.0.0.1", help="preview address (serve)")
    args = ap.parse_args(argv)
    if not args.base_url.startswith("/") or args.base_url.startswith("//"):
        ap.error("--base-url must be a path on this site, starting with one '/' (e.g. /kartepe/)")
    args.base_url = args.base_url.rstrip("/") + "/"
    return args


def run_build(args: argparse.Namespace) -> int:
    from portal.pipeline import build

    try:
        check_target(args.out, keep=(ROOT, args.content), never_inside=(args.content,))
        result = build(args.content, args.out, args.base_url)
    except ContentError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"build failed: {len(exc.problems)} problem(s); {args.out} was left as it was",
              file=sys.stderr)
        return 1
    except (DuplicateOutput, UnsafeTarget, WorkerError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except TemplateError as exc:
        print(f"error: {template_location(exc)}: {exc.message or type(exc).__name__}", file=sys.stderr)
        print(f"build failed: a template has a problem; {args.out} was left as it was", file=sys.stderr)
        return 1
    except Exception as exc:
        where = template_frame(exc)
        if where is None:
            raise  # a fault in the generator itself, not in what people edit: keep the traceback
        print(f"error: {where}: {type(exc).__name__}: {exc}", file=sys.stderr)
        print(f"build failed: a template has a problem; {args.out} was left as it was", file=sys.stderr)
        return 1
    from portal.reconcile import entries
    from portal.untranslated import stale_translations

    stale = stale_translations(result.site)
    for line in [*result.untranslated, *stale]:
        print(f"warning: {line}", file=sys.stderr)
    for line in result.unmatched:
        print(f"warning: {line}", file=sys.stderr)
    programs = result.site.programs.values()
    for line in (w for p in programs for w in p.warnings):
        print(f"warning: {line}", file=sys.stderr)
    corrected = sum(len(p.corrected) for p in programs)
    places = sum(len(d) for d in result.discrepancies.values())
    gaps = sum(len(entries(d)) for d in result.discrepancies.values())
    print(f"built {result.pages} pages ({result.files} files) into {args.out}; "
          f"{len(result.untranslated)} field(s) not yet translated"
          + (f", {len(stale)} translation(s) possibly out of date" if stale else "") + "; "
          + (f"{corrected} correction(s) of the official document published; " if corrected else "") +
          f"{gaps} disagreement(s) in the source document, shown in {places} place(s), listed on the data-notes page"
          + (f"; {len(result.unmatched)} item(s) not matched across programme years (see the warnings)"
             if result.unmatched else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "serve":
        from portal.serve import serve

        return serve(args)
    return run_build(args)


if __name__ == "__main__":
    status = main()
    # Nothing is left to do but flush the output streams: the interpreter's own teardown,
    # object by object, would add about 30 ms to every build.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
