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

from generator.data.format import Observation

from .labels import age_label, area_label, flag_note, group_label, in_sentence, sex_label, unit_label
from .provenance import Sources
from .records import Pair, difference, difference_decimals, difference_text, signed, value_label

Gettext = Callable[[str], str]

CSV_COLUMNS = (
    "indicator", "geo", "geo_label", "year", "breakdown", "group", "group_label", "sex", "sex_label",
    "age", "age_label", "value", "unit", "unit_label", "flag", "flag_label", "source_dataset",
    "source_label", "computed_difference", "computed_as",
)


@dataclass(frozen=True)
class DataTable:
    columns: tuple[str, ...]
    numeric: frozenset[int]  # indexes of right-aligned (number) columns
    rows: tuple[tuple[str, ...], ...]


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


def data_table(observations: Sequence[Observation], compared: Compared, language: str, _: Gettext,
               with_difference: bool = False) -> DataTable:
    """One row per published figure; numbers keep their published decimals."""
    columns = [_("Country or area"), _("Group"), _("Sex"), _("Year"), _("Value"), _("Flags")]
    pairs = compared.pairs(observations) if with_difference else {}
    if with_difference:
        columns.insert(5, _("Difference"))
    rows = []
    for o in observations:
        row = [area_label(o.geo, language, _, o.year), group_label(o.group, o.breakdown, _, o.year),
               sex_label(o.sex, _), str(o.year), value_label(o, compared.unit, language, _)]
        if with_difference:
            pair = pairs.get((o.geo, o.sex, o.year))
            row.append(signed(difference(pair, compared.non_eu, compared.reference),
                              difference_decimals(pair), compared.unit, language, _)
                       if pair and o.group == compared.non_eu else "")
        row.append(flag_note(o.flag, _))
        rows.append(tuple(row))
    numeric = frozenset({4, 5} if with_difference else {4})
    return DataTable(tuple(columns), numeric, tuple(rows))


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
        writer.writerow([
            o.indicator, o.geo, area_label(o.geo, language, _, o.year), o.year,
            o.breakdown, o.group, group_label(o.group, o.breakdown, _, o.year), o.sex,
            sex_label(o.sex, _), o.age, age_label(o.age, _), o.value_text, o.unit,
            unit, o.flag, flag_note(o.flag, _), o.source_dataset, source_labels[o.source_dataset],
            computed, computed_as if computed else "",
        ])
    return out.getvalue()
