"""Faults during a build: full disk, read-only folder, a killed build. The
last good site stays intact and no temporary folder is left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_toolkit, tree_digest

pytestmark = pytest.mark.slow


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system (tmpfs; the suite runs as root, as in CI)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)], check=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _previous_site(folder: Path) -> dict[str, bytes]:
    site = folder / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>previous good site</p>")
    return tree_digest(site)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site-"))


def test_full_disk_fails_cleanly_and_keeps_the_previous_site(sample_project: Path, small_disk: Path) -> None:
    before = _previous_site(small_disk)
    result = run_toolkit(sample_project, "build", "--site-dir", str(small_disk / "site"))
    assert result.returncode == 1
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(small_disk / "site") == before
    assert _leftovers(small_disk) == []


def test_read_only_folder_fails_cleanly(sample_project: Path, small_disk: Path) -> None:
    before = _previous_site(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = run_toolkit(sample_project, "build", "--site-dir", str(small_disk / "site"))
    assert result.returncode == 1
    assert "Read-only file system" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(small_disk / "site") == before


def test_killed_build_keeps_the_previous_site_and_the_next_build_cleans_up(sample_project: Path) -> None:
    before = _previous_site(sample_project)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build"], cwd=sample_project,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not _leftovers(sample_project) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _leftovers(sample_project), "the build never started staging"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert tree_digest(sample_project / "site") == before
    result = run_toolkit(sample_project, "build")
    assert result.returncode == 0, result.stderr
    assert _leftovers(sample_project) == []
    assert (sample_project / "site/practices/sample-practice/index.html").exists()
