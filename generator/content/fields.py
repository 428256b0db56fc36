"""Field types of the content model: each validates a YAML node and describes
itself as JSON Schema, so the schema files, the validator and the docs come
from one declaration (see `generator.content.types`).

Values are coerced from the *text as written* (see `yamlfile`): a text field
keeps `NO`, `010` or `3.10` exactly; only fields declared as numbers, booleans
or dates interpret the text, and then strictly.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.content.yamlfile import Map, Node, Scalar, Seq
from generator.problems import Location, Problems

_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Context:
    """Where coerced values and their locations go while one file is checked."""

    problems: Problems
    locations: dict[str, Location] = field(default_factory=dict)

    def error(self, node: Node, path: str, message: str) -> None:
        self.problems.error(node.location, message, field=path)


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True)
class Field:
    description: str
    required: bool = False
    translatable: bool = False

    type_name = "value"

    def kind(self, ids: dict[str, list[str]]) -> str:
        """What kind of value the field takes, in a contributor's words (for
        the comments `toolkit new` writes and the CONTRIBUTING field reference)."""
        return self.type_name

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def coerce(self, node: Node, path: str, ctx: Context) -> Any:
        raise NotImplementedError

    def _schema(self, **extra: Any) -> dict[str, Any]:
        return {"description": self.description, **extra}

    def _scalar(self, node: Node, path: str, ctx: Context) -> Scalar | None:
        if isinstance(node, Scalar):
            return node
        kind = "a list" if isinstance(node, Seq) else "a mapping"
        ctx.error(node, path, f"expected {self.type_name}, found {kind}")
        return None


@dataclass(frozen=True)
class Text(Field):
    """One line of plain text (titles, names, labels)."""

    type_name = "a line of text"
    max_length: int = 300

    def kind(self, ids: dict[str, list[str]]) -> str:
        return f"one line of text (at most {self.max_length} characters)"

    def json_schema(self) -> dict[str, Any]:
        return self._schema(type="string", minLength=1, maxLength=self.max_length)

    def coerce(self, node: Node, path: str, ctx: Context) -> str | None:
        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        text = scalar.text.strip()
        if not text:
            ctx.error(node, path, "must not be empty")
            return None
        if "\n" in text:
            ctx.error(node, path, "must be a single line (use a Markdown field for paragraphs)")
            return None
        if len(text) > self.max_length:
            ctx.error(node, path, f"is {len(text)} characters long; at most {self.max_length}")
            return None
        return text


@dataclass(frozen=True)
class Markdown(Field):
    """Paragraphs of Markdown; rendered and sanitized, never run as a template."""

    type_name = "Markdown text"
    max_length: int = 20_000

    def kind(self, ids: dict[str, list[str]]) -> str:
        return f"Markdown text, one or more paragraphs (at most {self.max_length:,} characters)"

    def json_schema(self) -> dict[str, Any]:
        return self._schema(type="string", minLength=1, maxLength=self.max_length, contentMediaType="text/markdown")

    def coerce(self, node: Node, path: str, ctx: Context) -> str | None:
        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        if not scalar.text.strip():
            ctx.error(node, path, "must not be empty (leave the field out instead)")
            return None
        if len(scalar.text) > self.max_length:
            ctx.error(node, path, f"is {len(scalar.text):,} characters long; at most {self.max_length:,} "
                      "(link to the full document instead)")
            return None
        return scalar.text.strip("\n")


@dataclass(frozen=True)
class Integer(Field):
    minimum: int | None = None
    maximum: int | None = 1_000_000  # no field needs more; bounds the digits a file can hold
    type_name = "a whole number"

    def kind(self, ids: dict[str, list[str]]) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f"a whole number from {self.minimum} to {self.maximum}"
        return "a whole number"

    def json_schema(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            extra["minimum"] = self.minimum
        if self.maximum is not None:
            extra["maximum"] = self.maximum
        return self._schema(**extra)

    def coerce(self, node: Node, path: str, ctx: Context) -> int | None:
        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        if not scalar.plain or not re.fullmatch(r"-?(0|[1-9][0-9]{0,8})", scalar.text):
            ctx.error(node, path, f"expected a whole number, found '{scalar.text}'")
            return None
        value = int(scalar.text)
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            ctx.error(node, path, f"{value} is out of range {low}–{high}")
            return None
        return value


@dataclass(frozen=True)
class Boolean(Field):
    type_name = "true or false"

    def json_schema(self) -> dict[str, Any]:
        return self._schema(type="boolean")

    def coerce(self, node: Node, path: str, ctx: Context) -> bool | None:
        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        if scalar.plain and scalar.text in ("true", "false"):
            return scalar.text == "true"
        ctx.error(node, path, f"expected true or false, found '{scalar.text}'")
        return None


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> tuple[dt.date | None, str]:
    """A calendar date from YYYY-MM-DD, or None and the reason."""
    match = _DATE.fullmatch(text)
    if not match:
        return None, f"expected a date as YYYY-MM-DD, found '{text}'"
    try:
        return dt.date(*map(int, match.groups())), ""
    except ValueError as exc:
        return None, f"'{text}' is not a valid date ({exc})"


@dataclass(frozen=True)
class Date(Field):
    type_name = "a date (YYYY-MM-DD)"

    def kind(self, ids: dict[str, list[str]]) -> str:
        return "a date as YYYY-MM-DD, not in the future"

    def json_schema(self) -> dict[str, Any]:
        return self._schema(type="string", format="date")

    def coerce(self, node: Node, path: str, ctx: Context) -> dt.date | None:
        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        value, reason = parse_date(scalar.text)
        if value is None:
            ctx.error(node, path, reason)
        elif value > dt.date.today():
            ctx.error(node, path, f"{value.isoformat()} is in the future")
            return None
        return value


@dataclass(frozen=True)
class YearOrDate(Field):
    """A point of a period: a year (2007), a date (2007-03-01), or, for an end,
    the word `ongoing`."""

    allow_ongoing: bool = False
    type_name = "a year or a date"

    def kind(self, ids: dict[str, list[str]]) -> str:
        return "a year (2009) or a date (2009-03-01)" + (", or ongoing" if self.allow_ongoing else "")

    def json_schema(self) -> dict[str, Any]:
        options: list[dict[str, Any]] = [
            {"type": "integer", "minimum": 1900, "maximum": 2100},
            {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        ]
        if self.allow_ongoing:
            options.append({"const": "ongoing"})
        return self._schema(oneOf=options)

    def coerce(self, node: Node, path: str, ctx: Context) -> str | None:
        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        text = scalar.text.strip()
        if self.allow_ongoing and text == "ongoing":
            return text
        if re.fullmatch(r"(19|20)\d\d", text):
            return text
        value, reason = parse_date(text)
        if value is None:
            extra = " or 'ongoing'" if self.allow_ongoing else ""
            ctx.error(node, path, f"{reason}; a year like 2007{extra} is also accepted")
            return None
        return value.isoformat()


@dataclass(frozen=True)
class Choice(Field):
    choices: tuple[str, ...] = ()
    type_name = "one of the allowed values"

    def kind(self, ids: dict[str, list[str]]) -> str:
        return "one of: " + ", ".join(self.choices)

    def json_schema(self) -> dict[str, Any]:
        return self._schema(type="string", enum=list(self.choices))

    def coerce(self, node: Node, path: str, ctx: Context) -> str | None:
        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        if scalar.text in self.choices:
            return scalar.text
        ctx.error(
            node,
            path,
            f"'{scalar.text}' is not allowed; use one of: {', '.join(self.choices)}"
            + suggest(scalar.text, self.choices),
        )
        return None


@dataclass(frozen=True)
class Url(Field):
    type_name = "a web address"

    def kind(self, ids: dict[str, list[str]]) -> str:
        return "a web address starting with https://"

    def json_schema(self) -> dict[str, Any]:
        return self._schema(type="string", format="uri", pattern="^https?://")

    def coerce(self, node: Node, path: str, ctx: Context) -> str | None:
        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        if re.fullmatch(r"https?://[^\s<>\"']+", scalar.text.strip()):
            return scalar.text.strip()
        ctx.error(node, path, f"expected a web address starting with https://, found '{scalar.text}'")
        return None


@dataclass(frozen=True)
class Ref(Field):
    """An id of another content item; existence is checked after loading
    everything (see `crossref`), where suggestions can use all ids."""

    target: str = ""
    type_name = "an id"

    def kind(self, ids: dict[str, list[str]]) -> str:
        listing = ids.get(self.target, [])
        article = "an" if self.target[:1] in "aeiou" else "a"
        base = f"the id of {article} {self.target}"
        return base + (f"; known: {', '.join(listing)}" if listing else "")

    def json_schema(self) -> dict[str, Any]:
        return self._schema(type=["string", "integer"], description=f"id of a {self.target}")

    def coerce(self, node: Node, path: str, ctx: Context) -> str | int | None:
        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        ctx.locations[path] = node.location
        if self.target == "recommendation":
            return Integer("", minimum=1, maximum=19).coerce(node, path, ctx)
        return scalar.text.strip()


@dataclass(frozen=True)
class Country(Field):
    """ISO 3166-1 alpha-2 code as used by Eurostat (Greece EL, United Kingdom UK)."""

    type_name = "a country code"

    def kind(self, ids: dict[str, list[str]]) -> str:
        return "a two-letter country code"

    def json_schema(self) -> dict[str, Any]:
        return self._schema(type="string", pattern="^[A-Z]{2}$")

    def coerce(self, node: Node, path: str, ctx: Context) -> str | None:
        from generator.countries import country_problem

        scalar = self._scalar(node, path, ctx)
        if scalar is None:
            return None
        code = scalar.text.strip()
        problem = country_problem(code)
        if problem:
            ctx.error(node, path, problem)
            return None
        return code


@dataclass(frozen=True)
class ListOf(Field):
    item: Field = field(default_factory=lambda: Text(""))
    min_items: int = 0
    max_items: int = 100  # more is a mistake (or an attack): pages list every item
    unique: bool = True

    type_name = "a list"

    def kind(self, ids: dict[str, list[str]]) -> str:
        if isinstance(self.item, Object):
            return "a list; each item has the fields below"
        return f"a list; each item is {self.item.kind(ids)}"

    def json_schema(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"type": "array", "items": self.item.json_schema(), "maxItems": self.max_items}
        if self.min_items:
            extra["minItems"] = self.min_items
        if self.unique and not isinstance(self.item, Object):
            extra["uniqueItems"] = True
        return self._schema(**extra)

    def coerce(self, node: Node, path: str, ctx: Context) -> list[Any] | None:
        if not isinstance(node, Seq):
            ctx.error(node, path, "expected a list (items starting with '- ' or [a, b])")
            return None
        if len(node.items) > self.max_items:
            ctx.error(node, path, f"has {len(node.items):,} items; at most {self.max_items}")
            return None
        values = []
        seen: dict[Any, int] = {}
        for index, child in enumerate(node.items):
            value = self.item.coerce(child, f"{path}[{index}]", ctx)
            if value is None:
                continue
            if self.unique and isinstance(value, str | int):
                if value in seen:
                    ctx.error(child, path, f"'{value}' is listed twice")
                    continue
                seen[value] = index
            values.append(value)
        if len(node.items) < self.min_items:
            ctx.error(node, path, f"needs at least {self.min_items} item(s)")
        return values


@dataclass(frozen=True)
class OneOrMany(Field):
    """A single value or a list of them; always coerced to a list."""

    item: Field = field(default_factory=lambda: Text(""))

    type_name = "a value or a list"

    def kind(self, ids: dict[str, list[str]]) -> str:
        return f"one value or a list [A, B]; each is {self.item.kind(ids)}"

    def json_schema(self) -> dict[str, Any]:
        single = self.item.json_schema()
        return self._schema(
            oneOf=[single, {"type": "array", "items": single, "minItems": 1, "uniqueItems": True}]
        )

    def coerce(self, node: Node, path: str, ctx: Context) -> list[Any] | None:
        if isinstance(node, Seq):
            return ListOf(self.description, item=self.item, min_items=1).coerce(node, path, ctx)
        value = self.item.coerce(node, path, ctx)
        return None if value is None else [value]


@dataclass(frozen=True)
class Object(Field):
    fields: dict[str, Field] = field(default_factory=dict)
    # checks across fields, run when the object's own fields are valid:
    # (coerced values, the mapping node, path, context)
    checks: tuple[Callable[[dict[str, Any], Map, str, Context], None], ...] = ()

    type_name = "a mapping"

    def kind(self, ids: dict[str, list[str]]) -> str:
        return "a group of the fields below"

    def json_schema(self) -> dict[str, Any]:
        required = [name for name, f in self.fields.items() if f.required]
        extra: dict[str, Any] = {
            "type": "object",
            "properties": {name: f.json_schema() for name, f in self.fields.items()},
            "additionalProperties": False,
        }
        if required:
            extra["required"] = required
        return self._schema(**extra)

    def coerce(self, node: Node, path: str, ctx: Context) -> dict[str, Any] | None:
        if not isinstance(node, Map):
            ctx.error(node, path, "expected a mapping of 'field: value' lines")
            return None
        result: dict[str, Any] = {}
        prefix = f"{path}." if path else ""
        misspelt: set[str] = set()  # required fields whose misspelling is already reported
        for name, (key_loc, child) in node.entries.items():
            spec = self.fields.get(name)
            if spec is None:
                misspelt.update(difflib.get_close_matches(name, list(self.fields), n=1, cutoff=0.6))
                ctx.problems.error(
                    key_loc,
                    f"unknown field '{name}'" + suggest(name, tuple(self.fields))
                    + f" (allowed here: {', '.join(self.fields)})",
                    field=prefix + name,
                )
                continue
            ctx.locations.setdefault(prefix + name, key_loc)
            if isinstance(child, Scalar) and child.plain and child.text in _NULLS:
                if spec.required:
                    ctx.error(child, prefix + name, "is required but empty")
                continue
            value = spec.coerce(child, prefix + name, ctx)
            if value is not None:
                result[name] = value
        for name, spec in self.fields.items():
            if spec.required and name not in node.entries and name not in misspelt:
                ctx.problems.error(
                    node.location,
                    f"missing required field '{name}' ({spec.description})",
                    field=prefix + name,
                )
        for check in self.checks:
            check(result, node, path, ctx)
        return result
