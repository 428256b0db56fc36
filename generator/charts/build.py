"""Indicator charts and country-profile charts as Vega-Lite dicts.

Each builder selects figures (select.py), turns them into records with
preformatted labels (so tooltips match the table in every language), then
assembles a layered spec. Rendering the static SVG is optional here
(`cache_dir`), so building stays cheap and testable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.data.format import Observation
from generator.model.entities import Indicator

from . import describe
from .chart import Chart
from .labels import area_label, flag_note, group_label, in_sentence, sex_label
from .locale import axis_title_unit, format_published, gap_unit, with_unit
from .render import render_svg
from .select import Series, comparison_year, countries, paired_by_year, select_series
from .spec import (
    DIMMED,
    GROUP_STYLE,
    HOLLOW,
    SEX_STYLE,
    base_spec,
    low_reliability_note,
    scale,
    source_line,
    tooltip,
)
from .table import observations_csv, table_columns, table_rows

Gettext = Callable[[str], str]


def build_indicator_charts(
    indicator: Indicator,
    observations: list[Observation],
    language: str,
    gettext: Gettext,
    focus_countries: tuple[str, ...] = (),
    cache_dir: Path | None = None,
) -> list[Chart]:
    """The gap over time, the country comparison and (if by_sex) the gap by sex."""
    series = select_series(indicator, observations)
    if series is None:
        return []
    builders = [_gap_over_time, _country_comparison]
    if indicator.series and indicator.series.by_sex:
        builders.append(_gap_by_sex)
    charts = []
    for builder in builders:
        chart = builder(indicator, series, language, gettext, focus_countries)
        if chart is not None:
            charts.append(_with_svg(chart, cache_dir))
    return charts


def build_country_chart(
    country: str,
    indicators: list[Indicator],
    observations: list[Observation],
    language: str,
    gettext: Gettext,
    cache_dir: Path | None = None,
) -> list[Chart]:
    """For a country page: per indicator, the latest figures next to the EU's."""
    charts = []
    for indicator in indicators:
        series = select_series(indicator, observations)
        chart = _country_profile(country, indicator, series, language, gettext) if series else None
        if chart is not None:
            charts.append(_with_svg(chart, cache_dir))
    return charts


# -- records -----------------------------------------------------------------


def _record(o: Observation, series: Series, unit: str, language: str, _: Gettext) -> dict:
    value = with_unit(format_published(o.value_text, language), unit, language, _)
    return {
        "geo": o.geo,
        "area": area_label(o.geo, language, _),
        "group": o.group,
        "group_label": group_label(o.group, series.breakdown, _),
        "sex_label": sex_label(o.sex, _),
        "year": o.year,
        "year_text": str(o.year),  # text: a number would get a thousands separator
        "value": o.value,
        "value_label": f"{value} (u)" if o.low_reliability else value,
        "flags": flag_note(o.flag, _) or "–",
        "low": o.low_reliability,
    }


def _group_encodings(series: Series, _: Gettext) -> tuple[dict, dict, dict, dict]:
    """color, strokeDash, shape and hollow-aware fill, all keyed on the group label."""
    labels = [group_label(g, series.breakdown, _) for g in series.groups]
    styles = [GROUP_STYLE["reference" if g == series.reference else "non_eu"]
              for g in series.groups]
    title = _("Group")
    color = {"field": "group_label", "type": "nominal", "title": title,
             "scale": scale(labels, styles, "color")}
    dash = {"field": "group_label", "type": "nominal", "title": title,
            "scale": scale(labels, styles, "dash")}
    shape = {"field": "group_label", "type": "nominal", "title": title,
             "scale": scale(labels, styles, "shape")}
    # Same field and title as color/shape so Vega-Lite merges the legends;
    # `legend: None` here would drop the merged legend altogether.
    fill = {"field": "group_label", "type": "nominal", "title": title,
            "scale": scale(labels, styles, "color"),
            "condition": {"test": "datum.low", "value": HOLLOW}}
    return color, dash, shape, fill


