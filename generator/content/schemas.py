"""JSON Schema (draft-07) files generated from the declarations in `types`.

Editors' YAML language servers read them through the
`# yaml-language-server: $schema=...` line at the top of each content file.
`toolkit schemas` rewrites them; a test fails when the committed ones are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.content.fields import Field, ListOf, Object
from generator.content.types import CONTENT_TYPES, ContentType

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"


def translation_spec(spec: Object, key: str) -> Object:
    """The shape of a translation overlay: the key plus translatable fields only.

    Lists of objects (components, sources) are matched to the original by
    their `id` when they have one, otherwise by position.
    """
    fields: dict[str, Field] = {key: spec.fields[key]}
    for name, child in spec.fields.items():
        if name == key:
            continue
        nested = _translatable_part(child)
        if nested is not None:
            fields[name] = nested
    return Object(spec.description + " (translation)", fields=fields)


def _translatable_part(child: Field) -> Field | None:
    if isinstance(child, ListOf) and isinstance(child.item, Object):
        inner = child.item
        if not any(_translatable_part(f) for f in inner.fields.values()):
            return None
        sub = {n: f for n, f in inner.fields.items() if n == "id"}
        sub.update(
            {n: part for n, f in inner.fields.items() if n != "id" and (part := _translatable_part(f))}
        )
        return ListOf(child.description, item=Object(inner.description, fields=sub))
    if isinstance(child, Object):
        sub = {n: part for n, f in child.fields.items() if (part := _translatable_part(f))}
        return Object(child.description, fields=sub) if sub else None
    if child.translatable:
        return _optional(child)
    return None


def _optional(field: Field) -> Field:
    from dataclasses import replace

    return replace(field, required=False)


def schema_document(content_type: ContentType, translation: bool = False) -> dict[str, Any]:
    spec = translation_spec(content_type.spec, content_type.key) if translation else content_type.spec
    kind = f"{content_type.name} translation" if translation else content_type.name
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{schema_file_name(content_type, translation)}",
        "title": f"European Modules Toolkit: {kind}",
        **spec.json_schema(),
    }


def schema_file_name(content_type: ContentType, translation: bool = False) -> str:
    suffix = ".translation" if translation else ""
    return f"{content_type.name}{suffix}.schema.json"


def rendered_schemas() -> dict[str, str]:
    """File name → JSON text of every committed schema."""
    out = {}
    for content_type in CONTENT_TYPES:
        for translation in (False, True):
            document = schema_document(content_type, translation)
            out[schema_file_name(content_type, translation)] = (
                json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
            )
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
