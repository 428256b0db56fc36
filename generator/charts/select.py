"""Which published figures go into a chart.

An indicator's series is fixed by (indicator, age, unit, breakdown): figures
by citizenship and by country of birth are never mixed. Groups and EU
aggregates carry their composition in their codes; we pick one of each and
never join EU27_2020 with EU28 (or NEU27_2020_FOR with NEU28_FOR) in a line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from generator.data.format import EU_AGGREGATES, Observation
from generator.model.entities import Indicator

# Preferred non-EU group first; the older compositions are fallbacks only.
NON_EU_GROUPS = ("NEU27_2020_FOR", "NEU28_FOR", "NEU27_FOR", "NEU_FOR")
# The group each non-EU group is compared with when nationals are not
# published (e.g. naturalisation: nationals cannot naturalise).
_EU_COUNTERPART = {
    "NEU27_2020_FOR": "EU27_2020_FOR",
    "NEU28_FOR": "EU28_FOR",
    "NEU27_FOR": "EU27_FOR",
    "NEU_FOR": "EU_FOR",
}


@dataclass(frozen=True)
class Series:
    """The figures of one indicator, and the two groups a chart compares."""

    observations: tuple[Observation, ...]
    breakdown: str
    reference: str | None  # NAT, or an EU-citizens group when NAT is absent
    non_eu: str | None
    eu_aggregate: str | None

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(g for g in (self.reference, self.non_eu) if g)

    @cached_property
    def by_area(self) -> dict[tuple[str, str], list[Observation]]:
        """{(geo, sex): observations}: charts look figures up per area many times."""
        index: dict[tuple[str, str], list[Observation]] = {}
        for o in self.observations:
            index.setdefault((o.geo, o.sex), []).append(o)
        return index

    @cached_property
    def memo(self) -> dict[tuple, object]:
        """Answers computed once per series: every country profile asks the same questions."""
        return {}

    def where(self, **fields: object) -> list[Observation]:
        return [o for o in self.observations if all(getattr(o, k) == v for k, v in fields.items())]


def series_filter(indicator: Indicator) -> dict[str, str] | None:
    """The Observation fields that identify the indicator's series."""
    series = indicator.series
    if not series:
        return None
    return {
        "indicator": series.indicator,
        "age": series.age,
        "unit": series.unit,
        "breakdown": indicator.breakdown,
    }


class ObservationIndex:
    """All figures grouped once by series key, and each selected series kept.

    Charts for every indicator and every country profile select series many
    times over the same figures (indicators × countries × languages); a scan
    of all observations per selection made that quadratic. Pass an index
    wherever `select_series` takes observations.
    """

    def __init__(self, observations: Iterable[Observation]):
        self.observations = list(observations)
        self._by_key: dict[tuple, list[Observation]] = {}
        for o in self.observations:
            self._by_key.setdefault((o.indicator, o.age, o.unit, o.breakdown), []).append(o)
        self._selected: dict[tuple, Series | None] = {}

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.observations)

    def __len__(self) -> int:
        return len(self.observations)

    def matching(self, key: tuple) -> list[Observation]:
        return self._by_key.get(key, [])

    def select(self, indicator: Indicator) -> Series | None:
        wanted = series_filter(indicator)
        if wanted is None:
            return None
        key = (wanted["indicator"], wanted["age"], wanted["unit"], wanted["breakdown"])
        if key not in self._selected:
            self._selected[key] = _select(indicator, self.matching(key))
        return self._selected[key]


def select_series(indicator: Indicator, observations: Iterable[Observation]) -> Series | None:
    """The indicator's figures restricted to the two compared groups."""
    if isinstance(observations, ObservationIndex):
        return observations.select(indicator)
    wanted = series_filter(indicator)
    if wanted is None:
        return None
    key = (wanted["indicator"], wanted["age"], wanted["unit"], wanted["breakdown"])
    return _select(indicator, [o for o in observations if (o.indicator, o.age, o.unit, o.breakdown) == key])


def _select(indicator: Indicator, matching: list[Observation]) -> Series | None:
    present = {o.group for o in matching}
    non_eu = next((g for g in NON_EU_GROUPS if g in present), None)
    if non_eu is None:
        return None
    reference = "NAT" if "NAT" in present else _EU_COUNTERPART[non_eu]
    reference = reference if reference in present else None
    kept = [o for o in matching if o.group in (reference, non_eu)]
    return Series(
        observations=tuple(sorted(kept, key=_order)),
        breakdown=indicator.breakdown,
        reference=reference,
        non_eu=non_eu,
        eu_aggregate=choose_eu_aggregate(kept, non_eu),
    )


def choose_eu_aggregate(observations: Iterable[Observation], group: str) -> str | None:
    """The EU aggregate with the most recent figure for `group`.

    Ties go to the order of EU_AGGREGATES (current composition first).
    """
    latest: dict[str, int] = {}
    for o in observations:
        if o.geo in EU_AGGREGATES and o.group == group:
            latest[o.geo] = max(latest.get(o.geo, 0), o.year)
    if not latest:
        return None
    return max(latest, key=lambda geo: (latest[geo], -EU_AGGREGATES.index(geo)))


def countries(series: Series) -> list[str]:
    key = ("countries",)
    if key not in series.memo:
        series.memo[key] = sorted({o.geo for o in series.observations if o.geo not in EU_AGGREGATES})
    return list(series.memo[key])  # type: ignore[call-overload]


def paired_by_year(series: Series, geo: str, sex: str = "T") -> dict[int, dict[str, Observation]]:
    """{year: {group: observation}} for one area and sex, years with both groups only.

    A new dict each call; the pairs in it are shared: read them, do not change them.
    """
    key = ("pairs", geo, sex)
    if key not in series.memo:
        by_year: dict[int, dict[str, Observation]] = {}
        for o in series.by_area.get((geo, sex), ()):
            by_year.setdefault(o.year, {})[o.group] = o
        wanted = len(series.groups)
        series.memo[key] = {y: g for y, g in sorted(by_year.items()) if len(g) == wanted}
    return dict(series.memo[key])  # type: ignore[call-overload]


def comparison_year(series: Series, sex: str = "T") -> int | None:
    """The latest year in which most countries publish both groups.

    A single year keeps the comparison fair; "most" is at least half of the
    best-covered year, so one early-reporting country does not decide it.
    """
    key = ("comparison_year", sex)
    if key not in series.memo:
        series.memo[key] = _comparison_year(series, sex)
    return series.memo[key]  # type: ignore[return-value]


def _comparison_year(series: Series, sex: str) -> int | None:
    coverage: dict[int, int] = {}
    for geo in countries(series):
        for year in paired_by_year(series, geo, sex):
            coverage[year] = coverage.get(year, 0) + 1
    if not coverage:
        return None
    best = max(coverage.values())
    return max(y for y, n in coverage.items() if n * 2 >= best)


def _order(o: Observation) -> tuple:
    return (o.geo, o.sex, o.group, o.year)