def _tooltip(_: Gettext) -> list[dict]:
    return tooltip([("area", _("Country or area")), ("group_label", _("Group")),
                    ("year_text", _("Year")), ("value_label", _("Value")),
                    ("flags", _("Flags"))])


def _notes(shown: Sequence[Observation], _: Gettext) -> list[str]:
    return [low_reliability_note(_)] if any(o.low_reliability for o in shown) else []


def _value_title(indicator: Indicator, _: Gettext) -> str:
    return f"{indicator.title} ({axis_title_unit(indicator.unit, _)})"


def _chart(
    *, id: str, kind: str, title: str, description: str, spec: dict, indicator: Indicator,
    shown: Sequence[Observation], language: str, _: Gettext,
) -> Chart:
    return Chart(
        id=id, kind=kind, title=title, description=description, spec=spec, svg="",
        columns=table_columns(_),
        rows=table_rows(shown, indicator.unit, language, _),
        csv=observations_csv(shown),
        source_line=source_line(indicator.source, _),
        has_low_reliability=any(o.low_reliability for o in shown),
        data_file=f"charts/{id}.csv",
    )


def _with_svg(chart: Chart, cache_dir: Path | None) -> Chart:
    if cache_dir is not None:
        chart.svg = render_svg(chart.spec, cache_dir)
    return chart


# -- (a) gap over time ---------------------------------------------------------


def _gap_over_time(indicator, series: Series, language, _, focus) -> Chart | None:
    area = series.eu_aggregate
    if area is None:
        return None
    shown = series.where(geo=area, sex="T")
    if not shown:
        return None
    area_name = area_label(area, language, _)
    title = _("{indicator}, {area}: {groups} by year").format(
        indicator=indicator.title, area=area_name,
        groups=_(" and ").join(group_label(g, series.breakdown, _) for g in series.groups))
    color, dash, shape, fill = _group_encodings(series, _)
    x = {"field": "year", "type": "quantitative", "title": _("Year"),
         "axis": {"format": "d", "tickMinStep": 1}, "scale": {"zero": False}}
    y = {"field": "value", "type": "quantitative", "title": _value_title(indicator, _),
         "scale": {"zero": False}}
    spec = base_spec(title=title, source=source_line(indicator.source, _),
                     notes=_notes(shown, _), language=language,
                     values=[_record(o, series, indicator.unit, language, _) for o in shown])
    spec["height"] = 300
    spec["layer"] = [
        {"mark": {"type": "line", "strokeWidth": 2},
         "encoding": {"x": x, "y": y, "color": color, "strokeDash": dash}},
        {"mark": {"type": "point", "size": 70, "strokeWidth": 2, "opacity": 1},
         "encoding": {"x": x, "y": y, "color": color, "shape": shape, "fill": fill,
                      "tooltip": _tooltip(_)}},
    ]
    return _chart(id=f"{indicator.id}-gap", kind="gap", title=title,
                  description=describe.describe_gap_over_time(indicator, series, language, _),
                  spec=spec, indicator=indicator, shown=shown, language=language, _=_)


# -- (b) country comparison, one year -----------------------------------------


