"""The figures behind a chart: an HTML table and a CSV, both labelled in the page's language.

The CSV keeps every published value and Eurostat code untouched and puts a
label in the page's language beside each code, plus the difference the
toolkit computed between the two compared groups (empty where one of them
is not published), so a reader can check every derived figure.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.data.format import Observation

from .composition import composition_in, varies
from .labels import (
    age_label,
    area_label,
    composition_label,
    flag_note,
    group_label,
    in_sentence,
    sex_label,
    unit_label,
)
from .locale import format_value, gap_unit
from .provenance import Sources
from .records import Pair, difference, difference_decimals, difference_text, signed_number

Gettext = Callable[[str], str]

CSV_COLUMNS = (
    "indicator", "geo", "geo_label", "year", "breakdown", "group", "group_label", "sex", "sex_label",
    "age", "age_label", "value", "unit", "unit_label", "flag", "flag_label", "source_dataset",
    "source_label", "computed_difference", "computed_as",
)


@dataclass(frozen=True)
class DataTable:
    """Rows (years or countries) × the compared groups, per area or sex.

    Each block of columns holds the reference group, the non-EU group and
    their difference; a published value carries its flags in brackets,
    spelled out in `flags`.
    """

    corner: str  # header of the row labels: "Year", "Country"
    groups: tuple[tuple[str, int], ...]  # spanning headers (label, columns); () for one block
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the row label, then one cell per column
    flags: str  # "b: break in series; u: low reliability"


@dataclass(frozen=True)
class Compared:
    """What a chart compares: the two groups and the indicator's unit."""

    non_eu: str
    reference: str | None
    breakdown: str
    unit: str  # indicator.unit: percent | eur | rate_per_100

    def pairs(self, observations: Sequence[Observation]) -> dict[tuple, Pair]:
        """{(geo, sex, year): {group: observation}} for the years with both groups."""
        found: dict[tuple, Pair] = {}
        for o in observations:
            found.setdefault((o.geo, o.sex, o.year), {})[o.group] = o
        wanted = {self.non_eu, self.reference}
        return {k: p for k, p in found.items() if set(p) >= wanted}

    def computed_as(self, _: Gettext, language: str) -> str:
        if self.reference is None:
            return ""
        return _("{group} minus {reference}").format(
            group=group_label(self.non_eu, self.breakdown, _),
            reference=in_sentence(group_label(self.reference, self.breakdown, _), language))


def data_table(
    observations: Sequence[Observation], compared: Compared, language: str, _: Gettext, *,
    rows: str, blocks: str | None,
) -> DataTable:
    """The plotted figures, one row per year (rows="year") or country (rows="geo", in
    the order the figures come), one block of columns per area (blocks="geo"),
    per sex (blocks="sex") or a single one (None)."""
    groups = [g for g in (compared.reference, compared.non_eu) if g]
    cells: dict[tuple, dict[tuple, str]] = {}
    block_order: dict[object, None] = {}
    row_label: dict[object, str] = {}
    for (geo, sex, year), pair in _pairs_or_singles(observations, compared).items():
        row = year if rows == "year" else geo
        block = {"geo": geo, "sex": sex}.get(blocks or "", "")
        block_order.setdefault(block, None)
        if row not in row_label:
            row_label[row] = _row_label(geo, year, rows, groups, language, _)
        line = cells.setdefault(row, {})
        for group in groups:
            if group in pair:
                line[(block, group)] = _cell(pair[group], compared.unit, language, _)
        if compared.reference and len(pair) == 2:
            line[(block, "difference")] = signed_number(
                difference(pair, compared.non_eu, compared.reference), difference_decimals(pair), compared.unit,
                language, _)
    parts = [*groups, *(["difference"] if compared.reference else [])]
    difference_title = _("Difference ({unit})").format(unit=gap_unit(compared.unit, _))
    titles = {g: group_label(g, compared.breakdown, _) for g in groups} | {"difference": difference_title}
    keys = [(block, part) for block in block_order for part in parts]
    ordered = sorted(cells) if rows == "year" else list(cells)
    body = tuple((row_label[row], *(cells[row].get(key, "–") for key in keys)) for row in ordered)
    spans = tuple((_block_label(block, blocks, language, _), len(parts)) for block in block_order)
    flags = "".join(sorted({c for o in observations for c in o.flag}))
    return DataTable(
        corner=_("Year") if rows == "year" else _("Country or area"),
        groups=spans if len(spans) > 1 else (),
        columns=tuple(titles[part] for _block, part in keys),
        rows=body,
        flags=flag_note(flags, _),
    )


def _pairs_or_singles(observations: Sequence[Observation], compared: Compared) -> dict[tuple, Pair]:
    found: dict[tuple, Pair] = {}
    for o in observations:
        found.setdefault((o.geo, o.sex, o.year), {})[o.group] = o
    return found


def _row_label(geo: str, year: int, rows: str, groups: list[str], language: str, _: Gettext) -> str:
    if rows != "year":
        return area_label(geo, language, _)
    if varies(geo, groups):  # name the population of that year: "2019 · EU-28"
        return f"{year} · {composition_label(composition_in(year), _)}"
    return str(year)


def _block_label(block: str, blocks: str, language: str, _: Gettext) -> str:
    return area_label(block, language, _) if blocks == "geo" else sex_label(block, _)


def _cell(o: Observation, unit: str, language: str, _: Gettext) -> str:
    value = format_value(o.value_text, unit, language, _)
    return f"{value} ({o.flag})" if o.flag else value


def labelled_csv(observations: Sequence[Observation], compared: Compared, language: str, _: Gettext,
                 sources: Sources) -> str:
    """The plotted figures as published, with labels and the computed difference."""
    pairs = compared.pairs(observations)
    computed_as = compared.computed_as(_, language)
    source_labels = {code: sources.ref(code, _).text for code in {o.source_dataset for o in observations}}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    unit = unit_label(compared.unit, _)
    differences = {key: difference_text(pair, compared.non_eu, compared.reference) for key, pair in pairs.items()}
    for o in observations:
        computed = differences.get((o.geo, o.sex, o.year), "")
        writer.writerow([*_labelled(o, unit, language, _), source_labels[o.source_dataset], computed,
                         computed_as if computed else ""])
    return out.getvalue()


@lru_cache(maxsize=16384)
def _labelled(o: Observation, unit: str, language: str, _: Gettext) -> tuple:
    """An observation's codes and labels (CSV_COLUMNS up to source_dataset); the EU's
    rows appear on every country profile."""
    return (o.indicator, o.geo, area_label(o.geo, language, _, o.year), o.year, o.breakdown, o.group,
            group_label(o.group, o.breakdown, _, o.year), o.sex, sex_label(o.sex, _), o.age, age_label(o.age, _),
            o.value_text, o.unit, unit, o.flag, flag_note(o.flag, _), o.source_dataset)
