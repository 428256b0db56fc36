"""The authority's path from a released package: build the wheel, install it
into a fresh virtual environment outside the checkout, make a copy and use it
with no network; then upgrade the copy to a newer release.

The toolkit commands run in a network namespace with no interface up
(`unshare -n`, as root here), so "works with no network" is a fact of the
test, not a hope. Installing the wheel's dependencies does use the package
registry (pip's cache makes it quick after the first run).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("generator", "content", "data", "site_templates", "schemas", "pyproject.toml", "setup.py",
           "README.md", "LICENSE")


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, offline: bool = False,
        timeout: int = 900) -> subprocess.CompletedProcess:
    command = [str(a) for a in args]
    if offline:  # no network at all: a new network namespace, loopback only
        command = ["unshare", "-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "offline", *command]
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    environment.update(NO_MKDOCS_2_WARNING="1", **(env or {}))
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environment)
    return result


def build_wheel(tree: Path, out: Path) -> Path:
    result = run(sys.executable, "-m", "build", "--wheel", "--sdist", "--no-isolation", "--outdir", out, ".",
                 cwd=tree)
    assert result.returncode == 0, result.stdout + result.stderr
    return next(out.glob("*.whl"))


def source_tree(target: Path, version: str) -> Path:
    """A copy of the sources with another version number (two releases of one tree)."""
    target.mkdir(parents=True)
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    init = target / "generator/__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]+"', f'__version__ = "{version}"', init.read_text()))
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(REPO, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh venv, outside the checkout, with the wheel and its dependencies."""
    folder = tmp_path_factory.mktemp("authority-venv") / "venv"
    assert not folder.resolve().is_relative_to(REPO)
    assert run(sys.executable, "-m", "venv", folder, cwd=folder.parent).returncode == 0
    installed = run(folder / "bin/pip", "install", "--quiet", "-c", REPO / "constraints.txt", wheel, cwd=folder.parent)
    assert installed.returncode == 0, installed.stderr
    return folder


def test_the_wheel_carries_everything_the_toolkit_needs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("generator/bundled/content/modules/introduction-and-language-courses.yml",
                     "generator/bundled/content/translations/nl/practices/inti-cities.yml",
                     "generator/bundled/data/datapackage.json", "generator/bundled/data/observations/employment.csv",
                     "generator/bundled/data/indicators/employment_rate.yml",
                     "generator/bundled/site_templates/pages/practice.html.j2",
                     "generator/bundled/site_templates/messages/nl.yml",
                     "generator/bundled/site_templates/overrides/main.html",
                     "generator/bundled/schemas/practice.schema.json",
                     "generator/authority/templates/mkdocs.yml.tmpl",
                     "generator/vendor/iframe-worker-1.0.4.tgz"):
        assert required in names, required
    assert not any(n.startswith(("tests/", "bench/", "content/", "data/")) for n in names)
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "License-Expression: EUPL-1.2" in metadata and "Requires-Dist: mkdocs<2,>=1.6" in metadata
    assert "requires-dist: markupsafe" in metadata.lower()
    assert "Project-URL:" in metadata and "# European Modules Toolkit" in metadata  # readme as description
    sdist = next(wheel.parent.glob("*.tar.gz"))
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(m.endswith("/content/practices/inti-cities.yml") for m in members)
    assert any(m.endswith("/LICENSE") for m in members)
    check = run(sys.executable, "-m", "twine", "check", "--strict", wheel, sdist, cwd=wheel.parent)
    assert check.returncode == 0, check.stdout + check.stderr


