"""Apply a translation overlay to a content entry, field by field.

A translation lives in its own file (`content/translations/<lang>/<type>/<id>.yml`)
holding only the translatable fields, so a translator's pull request never
touches the English file and ids and structure stay language-independent. A
field the overlay lacks falls back to the original, wrapped in `Fallback` so
templates mark it `lang="en"` with a "not yet translated" note.
"""

from __future__ import annotations

from typing import Any

from generator.content.fields import ListOf, Object
from generator.content.types import ContentType


class Fallback(str):
    """A string shown in the default language for lack of a translation."""

    __slots__ = ()


def localize(
    data: dict[str, Any], overlay: dict[str, Any] | None, content_type: ContentType
) -> tuple[dict[str, Any], list[str]]:
    """(localized copy of `data`, dotted paths of fields left untranslated).

    Every mapping and list of mappings is a new object, so the caller may add
    fields to it; `data` itself is never changed (no deep copy needed)."""
    missing: list[str] = []
    result = _merge(content_type.spec, data, overlay or {}, "", missing)
    return result, missing


def _merge(spec: Object, original: dict, overlay: dict, prefix: str, missing: list[str]) -> dict:
    data = dict(original)
    for name, field in spec.fields.items():
        if name not in data:
            continue
        path = f"{prefix}{name}"
        value = data[name]
        if isinstance(field, ListOf) and isinstance(field.item, Object):
            data[name] = _merge_list(field.item, value, overlay.get(name, []), path, missing)
        elif isinstance(field, Object):
            data[name] = _merge(field, value, overlay.get(name, {}), path + ".", missing)
        elif field.translatable:
            if name in overlay and _same_shape(value, overlay[name]):
                data[name] = overlay[name]
            else:
                missing.append(path)
                data[name] = _fallback(value)
    return data


def _merge_list(item: Object, values: list, overlays: list, path: str, missing: list[str]) -> list:
    by_id = {o["id"]: o for o in overlays if "id" in o}
    merged = []
    for index, value in enumerate(values):
        if "id" in value:
            overlay = by_id.get(value["id"], {})
        else:
            overlay = overlays[index] if index < len(overlays) else {}
        merged.append(_merge(item, value, overlay, f"{path}[{index}].", missing))
    return merged


def _same_shape(original: Any, translated: Any) -> bool:
    """A translated list must have as many items as the original."""
    if isinstance(original, list):
        return isinstance(translated, list) and len(original) == len(translated)
    return True


def _fallback(value: Any) -> Any:
    if isinstance(value, str):
        return Fallback(value)
    if isinstance(value, list):
        return [_fallback(v) for v in value]
    return value
