"""Load a site's mkdocs.yml for the CLI: every configuration mistake (an unknown
or mistyped option, a wrong type, a missing folder, an unsafe value) is a
located error, never a warning that a build might ignore.

Locations come from MkDocs' own validation results, which name the option
(`(key, error)` pairs), and from our own located reading of the file; the
toolkit's plugin options are validated option by option with their config
classes, so no English message is ever parsed for a key.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from generator.content.yamlfile import Map, Node, Scalar, Seq, parse_yaml
from generator.mkdocs_plugin.options import PluginConfig
from generator.problems import Location, Problems, ToolkitError, display_path
from generator.project import Project

PLUGIN = "european-modules"


def load_mkdocs_config(config_file: Path, **overrides: Any):  # type: ignore[no-untyped-def]
    from mkdocs.config.defaults import MkDocsConfig

    from generator.mkdocs_plugin.config_guard import check_config

    problems = Problems()
    shown = display_path(config_file)
    text = _read(config_file, shown, problems)
    tree = parse_yaml(text, shown, problems, any_tags=True) if text is not None else None
    if tree is None:
        raise ToolkitError(problems, "the configuration cannot be read")
    config = MkDocsConfig(config_file_path=str(config_file))
    try:
        with open(config_file, "rb") as handle:
            config.load_file(handle)
        config.load_dict({k: v for k, v in overrides.items() if v is not None})
    except Exception as exc:  # MkDocs' YAML loader: a bad !ENV, a tag it cannot resolve…
        problems.error(Location(shown, 1, 1), f"MkDocs cannot read the configuration: {exc}")
        raise ToolkitError(problems, "the configuration cannot be read") from exc
    ours = _plugin_option_problems(config.get("plugins"), tree, shown)
    failed, warnings = config.validate()
    for key, error in [*failed, *warnings]:
        if key == "plugins" and ours:
            continue  # our plugin's own mistakes are reported precisely below
        problems.error(_locate(tree, shown, [key]), _message(key, error), field=key)
    problems.extend(ours)
    if not problems.errors and PLUGIN not in config.plugins:
        problems.error(_locate(tree, shown, ["plugins"]), f"the '{PLUGIN}' plugin is not enabled under plugins:")
    if not problems.errors:
        check_config(config, config.plugins[PLUGIN].config, tree, shown, problems)
    if problems.errors:
        raise ToolkitError(problems, f"{len(problems.errors)} configuration error(s)")
    return config


def project_from_mkdocs(config_file: Path) -> Project:
    config = load_mkdocs_config(config_file)
    return config.plugins[PLUGIN]._project(config)


def _read(path: Path, shown: str, problems: Problems) -> str | None:
    if not path.exists():
        problems.error(Location(shown), "no such file; run from the project folder or pass --config")
    elif path.is_dir():
        problems.error(Location(shown), "is a folder, not a configuration file; pass --config with the mkdocs.yml")
    else:
        try:
            return path.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            problems.error(Location(shown), f"cannot read the configuration: {exc.strerror or exc}")
        except UnicodeDecodeError as exc:
            problems.error(Location(shown), f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8")
    return None


def _message(key: str, error: object) -> str:
    from mkdocs.config.base import get_schema
    from mkdocs.config.defaults import MkDocsConfig

    names = [name for name, _ in get_schema(MkDocsConfig)]
    if key not in names:
        return f"unknown option '{key}'" + _suggest(key, names) + " (see MkDocs' configuration reference)"
    return f"'{key}': {error}"


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# -- the toolkit's own options ---------------------------------------------------


def plugin_options_path(tree: Node | None) -> list[str | int]:
    """The key path of our plugin's options in mkdocs.yml (["plugins", i, PLUGIN])."""
    entries = tree.entries if isinstance(tree, Map) else {}
    plugins = entries.get("plugins", (None, None))[1]
    if isinstance(plugins, Seq):
        for index, item in enumerate(plugins.items):
            if isinstance(item, Map) and PLUGIN in item.entries:
                return ["plugins", index, PLUGIN]
            if isinstance(item, Scalar) and item.text == PLUGIN:
                return ["plugins", index]
    if isinstance(plugins, Map) and PLUGIN in plugins.entries:
        return ["plugins", PLUGIN]
    return ["plugins"]


def _plugin_option_problems(raw_plugins: Any, tree: Node, shown: str) -> Problems:
    raw = _raw_options(raw_plugins)
    problems = Problems()
    if raw is None:
        return problems
    base = plugin_options_path(tree)
    for key, message in validate_options(PluginConfig, raw):
        problems.error(_locate(tree, shown, [*base, *key.split(".")]), message, field=key)
    return problems


def _raw_options(raw_plugins: Any) -> dict | None:
    items = raw_plugins.items() if isinstance(raw_plugins, dict) else (
        next(iter(i.items())) if isinstance(i, dict) and len(i) == 1 else (i, {}) for i in raw_plugins or ()
    )
    for name, options in items:
        if name == PLUGIN:
            return options if isinstance(options, dict) else {}
    return None


def validate_options(config_class: type, raw: dict, prefix: str = "") -> list[tuple[str, str]]:
    """(dotted key, message) for every mistake in `raw`, sub-options included,
    from MkDocs' own validation of each option (which names the key)."""
    from mkdocs.config import config_options as c
    from mkdocs.config.base import get_schema

    schema = dict(get_schema(config_class))
    config = config_class()
    config.load_dict(raw)
    failed, warnings = config.validate()
    found = []
    for key, error in [*failed, *warnings]:
        option = schema.get(key)
        if option is None:
            found.append((prefix + key, f"unknown option '{prefix}{key}'" + _suggest(key, list(schema))
                          + " (options are documented in docs/configuration.md)"))
        elif isinstance(option, c.SubConfig) and isinstance(raw.get(key), dict):
            found.extend(validate_options(option.config_class, raw[key], f"{prefix}{key}."))
        else:
            found.append((prefix + key, f"'{prefix}{key}': {error}"))
    return found


def _locate(tree: Node, shown: str, path: list[str | int]) -> Location:
    """The location of the deepest existing key on `path` in the file."""
    node, location = tree, Location(shown, 1, 1)
    for step in path:
        if isinstance(node, Map) and isinstance(step, str) and step in node.entries:
            location, node = node.entries[step]
        elif isinstance(node, Seq) and isinstance(step, int) and step < len(node.items):
            node = node.items[step]
            location = node.location
        else:
            break
    return location
