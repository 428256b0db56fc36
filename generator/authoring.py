"""`toolkit new`: a commented skeleton of a new practice or module.

Every comment in the skeleton is generated from the field declarations in
`generator.content.types` (description, required or optional, kind of value,
allowed values, known ids), so the skeleton never drifts from the validator.
Required fields are filled with placeholders that pass validation but are
marked `TODO`; optional fields are written commented out, ready to uncomment.
The text is validated in memory with the real loader before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.fields import (
    Boolean,
    Choice,
    Context,
    Date,
    Field,
    ListOf,
    Markdown,
    Object,
    OneOrMany,
    Text,
    Url,
    suggest,
)
from generator.content.load import load_content, yaml_files
from generator.content.types import CONTENT_TYPES, THEMES, ContentType, Id
from generator.content.yamlfile import parse_yaml
from generator.problems import Location, Problems, ToolkitError, display_path
from generator.project import Project

WIDTH = 92  # comment lines are wrapped to this width
MAX_ID_LENGTH = 60


@dataclass(frozen=True)
class Created:
    path: Path
    id: str
    text: str

    def summary(self) -> str:
        return f"created {display_path(self.path)} — edit it, then run `toolkit check`"


@dataclass
class _Known:
    """Ids already in the project, listed in the comments of reference fields."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    today: str = ""


# ---------------------------------------------------------------- ids and codes


