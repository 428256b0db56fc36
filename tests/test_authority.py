"""An authority's tailored copy: scaffolded by `toolkit init`, configured in
one file, built with the same commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, run_toolkit

pytestmark = pytest.mark.slow

LOCAL_PRACTICE = """\
id: example-local-practice
title: Synthetic local practice for tests
country: BE
area: Testville
summary: |
  Synthetic practice of the tailored copy.
status: innovative
modules: [active-participation]
sources:
  - title: Synthetic source
    url: https://sources.invalid/synthetic
    publisher: Synthetic Publisher
"""


@pytest.fixture(scope="module")
def authority_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("authority") / "copy"
    result = run_toolkit(REPO, "init", str(copy), "--name", "Synthetic Region Toolkit", "--language", "nl")
    assert result.returncode == 0, result.stderr
    config = copy / "mkdocs.yml"
    text = config.read_text()
    text = text.replace("modules: []", "modules: [1, 3]").replace("focus_countries: []", "focus_countries: [NL, BE]")
    config.write_text(text)
    colours = copy / "docs/assets/colours.css"
    colours.write_text(colours.read_text().replace("#003399", "#5b1f7a"))
    (copy / "local/content/practices/example-local-practice.yml").write_text(LOCAL_PRACTICE)
    (REPO / ".cache").mkdir(exist_ok=True)
    (copy / ".cache").symlink_to(REPO / ".cache")  # reuse rendered chart SVGs
    built = run_toolkit(copy, "build")
    assert built.returncode == 0, built.stderr
    return copy / "site"


def test_name_colours_and_language(authority_site: Path) -> None:
    home = (authority_site / "index.html").read_text()
    assert "<title>Synthetic Region Toolkit</title>" in home  # not repeated: the home page has no own title
    assert '<html lang="nl"' in home
    assert "#5b1f7a" in (authority_site / "assets/colours.css").read_text()
    assert 'href="assets/colours.css"' in home


def test_module_2_is_absent_everywhere(authority_site: Path) -> None:
    assert not (authority_site / "modules/host-society-commitment").exists()
    index = (authority_site / "search/search_index.json").read_text()
    assert "host-society-commitment" not in index
    for page in ("index.html", "practices/index.html", "modules/index.html", "practices/inti-cities/index.html"):
        html = (authority_site / page).read_text()
        assert "host-society-commitment" not in html, page
    nav = (authority_site / "index.html").read_text()
    assert "modules/introduction-and-language-courses/" in nav and "modules/active-participation/" in nav


def test_local_practice_in_the_explorer_and_focus_countries_first(authority_site: Path) -> None:
    explorer = (authority_site / "practices/index.html").read_text()
    assert 'data-id="example-local-practice"' in explorer
    assert (authority_site / "practices/example-local-practice/index.html").exists()
    countries = (authority_site / "countries/index.html").read_text()
    listed = re.findall(r'href="(\w\w)/"', countries)
    assert listed[:2] == ["nl", "be"]


def test_local_figures_are_merged(authority_site: Path) -> None:
    profile = (authority_site / "countries/nl/index.html").read_text()
    assert "64,2" in profile  # the local (and bundled) Eurostat figure, Dutch decimal comma
    assert json.loads((authority_site / "search/search_index.json").read_text())["config"]["lang"] == ["nl"]


def test_mistyped_option_is_a_located_error(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    assert run_toolkit(REPO, "init", str(copy)).returncode == 0
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("focus_countries:", "focus_country:"))
    result = run_toolkit(copy, "check")
    assert result.returncode == 1
    assert re.search(r"mkdocs.yml:\d+:7: error: .*'focus_country'.*did you mean 'focus_countries'", result.stderr)


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    result = run_toolkit(REPO, "init", str(tmp_path))
    assert result.returncode == 1 and "already exists" in result.stderr
