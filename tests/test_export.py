"""`toolkit export`: the site as a plain MkDocs project that builds with MkDocs
(no plugin) and with Zensical, with every link resolving under both."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.publish.linkcheck import check_links
from tests.conftest import run_toolkit

pytestmark = pytest.mark.slow

ENGINES = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"],
    "zensical": [str(Path(sys.executable).parent / "zensical"), "build"],
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The bundled site exported (en), and the page count of `toolkit build` for en."""
    from tests.conftest import REPO

    root = tmp_path_factory.mktemp("export")
    built = run_toolkit(REPO, "build", "--site-dir", str(root / "built"))
    assert built.returncode == 0, built.stderr
    pages = sum(1 for p in (root / "built/en").rglob("*.html") if p.name != "404.html")
    result = run_toolkit(REPO, "export", str(root / "exported"), "--language", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"export: {pages} pages")
    return root / "exported", pages


@pytest.mark.parametrize("engine", list(ENGINES))
def test_the_export_builds_with_every_link_resolved(engine: str, exported: tuple[Path, int]) -> None:
    folder, pages = exported
    config = (folder / "mkdocs.yml").read_text()
    assert "european-modules" not in config  # no toolkit plugin: the engines build it on their own
    result = subprocess.run(ENGINES[engine], cwd=folder, capture_output=True, text=True, timeout=600,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    site = folder / "site"
    built = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(built) == pages
    problems = check_links(site)
    assert problems.errors == [], [p.format() for p in problems.errors[:10]]
    practice = (site / "practices/inti-cities.html").read_text()
    assert "INTI-Cities" in practice and "emt-facts" in practice
    indicator = (site / "indicators/employment_rate.html").read_text()
    assert "<svg" in indicator and "../charts/employment_rate-gap.csv" in indicator
    assert (site / "charts/employment_rate-gap.csv").is_file()
    assert (site / "assets/vega-bundle.js").is_file()
    subprocess.run(["rm", "-rf", str(site)], check=True)


def test_export_refuses_a_folder_that_holds_other_files(tmp_path: Path) -> None:
    from tests.conftest import REPO

    (tmp_path / "notes.txt").write_text("keep me")
    result = run_toolkit(REPO, "export", str(tmp_path))
    assert result.returncode == 1 and "is not empty" in result.stderr and "nothing was exported" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "keep me"
