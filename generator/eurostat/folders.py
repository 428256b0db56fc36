"""Which data folder an import writes, and which folders it reads, for a project."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from generator.eurostat.importer import DataFolders
from generator.problems import Location, ToolkitError, display_path
from generator.project import Project
from generator.resources import bundled


def folders_for(project: Project | None, data_dir: Path | None) -> DataFolders:
    """The project's own (last) data folder, or `data_dir` when given.

    The figures an authority adds go into its own folder (`extra_data_dirs`);
    the bundled data of an installed toolkit is never written.
    """
    if project is None:
        if data_dir is None:
            raise ToolkitError.at(Location("mkdocs.yml"),
                                  "no such file; run in your site's folder, or pass --config or --data-dir",
                                  "no project")
        target = data_dir.resolve()
        indicators = (bundled("data") / "indicators", target / "indicators")
        return DataFolders(target, (), _unique(indicators), Path.cwd())
    every = (project.data_dir, *project.extra_data_dirs)
    target = data_dir.resolve() if data_dir is not None else every[-1]
    _refuse_installed(target)
    earlier = every[: every.index(target)] if target in every else every
    indicators = [data / "indicators" for _, data in project.content_folders()]
    indicators.append(target / "indicators")
    return DataFolders(target, tuple(earlier), _unique(indicators), project.root)


def _refuse_installed(target: Path) -> None:
    package = Path(str(files("generator"))).resolve()
    if target.resolve().is_relative_to(package):
        raise ToolkitError.at(
            Location(display_path(target)),
            "is the toolkit's installed, bundled data; import into a data folder of your own "
            "(extra_data_dirs in mkdocs.yml, e.g. local/data) or pass --data-dir",
            "nothing written",
        )


def _unique(paths) -> tuple[Path, ...]:  # type: ignore[no-untyped-def]
    return tuple(dict.fromkeys(paths))