def slugify(title: str, fallback: str) -> str:
    """A lowercase-kebab id from a title: 'València: pacts!' → 'valencia-pacts'."""
    text = unicodedata.normalize("NFKD", title.casefold()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_ID_LENGTH:
        slug = slug[:MAX_ID_LENGTH].rsplit("-", 1)[0] if "-" in slug[:MAX_ID_LENGTH] else slug[:MAX_ID_LENGTH]
    return slug or fallback


def fresh_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… when it is taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def taken_ids(project: Project, content_type: ContentType) -> set[str]:
    """File names (= ids) of this type in every content folder of the project."""
    taken: set[str] = set()
    for content_dir, _data_dir in project.content_folders():
        taken.update(p.stem for p in yaml_files(content_dir / content_type.folder))
    return taken


def country_code(code: str) -> str:
    """The Eurostat code for `code`, or a ToolkitError with a suggestion."""
    from generator.countries import country_problem

    problem = country_problem(code.strip().upper()) and country_problem(code)
    if problem:
        _fail("--country", "country", problem)
    return code.strip().upper()


def _fail(where: str, field_name: str, message: str) -> None:
    raise ToolkitError.at(Location(where), message, "nothing was written", field=field_name)


def _content_type(name: str) -> ContentType:
    return next(t for t in CONTENT_TYPES if t.name == name)


def _known_ids(project: Project) -> _Known:
    content = load_content(project.content_folders(), project.root, Problems())
    ids = {name: sorted(str(k) for k in bucket) for name, bucket in content.entries.items()}
    ids["component"] = [
        component["id"]
        for module in content.entries["module"].values()
        for component in module.data.get("components", [])
        if "id" in component
    ]
    return _Known(ids, dt.date.today().isoformat())


def _check_refs(values: tuple[str, ...], target: str, known: _Known, option: str) -> list[str]:
    out = []
    for value in values:
        if value not in known.ids.get(target, []):
            choices = known.ids.get(target, [])
            listing = f" (known: {', '.join(choices)})" if choices else ""
            _fail(option, f"{target}s", f"unknown {target} '{value}'" + suggest(value, choices) + listing)
        out.append(value)
    return out


# ---------------------------------------------------------------- comments


def describe(spec: Field, known: _Known | None = None) -> str:
    """The comment above a field: its description, then the facts about it."""
    known = known or _Known()
    needed = spec.required or (isinstance(spec, ListOf) and spec.min_items > 0)
    facts = ["Required" if needed else "Optional", spec.kind(known.ids)]
    if spec.translatable:
        facts.append("translatable")
    if isinstance(spec, ListOf) and spec.min_items:
        facts.append(f"at least {spec.min_items}")
    if isinstance(spec, ListOf):
        facts.append(f"at most {spec.max_items}")
    return f"{spec.description.rstrip('.')}. {'; '.join(facts)}."


def _comment(text: str, pad: str) -> list[str]:
    return [pad + "# " + line for line in textwrap.wrap(text, WIDTH - len(pad) - 2, break_on_hyphens=False)]


def _hint(spec: Field) -> str:
    """Placeholder text from the description: 'TODO: what it is, in a few sentences'."""
    text = spec.description.rstrip(".") or "a value"
    first = text.split()[0]
    if sum(ch.isupper() for ch in first) == 1 and first[0].isupper():  # not ISO, EU…
        text = text[0].lower() + text[1:]
    return f"TODO: {text}"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


# ---------------------------------------------------------------- YAML


def _scalar(spec: Field, preset: Any, known: _Known) -> tuple[str, str]:
    """(value as YAML, inline comment) for a scalar field: the preset, or a placeholder."""
    if preset is not None:
        return (_quote(preset) if isinstance(spec, Text) and not isinstance(spec, Id) else str(preset)), ""
    if isinstance(spec, Markdown | Text) and not isinstance(spec, Id):
        return _quote(_hint(spec)), ""
    if isinstance(spec, Choice) and spec.required:  # a valid value, marked
        return spec.choices[0], f"  # TODO: choose one of: {', '.join(spec.choices)}"
    if isinstance(spec, Date):
        return known.today or "YYYY-MM-DD", ""
    if isinstance(spec, Url):  # valid, and flagged by `toolkit check` until replaced
        return "https://example.org/TODO", "  # TODO: the address of the source"
    if isinstance(spec, Boolean):
        return "false", ""
    return "TODO", ""


def _lines(name: str, spec: Field, indent: int, preset: Any, known: _Known) -> list[str]:
    """`name: value` lines at `indent`: the preset or a placeholder (the caller
    comments them out for an optional field)."""
    pad = " " * indent
    if isinstance(spec, Markdown) and preset is None:
        return [f"{pad}{name}: |", f"{pad}  {_hint(spec)}"]
    if isinstance(spec, Object):
        return [f"{pad}{name}:", *_object_lines(spec, indent + 2, preset or {}, known)]
    if isinstance(spec, OneOrMany):
        values = list(preset or ["TODO"])
        return [f"{pad}{name}: {values[0] if len(values) == 1 else '[' + ', '.join(values) + ']'}"]
    if isinstance(spec, ListOf):
        if isinstance(spec.item, Object):
            out = [f"{pad}{name}:"]
            for item in preset or [{}]:
                out += _list_item(spec.item, indent + 2, item, known)
            return out
        if preset:
            return [f"{pad}{name}: [{', '.join(str(v) for v in preset)}]"]
        value, note = _scalar(spec.item, None, known)
        if isinstance(spec.item, Markdown | Text) and not spec.item.description:
            value = _quote(_hint(spec))
        return [f"{pad}{name}:", f"{pad}  - {value}{note}"]
    value, note = _scalar(spec, preset, known)
    return [f"{pad}{name}: {value}{note}"]


def _object_lines(spec: Object, indent: int, presets: dict[str, Any], known: _Known) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for name, child in spec.fields.items():
        preset = presets.get(name)
        out += _comment(describe(child, known), pad)
        filled = _lines(name, child, indent, preset, known)
        needed = child.required or (isinstance(child, ListOf) and child.min_items > 0)
        if preset is not None or needed:
            out += filled
        else:  # optional: commented out, ready to uncomment
            out += [line[:indent] + "# " + line[indent:] for line in filled]
    return out


def _list_item(spec: Object, indent: int, presets: dict[str, Any], known: _Known) -> list[str]:
    """One `- field: …` item; comments before its first key sit at the dash."""
    lines = _object_lines(spec, indent + 2, presets, known)
    first = next((i for i, line in enumerate(lines) if not line.lstrip().startswith("#")), None)
    if first is None:  # no required field: an empty item to fill
        return [" " * indent + line.lstrip() for line in lines] + [" " * indent + "- {}"]
    head = [" " * indent + line.lstrip() for line in lines[:first]]
    return [*head, " " * indent + "- " + lines[first].lstrip(), *lines[first + 1 :]]


def render(content_type: ContentType, presets: dict[str, Any], known: _Known, intro: list[str]) -> str:
    """The skeleton text of one content file."""
    lines = [f"# yaml-language-server: $schema=../../schemas/{content_type.name}.schema.json"]
    lines += [f"# {line}" if line else "#" for line in intro]
    for name, child in content_type.spec.fields.items():
        lines.append("")
        lines += _object_lines(Object("", fields={name: child}), 0, presets, known)
    return "\n".join(lines) + "\n"


def _intro(kind: str, folder: str) -> list[str]:
    return [
        f"A new {kind}, created by `toolkit new {kind}`. How to finish it (see CONTRIBUTING.md):",
        "- replace every placeholder marked TODO with facts from your sources;",
        "- for an optional field you can source, remove the '# ' in front of its lines;",
        "  delete the optional fields you do not need;",
        f"- translations go in content/translations/<language>/{folder}/ (translatable fields only);",
        "- then run `toolkit check` and fix what it reports.",
    ]


# ---------------------------------------------------------------- commands


def _write(project: Project, content_type: ContentType, ident: str, text: str) -> Created:
    path = project.content_dir / content_type.folder / f"{ident}.yml"
    shown = display_path(path)
    problems = Problems()
    node = parse_yaml(text, shown, problems)
    if node is not None:
        content_type.spec.coerce(node, "", Context(problems))
    if problems.errors:  # e.g. a title of several lines or too long
        raise ToolkitError(problems, "nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # never overwrite
        out.write(text)
    return Created(path, ident, text)


def _title(title: str, option: str = "TITLE") -> str:
    cleaned = title.strip()
    if not cleaned:
        _fail(option, "title", "the title must not be empty")
    if "\n" in cleaned:
        _fail(option, "title", "the title must be a single line")
    limit = Text("").max_length
    if len(cleaned) > limit:
        _fail(option, "title", f"the title is {len(cleaned)} characters long; at most {limit}")
    return cleaned


def new_practice(
    project: Project, title: str, countries: tuple[str, ...], modules: tuple[str, ...] = ()
) -> Created:
    """Write content/practices/<id>.yml for a new practice."""
    content_type = _content_type("practice")
    title = _title(title)
    codes = list(dict.fromkeys(country_code(c) for c in countries))
    if not codes:
        _fail("--country", "country", "give the country where it runs, e.g. --country ES")
    known = _known_ids(project)
    module_ids = _check_refs(modules, "module", known, "--module")
    ident = fresh_id(slugify(title, "practice"), taken_ids(project, content_type))
    presets: dict[str, Any] = {
        "id": ident,
        "title": title,
        "country": codes,
        "sources": [{}],  # optional in the model, but every fact needs one
    }
    if module_ids:
        presets["modules"] = module_ids
    text = render(content_type, presets, known, _intro("practice", content_type.folder))
    return _write(project, content_type, ident, text)


def new_module(project: Project, title: str, theme: str) -> Created:
    """Write content/modules/<id>.yml for a new module with one building block."""
    content_type = _content_type("module")
    title = _title(title)
    if theme not in THEMES:
        _fail("--theme", "theme", f"'{theme}' is not a theme; use one of: {', '.join(THEMES)}"
              + suggest(theme, THEMES))
    known = _known_ids(project)
    ident = fresh_id(slugify(title, "module"), taken_ids(project, content_type))
    component = fresh_id(f"{ident}-first-block", set(known.ids.get("component", [])))
    presets = {
        "id": ident,
        "number": THEMES.index(theme) + 1,
        "theme": theme,
        "title": title,
        "components": [{"id": component}],
    }
    text = render(content_type, presets, known, _intro("module", content_type.folder))
    return _write(project, content_type, ident, text)



# ---------------------------------------------------------------- CONTRIBUTING.md

REFERENCE_START = "<!-- field reference: generated by `python -m generator.authoring`; do not edit by hand -->"
REFERENCE_END = "<!-- end of field reference -->"


def _reference_rows(spec: Object, prefix: str = "") -> list[str]:
    rows = []
    for name, child in spec.fields.items():
        path = prefix + name
        needed = child.required or (isinstance(child, ListOf) and child.min_items > 0)
        facts = [child.kind({})] + (["translatable"] if child.translatable else [])
        what = "; ".join(facts)
        what = f"{child.description.rstrip('.')}. {what[:1].upper()}{what[1:]}."
        rows.append(f"| `{path}` | {'yes' if needed else ''} | {what} |")
        if isinstance(child, Object):
            rows += _reference_rows(child, path + ".")
        elif isinstance(child, ListOf) and isinstance(child.item, Object):
            rows += _reference_rows(child.item, path + "[].")
    return rows


def field_reference() -> str:
    """Markdown tables of every field of every content type, from `types`."""
    parts = [REFERENCE_START]
    practice_first = sorted(CONTENT_TYPES, key=lambda t: t.name != "practice")
    for content_type in practice_first:
        folder = "data" if content_type.name == "indicator" else "content"
        file_name = "<id>.yml" if content_type.key == "id" else ""
        parts += [
            "",
            f"### {content_type.name.capitalize()} (`{folder}/{content_type.folder}/{file_name}`)",
            "",
            "| field | required | what to write |",
            "|---|---|---|",
            *_reference_rows(content_type.spec),
        ]
    parts += ["", REFERENCE_END]
    return "\n".join(parts)


def field_paths(spec: Object, prefix: str = "") -> list[str]:
    """Every field as written in the reference: `title`, `period.start`, `sources[].url`."""
    paths = []
    for name, child in spec.fields.items():
        paths.append(prefix + name)
        if isinstance(child, Object):
            paths += field_paths(child, prefix + name + ".")
        elif isinstance(child, ListOf) and isinstance(child.item, Object):
            paths += field_paths(child.item, prefix + name + "[].")
    return paths


def update_reference(text: str) -> str:
    """`text` (CONTRIBUTING.md) with its generated field reference replaced."""
    start, end = text.index(REFERENCE_START), text.index(REFERENCE_END) + len(REFERENCE_END)
    return text[:start] + field_reference() + text[end:]


if __name__ == "__main__":  # python -m generator.authoring [CONTRIBUTING.md]
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "CONTRIBUTING.md")
    before = target.read_text(encoding="utf-8")
    after = update_reference(before)
    target.write_text(after, encoding="utf-8")
    print(f"field reference in {target}: {'updated' if after != before else 'unchanged'}")


def practice_template(model_ids: dict[str, list[str]]) -> str:
    """The commented skeleton of a practice, for readers who propose one
    (the downloads of the Propose-a-practice page); same comments as `toolkit new`."""
    content_type = _content_type("practice")
    presets: dict[str, Any] = {"id": "your-practice-id", "title": "TODO: the name of the practice",
                               "country": ["XX"], "sources": [{}]}
    intro = ["A practice to propose to this toolkit: fill in what your sources say, leave",
             "the rest out, and send the file as the Propose-a-practice page explains."]
    return render(content_type, presets, _Known(model_ids, ""), intro)  # no date: builds stay reproducible
