"""The countries overview: countries × indicators, each cell the latest difference.

A column holds one year for every country (the year the indicator's country
comparison uses), so sorting a column never sets one country's year against
another's; a country without figures for both groups that year has an empty
cell that says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.data.format import Observation
from generator.model.entities import Indicator

from .describe import Speaker
from .locale import gap_unit
from .records import difference, difference_decimals, signed_number
from .select import comparison_year, paired_by_year, select_series

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Column:
    indicator: Indicator
    year: int
    heading: str  # "Employment rate"
    detail: str  # "2024, percentage points"
    meaning: str  # "non-EU citizens minus nationals; higher is better"


@dataclass(frozen=True)
class Cell:
    text: str  # "-12.5" or "–"
    sort: float | None  # the difference, for sorting; None sorts last
    low: bool  # rests on a low-reliability figure
    note: str  # accessible explanation of an empty or flagged cell


@dataclass(frozen=True)
class Row:
    country: str
    cells: tuple[Cell, ...]


def countries_overview(
    codes: Sequence[str], indicators: Sequence[Indicator], observations: Sequence[Observation],
    language: str, _: Gettext,
) -> tuple[list[Column], list[Row]]:
    columns, per_column = [], []
    for indicator in indicators:
        series = select_series(indicator, observations)
        year = comparison_year(series) if series and series.reference else None
        if series is None or year is None:
            continue
        s = Speaker(indicator, series, language, _)
        better = _("higher is better") if indicator.higher_is_better else _("lower is better")
        columns.append(Column(
            indicator, year, indicator.title,
            _("{year}, {unit}").format(year=year, unit=gap_unit(indicator.unit, _)),
            _("{group} minus {reference}; {better}").format(group=s.group(year), reference=s.reference(year),
                                                           better=better),
        ))
        per_column.append((s, year))
    rows = []
    for code in codes:
        cells = []
        for s, year in per_column:
            pair = paired_by_year(s.series, code).get(year)
            if not pair:
                cells.append(Cell("–", None, False, _("no figures for both groups in {year}").format(year=year)))
                continue
            gap = difference(pair, s.series.non_eu, s.series.reference)
            low = any(o.low_reliability for o in pair.values())
            text = signed_number(gap, difference_decimals(pair), s.indicator.unit, language, _)
            cells.append(Cell(f"{text} (u)" if low else text, round(gap, 6), low,
                              _("low reliability") if low else ""))
        rows.append(Row(code, tuple(cells)))
    return columns, rows
