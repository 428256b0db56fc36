"""Where a built site may go: never onto, into or around what it is made from.

A build replaces its output folder wholesale (MkDocs empties `site_dir`;
`toolkit build` swaps a new folder in), so an output folder that is, holds or
lies inside a source folder, the configuration's folder or the project root
would destroy sources. Checked for `--site-dir`, for `site_dir:` in
mkdocs.yml and for plain `mkdocs build`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def output_dir_problem(target: Path, project_root: Path, sources: list[Path],
                       replaceable: Callable[[Path], bool] | None = None) -> str:
    """Why `target` may not be an output folder ("" when it may). A folder that
    already holds files may be replaced only when `replaceable` says it holds
    what this command writes (by default: a built site)."""
    target = Path(target).resolve()
    root = Path(project_root).resolve()
    if target == root:
        return "is the project folder itself: the build would replace the whole project"
    if target in root.parents or target == Path(target.anchor):
        return "holds the project folder: the build would replace it"
    for source in sources:
        source = Path(source).resolve()
        if target == source or source.is_relative_to(target):
            return f"is or holds the source folder {source}: the build would replace it"
        if target.is_relative_to(source):
            return f"lies inside the source folder {source}: the build would write into it"
    if target.exists() and not target.is_dir():
        return "is a file, not a folder"
    if target.is_dir() and any(target.iterdir()) and not (replaceable or _looks_like_a_site)(target):
        return "is not empty, and what it holds was not written by this command: choose an empty or new folder"
    return ""


def _looks_like_a_site(folder: Path) -> bool:
    markers = ("index.html", "404.html", "sitemap.xml")
    return any((folder / m).exists() for m in markers) or any(
        (child / "index.html").exists() for child in folder.iterdir() if child.is_dir()
    )
