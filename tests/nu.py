"""The Nu HTML checker on built pages: the current vnu.jar, which `scripts/setup --browser`
installs into .venv/vnu/ (its version is written there)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / ".venv/vnu/vnu.jar"


def nu_messages(folder: Path) -> list[str]:
    """Everything the checker says about the HTML and CSS files under `folder` (errors,
    warnings and notes alike: a valid page gets none), one line each: file:line: type: message."""
    if not VNU.exists():
        pytest.fail(f"no Nu HTML checker at {VNU.relative_to(ROOT)}: scripts/setup --browser installs it")
    files = sorted(str(p) for p in folder.rglob("*") if p.suffix in (".html", ".css")
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    assert files, f"no HTML or CSS under {folder}"
    result = subprocess.run(["java", "-jar", str(VNU), "--also-check-css", "--format", "json", *files],
                            capture_output=True, text=True, timeout=900)
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu HTML checker did not report (exit {result.returncode}): {result.stderr[-2000:]}")
    return [f"{_file(m.get('url', ''), folder)}:{m.get('lastLine', '?')}: {m.get('subType', m['type'])}: "
            f"{m['message']}" for m in messages]


def _file(url: str, folder: Path) -> str:
    path = Path(unquote(urlsplit(url).path))
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else url
