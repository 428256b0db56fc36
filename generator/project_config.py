"""Read the plugin options of a mkdocs.yml into a `Project` without running MkDocs."""

from __future__ import annotations

from pathlib import Path

from generator.problems import Location, Problems, ToolkitError
from generator.project import Project


def project_from_mkdocs(config_file: Path) -> Project:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.exists():
        problems = Problems()
        problems.error(Location(str(config_file)), "no such file; run from the project folder or pass --config")
        raise ToolkitError(problems)
    try:
        config = load_config(str(config_file))
    except ConfigurationError as exc:
        problems = Problems()
        problems.error(Location(str(config_file)), str(exc))
        raise ToolkitError(problems) from exc
    plugin = config.plugins["european-modules"]
    return plugin._project(config)
