"""Cross-reference checks, run once everything is loaded: every id a file
names must exist, with a "did you mean" suggestion from all known ids."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.content.fields import suggest
from generator.content.load import ContentSet, Entry
from generator.problems import Problems


def known_ids(content: ContentSet) -> dict[str, dict[Any, str]]:
    """Target type → id → where it is defined."""
    ids: dict[str, dict[Any, str]] = {
        name: {key: entry.path for key, entry in bucket.items()}
        for name, bucket in content.entries.items()
    }
    ids["component"] = {}
    for module in content.entries["module"].values():
        for index, component in enumerate(module.data.get("components", [])):
            ids["component"].setdefault(component["id"], f"{module.path} components[{index}]")
    return ids


def _references(entry: Entry) -> Iterator[tuple[str, str, Any]]:
    """(target type, field path, referenced id) for every reference in an entry."""
    data = entry.data
    name = entry.type.name
    if name == "module":
        for i, number in enumerate(data.get("recommendations", [])):
            yield "recommendation", f"recommendations[{i}]", number
        for i, ident in enumerate(data.get("indicators", [])):
            yield "indicator", f"indicators[{i}]", ident
        for c, component in enumerate(data.get("components", [])):
            for i, ident in enumerate(component.get("sources_of_experience", [])):
                yield "practice", f"components[{c}].sources_of_experience[{i}]", ident
    elif name == "practice":
        for i, ident in enumerate(data.get("modules", [])):
            yield "module", f"modules[{i}]", ident
        for i, ident in enumerate(data.get("components", [])):
            yield "component", f"components[{i}]", ident
    elif name == "recommendation":
        for i, ident in enumerate(data.get("modules", [])):
            yield "module", f"modules[{i}]", ident
        for i, ident in enumerate(data.get("components", [])):
            yield "component", f"components[{i}]", ident


def check_references(content: ContentSet, problems: Problems) -> None:
    ids = known_ids(content)
    _check_component_ids(content, problems)
    for bucket in content.entries.values():
        # references *from* a file with other errors are still checked (all
        # mistakes in one run); references *to* it resolve, as its id is known
        for entry in bucket.values():
            for target, field_path, ident in _references(entry):
                if ident in ids[target]:
                    continue
                choices = [str(k) for k in ids[target]]
                problems.error(
                    entry.location(field_path),
                    f"unknown {target} '{ident}'" + suggest(str(ident), choices)
                    + (f" (known: {', '.join(sorted(choices)[:12])})" if choices else ""),
                    field=field_path,
                )


def _check_component_ids(content: ContentSet, problems: Problems) -> None:
    seen: dict[str, str] = {}
    for module in content.entries["module"].values():
        for index, component in enumerate(module.data.get("components", [])):
            ident = component.get("id")
            if ident is None:
                continue
            if ident in seen:
                problems.error(
                    module.location(f"components[{index}].id"),
                    f"component id '{ident}' is already used in {seen[ident]}; ids must be unique",
                    field=f"components[{index}].id",
                )
            seen[ident] = module.path
