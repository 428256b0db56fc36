"""A country profile: per indicator, the country's difference between the
compared groups over the years beside the EU aggregate's, its rank among the
member states, its published flags; and a summary that opens the page.

The EU aggregate is the indicator's own (one composition, see select.py),
over the country's years; the rank is among the EU member states in the
year the country comparison uses, ordered so that 1 is where the non-EU
group compares best ("higher is better" decides which way).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.countries import EU_MEMBER_STATES
from generator.data.format import DatasetSource, Observation
from generator.model.entities import Indicator

from . import describe
from .build import Kit, break_rows, series_breaks, year_ticks
from .chart import Chart
from .describe import Speaker, trend
from .labels import area_label, flag_meaning
from .provenance import for_indicator, provenance
from .records import Pair, difference, difference_record
from .select import Series, comparison_year, paired_by_year, select_series

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Rank:
    year: int
    rank: int | None  # None: the country is no member state, or has no figures that year
    count: int  # member states ranked
    text: str  # "23 of 27 member states in 2024", or why there is no rank
    basis: str = ""  # what the rank orders by, and which way is better


@dataclass(frozen=True)
class FlagUse:
    flag: str
    meaning: str
    years: tuple[int, ...]


@dataclass
class ProfileSection:
    indicator: Indicator
    chart: Chart
    rank: Rank | None
    flags: list[FlagUse] = field(default_factory=list)


@dataclass
class CountryProfile:
    country: str
    summary: list[str]  # sentences
    sections: list[ProfileSection]


def build_country_profile(
    country: str,
    indicators: Sequence[Indicator],
    observations: Sequence[Observation],
    language: str,
    gettext: Gettext,
    cache_dir: Path | None = None,
    datasets: Mapping[str, DatasetSource] | None = None,
    with_svg: bool = True,
) -> CountryProfile:
    """The profile of `country`; `cache_dir` and `with_svg` as for build_indicator_charts."""
    sections, speakers = [], []
    for indicator in indicators:
        series = select_series(indicator, observations)
        if series is None or series.reference is None:
            continue
        own = paired_by_year(series, country)
        if not own:
            continue
        kit = Kit(indicator, series, language, gettext,
                  for_indicator(datasets, indicator.source, indicator.provider), cache_dir, with_svg)
        eu = paired_by_year(series, series.eu_aggregate) if series.eu_aggregate else {}
        eu = {y: p for y, p in eu.items() if y in own}  # the same years as the country
        chart = kit.with_svg(_country_trend(kit, country, own, eu))
        sections.append(ProfileSection(indicator, chart, rank_of(kit, country), _flags(own, gettext)))
        speakers.append((Speaker(indicator, series, language, gettext), own))
    return CountryProfile(country, summarise(country, speakers, language, gettext), sections)


def _country_trend(kit: Kit, country: str, own: dict[int, Pair], eu: dict[int, Pair]) -> Chart:
    series, _, language = kit.series, kit._, kit.language
    name = area_label(country, language, _)
    eu_name = area_label(series.eu_aggregate, language, _) if series.eu_aggregate else ""
    records, shown, changes = [], [], []
    for geo, label, pairs in ((country, name, own), (series.eu_aggregate, eu_name, eu)):
        for year, pair in pairs.items():
            shown.extend(pair[g] for g in series.groups)
            records.append(difference_record(pair, geo=geo, year=year, series=label, non_eu=series.non_eu,
                                             reference=series.reference, unit=kit.indicator.unit,
                                             language=language, _=_))
        if pairs:
            changes += series_breaks(geo, series.groups, list(pairs))
    title = _("{indicator}: {country} and the {area}").format(
        indicator=kit.indicator.title, country=name, area=eu_name) if eu else _(
        "{indicator}: {country}").format(indicator=kit.indicator.title, country=name)
    notes = kit.notes(shown, changes)
    specs = kit.specs(
        "country_profile", {"rows": records, "breaks": break_rows(changes, _)},
        description=title, source=provenance(shown, kit.sources, _, computed=True).line,
        notes=notes, value_title=kit.difference_title(),
        series_domain=[name, eu_name] if eu else [name], year_ticks=year_ticks(list(own)),
        group=kit.group(series.non_eu), reference=kit.group(series.reference),
    )
    description = describe.describe_country_trend(kit.indicator, series, country, own, eu, language, _)
    return kit.chart(id=f"{country.lower()}-{kit.indicator.id}", kind="country_profile", title=title,
                     description=description, specs=specs, notes=notes, shown=shown, table=("year", "geo"),
                     computed=True)


def member_state_gaps(series: Series, year: int) -> dict[str, float]:
    """{member state: difference} in `year`, computed once per series."""
    key = ("member_state_gaps", year)
    if key not in series.memo:
        found = {}
        for geo in EU_MEMBER_STATES:
            pair = paired_by_year(series, geo).get(year)
            if pair:
                found[geo] = difference(pair, series.non_eu, series.reference)
        series.memo[key] = found
    return series.memo[key]  # type: ignore[return-value]


def rank_of(kit: Kit, country: str) -> Rank | None:
    """The country's place among the member states by the difference, in the comparison year."""
    series, _ = kit.series, kit._
    year = comparison_year(series)
    if year is None:
        return None
    gaps = member_state_gaps(series, year)
    s = Speaker(kit.indicator, series, kit.language, _)
    better = _("higher is better") if kit.indicator.higher_is_better else _("lower is better")
    if country not in EU_MEMBER_STATES:
        return Rank(year, None, len(gaps), _("Not ranked: {country} is not an EU member state.").format(
            country=area_label(country, kit.language, _)))
    if country not in gaps:
        return Rank(year, None, len(gaps), _("Not ranked: no figures for both groups in {year}.").format(year=year))
    sign = -1 if kit.indicator.higher_is_better else 1
    own = sign * gaps[country]
    rank = 1 + sum(1 for g in gaps.values() if sign * g < own)  # ties share a rank
    text = _("{rank} of {count} member states ({year})").format(rank=rank, count=len(gaps), year=year)
    basis = _("Ranked by the difference between {group} and {reference}; 1 is where {group} compare best ({better}).").format(  # noqa: E501
        group=s.group(year), reference=s.reference(year), better=better)
    return Rank(year, rank, len(gaps), text, basis)


