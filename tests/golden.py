"""Golden files: pages rendered from the synthetic sample project.

Refresh after an intended change with `make golden`
(`python -m tests.golden --refresh`), then review the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.project import Project
from generator.render.site import render_site
from generator.sources import load_project

HERE = Path(__file__).resolve().parent
GOLDEN_DIR = HERE / "golden"
SAMPLE = HERE / "fixtures" / "sample"
GOLDEN_PAGES = (
    "index.md",
    "modules/sample-module.md",
    "practices/sample-practice.md",
    "practices/index.md",
    "recommendations.md",
    "target-groups.md",
)


def rendered_pages(cache_dir: Path) -> dict[str, str]:
    project = Project.from_options(
        SAMPLE, content_dir="content", data_dir="data", site_name="Sample Toolkit", cache_dir=str(cache_dir)
    )
    loaded = load_project(project)
    assert loaded.ok, [p.format() for p in loaded.problems.errors]
    output = render_site(loaded, "en")
    return {page.src_path: page.exported_markdown() for page in output.pages if page.src_path in GOLDEN_PAGES}


def refresh() -> None:
    for src_path, content in rendered_pages(HERE.parent / ".cache").items():
        target = GOLDEN_DIR / src_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    print(f"golden: refreshed {len(GOLDEN_PAGES)} page(s) in {GOLDEN_DIR}")


if __name__ == "__main__":
    if "--refresh" not in sys.argv:
        sys.exit("usage: python -m tests.golden --refresh")
    refresh()