def test_an_authority_installs_makes_its_copy_and_builds_it_with_no_network(venv: Path, tmp_path: Path) -> None:
    bin_dir = venv / "bin"
    work = tmp_path / "work"
    work.mkdir()
    made = run(bin_dir / "toolkit", "init", "city-of-x", "--name", "City of X", "--language", "en",
               "--language", "nl", cwd=work, offline=True)
    assert made.returncode == 0, made.stderr
    copy = work / "city-of-x"
    local = copy / "local/content/practices/example-local-practice.yml"
    local.write_text(local.read_text().replace('"TODO: the name of your practice"', "Synthetic local practice")
                     .replace("TODO: a short description", "A synthetic description")
                     .replace('"TODO: the document or web page your facts come from"', "Synthetic source")
                     .replace("https://example.org/TODO-replace-with-the-source-address", "https://sources.invalid/x")
                     .replace('"TODO: who published it"', "Synthetic Publisher"))
    check = run(bin_dir / "toolkit", "check", cwd=copy, offline=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "add it to local/content/translations/nl/practices/example-local-practice.yml" in check.stderr
    build = run(bin_dir / "toolkit", "build", cwd=copy, offline=True)
    assert build.returncode == 0, build.stderr
    site = copy / "site"
    for page in ("en/index.html", "en/modules/introduction-and-language-courses/index.html",
                 "en/practices/index.html", "en/indicators/employment_rate/index.html",
                 "en/practices/example-local-practice/index.html", "nl/practices/example-local-practice/index.html"):
        assert (site / page).is_file(), page
    indicator = (site / "en/indicators/employment_rate/index.html").read_text()
    assert "emt-chart-static" in indicator and "<svg" in indicator
    assert 'data-id="example-local-practice"' in (site / "en/practices/index.html").read_text()
    assert "<title>City of X</title>" in (site / "en/index.html").read_text()

    plain = run(bin_dir / "mkdocs", "build", "--site-dir", tmp_path / "plain", cwd=copy, offline=True)
    assert plain.returncode == 0, plain.stderr
    assert (tmp_path / "plain/practices/example-local-practice/index.html").is_file()

    for command in (["toolkit", "serve", "--dev-addr", "127.0.0.1:8765"], ["mkdocs", "serve", "-a", "127.0.0.1:8766"]):
        port = command[-1].rsplit(":", 1)[1]
        script = (f'{bin_dir / command[0]} {" ".join(command[1:])} >serve.log 2>&1 & pid=$!; '
                  f'for i in $(seq 1 120); do sleep 1; {bin_dir / "python"} -c "import urllib.request;'
                  f"print(urllib.request.urlopen('http://127.0.0.1:{port}/practices/example-local-practice/')"
                  f'.read().decode()[:20000])" 2>/dev/null && break; done; kill $pid')
        served = run("sh", "-c", script, cwd=copy, offline=True, timeout=300)
        assert "Synthetic local practice" in served.stdout, (command, (copy / "serve.log").read_text()[-2000:])

    # nothing in the copy names a path of the machine it was made on
    for path in copy.rglob("*"):
        if path.is_file() and not path.is_relative_to(site) and ".cache" not in path.parts and path.name != "serve.log":
            text = path.read_bytes().decode("utf-8", errors="replace")
            for machine_path in (str(REPO), str(venv), str(tmp_path)):
                assert machine_path not in text, (path, machine_path)
    assert (copy / "requirements.txt").read_text().count("european-modules-toolkit==") == 1
    schema_line = local.read_text().splitlines()[0]
    assert schema_line == "# yaml-language-server: $schema=../../../schemas/practice.schema.json"
    assert (local.parent / "../../../schemas/practice.schema.json").resolve().is_file()
    for name in ("Makefile", ".pre-commit-config.yaml", ".github/workflows/site.yml"):
        assert "toolkit" in (copy / name).read_text()


def test_an_upgrade_keeps_local_work_and_names_changed_originals(venv: Path, tmp_path: Path) -> None:
    first = source_tree(tmp_path / "release-1", "0.9.0")
    second = source_tree(tmp_path / "release-2", "0.9.1")
    overridden, changed = "dive-diversity-benchmark", "inti-cities"
    for name in (overridden, changed):
        path = second / f"content/practices/{name}.yml"
        path.write_text(path.read_text().replace("summary: |\n", "summary: |\n  Changed in release 0.9.1.\n", 1))
    wheel_1 = build_wheel(first, tmp_path / "dist-1")
    wheel_2 = build_wheel(second, tmp_path / "dist-2")
    pip, toolkit = venv / "bin/pip", venv / "bin/toolkit"
    assert run(pip, "install", "--quiet", "--no-deps", "--force-reinstall", wheel_1, cwd=tmp_path).returncode == 0

    assert run(toolkit, "init", "copy", cwd=tmp_path, offline=True).returncode == 0
    copy = tmp_path / "copy"
    example = copy / "local/content/practices/example-local-practice.yml"
    example.unlink()
    own = copy / "local/content/practices/synthetic-local-practice.yml"
    own.write_text(LOCAL_PRACTICE.format(id="synthetic-local-practice", title="Synthetic local practice"))
    override = copy / f"local/content/practices/{overridden}.yml"
    override.write_text(LOCAL_PRACTICE.format(id=overridden, title="Synthetic local version of DIVE"))
    before = {p: p.read_bytes() for p in (own, override, copy / "mkdocs.yml")}
    assert run(toolkit, "build", cwd=copy, offline=True).returncode == 0
    clean = run(toolkit, "check", cwd=copy, offline=True)
    assert "changed since toolkit" not in clean.stderr, clean.stderr

    assert run(pip, "install", "--quiet", "--no-deps", "--force-reinstall", wheel_2, cwd=tmp_path).returncode == 0
    build = run(toolkit, "build", cwd=copy, offline=True)
    assert build.returncode == 0, build.stderr
    assert {p: p.read_bytes() for p in before} == before  # local work untouched
    site = copy / "site"
    assert "Synthetic local version of DIVE" in (site / f"practices/{overridden}/index.html").read_text()
    assert "Synthetic local practice" in (site / "practices/synthetic-local-practice/index.html").read_text()
    assert "Changed in release 0.9.1." in (site / f"practices/{changed}/index.html").read_text()

    check = run(toolkit, "check", cwd=copy, offline=True)
    assert check.returncode == 0, check.stderr
    assert re.search(rf"local/content/practices/{overridden}\.yml:1:1: warning: overrides the bundled practice "
                     rf"'{overridden}', which changed since toolkit 0\.9\.0", check.stderr), check.stderr
    assert "synthetic-local-practice.yml" not in check.stderr
    assert "records toolkit 0.9.0; 0.9.1 is installed" in check.stderr

    upgraded = run(toolkit, "upgrade", cwd=copy, offline=True)
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"changed bundled file: content/practices/{changed}.yml" in upgraded.stdout
    assert json.loads((copy / "toolkit-copy.json").read_text())["toolkit_version"] == "0.9.1"
    assert "european-modules-toolkit==0.9.1" in (copy / "requirements.txt").read_text()
    after = run(toolkit, "check", cwd=copy, offline=True)
    assert "changed since toolkit" not in after.stderr and "is installed" not in after.stderr


LOCAL_PRACTICE = """\
id: {id}
title: {title}
country: BE
summary: |
  Synthetic practice of the copy.
status: innovative
sources:
  - title: Synthetic source
    url: https://sources.invalid/synthetic
    publisher: Synthetic Publisher
"""
