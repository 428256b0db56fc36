"""The data behind a chart: an HTML table (localized) and a CSV (as published)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from generator.data.format import COLUMNS, Observation

from .labels import area_label, flag_note, group_label, sex_label
from .locale import format_published, with_unit


def table_columns(_: Callable[[str], str]) -> list[str]:
    return [_("Country or area"), _("Group"), _("Sex"), _("Year"), _("Value"), _("Flags")]


def table_rows(
    observations: Sequence[Observation], unit: str, language: str, _: Callable[[str], str]
) -> list[list[str]]:
    """One row per observation; numbers keep their published decimals."""
    return [
        [
            area_label(o.geo, language, _),
            group_label(o.group, o.breakdown, _),
            sex_label(o.sex, _),
            str(o.year),
            with_unit(format_published(o.value_text, language), unit, language, _),
            flag_note(o.flag, _),
        ]
        for o in observations
    ]


def observations_csv(observations: Sequence[Observation]) -> str:
    """The selected rows in the project's data format, values and flags untouched."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for o in observations:
        writer.writerow(o.as_row())
    return out.getvalue()
