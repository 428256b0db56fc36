"""Languages: overlays, fallback with a marker, and a third language added
with only a config line and files (no code change)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_toolkit

GERMAN_PRACTICE = """\
id: sample-practice
title: Beispielpraxis in Testdorf
summary: |
  Eine synthetische Praxis in Testdorf.
"""
GERMAN_UI = '''\
"Target groups": "Zielgruppen"
"Sources": "Quellen"
"not yet translated": "noch nicht übersetzt"
'''


def add_german(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("languages: [en]", "languages: [en, de]"))
    folder = project / "content/translations/de/practices"
    folder.mkdir(parents=True)
    (folder / "sample-practice.yml").write_text(GERMAN_PRACTICE)
    messages = project / "messages"
    messages.mkdir(parents=True)
    (messages / "de.yml").write_text(GERMAN_UI)


@pytest.mark.slow
def test_third_language_needs_only_config_and_files(sample_project: Path) -> None:
    add_german(sample_project)
    config = sample_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("default_language: en", "default_language: en\n      messages_dir: messages"))

    result = run_toolkit(sample_project, "build")
    assert result.returncode == 0, result.stderr
    page = (sample_project / "site/de/practices/sample-practice/index.html").read_text()
    assert '<html lang="de"' in page
    assert "Beispielpraxis in Testdorf" in page
    assert "Zielgruppen" in page
    # not translated: English text, marked for screen readers and readers
    assert '<span lang="en" class="emt-untranslated" title="noch nicht übersetzt">test group A</span>' in page
    index = (sample_project / "site/de/search/search_index.json").read_text()
    assert '"lang":["de"]' in index.replace(" ", "")
    assert (sample_project / "site/en/practices/sample-practice/index.html").exists()


def test_missing_translation_is_a_warning_named_by_check_and_status(sample_project: Path) -> None:
    add_german(sample_project)
    checked = run_toolkit(sample_project, "check")
    assert checked.returncode == 0, checked.stderr
    assert "content/practices/sample-practice.yml:5:1: warning: [area] no de translation" in checked.stderr
    strict = run_toolkit(sample_project, "check", "--strict")
    assert strict.returncode == 1

    status = run_toolkit(sample_project, "i18n", "status")
    assert status.returncode == 0
    assert "missing field: content/practices/sample-practice.yml: area" in status.stdout
    assert status.stdout.strip().endswith("i18n status: 2 language(s) checked")


def test_unknown_field_in_a_translation_is_an_error(sample_project: Path) -> None:
    add_german(sample_project)
    path = sample_project / "content/translations/de/practices/sample-practice.yml"
    path.write_text(path.read_text() + "country: DE\n")
    checked = run_toolkit(sample_project, "check")
    assert checked.returncode == 1
    assert "content/translations/de/practices/sample-practice.yml:5:1: error: [country] unknown field 'country'" in checked.stderr
