"""content -> model -> outputs -> atomic write: the one path every build takes."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portal.load import load
from portal.model import Site
from portal.outputs.open_data import activities_csv, program_json
from portal.reconcile import Discrepancy, reconcile
from portal.write import Output, write_atomically


@dataclass
class BuildResult:
    site: Site
    discrepancies: dict[int, tuple[Discrepancy, ...]]
    files: int


def render(site: Site, base_url: str = "/") -> tuple[Output, dict[int, tuple[Discrepancy, ...]]]:
    output = Output()
    notes = {}
    for year, program in site.programs.items():
        notes[year] = reconcile(program)
        output.add(f"data/{year}/activities.csv", activities_csv(site, program))
        output.add(f"data/{year}/program.json", program_json(site, program, notes[year]))
    return output, notes


def build(content: Path, out: Path, base_url: str = "/") -> BuildResult:
    """Load everything, render everything, then swap the finished folder in."""
    site = load(content)
    output, notes = render(site, base_url)
    write_atomically(output, out)
    return BuildResult(site, notes, len(output.files))
