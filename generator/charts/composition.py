"""The EU's membership over time, for series whose population follows it.

Eurostat's `EU` aggregate is "the EU of the year": EU-28 until 2019, EU-27
from 2020 (and EU-27 of 2007 before Croatia joined in 2013). The groups
`EU_FOR` / `NEU_FOR` ("citizens of another EU country" / "non-EU citizens"
where the source does not fix the composition, as in migr_acqs) change with
it in every country: UK citizens count as EU citizens until 2019 and as non-EU
citizens from 2020. A line across such a change joins two populations, so
charts split these series into segments and sentences compare years only
within one segment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# (first year, last year, the composition's own Eurostat code)
_PERIODS = (
    (1995, 2003, "EU15"),
    (2004, 2006, "EU25"),
    (2007, 2012, "EU27_2007"),
    (2013, 2019, "EU28"),
    (2020, 9999, "EU27_2020"),
)
VARYING_GEOS = frozenset({"EU"})
VARYING_GROUPS = frozenset({"EU_FOR", "NEU_FOR"})
# The fixed-composition code a varying group stands for in a given composition.
_GROUP_IN = {
    ("EU_FOR", "EU27_2020"): "EU27_2020_FOR",
    ("NEU_FOR", "EU27_2020"): "NEU27_2020_FOR",
    ("EU_FOR", "EU28"): "EU28_FOR",
    ("NEU_FOR", "EU28"): "NEU28_FOR",
    ("EU_FOR", "EU27_2007"): "EU27_FOR",
    ("NEU_FOR", "EU27_2007"): "NEU27_FOR",
}


def varies(geo: str, groups: Iterable[str]) -> bool:
    """Does the population of this area and these groups follow EU membership?"""
    return geo in VARYING_GEOS or any(g in VARYING_GROUPS for g in groups)


def composition_in(year: int) -> str:
    """The EU composition in force in `year` (a geo code: EU28, EU27_2020 …)."""
    return next(code for first, last, code in _PERIODS if first <= year <= last)


def segment(geo: str, groups: Iterable[str], year: int) -> str:
    """"" for a fixed population, else the composition of that year."""
    return composition_in(year) if varies(geo, groups) else ""


def geo_in(geo: str, year: int) -> str:
    """The fixed-composition code of an area in a year: EU in 2019 -> EU28."""
    return composition_in(year) if geo in VARYING_GEOS else geo


def group_in(group: str, year: int) -> str:
    """The fixed-composition code of a group in a year: NEU_FOR in 2021 -> NEU27_2020_FOR."""
    if group not in VARYING_GROUPS:
        return group
    return _GROUP_IN.get((group, composition_in(year)), group)


@dataclass(frozen=True, slots=True)
class Break:
    """A change of composition between two charted years."""

    before_year: int
    after_year: int
    before: str  # composition code up to before_year
    after: str  # composition code from after_year

    @property
    def position(self) -> float:
        return (self.before_year + self.after_year) / 2


def breaks(segments: dict[int, str]) -> list[Break]:
    """Every change of composition between consecutive years of one series ({year: segment})."""
    years = sorted(segments)
    return [
        Break(y0, y1, segments[y0], segments[y1])
        for y0, y1 in zip(years, years[1:], strict=False)
        if segments[y0] != segments[y1] and segments[y0] and segments[y1]
    ]
