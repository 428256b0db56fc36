"""One generated paragraph per chart, stating what the figures show.

Every number comes from the selection; sentences are gettext templates with
named placeholders so translators can reorder them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.data.format import Observation
from generator.model.entities import Indicator

from .labels import area_label, group_label, in_sentence, sex_label
from .locale import decimals_of, format_number, format_published, gap_unit, with_unit
from .select import Series, paired_by_year
from .spec import low_reliability_note

Gettext = Callable[[str], str]


def gap_of(pair: dict[str, Observation], series: Series) -> float:
    """Non-EU group minus the reference group (negative: the non-EU value is lower)."""
    return pair[series.non_eu].value - pair[series.reference].value


def gap_decimals(pair: dict[str, Observation]) -> int:
    return max(decimals_of(o.value_text) for o in pair.values())


def format_gap(gap: float, decimals: int, unit: str, language: str, _: Gettext) -> str:
    """An unsigned difference with its unit: "13.0 percentage points"."""
    number = format_number(abs(gap), decimals, language)
    if unit == "eur":
        return with_unit(number, unit, language, _)
    return f"{number} {gap_unit(unit, _)}"


def _value(o: Observation, unit: str, language: str, _: Gettext) -> str:
    return with_unit(format_published(o.value_text, language), unit, language, _)


def _indicator_name(indicator: Indicator, language: str) -> str:
    return in_sentence(indicator.title, language)


def _who(group: str, indicator: Indicator, language: str, _: Gettext) -> str:
    label = in_sentence(group_label(group, indicator.breakdown, _), language)
    age = str(indicator.age)
    if re.fullmatch(r"\d+-\d+", age):
        return _("{group} aged {age}").format(group=label, age=age)
    if age and age != "not applicable":
        return _("{group} ({age})").format(group=label, age=age)
    return label


def higher_is_better_sentence(indicator: Indicator, _: Gettext) -> str:
    """Only said when the indicator definition states it."""
    flag = indicator.higher_is_better
    if flag is True:
        return _("For this indicator a higher value is better.")
    if flag is False:
        return _("For this indicator a lower value is better.")
    return ""


def describe_gap_over_time(indicator: Indicator, series: Series, language: str, _: Gettext) -> str:
    area = series.eu_aggregate
    pairs = paired_by_year(series, area, "T") if area else {}
    if not pairs or not series.reference:
        return _describe_single_group(indicator, series, language, _)
    unit = indicator.unit
    first_year, last_year = min(pairs), max(pairs)
    last = pairs[last_year]
    gap = gap_of(last, series)
    values = {
        "year": last_year,
        "indicator": _indicator_name(indicator, language),
        "group": _who(series.non_eu, indicator, language, _),
        "area": area_label(area, language, _),
        "value": _value(last[series.non_eu], unit, language, _),
        "gap": format_gap(gap, gap_decimals(last), unit, language, _),
        "reference": in_sentence(group_label(series.reference, series.breakdown, _), language),
        "reference_value": _value(last[series.reference], unit, language, _),
    }
    if gap < 0:
        template = _("In {year} the {indicator} of {group} in the {area} was {value}, "
                     "{gap} below that of {reference} ({reference_value}).")
    elif gap > 0:
        template = _("In {year} the {indicator} of {group} in the {area} was {value}, "
                     "{gap} above that of {reference} ({reference_value}).")
    else:
        template = _("In {year} the {indicator} of {group} in the {area} was {value}, "
                     "the same as that of {reference}.")
    sentences = [template.format(**values)]
    if first_year != last_year:
        first = pairs[first_year]
        sentences.append(_("The gap was {gap} in {year}.").format(
            gap=format_gap(gap_of(first, series), gap_decimals(first), unit, language, _),
            year=first_year,
        ))
    return _paragraph(sentences, indicator, series.where(geo=area, sex="T"), _)


def describe_countries(
    indicator: Indicator, series: Series, year: int, gaps: dict[str, float],
    focus: tuple[str, ...], language: str, _: Gettext,
) -> str:
    unit = indicator.unit
    if not gaps:
        return ""
    low = min(gaps, key=gaps.__getitem__)
    high = max(gaps, key=gaps.__getitem__)
    decimals = max(decimals_of(o.value_text) for o in series.where(year=year))
    sentences = [_("In {year}, {count} countries published figures for both {group} and "
                   "{reference}. The difference ({group} minus {reference}) ranged from "
                   "{low} in {low_country} to {high} in {high_country}.").format(
        year=year,
        count=len(gaps),
        group=in_sentence(group_label(series.non_eu, series.breakdown, _), language),
        reference=in_sentence(group_label(series.reference, series.breakdown, _), language),
        low=_signed(gaps[low], decimals, unit, language, _),
        low_country=area_label(low, language, _),
        high=_signed(gaps[high], decimals, unit, language, _),
        high_country=area_label(high, language, _),
    )]
    for geo in focus:
        if geo in gaps:
            sentences.append(_("{country}: {difference}.").format(
                country=area_label(geo, language, _),
                difference=_signed(gaps[geo], decimals, unit, language, _),
            ))
    chosen = [o for o in series.observations if o.year == year and o.geo in gaps]
    return _paragraph(sentences, indicator, chosen, _)


def describe_gap_by_sex(
    indicator: Indicator, series: Series, language: str, _: Gettext
) -> str:
    area = series.eu_aggregate
    unit = indicator.unit
    sentences = []
    for sex in ("F", "M"):
        pairs = paired_by_year(series, area, sex)
        if not pairs:
            continue
        year = max(pairs)
        gap = gap_of(pairs[year], series)
        sentences.append(_("{sex}, {year}: {group} {value}, {reference} {reference_value} "
                           "(difference {difference}).").format(
            sex=sex_label(sex, _),
            year=year,
            group=in_sentence(group_label(series.non_eu, series.breakdown, _), language),
            value=_value(pairs[year][series.non_eu], unit, language, _),
            reference=in_sentence(group_label(series.reference, series.breakdown, _), language),
            reference_value=_value(pairs[year][series.reference], unit, language, _),
            difference=_signed(gap, gap_decimals(pairs[year]), unit, language, _),
        ))
    shown = [o for o in series.observations if o.geo == area and o.sex in ("F", "M")]
    return _paragraph(sentences, indicator, shown, _)


def describe_country(
    indicator: Indicator, series: Series, rows: dict[str, dict[str, Observation]],
    language: str, _: Gettext,
) -> str:
    """rows: {geo: {group: observation}} for the country and the EU aggregate."""
    unit = indicator.unit
    sentences = []
    for geo, pair in rows.items():
        parts = [
            _("{group}: {value}").format(
                group=group_label(g, series.breakdown, _),
                value=_value(pair[g], unit, language, _),
            )
            for g in series.groups if g in pair
        ]
        year = next(iter(pair.values())).year
        sentences.append(_("{area} ({year}): {values}.").format(
            area=area_label(geo, language, _), year=year, values="; ".join(parts)))
    shown = [o for pair in rows.values() for o in pair.values()]
    return _paragraph(sentences, indicator, shown, _)


def _describe_single_group(indicator: Indicator, series: Series, language: str, _: Gettext) -> str:
    area = series.eu_aggregate
    shown = series.where(geo=area, sex="T", group=series.non_eu) if area else []
    if not shown:
        return ""
    last = max(shown, key=lambda o: o.year)
    sentence = _("In {year} the {indicator} of {group} in the {area} was {value}.").format(
        year=last.year,
        indicator=_indicator_name(indicator, language),
        group=_who(series.non_eu, indicator, language, _),
        area=area_label(area, language, _),
        value=_value(last, indicator.unit, language, _),
    )
    return _paragraph([sentence], indicator, shown, _)


def _signed(gap: float, decimals: int, unit: str, language: str, _: Gettext) -> str:
    """A difference with its sign in front of any currency symbol: "-€4,997"."""
    number = format_number(abs(gap), decimals, language)
    sign = "+" if gap > 0 else format_number(-1, 0, language)[:-1] if gap < 0 else ""
    if unit == "eur":
        return sign + with_unit(number, unit, language, _)
    return f"{sign}{number} {gap_unit(unit, _)}"


def _paragraph(
    sentences: list[str], indicator: Indicator, shown: list[Observation] | tuple, _: Gettext
) -> str:
    extra = higher_is_better_sentence(indicator, _)
    if extra:
        sentences.append(extra)
    if any(o.low_reliability for o in shown):
        sentences.append(low_reliability_note(_))
    if any("b" in o.flag for o in shown):
        sentences.append(_("Some figures mark a break in series (flag b): see the table."))
    return " ".join(sentences)
