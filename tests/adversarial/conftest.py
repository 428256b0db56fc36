"""Shared pieces of the adversarial suite: a sample project with a previous
good site, and the two outcomes every hostile input must end in.

1. Refused: a located error (`file:line:col` or the option's line), exit 1,
   the previous site byte-identical, no staging folder left, no traceback.
2. Built safely: the page is served with the site's own policy, and opening
   it in Chromium raises no dialog and no CSP violation (see test_markup.py).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_ok, run_toolkit, tree_digest

NO_TRACEBACK = ("Traceback", "internal error", "Internal error")


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project, built once; each test gets a copy."""
    target = tmp_path_factory.mktemp("adversarial") / "project"
    shutil.copytree(FIXTURES / "sample", target)
    build_ok(target)
    return target


@pytest.fixture
def project(built_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(built_template, target, symlinks=True)
    return target


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.parent.rglob(".*") if re.match(r"\.site-(build|old)-", p.name))


def assert_refused(project: Path, result, pattern: str, site: Path | None = None, before=None) -> None:  # type: ignore[no-untyped-def]
    """Exit 1, a message matching `pattern`, nothing else changed, no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(pattern, output), f"{pattern!r} not in:\n{output}"
    for needle in NO_TRACEBACK:
        assert needle not in output, output
    if before is not None:
        assert tree_digest(site or project / "site") == before, "the previous site changed"
    assert leftovers(project) == []


def digest(project: Path) -> dict[str, bytes]:
    return tree_digest(project / "site")


def set_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(project: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return run_toolkit(project, "build", *args, env=env)