def _country_comparison(indicator, series: Series, language, _, focus) -> Chart | None:
    year = comparison_year(series)
    if year is None or series.reference is None:
        return None
    pairs = {geo: paired_by_year(series, geo).get(year) for geo in countries(series)}
    pairs = {geo: p for geo, p in pairs.items() if p}
    gaps = {geo: describe.gap_of(p, series) for geo, p in pairs.items()}
    # Largest disadvantage for the non-EU group first; focus countries on top.
    sign = 1 if indicator.higher_is_better else -1
    ordered = sorted(gaps, key=lambda geo: (sign * gaps[geo], geo))
    focus_present = [geo for geo in focus if geo in gaps]
    ordered = focus_present + [geo for geo in ordered if geo not in focus_present]
    shown = [o for geo in ordered for o in pairs[geo].values()]
    names = [area_label(geo, language, _) for geo in ordered]
    focus_names = [area_label(geo, language, _) for geo in focus_present]

    title = _("{indicator} by country, {year}").format(indicator=indicator.title, year=year)
    color, _dash, shape, fill = _group_encodings(series, _)
    pick = {"param": "country", "empty": True}
    legend = {"param": "groups", "empty": True}
    opacity = {"condition": {"test": {"and": [pick, legend]}, "value": 1}, "value": DIMMED}
    y = {"field": "area", "type": "nominal", "title": None, "sort": names,
         "axis": {"labelFontWeight": {
             "condition": {"test": f"indexof({json.dumps(focus_names)}, datum.value) >= 0",
                           "value": "bold"},
             "value": "normal"}}}
    x = {"field": "value", "type": "quantitative", "title": _value_title(indicator, _),
         "scale": {"zero": False}}
    spec = base_spec(title=title, source=source_line(indicator.source, _),
                     notes=_notes(shown, _), language=language,
                     values=[_record(o, series, indicator.unit, language, _) for o in shown])
    spec["height"] = {"step": 18}
    spec["encoding"] = {"y": y}
    spec["layer"] = [
        {"mark": {"type": "rule", "color": "#767676", "strokeWidth": 1.5},
         "encoding": {"x": {"aggregate": "min", "field": "value", "type": "quantitative",
                            "title": _value_title(indicator, _)},
                      "x2": {"aggregate": "max", "field": "value"},
                      "opacity": {"condition": {"param": "country", "empty": True, "value": 1},
                                  "value": DIMMED}}},
        {"mark": {"type": "point", "size": 70, "strokeWidth": 2},
         "params": [
             {"name": "country", "select": {"type": "point", "fields": ["area"]},
              "bind": {"input": "select", "options": [None, *sorted(names)],
                       "labels": [_("All countries"), *sorted(names)],
                       "name": _("Highlight a country") + " "}},
             {"name": "groups", "select": {"type": "point", "fields": ["group_label"]},
              "bind": "legend"},
         ],
         "encoding": {"x": x, "color": color, "shape": shape, "fill": fill,
                      "opacity": opacity, "tooltip": _tooltip(_)}},
    ]
    description = describe.describe_countries(indicator, series, year, gaps, tuple(focus_present),
                                              language, _)
    return _chart(id=f"{indicator.id}-countries", kind="countries", title=title,
                  description=description, spec=spec, indicator=indicator, shown=shown,
                  language=language, _=_)


# -- (c) gap by sex ------------------------------------------------------------


def _gap_by_sex(indicator, series: Series, language, _, focus) -> Chart | None:
    area = series.eu_aggregate
    if area is None or series.reference is None:
        return None
    unit = indicator.unit
    records, shown = [], []
    for sex in ("F", "M"):
        for year, pair in paired_by_year(series, area, sex).items():
            shown.extend(pair.values())
            records.append(_gap_record(pair, series, sex, year, unit, language, _))
    if not records:
        return None
    area_name = area_label(area, language, _)
    group, reference = (group_label(g, series.breakdown, _) for g in (series.non_eu,
                                                                       series.reference))
    title = _("{indicator}, {area}: difference between {group} and {reference} by sex").format(
        indicator=indicator.title, area=area_name,
        group=in_sentence(group, language), reference=in_sentence(reference, language))
    labels = [sex_label(s, _) for s in ("F", "M")]
    styles = [SEX_STYLE["F"], SEX_STYLE["M"]]
    legend = {"field": "sex_label", "type": "nominal", "title": _("Sex")}
    color = {**legend, "scale": scale(labels, styles, "color")}
    y_title = _("{group} minus {reference}").format(
        group=group, reference=in_sentence(reference, language))
    x = {"field": "year", "type": "quantitative", "title": _("Year"),
         "axis": {"format": "d", "tickMinStep": 1}, "scale": {"zero": False}}
    y = {"field": "gap", "type": "quantitative",
         "title": f"{y_title} ({gap_unit(unit, _)})"}
    spec = base_spec(title=title, source=source_line(indicator.source, _),
                     notes=_notes(shown, _), language=language, values=records)
    spec["height"] = 260
    spec["layer"] = [
        {"data": {"values": [{"zero": 0}]}, "mark": {"type": "rule", "color": "#767676"},
         "encoding": {"y": {"field": "zero", "type": "quantitative"}}},
        {"mark": {"type": "line", "strokeWidth": 2},
         "encoding": {"x": x, "y": y, "color": color,
                      "strokeDash": {**legend, "scale": scale(labels, styles, "dash")}}},
        {"mark": {"type": "point", "size": 70, "strokeWidth": 2, "opacity": 1},
         "encoding": {"x": x, "y": y, "color": color,
                      "shape": {**legend, "scale": scale(labels, styles, "shape")},
                      "fill": {**legend,
                               "scale": scale(labels, styles, "color"),
                               "condition": {"test": "datum.low", "value": HOLLOW}},
                      "tooltip": tooltip([("sex_label", _("Sex")), ("year_text", _("Year")),
                                          ("gap_label", _("Difference")),
                                          ("value_label", group),
                                          ("reference_label", reference),
                                          ("flags", _("Flags"))])}},
    ]
    return _chart(id=f"{indicator.id}-gap-by-sex", kind="gap_by_sex", title=title,
                  description=describe.describe_gap_by_sex(indicator, series, language, _),
                  spec=spec, indicator=indicator, shown=shown, language=language, _=_)


