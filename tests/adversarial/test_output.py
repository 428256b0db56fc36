"""Output folders that cannot destroy sources, and builds that clean up after
themselves whatever stops them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.adversarial.conftest import assert_refused, build, digest, leftovers, set_text
from tests.conftest import REPO, run_toolkit, tree_digest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("target", ["content", ".", "data", "..", "docs", "content/practices", "/"])
def test_a_site_folder_cannot_replace_a_source_folder(target: str, project: Path) -> None:
    sources = {name: tree_digest(project / name) for name in ("content", "data", "docs")}
    config = (project / "mkdocs.yml").read_bytes()
    before = digest(project)
    assert_refused(project, build(project, "--site-dir", target), r"error: cannot build here: this folder",
                   before=before)
    assert {name: tree_digest(project / name) for name in sources} == sources
    assert (project / "mkdocs.yml").read_bytes() == config


def test_a_folder_of_other_files_is_not_replaced(project: Path, tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "holiday.jpg").write_bytes(b"\xff\xd8 not a site")
    result = build(project, "--site-dir", str(photos))
    assert_refused(project, result, r"is not empty, and what it holds was not written by this command")
    assert (photos / "holiday.jpg").read_bytes() == b"\xff\xd8 not a site"


@pytest.mark.parametrize("existing", ["README.md", "Makefile", ".gitignore"])
def test_init_never_overwrites_a_file(existing: str, tmp_path: Path) -> None:
    (tmp_path / existing).write_text("the authority's own file\n")
    result = run_toolkit(REPO, "init", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / existing).read_text() == "the authority's own file\n"
    assert f"kept {tmp_path / existing}" in result.stdout
    assert (tmp_path / "mkdocs.yml").is_file()
    again = run_toolkit(REPO, "init", str(tmp_path))
    assert again.returncode == 1 and "already exists" in again.stderr


@pytest.mark.parametrize("name", ['City"\nplugins: []\n', "x" * 200])
def test_init_refuses_a_name_that_would_break_the_configuration(name: str, tmp_path: Path) -> None:
    result = run_toolkit(REPO, "init", str(tmp_path / "copy"), "--name", name)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "copy").exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_build_stopped_by_a_signal_leaves_the_previous_site_and_no_staging(signum: int, project: Path) -> None:
    before = digest(project)
    (project / ".cache").mkdir(exist_ok=True)
    for svg in (project / ".cache/charts").glob("*.svg"):
        svg.unlink()  # a cold chart cache: the build lasts long enough to be stopped
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "build"], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    deadline = time.monotonic() + 60
    while not list(project.glob(".site-build-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(project.glob(".site-build-*")), "the build never started staging"
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert "build interrupted" in err and "Traceback" not in err
    assert digest(project) == before
    assert leftovers(project) == []


def test_a_leftover_that_cannot_be_removed_is_reported(project: Path) -> None:
    old = project / ".site-old-999999"
    (old / "busy").mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(old / "busy")], check=True)
    try:
        result = build(project)
        assert result.returncode == 0, result.stderr
        assert f"could not remove the leftover folder {old}" in result.stderr
    finally:
        subprocess.run(["umount", "-l", str(old / "busy")], check=False)


def test_a_build_outside_git_dates_its_sitemap_by_its_sources_not_the_clock(project: Path) -> None:
    stamp = 1_577_836_800  # 2020-01-01, far from today
    set_text(project / "mkdocs.yml", 'site_url: ""', 'site_url: "https://example.invalid/"')  # a sitemap lists URLs
    for path in [project / "mkdocs.yml", *project.rglob("*.yml"), *project.rglob("*.csv"), *project.rglob("*.json")]:
        os.utime(path, (stamp, stamp))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["GIT_CEILING_DIRECTORIES"] = str(project.parent)  # not inside any git checkout
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=project, capture_output=True,
                            text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site/sitemap.xml").read_text()
    assert "<lastmod>2020-01-01</lastmod>" in sitemap


LINKS = {
    "scheme without host": '<a href="http:../no-such-page/">x</a>',
    "unquoted attribute": "<a href=../no-such-page/>x</a>",
    "single-quoted attribute": "<a href='../no-such-page/'>x</a>",
}


@pytest.mark.parametrize("case", list(LINKS))
def test_the_link_check_reads_every_way_of_writing_a_link(case: str, project: Path) -> None:
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block footer %}' + LINKS[case]
                                         + "{{ super() }}{% endblock %}\n")
    set_text(project / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    before = digest(project)
    assert_refused(project, build(project), r"broken link .*no-such-page", before=before)


@pytest.mark.parametrize("link", ["/elsewhere/", "/sub-path-of-another-site/page/"])
def test_root_relative_links_are_checked_against_a_sub_path_site_url(link: str, project: Path) -> None:
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block footer %}<a href="' + link
                                         + '">x</a>{{ super() }}{% endblock %}\n')
    config = project / "mkdocs.yml"
    set_text(config, "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    set_text(config, 'site_url: ""', 'site_url: "https://example.invalid/toolkit/"')
    before = digest(project)
    assert_refused(project, build(project), r"it leaves the site's path /toolkit/", before=before)


SCRIPTS = {
    "inline script": "<script>alert(1)</script>",
    "inline handler": '<span onmouseover="alert(1)">x</span>',
    "script from a CDN": '<script src="https://cdn.invalid/x.js"></script>',
    "javascript: link": '<a href="javascript:alert(1)">x</a>',
    "encoded javascript: link": '<a href="&#106;ava&#x09;script:alert(1)">x</a>',
}


@pytest.mark.parametrize("case", list(SCRIPTS))
def test_a_script_the_toolkit_did_not_write_fails_the_build(case: str, project: Path) -> None:
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block footer %}' + SCRIPTS[case]
                                         + "{{ super() }}{% endblock %}\n")
    set_text(project / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    before = digest(project)
    assert_refused(project, build(project), r"(inline script that neither|inline event handler|not a file of the site|script address)",
                   before=before)
