"""Incremental `toolkit build`: after any kind of edit, the site is byte for
byte what a clean build of the same sources gives, and a damaged or tampered
page cache is never served."""

from __future__ import annotations

import re
import shutil
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_ok, tree_digest

pytestmark = pytest.mark.slow

SUMMARY = "A synthetic practice located in Testville."


@pytest.fixture(scope="module")
def warm_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project in two languages, with a Dutch overlay and a theme
    override of its own, built once so that its page cache is full."""
    project = tmp_path_factory.mktemp("incremental") / "project"
    shutil.copytree(FIXTURES / "sample", project)
    config = project / "mkdocs.yml"
    text = config.read_text().replace("languages: [en]", "languages: [en, nl]")
    config.write_text(text.replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n"))
    overlay = project / "content/translations/nl/practices/sample-practice.yml"
    overlay.parent.mkdir(parents=True)
    overlay.write_text('id: sample-practice\ntitle: "Synthetische praktijk in Testdorp"\n')
    (project / "overrides").mkdir()
    (project / "overrides/main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Synthetic notice one{% endblock %}\n')
    build_ok(project)
    return project


@pytest.fixture
def project(warm_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(warm_template, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def edit_practice(project: Path) -> None:
    replace_in(project / "content/practices/sample-practice.yml", SUMMARY, "A synthetic practice, edited.")


def edit_translation(project: Path) -> None:
    replace_in(project / "content/translations/nl/practices/sample-practice.yml", "Testdorp", "Proefdorp")


def edit_template(project: Path) -> None:
    replace_in(project / "overrides/main.html", "notice one", "notice two")


def edit_configuration(project: Path) -> None:
    replace_in(project / "mkdocs.yml", "site_name: Sample Toolkit", "site_name: Sample Toolkit Renamed")


def edit_data(project: Path) -> None:
    replace_in(project / "data/observations/sample.csv", "NEU27_2020_FOR,T,Y20-64,60.0", "NEU27_2020_FOR,T,Y20-64,61.5")


def unchanged_pages(output: str) -> int:
    found = re.search(r", (\d+) of them unchanged", output)
    return int(found.group(1)) if found else 0


def clean_build_digest(project: Path, tmp_path: Path) -> dict[str, str]:
    """The same sources built with no page cache, in a copy of the project."""
    clean = tmp_path / "clean"
    shutil.copytree(project, clean)
    for database in (clean / ".cache").glob("pages-*.sqlite*"):
        database.unlink()
    result = build_ok(clean)
    assert unchanged_pages(result.stdout + result.stderr) == 0
    return tree_digest(clean / "site")


@pytest.mark.parametrize(("edit", "expect_reuse", "changed_text"), [
    (edit_practice, True, "A synthetic practice, edited."),
    (edit_translation, True, "Proefdorp"),
    (edit_template, False, "Synthetic notice two"),
    (edit_configuration, False, "Sample Toolkit Renamed"),
    (edit_data, True, "61.5"),
], ids=["practice", "translation", "template", "configuration", "data"])
def test_an_incremental_build_is_byte_identical_to_a_clean_one(
    edit: Callable[[Path], None], expect_reuse: bool, changed_text: str, project: Path, tmp_path: Path
) -> None:
    edit(project)
    result = build_ok(project)
    output = result.stdout + result.stderr
    # Pages the edit does not touch come from the cache; a template or
    # configuration edit reaches every page, so none may.
    assert (unchanged_pages(output) > 0) == expect_reuse, output
    pages = "".join(p.read_text() for p in (project / "site").rglob("*.html"))
    assert changed_text in pages
    assert tree_digest(project / "site") == clean_build_digest(project, tmp_path)


def test_nothing_changed_reuses_every_page_outside_the_navigation(project: Path, tmp_path: Path) -> None:
    result = build_ok(project, "--force")  # past the up-to-date shortcut
    assert unchanged_pages(result.stdout + result.stderr) > 0
    assert tree_digest(project / "site") == clean_build_digest(project, tmp_path)


def _databases(project: Path) -> list[Path]:
    found = sorted((project / ".cache").glob("pages-*.sqlite"))
    assert len(found) == 2, found  # one per language
    return found


def test_a_tampered_page_entry_is_never_served(project: Path, tmp_path: Path) -> None:
    """An entry changed behind the toolkit's back fails its checksum: the page
    is rendered again."""
    for database in _databases(project):
        with sqlite3.connect(database) as db:
            (table,) = db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchone()
            rows = db.execute(f"SELECT key, value FROM {table}").fetchall()
            assert rows
            for key, value in rows:
                page = zlib.decompress(value).replace(b"</body>", b"<script>alert(1)</script></body>")
                db.execute(f"UPDATE {table} SET value = ? WHERE key = ?", (zlib.compress(page), key))
    result = build_ok(project, "--force")  # past the up-to-date shortcut
    assert unchanged_pages(result.stdout + result.stderr) == 0
    assert "alert(1)" not in "".join(p.read_text() for p in (project / "site").rglob("*.html"))
    assert tree_digest(project / "site") == clean_build_digest(project, tmp_path)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another project's cache"])
def test_a_corrupt_or_foreign_page_cache_is_ignored(damage: str, project: Path, tmp_path: Path) -> None:
    for database in _databases(project):
        if damage == "garbage":
            database.write_bytes(b"not a database at all " * 200)
        elif damage == "truncated":
            database.write_bytes(database.read_bytes()[:1500])
        else:  # a cache built from other sources and settings, copied in
            other = tmp_path / "other"
            if not other.exists():
                shutil.copytree(project, other)
                replace_in(other / "mkdocs.yml", "site_name: Sample Toolkit", "site_name: Other Toolkit")
                replace_in(other / "content/practices/sample-practice.yml", SUMMARY, "Another project's text.")
                build_ok(other)
            shutil.copy(other / ".cache" / database.name, database)
    result = build_ok(project, "--force")  # past the up-to-date shortcut
    assert "Traceback" not in result.stderr
    assert "Another project's text." not in "".join(p.read_text() for p in (project / "site").rglob("*.html"))
    assert tree_digest(project / "site") == clean_build_digest(project, tmp_path)
