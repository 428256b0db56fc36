"""The site model of one language: frozen dataclasses, cross-linked by id.

Links are ids (strings, recommendation numbers) rather than object
references: every object stays immutable, hashable and cycle-free, and the
`SiteModel` resolves an id in one lookup (`model.practices_by_id[pid]`).
Links are complete in both directions (a building block lists the practices
that name it, and a practice lists the blocks that name it).

Text fields hold the localized text; a field shown in the default language
for lack of a translation is a `generator.i18n.overlay.Fallback` (a `str`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from generator.data.format import DatasetSource, Observation


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    start: str  # a year ("2007") or an ISO date
    end: str | None = None  # a year, an ISO date, "ongoing", or unknown

    @property
    def ongoing(self) -> bool:
        return self.end == "ongoing"


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    type: str | None = None


@dataclass(frozen=True, slots=True)
class BuildingBlock:
    """A component of a module (the 2010–2014 module drafts' sections)."""

    id: str
    module_id: str
    title: str
    relevance_and_purpose: str
    target_groups: tuple[str, ...] = ()
    preconditions: str | None = None
    implementation: tuple[str, ...] = ()
    follow_up: str | None = None
    costs: str | None = None
    more_information: str | None = None
    actors: tuple[str, ...] = ()
    governance_levels: tuple[str, ...] = ()
    practice_ids: tuple[str, ...] = ()
    recommendation_numbers: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Module:
    id: str
    number: int
    theme: str
    title: str
    summary: str
    blocks: tuple[BuildingBlock, ...]
    context: str | None = None
    recommendation_numbers: tuple[int, ...] = ()
    common_basic_principles: tuple[int, ...] = ()
    indicator_ids: tuple[str, ...] = ()
    further_reading: tuple[Source, ...] = ()
    practice_ids: tuple[str, ...] = ()  # through its blocks or named by the practice


@dataclass(frozen=True, slots=True)
class Practice:
    id: str
    title: str
    countries: tuple[str, ...]
    summary: str
    status: str  # evaluated | innovative
    area: str | None = None
    period: Period | None = None
    challenge: str | None = None
    how_it_works: str | None = None
    results: str | None = None
    evaluation: str | None = None
    target_groups: tuple[str, ...] = ()
    organisation: Organisation | None = None
    level: str | None = None  # governance level of the organisation: eu | national | regional | local
    funding: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    updated: dt.date | None = None
    module_ids: tuple[str, ...] = ()
    block_ids: tuple[str, ...] = ()
    recommendation_numbers: tuple[int, ...] = ()  # through its building blocks
    indicator_ids: tuple[str, ...] = ()  # through its modules


@dataclass(frozen=True, slots=True)
class Recommendation:
    number: int
    addressee: str
    section: str
    text: str
    module_ids: tuple[str, ...] = ()
    block_ids: tuple[str, ...] = ()
    cross_cutting: bool = False  # applies to the whole agenda rather than to one module


@dataclass(frozen=True, slots=True)
class SeriesSpec:
    """Which bundled figures chart an indicator (keys of the observations)."""

    indicator: str
    age: str
    unit: str
    by_sex: bool = False


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    domain: str
    title: str
    definition: str
    age: str
    unit: str  # percent | eur | rate_per_100
    breakdown: str  # citizenship | country_of_birth
    higher_is_better: bool
    source: str | None = None  # dataset code at its provider
    provider: str = "eurostat"  # eurostat | oecd
    series: SeriesSpec | None = None
    module_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Untranslated:
    """A field shown in the default language because the language has no translation yet."""

    path: str  # content file
    field: str
    language: str


@dataclass(frozen=True)
class SiteModel:
    language: str
    modules: tuple[Module, ...]
    practices: tuple[Practice, ...]
    recommendations: tuple[Recommendation, ...]
    indicators: tuple[Indicator, ...]
    observations: tuple[Observation, ...] = ()
    datasets: dict[str, DatasetSource] = field(default_factory=dict, compare=False)  # source_dataset → source
    untranslated: tuple[Untranslated, ...] = field(default=(), compare=False)

    @cached_property
    def modules_by_id(self) -> dict[str, Module]:
        return {m.id: m for m in self.modules}

    @cached_property
    def blocks_by_id(self) -> dict[str, BuildingBlock]:
        return {b.id: b for m in self.modules for b in m.blocks}

    @cached_property
    def practices_by_id(self) -> dict[str, Practice]:
        return {p.id: p for p in self.practices}

    @cached_property
    def recommendations_by_number(self) -> dict[int, Recommendation]:
        return {r.number: r for r in self.recommendations}

    @cached_property
    def indicators_by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}