def _gap_record(pair, series: Series, sex, year, unit, language, _) -> dict:
    ours, theirs = pair[series.non_eu], pair[series.reference]
    gap = describe.gap_of(pair, series)
    low = ours.low_reliability or theirs.low_reliability
    value = with_unit(format_published(ours.value_text, language), unit, language, _)
    ref = with_unit(format_published(theirs.value_text, language), unit, language, _)
    flags = "; ".join(f for f in (flag_note(ours.flag, _), flag_note(theirs.flag, _)) if f)
    return {
        "sex_label": sex_label(sex, _),
        "year": year,
        "year_text": str(year),
        "gap": round(gap, 6),
        "gap_label": describe._signed(gap, describe.gap_decimals(pair), unit, language, _),
        "value_label": f"{value} (u)" if ours.low_reliability else value,
        "reference_label": f"{ref} (u)" if theirs.low_reliability else ref,
        "flags": flags or "–",
        "low": low,
    }


# -- country profile -------------------------------------------------------------


def _country_profile(country, indicator, series: Series, language, _) -> Chart | None:
    own = paired_by_year(series, country)
    if not own or series.reference is None:
        return None
    year = max(own)
    rows = {country: own[year]}
    if series.eu_aggregate:
        eu = paired_by_year(series, series.eu_aggregate)
        if eu:  # the same year when the EU published it, else its latest
            rows[series.eu_aggregate] = eu.get(year) or eu[max(eu)]
    shown = [o for pair in rows.values() for o in pair.values()]
    names = [area_label(geo, language, _) for geo in rows]
    title = _("{indicator}: {country} and the EU").format(
        indicator=indicator.title, country=area_label(country, language, _))
    color, _dash, shape, fill = _group_encodings(series, _)
    x = {"field": "value", "type": "quantitative", "title": _value_title(indicator, _),
         "scale": {"zero": False}}
    spec = base_spec(title=title, source=source_line(indicator.source, _),
                     notes=_notes(shown, _), language=language,
                     values=[_record(o, series, indicator.unit, language, _) for o in shown])
    spec["height"] = {"step": 28}
    spec["encoding"] = {"y": {"field": "area", "type": "nominal", "title": None,
                              "sort": names}}
    spec["layer"] = [
        {"mark": {"type": "rule", "color": "#767676", "strokeWidth": 1.5},
         "encoding": {"x": {"aggregate": "min", "field": "value", "type": "quantitative",
                            "title": _value_title(indicator, _)},
                      "x2": {"aggregate": "max", "field": "value"}}},
        {"mark": {"type": "point", "size": 90, "strokeWidth": 2},
         "encoding": {"x": x, "color": color, "shape": shape, "fill": fill,
                      "tooltip": _tooltip(_)}},
    ]
    return _chart(id=f"{country.lower()}-{indicator.id}", kind="country_profile", title=title,
                  description=describe.describe_country(indicator, series, rows, language, _),
                  spec=spec, indicator=indicator, shown=shown, language=language, _=_)
