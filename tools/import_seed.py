"""Import one year's performance programme from its official text into content/.

    python tools/import_seed.py PROGRAMME.txt [--content content] [--year 2025] [--check] [--force]

The year and the municipality are read from the document.  Every file is
prepared first and written at once, or nothing is written.  Every problem
is one line, `PROGRAMME.txt:LINE: what is wrong`, and the exit status is 1.
Re-running it refreshes what the document says and keeps what people
wrote: English translations, descriptions and notes survive.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from tools.importer.crosscheck import report  # noqa: E402
from tools.importer.decode import decode  # noqa: E402
from tools.importer.documents import documents, site_file, web_address  # noqa: E402
from tools.importer.errors import ImportProblem  # noqa: E402
from tools.importer.labels import key  # noqa: E402
from tools.importer.read import read_programme  # noqa: E402
from tools.importer.statements import check_statements  # noqa: E402
from tools.importer.write import prepare, write_all  # noqa: E402


def _site_municipality(content: Path) -> str:
    try:
        data = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
        return str(data["municipality"]["tr"])
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return ""


def identity_problem(programme, args) -> str | None:
    """Why this document must not go where it would go, or None."""
    if args.year is not None and args.year != programme.year and not args.force:
        return (f"the document's title says {programme.year}, not {args.year}; leave out --year (or give "
                f"--force to file it under {args.year} all the same)")
    ours = _site_municipality(args.content)
    if ours and key(ours) != key(programme.municipality) and not args.force:
        return (f"this is {programme.municipality}'s programme, but {args.content}/site.yaml is for {ours}; "
                f"import it into its own content folder (--content), or give --force")
    return None


def run(args) -> int:
    name = str(args.seed)
    try:
        data = args.seed.read_bytes()
    except OSError as exc:
        print(f"{name}:1: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        programme = read_programme(data)
        problem = identity_problem(programme, args)
        if problem:
            raise ImportProblem(1, problem)
        if args.year is not None:
            programme.year = args.year
            programme.pages = {rel.replace(rel.split("/")[0], str(args.year), 1): text
                               for rel, text in programme.pages.items()}
        check_statements(args.content / str(programme.year) / "statements.yaml", programme.year, programme.pages,
                         programme.captions)
        docs = documents(programme)
        site = site_file(programme.municipality, web_address(decode(data)))
        prefilled: list[str] = []
        files, remove = prepare(args.content, programme.year, docs, programme.pages, site, prefilled)
    except ImportProblem as exc:
        print(exc.where(name), file=sys.stderr)
        return 1
    for note in programme.notes:
        print(f"{name}: note: {note}", file=sys.stderr)
    summary = (f"{programme.year} programme of {programme.municipality}: {len(programme.goals)} goals, "
               f"{len(programme.activities)} activities, {len(programme.units)} units")
    if args.check:
        width = max(len(w) for w, _, _ in report(programme))
        print(f"{'':{width}}  {'the document states':>22}  {'the importer found':>22}")
        for what, stated, found in report(programme):
            print(f"{what:{width}}  {stated:>22}  {found:>22}")
        print(f"{summary}; --check: nothing written")
        return 0
    try:
        write_all(args.content, files, remove)
    except OSError as exc:
        print(f"{args.content}:1: could not write the content folder ({exc}); it was left as it was",
              file=sys.stderr)
        return 1
    if "site.yaml" in files:
        print(f"{name}: note: wrote {args.content}/site.yaml; set its url: to the portal's public address "
              f"before publishing", file=sys.stderr)
    if prefilled:
        print(f"pre-filled {len(prefilled)} English text(s) from identical Turkish elsewhere in the content; "
              f"review them:")
        for line in prefilled:
            print(f"  {line}")
    print(f"imported the {summary}; wrote {len(files)} files under {args.content}/"
          + (f", removed {len(remove)} the document no longer has" if remove else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed", type=Path, help="the programme's text (converted from its PDF)")
    ap.add_argument("--content", type=Path, default=Path("content"))
    ap.add_argument("--year", type=int, default=None, help="default: the year in the document's title")
    ap.add_argument("--check", action="store_true", help="print what was found; write nothing")
    ap.add_argument("--force", action="store_true",
                    help="file the programme under --year or beside another municipality's site all the same")
    return run(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
