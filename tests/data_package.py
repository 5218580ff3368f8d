"""The data package of a built site, against the files the site publishes under data/.

Frictionless reads a table in about 20 ms whatever its size, so checking the data of
every one of a site's ~460 tables takes seconds: `problems` checks the whole descriptor
(every resource and its schema) and the data of the whole tables, but of the files in a
year's sub-folders (the slices of activities.csv, the charts' figures and pictures) only
the first of each format and schema in each folder.  One test runs `frictionless validate` on everything.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

PACKAGE = "datapackage.json"
MEDIATYPES = {"csv": "text/csv", "json": "application/json", "svg": "image/svg+xml",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
NAME = re.compile(r"[a-z0-9][-a-z0-9._]*")  # Frictionless's names, without the slash it also allows


def resources(site: Path) -> list[dict]:
    return json.loads((site / "data" / PACKAGE).read_text(encoding="utf-8"))["resources"]


def published(site: Path) -> list[str]:
    """Every file under data/ but the package itself, relative to it (as the package's paths are)."""
    data = site / "data"
    return sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file() and p.name != PACKAGE)


def listing_problems(site: Path) -> list[str]:
    """What is wrong with the package's list of files: one line each."""
    listed = resources(site)
    problems = []
    paths, files = Counter(r["path"] for r in listed), Counter(published(site))
    problems += [f"{path}: published, not listed" for path in files - paths]
    problems += [f"{path}: listed {n} times" for path, n in paths.items() if n > 1]
    problems += [f"{path}: listed, not published" for path in paths - files]
    names = Counter(r["name"] for r in listed)
    problems += [f"{name}: the name of {n} resources" for name, n in names.items() if n > 1]
    for r in listed:
        where, ext = r["path"], r["path"].rsplit(".", 1)[-1]
        if not NAME.fullmatch(r["name"]):
            problems.append(f"{where}: name {r['name']!r}")
        if (r.get("format"), r.get("mediatype")) != (ext, MEDIATYPES[ext]):
            problems.append(f"{where}: format {r.get('format')}, mediatype {r.get('mediatype')}")
        if not r.get("title"):
            problems.append(f"{where}: no title")
        if ext == "csv" and where in files:
            raw = (site / "data" / where).read_bytes()
            header = raw.decode("utf-8-sig").split("\r\n", 1)[0].split(",")
            if r.get("encoding") != "utf-8-sig" or not raw.startswith(b"\xef\xbb\xbf"):
                problems.append(f"{where}: encoding {r.get('encoding')}")
            if [f["name"] for f in r["schema"]["fields"]] != header:
                problems.append(f"{where}: the schema's fields are not the columns {header}")
        elif ext != "csv" and (r.get("schema") or r.get("profile") == "tabular-data-resource"):
            problems.append(f"{where}: described as a table")
    return problems


def problems(site: Path) -> list[str]:
    """Frictionless's errors in the descriptor, and in the data of the resources it reads
    (see the module's note): one line each."""
    from frictionless import Package, Resource

    folder = site / "data"
    descriptor = json.loads((folder / PACKAGE).read_text(encoding="utf-8"))
    found = [f"{PACKAGE}: {e.message}" for e in Package.metadata_validate(descriptor)]
    seen = set()
    for r in descriptor["resources"]:
        folders = r["path"].split("/")[:-1]
        if len(folders) > 1:  # a year's sub-folder: one file of each format and schema is read
            kind = (folders[1], r.get("format"), json.dumps(r.get("schema"), sort_keys=True))
            if kind in seen:
                continue
            seen.add(kind)
        report = Resource(r, basepath=str(folder)).validate()
        found += [f"{r['path']}: {e.message}" for task in report.tasks for e in task.errors] + [
            f"{r['path']}: {e.message}" for e in report.errors]
    return found
