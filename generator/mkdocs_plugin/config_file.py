"""Load a site's mkdocs.yml for the CLI: configuration mistakes (an unknown or
mistyped option, a wrong type) become located errors, never warnings that a
build might ignore."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from generator.problems import Location, Problems, ToolkitError
from generator.project import Project

_NAME = re.compile(r"(?:option|name:?|Config value) '?([A-Za-z_][\w.]*)'?")


class WarningCollector(logging.Handler):
    """Collects MkDocs' warnings so they become located errors (MkDocs only logs them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_mkdocs_config(config_file: Path, **overrides: Any):  # type: ignore[no-untyped-def]
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    problems = Problems()
    if not config_file.exists():
        problems.error(Location(str(config_file)), "no such file; run from the project folder or pass --config")
        raise ToolkitError(problems)
    collector = WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(config_file), **overrides)
    except (ConfigurationError, Abort) as exc:
        for message in collector.messages or [str(exc)]:
            problems.error(_locate(config_file, message), message + _option_hint(message))
        raise ToolkitError(problems, f"{len(problems.errors)} configuration error(s)") from exc
    finally:
        logger.removeHandler(collector)
    config_messages = [m for m in collector.messages if "configuration" in m.lower() or "Config value" in m]
    if config_messages:
        for message in config_messages:
            problems.error(_locate(config_file, message), message + _option_hint(message))
        raise ToolkitError(problems, f"{len(problems.errors)} configuration error(s)")
    if "european-modules" not in config.plugins:
        problems.error(Location(str(config_file)), "the 'european-modules' plugin is not enabled under plugins:")
        raise ToolkitError(problems)
    return config


def _option_hint(message: str) -> str:
    from generator.content.fields import suggest
    from generator.mkdocs_plugin.options import AccessibilityConfig, PluginConfig

    match = re.search(r"Unrecognised configuration name: (\S+)", message)
    if not match:
        return ""
    names = [name for name, _ in PluginConfig._schema] + [name for name, _ in AccessibilityConfig._schema]
    return suggest(match.group(1), names) + " (options are documented in docs/configuration.md)"


def _locate(config_file: Path, message: str) -> Location:
    """The line of the option a MkDocs message names (MkDocs gives none)."""
    names = re.findall(r"'([^']+)'", message) or _NAME.findall(message)
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return Location(str(config_file))
    for name in reversed(names):
        leaf = name.rsplit(".", 1)[-1]
        for number, line in enumerate(lines, start=1):
            stripped = line.lstrip(" -")
            if stripped.startswith(f"{leaf}:"):
                return Location(str(config_file), number, len(line) - len(stripped) + 1)
    return Location(str(config_file), 1, 1)


def project_from_mkdocs(config_file: Path) -> Project:
    config = load_mkdocs_config(config_file)
    return config.plugins["european-modules"]._project(config)