def _flags(own: dict[int, Pair], _: Gettext) -> list[FlagUse]:
    years: dict[str, set[int]] = {}
    for year, pair in own.items():
        for o in pair.values():
            for flag in o.flag:
                years.setdefault(flag, set()).add(year)
    return [FlagUse(flag, flag_meaning(flag, _), tuple(sorted(found))) for flag, found in sorted(years.items())]


# -- the summary that opens the page ------------------------------------------------


def summarise(country: str, speakers: list[tuple[Speaker, dict[int, Pair]]], language: str,
              _: Gettext) -> list[str]:
    """Where the difference is widest, where it narrowed or widened; low-reliability figures named."""
    if not speakers:
        return []
    sentences = []
    place = speakers[0][0].place(country)
    percent = [(s, own) for s, own in speakers if s.indicator.unit == "percent"]
    if percent:
        s, own = max(percent, key=lambda item: (abs(item[0].gap(item[1][max(item[1])])), item[0].indicator.id))
        year = max(own)
        pair = own[year]
        sentences.append(s.resting_on(_("Of the indicators in percent, the difference between the groups compared in {place} is widest for the {indicator}: {difference} in {year} ({group} {value}, {reference} {reference_value}).").format(  # noqa: E501
            place=place, indicator=s.name, difference=s.signed(pair), year=year, group=s.group(year),
            value=s.value(pair[s.series.non_eu]), reference=s.reference(year),
            reference_value=s.value(pair[s.series.reference])), pair, year))
    moves: dict[str, list[str]] = {"narrowed": [], "widened": [], "reversed": []}
    low: list[str] = []
    since_change = False
    for s, own in speakers:
        change = trend(s, country, own)
        if change is None:
            continue
        if change.since_change:
            item = _("the {indicator} (since {year})").format(indicator=s.name, year=change.first_year)
        else:
            item = _("the {indicator}").format(indicator=s.name)
        if change.direction(s) in moves:
            moves[change.direction(s)].append(item)
        if change.low_reliability:
            low.append(_("the {indicator}").format(indicator=s.name))
        since_change = since_change or change.since_change
    templates = {
        "narrowed": _("From the first to the latest year charted, the difference narrowed for {items}."),
        "widened": _("It widened for {items}."),
        "reversed": _("It changed sign for {items}."),
    }
    if not moves["narrowed"]:  # "It" needs the first sentence
        templates["widened"] = _("From the first to the latest year charted, the difference widened for {items}.")
        templates["reversed"] = _("From the first to the latest year charted, the difference changed sign for {items}.")  # noqa: E501
    if not moves["narrowed"] and moves["widened"]:
        templates["reversed"] = _("It changed sign for {items}.")
    for direction, items in moves.items():
        if items:
            sentences.append(templates[direction].format(items=_join(items, _)))
    if low:
        sentences.append(_("Some of the figures behind these changes are of low reliability (Eurostat flag u): {items}.").format(  # noqa: E501
            items=_join(low, _)))
    if since_change:
        sentences.append(_("Where the EU's composition changed, only the years since the change are compared."))
    if moves["narrowed"] or moves["widened"] or moves["reversed"]:
        sentences.append(_("Each indicator below gives the figures."))
    return sentences


def _join(items: list[str], _: Gettext) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + _(" and ") + items[-1]
