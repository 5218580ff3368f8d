"""Write the content files of one year's programme from the official text.

    python tools/import_seed.py SEED.txt [--content content] [--year 2024]

Every amount, count and text comes from the seed as printed; nothing is
typed by hand.  Re-running it refreshes what the document says and keeps
what people wrote: English translations, descriptions and notes survive.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.text import is_printed_number, slugify  # noqa: E402
from tools.pages_from_seed import general_pages  # noqa: E402
from tools.seed_parser import Seed, SeedError, parse  # noqa: E402

# Fields that people write and the importer must never overwrite.
HAND_WRITTEN = {"en", "description", "notes", "better"}
# Files the importer only creates: site settings belong to the people running the site.
CREATE_ONLY = {"site.yaml"}
# Units of measure that read the same in English.
NEUTRAL_MEASURES = {"%", "km"}
UNIT_SUFFIX = " Müdürlüğü"


def tr(text: str, en: str = "") -> dict:
    return {"tr": text, "en": en}


def unit_slug(name: str) -> str:
    base = name[: -len(UNIT_SUFFIX)] if name.endswith(UNIT_SUFFIX) else name
    return slugify(base)


def lower_is_better(ind: dict) -> bool:
    """A first guess for staff to check: the document does not say which way is progress.
    Durations and response times (not rates) fall; repairs needed, illegal building and
    complaints of violence fall whatever their unit."""
    named = lambda words: any(w in ind["name"] for w in words)  # noqa: E731
    return (ind["measure"] != "%" and named(("Süre", "Müdahale"))) or \
        named(("Tamirat Gereken", "Kaçak", "Şikâyette Bulunan"))


def indicator_value(printed: str):
    """Numbers stay as printed; worded values ("45 ve Üzeri") get an English twin."""
    return printed if is_printed_number(printed) else tr(printed)


def _listing(listing, slugs) -> dict:
    return {
        "text": listing.text,
        "unit": slugs[listing.unit],
        "activities": [{"name": n, "unit": slugs[u]} for n, u in listing.activities],
    }


def goal_document(seed: Seed, goal, slugs: dict[str, str]) -> dict:
    aim, number = goal.code
    doc = {
        "code": f"{aim}.{number}",
        "unit": slugs[goal.unit],
        "text": tr(goal.text),
    }
    if goal.strategic_goal_text != goal.text:
        doc["strategic_goal_text"] = goal.strategic_goal_text
    doc["indicators"] = [{
        "code": f"{aim}.{number}.{ind['number']}",
        **({} if ind["printed_code"] == f"PG.{aim}.{number}.{ind['number']}"
           else {"printed_code": ind["printed_code"]}),
        "name": tr(ind["name"]),
        "measure": tr(ind["measure"], ind["measure"] if ind["measure"] in NEUTRAL_MEASURES else ""),
        "values": dict(zip(goal.years, map(indicator_value, ind["values"]))),
        **({"better": "down"} if lower_is_better(ind) else {}),
    } for ind in goal.indicators]
    doc["goal_table"] = {
        "rows": [{"number": r["number"], "name": tr(r["name"]), "budget": r["budget"],
                  "off_budget": r["off_budget"], "total": r["total"]} for r in goal.rows],
        "total": goal.total,
    }
    doc["activities"] = [{
        "code": ".".join(map(str, c.code)),
        "name": tr(c.name),
        "unit": slugs[c.unit],
        "budget": {str(i + 1): v for i, v in enumerate(c.econ)},
        "budget_total": c.budget,
        "off_budget": dict(zip(("revolving_fund", "other_domestic", "foreign"), c.off_budget)),
        "off_budget_total": c.off_budget_total,
        "total": c.total,
    } for c in goal.costs]
    doc["listings"] = {
        "plan": _listing(seed.plan[goal.code], slugs),
        "annex": _listing(seed.annex[goal.code], slugs),
    }
    return doc


def program_document(seed: Seed, year: int) -> dict:
    d = seed.section_d
    return {
        "year": year,
        "title": tr(f"{year} Mali Yılı Performans Programı"),
        "stated_counts": seed.stated_counts,
        "mission": tr(seed.mission),
        "vision": tr(seed.vision),
        "values": [tr(v) for v in seed.values],
        "section_d": {
            "budget": {str(k): v for k, v in d["econ"].items()},
            "budget_total": d["budget"],
            "off_budget": dict(zip(("revolving_fund", "other_domestic", "foreign"), d["off_budget"])),
            "off_budget_total": d["off_budget_total"],
            "total": d["total"],
        },
    }


def documents(seed: Seed, year: int) -> dict[str, object]:
    """Relative path -> data, for every YAML content file of the programme."""
    slugs = {name: unit_slug(name) for name in seed.unit_names}
    unknown = {g.unit for g in seed.goals} - slugs.keys()
    if unknown:
        raise SeedError(0, f"units not in the organisation list: {sorted(unknown)}")
    out: dict[str, object] = {
        "site.yaml": {
            "name": tr("Kartepe Belediyesi Performans Programı",
                       "Kartepe Municipality Performance Programme"),
            "municipality": tr("Kartepe Belediyesi", "Kartepe Municipality"),
            "languages": ["tr", "en"],
            "default_language": "tr",
        },
        f"{year}/program.yaml": program_document(seed, year),
        f"{year}/aims.yaml": [{"number": n, "name": tr(t)} for n, t in sorted(seed.aims.items())],
    }
    for name, slug in slugs.items():
        out[f"units/{slug}.yaml"] = {"name": tr(name), "description": tr("")}
    for goal in seed.goals:
        out[f"{year}/goals/{goal.code[0]}.{goal.code[1]}.yaml"] = goal_document(seed, goal, slugs)
    return out


def merge(fresh, old):
    """The fresh import, keeping every hand-written field of the old file."""
    if isinstance(fresh, dict) and isinstance(old, dict):
        merged = dict(old)
        for key, value in fresh.items():
            if key in HAND_WRITTEN and key in old and old[key] not in ("", None):
                merged[key] = old[key]
            else:
                merged[key] = merge(value, old.get(key))
        kept = [k for k in old if k not in fresh and k in HAND_WRITTEN]
        return {k: merged[k] for k in [*fresh, *kept]}
    if isinstance(fresh, list) and isinstance(old, list):
        key = next((k for k in ("code", "number") if fresh and all(isinstance(f, dict) and k in f for f in fresh)),
                   None)
        if key:  # items that name themselves are matched by name, not by position
            by_key = {o.get(key): o for o in old if isinstance(o, dict)}
            return [merge(f, by_key.get(f[key])) for f in fresh]
        if len(fresh) == len(old):
            return [merge(f, o) for f, o in zip(fresh, old)]
    return fresh


HEADER = ("# Imported from the official {year} performance programme by tools/import_seed.py.\n"
          "# Amounts are as printed (1.571.500,00). Edit 'en' fields freely: re-importing keeps them.\n")


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_content(seed: Seed, content: Path, year: int) -> list[Path]:
    written = []
    for rel, data in documents(seed, year).items():
        path = content / rel
        if path.exists() and rel in CREATE_ONLY:
            continue
        if path.exists():
            data = merge(data, yaml.safe_load(path.read_text(encoding="utf-8")))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER.format(year=year) + dump(data), encoding="utf-8")
        written.append(path)
    for rel, text in general_pages(seed.lines, year).items():
        path = content / rel
        if rel.endswith(".en.md") and path.exists():
            continue  # translations are people's work
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed", type=Path)
    ap.add_argument("--content", type=Path, default=Path("content"))
    ap.add_argument("--year", type=int, default=2024)
    args = ap.parse_args(argv)
    try:
        seed = parse(args.seed.read_text(encoding="utf-8"))
        written = write_content(seed, args.content, args.year)
    except (SeedError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} content files under {args.content}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
