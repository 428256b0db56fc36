"""Fixture chain: a throw-away project (copied into tmp_path) → its CLI → a built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# the browser fixtures (site build, server, Chromium, axe) are shared by every browser test module
pytest_plugins = ["tests.browser_support"]

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOOLKIT = [sys.executable, "-m", "generator.cli"]


def pytest_configure(config: pytest.Config) -> None:
    # Tests share the chart cache: an unchanged chart is never re-rendered.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


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


def build_ok(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`toolkit build` that must succeed; its errors are shown when it does not."""
    result = run_toolkit(project, "build", *args, env=env)
    assert result.returncode == 0, result.stderr
    return result


def tree_digest(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
