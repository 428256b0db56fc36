"""`toolkit serve`: the preview rebuilds what an edit changes, on MkDocs'
public build plus the few internals in `generator.mkdocs_plugin.internals`."""

from __future__ import annotations

from pathlib import Path

from generator.mkdocs_plugin.internals import signature_problems
from generator.preview import Preview


def test_the_mkdocs_internals_the_preview_relies_on_are_unchanged() -> None:
    # fails loudly after a MkDocs upgrade that renames or reorders them
    assert signature_problems() == []


def test_an_edit_to_a_practice_updates_its_page_and_the_search_index(sample_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "preview"
    preview = Preview(sample_project / "mkdocs.yml", site)
    first = preview.full_build()
    assert first.kind == "full" and (site / "practices/sample-practice/index.html").is_file()

    practice = sample_project / "content/practices/sample-practice.yml"
    practice.write_text(practice.read_text().replace("A synthetic practice located in Testville.",
                                                     "Synthetic text edited in the preview."))
    report = preview.rebuild()
    assert report.kind == "incremental", report.line()
    assert 1 <= report.pages_built < first.pages_built
    assert report.charts_rendered == 0
    assert "Synthetic text edited in the preview." in (site / "practices/sample-practice/index.html").read_text()
    index = (site / "search/index.js").read_text()
    assert "Synthetic text edited in the preview." in index

    # a mistake keeps the last good page and says where it is
    practice.write_text(practice.read_text().replace("status: innovative", "status: maybe"))
    broken = preview.rebuild()
    assert broken.kind == "failed"
    assert "Synthetic text edited in the preview." in (site / "practices/sample-practice/index.html").read_text()

    assert preview.rebuild().kind == "none"  # nothing changed since


def test_a_module_edit_rebuilds_everything(sample_project: Path, tmp_path: Path) -> None:
    preview = Preview(sample_project / "mkdocs.yml", tmp_path / "preview")
    preview.full_build()
    module = sample_project / "content/modules/sample-module.yml"
    module.write_text(module.read_text().replace("title: Sample module", "title: Sample module, edited"))
    report = preview.rebuild()
    assert report.kind == "full"
    assert "Sample module, edited" in (tmp_path / "preview/modules/sample-module/index.html").read_text()
