"""Warn about scaffold placeholders left in content (`TODO: …` from
`toolkit new`), which would otherwise be published as they are."""

from __future__ import annotations

import re
from typing import Any

from generator.content.load import ContentSet
from generator.problems import Problems

MARKER = "TODO:"
# example.org/.com/.net are reserved for examples (RFC 2606): never a real source
_PLACEHOLDER_ADDRESS = re.compile(r"https?://(www\.)?example\.(org|com|net)(/|$)", re.I)


def _strings(value: Any, path: str):  # type: ignore[no-untyped-def]
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, f"{path}[{index}]")


def check_placeholders(content: ContentSet, problems: Problems) -> None:
    for bucket in content.entries.values():
        for entry in bucket.values():
            for path, text in _strings(entry.data, ""):
                if MARKER in text or _PLACEHOLDER_ADDRESS.match(text):
                    problems.warning(
                        entry.location(path),
                        f"placeholder '{MARKER}' left in the text: replace it before publishing",
                        field=path,
                    )
