"""Hosting: reproducible output, the offline copy, the documented options."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from generator.mkdocs_plugin.options import AccessibilityConfig, PluginConfig
from tests.conftest import REPO, run_toolkit, tree_digest

pytestmark = pytest.mark.slow


def site_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for name, data in tree_digest(folder).items():
        digest.update(name.encode() + b"\0" + data)
    return digest.hexdigest()


def test_two_builds_are_byte_identical_across_hash_seed_timezone_and_locale(sample_project: Path) -> None:
    common = {"SOURCE_DATE_EPOCH": "1700000000"}
    first = run_toolkit(sample_project, "build", "--site-dir", "one", env={**common, "PYTHONHASHSEED": "1", "TZ": "UTC"})
    second = run_toolkit(
        sample_project, "build", "--site-dir", "two",
        env={**common, "PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "LANG": "nl_NL.UTF-8"},
    )
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert site_hash(sample_project / "one") == site_hash(sample_project / "two")
    sitemap = (sample_project / "one/sitemap.xml").read_text()
    assert "2023-11-14" in sitemap or "<url>" not in sitemap  # lastmod from SOURCE_DATE_EPOCH, not the clock


def test_offline_copy_links_to_files_and_calls_no_cdn(sample_project: Path) -> None:
    result = run_toolkit(sample_project, "build", "--offline")
    assert result.returncode == 0, result.stderr
    site = sample_project / "site"
    practice = (site / "practices/sample-practice.html").read_text()
    assert 'href="../modules/sample-module.html#sample-component"' in practice
    assert (site / "assets/vendor/iframe-worker-shim.js").stat().st_size > 0
    for page in site.rglob("*.html"):
        assert not re.search(r"""(src|href)=["']https?://(unpkg|cdn|fonts)""", page.read_text()), page


def test_every_plugin_option_is_documented() -> None:
    documented = (REPO / "docs/configuration.md").read_text()
    for name, _ in [*PluginConfig._schema, *AccessibilityConfig._schema]:
        assert f"`{name}`" in documented, f"option {name} is missing from docs/configuration.md"


def test_csp_command_prints_a_policy_without_unsafe_script_sources(sample_project: Path) -> None:
    assert run_toolkit(sample_project, "build").returncode == 0
    result = run_toolkit(sample_project, "csp", "--nginx")
    assert result.returncode == 0, result.stderr
    header = result.stdout
    assert 'add_header Content-Security-Policy "default-src \'self\'; script-src \'self\' \'sha256-' in header
    script_src = re.search(r"script-src ([^;]*);", header).group(1)
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in header
    assert os.linesep in header
