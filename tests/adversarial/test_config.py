"""Configuration a publisher writes: unsafe or impossible values are located
errors, for `toolkit check`, `toolkit build` and plain `mkdocs build` alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.adversarial.conftest import assert_refused, build, digest, set_text
from tests.conftest import run_toolkit

pytestmark = pytest.mark.slow

PLUGIN_OPTIONS = "      languages: [en]"

# (what is changed in mkdocs.yml, into what, the expected located message)
REFUSED = {
    "palette colour with markup": ("primary: indigo", 'primary: "red\\" onmouseover=\\"alert(1)"',
                                   r"mkdocs\.yml:20:\d+: error: \[theme\.palette\.primary\] palette primary .* is not"),
    "palette colour unknown": ("primary: indigo", "primary: mauve", r"mkdocs\.yml:20:\d+: error: .*not one of Material"),
    "palette media with script": ('media: "(prefers-color-scheme: light)"', 'media: "(x)<script>"',
                                  r"mkdocs\.yml:\d+:\d+: error: \[theme\.palette\.media\]"),
    "toggle icon path": ("icon: material/weather-night", "icon: ../../etc/passwd",
                         r"error: \[theme\.palette\.toggle\] toggle icon must be an icon name"),
    "logo from another host": ("    logo: material/puzzle-outline", "    logo: material/puzzle-outline\n  logo: https://evil.invalid/x.svg",
                               r"mkdocs\.yml:\d+:\d+: error: \[theme\.logo\] theme\.logo must be a file inside docs_dir"),
    "logo outside the project": ("    logo: material/puzzle-outline", "    logo: material/puzzle-outline\n  logo: ../../etc/passwd",
                                 r"error: \[theme\.logo\] theme\.logo must be a file inside docs_dir"),
    "Google Fonts": ("font: false", "font:\n    text: Roboto", r"error: \[theme\.font\] theme\.font loads Google Fonts"),
    "analytics": ("site_url: \"\"", "site_url: \"\"\nextra:\n  analytics:\n    provider: google\n    property: G-X",
                  r"error: \[extra\.analytics\]"),
    "script from a CDN": ("site_url: \"\"", "site_url: \"\"\nextra_javascript:\n  - https://cdn.invalid/x.js",
                          r"error: \[extra_javascript\] extra_javascript 'https://cdn\.invalid/x\.js' loads from another host"),
    "contact as a script": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      accessibility:\n        contact: \"javascript:alert(1)\"",
                            r"mkdocs\.yml:\d+:\d+: error: \[accessibility\.contact\] accessibility\.contact must be"),
    "contact as data": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      accessibility:\n        contact: \"data:text/html,<script>x</script>\"",
                        r"error: \[accessibility\.contact\]"),
    "enforcement as a script": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      accessibility:\n        enforcement_procedure: \"javascript:alert(1)\"",
                                r"error: \[accessibility\.enforcement_procedure\] .* must be a web address"),
    "statement date not a date": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      accessibility:\n        statement_date: \"soon\"",
                                  r"error: \[accessibility\.statement_date\]"),
    "site name with a control character": ("site_name: Sample Toolkit", 'site_name: "Sample\\u0007Toolkit"',
                                           r"mkdocs\.yml:4:\d+: error: control character U\+0007 in the text"),
    "site_url not a web address": ('site_url: ""', 'site_url: "javascript:alert(1)"', r"error: \[site_url\]"),
    "missing extra content folder": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      extra_content_dirs: [local/contnet]",
                                     r"mkdocs\.yml:\d+:\d+: error: \[extra_content_dirs\] extra_content_dirs: there is no folder 'local/contnet'"),
    "content folder outside the project": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      extra_content_dirs: [/]",
                                           r"error: \[extra_content_dirs\] extra_content_dirs: '/' must be a folder inside the project"),
    "data folder going up": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      extra_data_dirs: [../..]",
                             r"error: \[extra_data_dirs\] .*must be a folder inside the project"),
    "messages folder missing": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      messages_dir: mesages",
                                r"error: \[messages_dir\] messages_dir: there is no folder 'mesages'"),
    "site_dir onto the data": ("docs_dir: docs", "docs_dir: docs\nsite_dir: data",
                               r"error: \[site_dir\] site_dir .*data is or holds the source folder"),
    "mistyped option": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      focus_countrys: [NL]",
                        r"mkdocs\.yml:\d+:7: error: \[focus_countrys\] unknown option 'focus_countrys'; did you mean 'focus_countries'\?"),
    "mistyped sub-option": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      accessibility:\n        contakt: x",
                            r"error: \[accessibility\.contakt\] unknown option 'accessibility\.contakt'; did you mean 'contact'\?"),
    "unknown language": (PLUGIN_OPTIONS, "      languages: [en, xx-<b>]", r"error: \[languages\] 'xx-<b>' is not a language code"),
    "unknown focus country": (PLUGIN_OPTIONS, PLUGIN_OPTIONS + "\n      focus_countries: [GR]",
                              r"error: \[focus_countries\] 'GR' is not a Eurostat country code.*'EL'"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_unsafe_configuration_is_a_located_error(case: str, project: Path) -> None:
    old, new, message = REFUSED[case]
    before = digest(project)
    set_text(project / "mkdocs.yml", old, new)
    assert_refused(project, run_toolkit(project, "check"), message)
    assert_refused(project, build(project), message, before=before)


@pytest.mark.parametrize("case", ["palette colour with markup", "contact as a script", "site_dir onto the data"])
def test_plain_mkdocs_build_refuses_them_too(case: str, project: Path) -> None:
    old, new, message = REFUSED[case]
    set_text(project / "mkdocs.yml", old, new)
    data_before = sorted(p.name for p in (project / "data").rglob("*"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True,
                            text=True, timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "configuration error" in result.stderr
    assert sorted(p.name for p in (project / "data").rglob("*")) == data_before


@pytest.mark.parametrize("shape", ["folder", "missing"])
def test_a_configuration_file_that_cannot_be_read_is_named(shape: str, tmp_path: Path) -> None:
    if shape == "folder":
        (tmp_path / "mkdocs.yml").mkdir()
    result = run_toolkit(tmp_path, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "mkdocs.yml: error:" in result.stderr
    assert ("is a folder, not a configuration file" if shape == "folder" else "no such file") in result.stderr
