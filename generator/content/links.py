"""Links in contributor Markdown: checked in the YAML, before anything is built.

A field's text can appear on several pages at different depths (a module's
summary is on its page, the modules overview and the home page), so a
relative link cannot be right everywhere. Contributors therefore link to the
site's own pages by what they are, and the renderer writes the right
relative address on each page:

    [INTI-Cities](practice:inti-cities)
    [the building block](module:host-society-commitment#deprived-urban-areas)
    [employment](indicator:employment_rate)   [recommendation 3](recommendation:3)
    [the Netherlands](country:NL)

Everything else must be a full web address (https://, http://, mailto:).
`toolkit check` reports any other link, or a toolkit link to something that
does not exist, at its field, so check, preview and build agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.content.fields import suggest
from generator.content.load import ContentSet, Entry
from generator.problems import Problems

SCHEMES = ("practice", "module", "indicator", "recommendation", "country")
_EXTERNAL = ("https:", "http:", "mailto:")

# Inline links `](target "title")`, reference definitions `[ref]: target`,
# autolinks `<scheme:…>` and raw `<a href=…>` (the only raw tag with an
# address that the sanitizer keeps; images are not allowed at all).
_TARGETS = re.compile(
    r"""(?<!!)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+["'(][^)]*)?\)"""
    r"""|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"""
    r"""|<((?:[a-z][a-z0-9+.-]*):[^\s>]+)>"""
    r"""|<a\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)""",
    re.M | re.I,
)


def link_targets(markdown: str) -> Iterator[str]:
    for match in _TARGETS.finditer(markdown):
        yield next(group for group in match.groups() if group is not None)


def _markdown_fields(value: Any, path: str, spec: Any) -> Iterator[tuple[str, str]]:
    from generator.content.fields import ListOf, Markdown, Object

    if isinstance(spec, Markdown) and isinstance(value, str):
        yield path, value
    elif isinstance(spec, Object) and isinstance(value, dict):
        for name, child in spec.fields.items():
            if name in value:
                yield from _markdown_fields(value[name], f"{path}.{name}" if path else name, child)
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _markdown_fields(item, f"{path}[{index}]", spec.item)


def _known(content: ContentSet) -> dict[str, set[str]]:
    from generator.countries import COUNTRY_CODES

    known: dict[str, set[str]] = {name: {str(k) for k in bucket} for name, bucket in content.entries.items()}
    known["country"] = set(COUNTRY_CODES)
    known["block"] = {
        f"{module.key}#{component.get('id')}"
        for module in content.entries["module"].values()
        for component in module.data.get("components", [])
    }
    return known


def target_problem(target: str, known: dict[str, set[str]]) -> str:
    """Why a link target cannot work ("" when it can)."""
    lowered = target.lower()
    if lowered.startswith(_EXTERNAL):
        return "" if re.match(r"(https?://[^/\s]+|mailto:\S+@\S+)", target, re.I) else "is not a complete address"
    scheme, _, rest = target.partition(":")
    if scheme in SCHEMES and rest:
        ident, _, anchor = rest.partition("#")
        if ident not in known[scheme]:
            return f"names no {scheme} '{ident}'" + suggest(ident, sorted(known[scheme]))
        if anchor and (scheme != "module" or f"{ident}#{anchor}" not in known["block"]):
            return f"names no building block '{anchor}' in module '{ident}'"
        return ""
    return ("is not a web address or a toolkit link: link to the site's own pages as practice:<id>, "
            "module:<id>#<building block>, indicator:<id>, recommendation:<number> or country:<code>, "
            "and to anything else with a full https:// address")


def check_links(content: ContentSet, problems: Problems) -> None:
    known = _known(content)
    for bucket in content.entries.values():
        for entry in bucket.values():
            _check_entry(entry, entry.data, known, problems)
    for per_type in content.translations.values():
        for overlays in per_type.values():
            for entry in overlays.values():
                _check_entry(entry, entry.data, known, problems)


def _check_entry(entry: Entry, data: dict, known: dict[str, set[str]], problems: Problems) -> None:
    for field_path, text in _markdown_fields(data, "", entry.type.spec):
        for target in link_targets(text):
            problem = target_problem(target, known)
            if problem:
                kind = "anchor" if "#" in target and not target.lower().startswith(_EXTERNAL) else "link"
                problems.error(entry.location(field_path), f"broken {kind} '{target}' in {field_path}: the link "
                               f"{problem}", field=field_path)
