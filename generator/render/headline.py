"""The home page's headline figure: the latest EU employment gap between
non-EU citizens and nationals, from the bundled Eurostat data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.charts.labels import area_label
from generator.charts.locale import format_number, format_published, with_unit
from generator.charts.select import paired_by_year, select_series
from generator.model.entities import SiteModel

HEADLINE_INDICATOR = "employment_rate"


def headline(model: SiteModel, language: str, _: Callable[..., str]) -> dict[str, Any] | None:
    """None when the data holds no such figure (e.g. a copy without it)."""
    indicator = model.indicators_by_id.get(HEADLINE_INDICATOR)
    if indicator is None:
        return None
    series = select_series(indicator, model.observations)
    if series is None or series.eu_aggregate is None or series.reference != "NAT":
        return None
    years = paired_by_year(series, series.eu_aggregate)
    if not years:
        return None
    year = max(years)
    nationals, non_eu = years[year]["NAT"], years[year][series.non_eu]
    gap = nationals.value - non_eu.value
    unit = indicator.unit
    return {
        "indicator": indicator,
        "text": _(
            "In {year}, {non_eu} of non-EU citizens aged {age} in the {area} were in employment, "
            "against {nationals} of nationals: a gap of {gap} percentage points.",
            year=year,
            non_eu=with_unit(format_published(non_eu.value_text, language), unit, language, _),
            nationals=with_unit(format_published(nationals.value_text, language), unit, language, _),
            age=indicator.age,
            area=area_label(series.eu_aggregate, language, _),
            gap=format_number(gap, 1, language),
        ),
        "source": _("Source: Eurostat ({dataset}), figures as published", dataset=nationals.source_dataset),
    }
