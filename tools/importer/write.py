"""Every file of an import at once, or nothing.

All files are prepared in memory first (YAML merged with what people wrote,
general pages, site.yaml).  Then a copy of the content folder is made
beside it, the files are written into the copy, and the copy is swapped in
with two renames (the approach of portal/write.py, for a folder that holds
no build marker).  A failure at any point leaves the content folder as it
was: never half a folder.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml

from portal.official import HEADER as OFFICIAL_HEADER
from portal.official import DUTIES, OFFICIAL
from tools.importer.comments import keep_comments
from tools.importer.translations import is_bilingual, mark_stale_page, memory, translate

# Fields that people write and the importer must never overwrite (English: translations.py).
HAND_WRITTEN = {"description", "notes", "better", "corrections"}
HEADER = ("# Imported from the official {year} performance programme by tools/import_seed.py.\n"
          "# Edit 'en' fields freely: re-importing keeps them. A figure or Turkish text that differs from\n"
          "# the document (official/) needs a correction note on its item (README: Corrections).\n")


def merge(fresh, old, known: dict[str, str] | None = None, prefilled: list[str] | None = None):
    """The fresh import, keeping every hand-written field of the old file; English is
    matched by its Turkish text (translations.py)."""
    known = {} if known is None else known
    prefilled = [] if prefilled is None else prefilled
    if is_bilingual(fresh):
        return translate(fresh, old, known, prefilled)
    if isinstance(fresh, dict):
        old_map = old if isinstance(old, dict) else {}
        merged = dict(old_map)
        for k, value in fresh.items():
            if k in HAND_WRITTEN and old_map.get(k) not in ("", None):
                merged[k] = old_map[k]
            else:
                merged[k] = merge(value, old_map.get(k), known, prefilled)
        _keep_corrected(merged, old_map)
        kept = [k for k in old_map if k not in fresh and k in HAND_WRITTEN]
        return {k: merged[k] for k in [*fresh, *kept]}
    if isinstance(fresh, list):
        old_list = old if isinstance(old, list) else []
        k = next((k for k in ("code", "number") if fresh and all(isinstance(f, dict) and k in f for f in fresh)),
                 None)
        if k:  # items that name themselves are matched by name, not by position
            by_key = {o.get(k): o for o in old_list if isinstance(o, dict)}
            return [merge(f, by_key.get(f[k]), known, prefilled) for f in fresh]
        if len(fresh) == len(old_list):
            return [merge(f, o, known, prefilled) for f, o in zip(fresh, old_list)]
        return [merge(f, None, known, prefilled) for f in fresh]
    return fresh


def _keep_corrected(merged: dict, old: dict) -> None:
    """A field a correction note names keeps its corrected value: the document printed
    the other one, and the note says why the site does not."""
    for note in old.get("corrections") or []:
        path = str(note.get("field", "")).split(".") if isinstance(note, dict) else []
        source, target = old, merged
        for step in path[:-1]:
            source, target = (source or {}).get(step), (target or {}).get(step)
            if not isinstance(source, dict) or not isinstance(target, dict):
                break
        else:
            if path and isinstance(source, dict) and path[-1] in source and isinstance(target, dict):
                target[path[-1]] = source[path[-1]]


class _Dumper(yaml.SafeDumper):
    """Texts of several lines (a unit's duties) as a block, line for line as printed."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _old(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # an unreadable old file has nothing to keep; the fresh one replaces it


def prepare(content: Path, year: int, documents: dict, pages: dict[str, str], site: str,
            prefilled: list[str] | None = None) -> tuple[dict, list]:
    """(relative path -> bytes to write, relative paths to remove): the whole import in memory.
    The year's goal files and Turkish pages that the document no longer has are removed
    (with their English twins), so a re-import never leaves a goal the document dropped.
    `prefilled` receives "path: Turkish" for each English text taken from elsewhere."""
    files: dict[str, bytes] = {}
    known = memory(content)
    seen: set[str] = set()
    for rel, data in documents.items():
        path = content / rel
        if f"/{OFFICIAL}/" in rel:  # machine-written: replaced whole, never merged
            files[rel] = (OFFICIAL_HEADER.format(year=year) + dump(data)).encode("utf-8")
            continue
        found: list[str] = []
        data = merge(data, _old(path) if path.exists() else None, known, found)
        if prefilled is not None:  # each Turkish text once, where it first appears
            prefilled += [f"{content / rel}: {tr}" for tr in dict.fromkeys(found) if tr not in seen]
            seen.update(found)
        text = HEADER.format(year=year) + dump(data)
        if path.exists():
            text = keep_comments(text, _read_text(path), HEADER.format(year=year))
        files[rel] = text.encode("utf-8")
    for rel, text in pages.items():
        if rel.endswith(".tr.md"):  # the page as printed, for the reconciliation
            files[official_page(rel)] = text.encode("utf-8")
        if rel.endswith(".en.md") and (content / rel).exists():
            continue  # translations are people's work
        files[rel] = text.encode("utf-8")
        english = content / rel.replace(".tr.md", ".en.md")
        if rel.endswith(".tr.md") and english.exists():
            marked = mark_stale_page(_read_text(content / rel), text, _read_text(english))
            if marked is not None:
                files[rel.replace(".tr.md", ".en.md")] = marked.encode("utf-8")
    if not (content / "site.yaml").exists():
        files["site.yaml"] = site.encode("utf-8")
    remove = []
    folder = content / str(year)
    for goals in (folder / "goals", folder / OFFICIAL / "goals", folder / OFFICIAL / "pages"):
        for old in sorted(goals.glob("*")) if goals.is_dir() else []:
            rel = old.relative_to(content).as_posix()
            if rel not in files:
                remove.append(rel)
    for rel in (f"{year}/{DUTIES}", f"{year}/{OFFICIAL}/{DUTIES}"):  # the document no longer states them
        if (content / rel).exists() and rel not in files:
            remove.append(rel)
    for old in sorted((folder / "pages").glob("*.md")) if (folder / "pages").is_dir() else []:
        rel = old.relative_to(content).as_posix()
        twin = rel.replace(".en.md", ".tr.md")
        if twin not in pages and rel not in pages:
            remove.append(rel)
    return files, remove


def official_page(rel: str) -> str:
    """'2024/pages/foreword.tr.md' -> '2024/official/pages/foreword.md'."""
    year, folder, name = rel.split("/", 2)
    return f"{year}/{OFFICIAL}/{folder}/{name.replace('.tr.md', '.md')}"


def write_all(content: Path, files: dict[str, bytes], remove: list[str]) -> None:
    content = content.resolve()
    content.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{content.name}-import-", dir=content.parent))
    try:
        new = staging / "content"
        if content.exists():
            shutil.copytree(content, new, symlinks=True)
        else:
            new.mkdir()
        for rel in remove:
            (new / rel).unlink(missing_ok=True)
        for rel, data in files.items():
            path = new / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        _swap(new, content, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, target: Path, staging: Path) -> None:
    """Two renames: the old folder aside, the new one in; should the second fail, the old
    folder goes back."""
    if not target.exists():
        os.rename(new, target)
        return
    retired = staging / "old"
    os.rename(target, retired)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(retired, target)
        raise
