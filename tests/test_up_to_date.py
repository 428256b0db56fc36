"""A `toolkit build` with nothing changed writes nothing and says so; any
change to an input or to the built site makes it build again."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_ok, run_toolkit, tree_digest

pytestmark = pytest.mark.slow

UP_TO_DATE = "site up to date: nothing changed since the last build"
SUMMARY = "A synthetic practice located in Testville."


@pytest.fixture(scope="module")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("up-to-date") / "project"
    shutil.copytree(FIXTURES / "sample", project)
    result = build_ok(project)
    assert UP_TO_DATE not in result.stdout
    return project


@pytest.fixture
def project(built_template: Path, tmp_path: Path) -> Path:
    """A copy of the built project: copying changes every file's change time,
    so it builds once more to have a record of its own."""
    target = tmp_path / "project"
    shutil.copytree(built_template, target)
    build_ok(target)
    return target


def stamps(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_nothing_changed_writes_nothing(project: Path) -> None:
    before = stamps(project / "site")
    result = build_ok(project)
    assert UP_TO_DATE in result.stdout
    assert stamps(project / "site") == before


def same_size_practice_edit(project: Path) -> None:
    path = project / "content/practices/sample-practice.yml"
    path.write_text(path.read_text().replace("Testville", "Testvilla"))  # same size, same second perhaps


def new_practice_file(project: Path) -> None:
    source = project / "content/practices/sample-practice.yml"
    text = source.read_text().replace("id: sample-practice", "id: sample-practice-two")
    (project / "content/practices/sample-practice-two.yml").write_text(text)


def configuration_edit(project: Path) -> None:
    path = project / "mkdocs.yml"
    path.write_text(path.read_text().replace("site_name: Sample Toolkit", "site_name: Sample Toolkit Too"))


def page_edited_in_the_site(project: Path) -> None:
    page = next((project / "site").rglob("practices/*/index.html"))
    text = page.read_text()
    page.write_text(text.replace("<body", "<bodY", 1))  # same size


def page_deleted_from_the_site(project: Path) -> None:
    next((project / "site").rglob("practices/*/index.html")).unlink()


def garbage_record(project: Path) -> None:
    (project / ".cache/last-build.json").write_text("{not json")


def record_with_wrong_types(project: Path) -> None:
    record = project / ".cache/last-build.json"
    data = json.loads(record.read_text())
    data["pages"] = {"many": True}
    record.write_text(json.dumps(data))


@pytest.mark.parametrize("change", [
    same_size_practice_edit, new_practice_file, configuration_edit, page_edited_in_the_site,
    page_deleted_from_the_site, garbage_record, record_with_wrong_types,
])
def test_any_change_builds_again(change: Callable[[Path], None], project: Path, tmp_path: Path) -> None:
    change(project)
    result = build_ok(project)
    assert UP_TO_DATE not in result.stdout
    assert result.stdout.startswith("built ")
    # and the site is what a clean build of these sources gives
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("site", ".cache"))
    build_ok(clean)
    assert tree_digest(project / "site") == tree_digest(clean / "site")


def test_the_source_date_and_variables_mkdocs_yml_reads_are_inputs(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Sample Toolkit", "site_name: !ENV [EMT_TEST_NAME, x]"))
    env = {"SOURCE_DATE_EPOCH": "1700000000", "EMT_TEST_NAME": "Synthetic name one"}
    assert run_toolkit(project, "build", env=env).returncode == 0
    assert UP_TO_DATE in run_toolkit(project, "build", env=env).stdout
    for changed in ({"EMT_TEST_NAME": "Synthetic name two"}, {"SOURCE_DATE_EPOCH": "1800000000"}):
        env = {**env, **changed}
        result = build_ok(project, env=env)
        assert UP_TO_DATE not in result.stdout, changed
    assert "Synthetic name two" in (project / "site/index.html").read_text()


def test_force_builds_and_another_site_folder_is_another_build(project: Path) -> None:
    forced = build_ok(project, "--force")
    assert UP_TO_DATE not in forced.stdout
    other = run_toolkit(project, "build", "--site-dir", "public")
    assert UP_TO_DATE not in other.stdout
    assert (project / "public/index.html").is_file()


def test_a_failed_build_is_not_mistaken_for_a_finished_one(project: Path) -> None:
    practice = project / "content/practices/sample-practice.yml"
    good = practice.read_text()
    practice.write_text(good + "unknown_field: 1\n")
    assert run_toolkit(project, "build").returncode == 1
    assert run_toolkit(project, "build").returncode == 1  # still broken: no shortcut to success
    practice.write_text(good)
    os.utime(practice)
    result = build_ok(project)
    assert result.stdout.startswith("built ")  # the sources differ from the last success: ctime moved on
