"""Fixture chain: a throw-away project (copied into tmp_path) → its CLI → a built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOOLKIT = [sys.executable, "-m", "generator.cli"]


def pytest_configure(config: pytest.Config) -> None:
    # Tests share the chart cache: an unchanged chart is never re-rendered.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# One Chromium for every browser test module: Playwright's sync API allows one
# instance per thread, so each module starting its own would fail the next.
CHROMIUM = Path(os.environ.get("EMT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is None:
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
            "(or set EMT_CHROMIUM to a Chromium binary). Browser tests do not skip.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - the test extra is missing
        pytest.fail(f"playwright is not installed ({error}): pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of the small synthetic project, safe to break."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "sample", target)
    return target


@pytest.fixture
def bundled_project(tmp_path: Path) -> Path:
    """A copy of the real bundled content and data with the real mkdocs.yml."""
    target = tmp_path / "bundled"
    target.mkdir()
    for name in ("content", "data", "docs", "mkdocs.yml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    cache = REPO / ".cache"
    if cache.exists():  # reuse rendered chart SVGs (keyed by spec hash)
        shutil.copytree(cache, target / ".cache")
    return target


def run_toolkit(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*TOOLKIT, *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def tree_digest(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
