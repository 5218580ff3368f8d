"""Shared fixtures: the real content, copies of it to break, and builds."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SEED = ROOT.parent / "shared" / "seeds" / "000_9756a4526745b6c3.txt"

sys.path.insert(0, str(ROOT))

from tests.local_web import chromium, static_server  # noqa: E402


def run_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def site_model():
    from portal.load import load

    return load(CONTENT)


@pytest.fixture(scope="session")
def program(site_model):
    return site_model.programs[2024]


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the real content, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    result = run_build("--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.fail(f"the seed is missing: {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site on a local HTTP server, as a static host would serve it."""
    from portal.headers import headers_for

    with static_server(built_site, headers_for=headers_for) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
