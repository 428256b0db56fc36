"""The real MkDocs build through the CLI: pages, atomic output, defects."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_toolkit, tree_digest
from tests.test_render import executable_parts

pytestmark = pytest.mark.slow


@pytest.fixture
def built_sample(sample_project: Path) -> Path:
    result = run_toolkit(sample_project, "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("built ")
    return sample_project


def test_build_produces_every_page_type(built_sample: Path) -> None:
    site = built_sample / "site"
    for page in (
        "index.html",
        "modules/index.html",
        "modules/sample-module/index.html",
        "practices/index.html",
        "practices/sample-practice/index.html",
        "practices/by-country/index.html",
        "recommendations/index.html",
        "indicators/index.html",
        "indicators/sample_rate/index.html",
        "countries/no/index.html",
        "target-groups/index.html",
        "search/search_index.json",
        "assets/vega-bundle.js",
    ):
        assert (site / page).is_file(), page
    module = (site / "modules/sample-module/index.html").read_text()
    assert 'id="sample-component"' in module
    assert "../../practices/sample-practice/" in module  # component → practice
    practice = (site / "practices/sample-practice/index.html").read_text()
    assert "../../modules/sample-module/#sample-component" in practice  # practice → component
    assert ">Norway</a>" in practice  # `country: NO` unquoted is Norway, never False
    assert "fonts.googleapis" not in module


DEFECTS = {
    "duplicate key": ("content/practices/sample-practice.yml", lambda t: t.replace("area: Testville", "area: Testville\narea: Again"), "sample-practice.yml:6:1"),
    "missing practice id": ("content/modules/sample-module.yml", lambda t: t.replace("[sample-practice]", "[sample-practise]"), "sample-module.yml:27:29"),
    "missing module id": ("content/practices/sample-practice.yml", lambda t: t.replace("modules: [sample-module]", "modules: [sample]"), "sample-practice.yml:16:11"),
    "tab indent": ("content/practices/sample-practice.yml", lambda t: t.replace("  start: 2010", "\tstart: 2010"), "sample-practice.yml:7:1"),
    "latin-1": ("content/practices/sample-practice.yml", None, "sample-practice.yml:3:35"),
    "alias bomb": ("content/practices/sample-practice.yml", lambda t: t + 'x: &a ["l","l","l","l","l","l","l","l","l"]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n', "sample-practice.yml:22:4"),
    "invalid date": ("content/practices/sample-practice.yml", lambda t: t.replace("2024-02-28", "2024-02-30"), "sample-practice.yml:21:10"),
    "empty file": ("content/practices/sample-practice.yml", lambda t: "", "sample-practice.yml:1:1"),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_defect_is_located_and_previous_site_untouched(built_sample: Path, defect: str) -> None:
    relative, change, where = DEFECTS[defect]
    path = built_sample / relative
    if change is None:
        path.write_bytes(path.read_text().replace("Testville", "Testvill\xe9").encode("latin-1"))
    else:
        path.write_text(change(path.read_text()))
    before = tree_digest(built_sample / "site")

    checked = run_toolkit(built_sample, "check")
    assert checked.returncode == 1
    assert f"content/{relative.split('/', 1)[1].rsplit('/', 1)[0]}/{where}: error:" in checked.stderr, checked.stderr
    assert "Traceback" not in checked.stderr + checked.stdout

    built = run_toolkit(built_sample, "build")
    assert built.returncode == 1
    assert "Traceback" not in built.stderr + built.stdout
    assert tree_digest(built_sample / "site") == before
    assert [p.name for p in built_sample.iterdir() if p.name.startswith(".site-")] == []


def test_check_github_format_prints_annotations(sample_project: Path) -> None:
    path = sample_project / "content/practices/sample-practice.yml"
    path.write_text(path.read_text().replace("status: innovative", "status: maybe"))
    result = run_toolkit(sample_project, "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=content/practices/sample-practice.yml,line=17,col=9,title=toolkit%3A status::'maybe' is not allowed"
    )


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("../no-such-page/", "broken link '../no-such-page/'"),
        ("../../modules/sample-module/#no-such-anchor", "broken anchor '../../modules/sample-module/#no-such-anchor'"),
    ],
)
def test_broken_internal_link_or_anchor_fails_the_build(built_sample: Path, link: str, message: str) -> None:
    path = built_sample / "content/practices/sample-practice.yml"
    path.write_text(path.read_text().replace("A synthetic practice located in Testville.", f"See [this]({link})."))
    before = tree_digest(built_sample / "site")
    result = run_toolkit(built_sample, "build")
    assert result.returncode == 1
    assert message in result.stderr
    assert tree_digest(built_sample / "site") == before


def test_template_exception_leaves_previous_site(built_sample: Path) -> None:
    templates = built_sample / "templates"
    shutil.copytree(Path(__file__).resolve().parents[1] / "site_templates", templates)
    (templates / "pages/practice.html.j2").write_text("{{ practice.no_such_field }}\n")
    config = built_sample / "mkdocs.yml"
    config.write_text(config.read_text().replace("default_language: en", "default_language: en\n      templates_dir: templates"))
    before = tree_digest(built_sample / "site")
    result = run_toolkit(built_sample, "build")
    assert result.returncode == 1
    assert "practice.html.j2" in result.stderr and "no_such_field" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(built_sample / "site") == before


def test_practice_with_script_builds_into_a_safe_page(built_sample: Path) -> None:
    path = built_sample / "content/practices/sample-practice.yml"
    original = path.read_text()
    # a javascript: link is a located error in the YAML (check and build agree)…
    link = "[x](javascript:alert(1))"
    path.write_text(original.replace("A synthetic practice located in Testville.", link))
    refused = run_toolkit(built_sample, "build")
    assert refused.returncode == 1
    assert "sample-practice.yml:9:1: error: [summary] broken link 'javascript:alert(1)'" in refused.stderr
    # …and markup that is only text to a reader builds into a page where nothing runs
    attack = "<script>alert(1)</script> <img src=x onerror=alert(1)> <a href='https://eur-lex.europa.eu/' onclick='alert(1)'>y</a>"
    path.write_text(original.replace("A synthetic practice located in Testville.", attack))
    result = run_toolkit(built_sample, "build")
    assert result.returncode == 0, result.stderr
    html = (built_sample / "site/practices/sample-practice/index.html").read_text()
    main = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    assert executable_parts(main) == []


@pytest.mark.parametrize("flag", ["-q", "-v"])
def test_plain_mkdocs_build_fails_on_a_broken_link_whatever_the_verbosity(sample_project: Path, flag: str) -> None:
    path = sample_project / "content/practices/sample-practice.yml"
    path.write_text(path.read_text().replace("A synthetic practice located in Testville.", "See [this](../no-such-page/)."))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", flag], cwd=sample_project, capture_output=True, text=True, timeout=300
    )
    assert result.returncode != 0
    if flag == "-v":
        assert "broken link '../no-such-page/'" in result.stderr


def test_chart_render_failure_leaves_previous_site(built_sample: Path, tmp_path: Path) -> None:
    # vl-convert made to fail, as a broken renderer or an out-of-memory would
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import vl_convert\n"
        "def _fail(*args, **kwargs):\n"
        "    raise ValueError('synthetic renderer failure')\n"
        "vl_convert.vegalite_to_svg = _fail\n"
    )
    shutil.rmtree(built_sample / ".cache", ignore_errors=True)  # no cached SVG to fall back on
    before = tree_digest(built_sample / "site")
    result = run_toolkit(built_sample, "build", env={"PYTHONPATH": str(hooks)})
    assert result.returncode == 1
    assert "synthetic renderer failure" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(built_sample / "site") == before
