"""A second programme made from the first, for the tests of years side by side.

The 2025 programme is the 2024 content one year on: every amount changed,
the indicators restating 2023 and 2024 and adding a 2025 target, and in
goal 1.10 one activity renumbered (1.10.3 -> 1.10.4), one ended (1.10.2)
and one new (1.10.5), each stated in 2025/continuity.yaml.  One earlier
value is restated differently (indicator 1.10.1's 2024 value: 75 in 2024,
80 in 2025), as a later programme may.  It is never committed as content.
"""
from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

from portal.amounts import turkish_amount
from portal.official import OFFICIAL

RENUMBERED = ("1.10.3", "1.10.4")
ENDED = "1.10.2"
NEW = "1.10.5"
NEW_NAME = "Kentsel Tasarım Rehberinin Hazırlanması"
CHANGED_INDICATOR = ("1.10.1", "2024", "75", "80")  # code, year, printed by 2024, printed by 2025

CONTINUITY = f"""# How the 2025 programme's items follow the 2024 programme's.
activities:
  {RENUMBERED[0]}: {RENUMBERED[1]}
  {ENDED}: ended
  {NEW}: new
"""


def new_amount(value: Decimal, year: int) -> Decimal:
    """Every amount of the later programme: a different figure with kuruş, zero stays zero."""
    return value * (year - 2022) + Decimal("0.07") * (year - 2024) if value else value


def _amounts(text: str, year: int) -> str:
    def changed(m: re.Match) -> str:
        value = Decimal(m.group(2).replace(".", "").replace(",", "."))
        return m.group(1) + turkish_amount(new_amount(value, year))
    amount = re.compile(r"(: '?)(\d{1,3}(?:\.\d{3})*,\d{2})(?='?$)")
    year_key = re.compile(r"^\s*'\d{4}':")  # an indicator's value, not an amount
    return "".join(line if year_key.match(line) else amount.sub(changed, line)
                   for line in text.splitlines(keepends=True))


def _activity_block(text: str, code: str) -> tuple[int, int]:
    """Where an activity's block (`- code: x` to the next item) is in a goal file."""
    activities = text.index("\nactivities:\n")
    start = text.index(f"\n- code: {code}\n", activities) + 1
    following = re.compile(r"^(- code: |listings:)", re.M)
    end = following.search(text, start + 1)
    return start, end.start() if end else len(text)


def _goal_changes(text: str, official: bool) -> str:
    """Goal 1.10 of the later programme: one value restated, one activity ended, one
    renumbered, one new; in the editable file and in the official reading alike."""
    code, value_year, _, later = CHANGED_INDICATOR
    block = text.index(f"- code: {code}\n")
    text = text[:block] + text[block:].replace(f"'{value_year}': '{CHANGED_INDICATOR[2]}'",
                                               f"'{value_year}': '{later}'", 1)
    start, end = _activity_block(text, ENDED)
    text = text[:start] + text[end:]
    start, end = _activity_block(text, RENUMBERED[0])
    text = text[:start] + text[start:end].replace(RENUMBERED[0], RENUMBERED[1], 1) + text[end:]
    start, end = _activity_block(text, "1.10.1")
    new = text[start:end].replace("1.10.1", NEW, 1)
    if official:
        new = re.sub(r"(  name: ).*", rf"\g<1>{NEW_NAME}", new, count=1)
    else:
        new = re.sub(r"(  name:\n    tr: ).*\n    en: .*", rf"\g<1>{NEW_NAME}\n    en: Preparing the urban design guide",
                     new, count=1)
    at = text.index("listings:") if "listings:" in text else len(text)
    return text[:at] + new + text[at:]


def add_programme(content: Path, year: int = 2025, goal_changes: bool = True) -> None:
    """content/<year>/ from the programme of the year before, changed as described above,
    its official reading too: the later document prints what its content says."""
    source = content / str(year - 1)
    target = content / str(year)
    shutil.copytree(source, target)
    (target / "continuity.yaml").unlink(missing_ok=True)
    for program in (target / "program.yaml", target / OFFICIAL / "program.yaml"):
        text = program.read_text(encoding="utf-8")
        program.write_text(_amounts(text.replace(str(year - 1), str(year)), year), encoding="utf-8")
    for path in [*(target / "goals").glob("*.yaml"), *(target / OFFICIAL / "goals").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        # the values restated: the oldest year gives way to this programme's target
        text = text.replace(f"'{year - 3}':", f"'{year}':")
        path.write_text(_amounts(text, year), encoding="utf-8")
    if goal_changes:
        for goal, official in ((target / "goals" / "1.10.yaml", False),
                               (target / OFFICIAL / "goals" / "1.10.yaml", True)):
            goal.write_text(_goal_changes(goal.read_text(encoding="utf-8"), official), encoding="utf-8")
        (target / "continuity.yaml").write_text(CONTINUITY, encoding="utf-8")


def reprint(content: Path, year: int, goal: str, editable: tuple[str, str], official: tuple[str, str]) -> None:
    """A change the later document itself makes: in its goal file and in its official
    reading alike (each given as old and new text), so that it is no correction."""
    for path, (old, new) in ((content / str(year) / "goals" / f"{goal}.yaml", editable),
                             (content / str(year) / OFFICIAL / "goals" / f"{goal}.yaml", official)):
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
