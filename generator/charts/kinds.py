"""Every chart kind, written once with Altair.

Each function takes the template's inputs (the language, the style and the
translated labels every chart of that kind shares) and returns an Altair
chart over named data sources: `rows` (the plotted records, records.py)
and, for charts over years, `breaks` (changes of EU composition,
composition.py). A chart's own text is a slot (templates.py), filled per
chart. Nothing here runs per chart: templates.py calls each function once
per kind, language and style.

Two styles:
- interactive (the browser): as wide as its frame (`width: "container"`),
  with tooltips, a legend that highlights the series clicked, and a country
  picker; the page prints the source line and notes as text beside it;
- static (the SVG for no JavaScript and print): STATIC_WIDTH wide, the
  source line and notes drawn under the chart, no interaction (rendering
  selections and tooltips nobody can use would double vl-convert's time).

Tick labels are spaced from the actual width, so they never overlap, and the
latest year always has its label (`year_ticks`, filled per chart, counts
back from it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt

from .locale import d3_number_locale
from .style import (
    AREA_STYLES,
    DIMMED,
    FONT,
    FONT_SIZE,
    GRID,
    GROUP_STYLES,
    HOLLOW,
    LINE_HEIGHT,
    MUTED,
    ROW_STEP,
    SEX_STYLES,
    STATIC_WIDTH,
    TEXT,
    VALUE_LABEL_SPACE,
    Style,
)
from .templates import slot, slot_list

Inputs = Mapping[str, Any]
ROWS = alt.NamedData("rows")
BREAKS = alt.NamedData("breaks")


# -- pieces every kind shares ------------------------------------------------------


def _framed(chart: alt.TopLevelMixin, inputs: Inputs, height: Any) -> alt.TopLevelMixin:
    """Size, the language's number format, fonts; the static chart draws its source line."""
    interactive = inputs["interactive"]
    frame: dict[str, Any] = {"description": slot("description"), "height": height}
    if interactive:
        frame["width"] = "container"
    else:
        # Part of the picture, so a copied or printed chart keeps it; notes
        # (reading keys, composition changes) are its subtitle.
        frame["width"] = STATIC_WIDTH
        frame["title"] = alt.Title(slot("source"), subtitle=slot("notes"), orient="bottom",
                                   anchor="start", offset=14)
    return (
        chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"), **frame)
        # aria=False: Vega's generated descriptions are English ("X-axis titled …")
        # and per point; the chart's accessible name, description and table say it all.
        .configure(font=FONT, locale=alt.Locale(number=d3_number_locale(inputs["language"])), aria=False)
        .configure_title(fontSize=11, fontWeight="normal", color=TEXT, subtitleFontSize=11,
                         subtitleColor=TEXT, subtitlePadding=3)
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelColor=TEXT,
                        titleColor=TEXT, titleFontWeight="normal", gridColor=GRID,
                        domainColor=MUTED, tickColor=MUTED)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelColor=TEXT,
                          titleColor=TEXT, orient="bottom", direction="vertical",
                          labelLimit=alt.ExprRef("width - 30"), symbolStrokeWidth=2)
        .configure_view(stroke=None)
    )


def _scale(domain_slot: str, styles: tuple[Style, ...], part: str) -> alt.Scale:
    return alt.Scale(domain=slot_list(domain_slot), range=[getattr(s, part) for s in styles])


def _series(field: str, title: str, domain_slot: str, styles: tuple[Style, ...]) -> dict:
    """colour, dash and shape of a series field, merged into one legend."""
    return {
        "color": alt.Color(f"{field}:N", title=title, scale=_scale(domain_slot, styles, "color")),
        "strokeDash": alt.StrokeDash(f"{field}:N", title=title,
                                     scale=_scale(domain_slot, styles, "dash")),
        "shape": alt.Shape(f"{field}:N", title=title, scale=_scale(domain_slot, styles, "shape")),
        # Same field, title and scale as colour, so the legends merge; a
        # low-reliability point keeps its outline and loses its fill.
        "fill": alt.condition("datum.low", alt.value(HOLLOW),
                              alt.Fill(f"{field}:N", title=title,
                                       scale=_scale(domain_slot, styles, "color"))),
    }


def _years(inputs: Inputs) -> alt.X:
    return alt.X(
        "year:Q", title=inputs["year"],
        # padding keeps the first and last points inside the frame
        scale=alt.Scale(zero=False, nice=False, padding=14),
        axis=alt.Axis(format="d", values=alt.ExprRef(slot("year_ticks")), grid=False, labelOverlap=False),
    )


def _measure(field: str, title_slot: str, *, zero: bool) -> alt.Y:
    """A vertical value axis; its title stands level above the axis, where it fits a phone.

    Differences include zero, so parity is always in view.
    """
    return alt.Y(
        f"{field}:Q", title=slot(title_slot), scale=alt.Scale(zero=zero),
        axis=alt.Axis(tickCount=alt.ExprRef("ceil(height / 45)"), labelOverlap=True,
                      titleAngle=0, titleAnchor="end", titleAlign="left", titleBaseline="bottom",
                      titleY=-12, titleLimit=alt.ExprRef("width + 30")),
    )


def _emphasis(inputs: Inputs, *selections: alt.Parameter) -> dict:
    """Opacity that dims what the reader's selections leave out (interactive only)."""
    if not inputs["interactive"]:
        return {}
    test = selections[0]
    for other in selections[1:]:
        test = test & other
    return {"opacity": alt.condition(test, alt.value(1), alt.value(DIMMED))}


def _tooltip(inputs: Inputs, fields: list[tuple[str, Any]]) -> dict:
    """All tooltip values are preformatted text, as in the table."""
    if not inputs["interactive"]:
        return {}
    return {"tooltip": [alt.Tooltip("year:Q", title=title, format="d") if field == "year"
                        else alt.Tooltip(f"{field}:N", title=title) for field, title in fields]}


def _legend_selection(inputs: Inputs) -> alt.Parameter:
    return alt.selection_point(name="legend", fields=["series"], bind="legend")


def _composition_breaks(inputs: Inputs) -> alt.Chart:
    """A dotted rule between the last year of one EU composition and the first of the next."""
    return alt.Chart(BREAKS).mark_rule(color=MUTED, strokeDash=[2, 3], strokeWidth=1.5).encode(
        x=alt.X("position:Q"), **_tooltip(inputs, [("text", inputs["break"])]),
    )


def _over_years(inputs: Inputs, value: alt.Y, series: dict, tooltip: list) -> alt.LayerChart:
    """Lines over years with their points; a line is split where its population
    changes (`line` differs), and clicking a legend entry highlights that series.

    The encodings both marks share are stated once, on their layer.
    """
    legend = _legend_selection(inputs)
    lines = alt.Chart().mark_line(strokeWidth=2).encode(strokeDash=series["strokeDash"], detail="line:N")
    points = alt.Chart().mark_point(size=64, strokeWidth=2, opacity=1).encode(
        shape=series["shape"], fill=series["fill"], **_tooltip(inputs, tooltip))
    if inputs["interactive"]:
        # On the first layer with the legend's channels: Vega-Lite makes the
        # merged legend clickable only for the layer that defines the selection.
        lines = lines.add_params(legend)
    plotted = alt.layer(lines, points, data=ROWS).encode(
        x=_years(inputs), y=value, color=series["color"], **_emphasis(inputs, legend))
    if inputs["breaks"]:
        return alt.layer(_composition_breaks(inputs), plotted)
    return plotted


# -- the kinds ---------------------------------------------------------------------


def gap_over_time(inputs: Inputs) -> alt.TopLevelMixin:
    """An EU aggregate's two groups over the years."""
    series = _series("series", inputs["group"], "series_domain", GROUP_STYLES)
    tooltip = [("area", inputs["area"]), ("group_label", inputs["group"]), ("year", inputs["year"]),
               ("value_label", inputs["value"]), ("flags", inputs["flags"])]
    chart = _over_years(inputs, _measure("value", "value_title", zero=False), series, tooltip)
    return _framed(chart, inputs, LINE_HEIGHT)


def country_comparison(inputs: Inputs) -> alt.TopLevelMixin:
    """Every country's two groups in one year, a rule between them; focus countries bold."""
    series = _series("series", inputs["group"], "series_domain", GROUP_STYLES)
    y = alt.Y("area:N", title=None, sort=slot_list("order"),
              axis=alt.Axis(labelLimit=alt.ExprRef("max(90, width * 0.3)"),
                            labelFontWeight=alt.condition(slot("focus_test"), alt.value("bold"),
                                                          alt.value("normal"))))
    x = alt.X("value:Q", title=slot("value_title"), scale=alt.Scale(zero=False),
              axis=alt.Axis(tickCount=alt.ExprRef(f"max(2, floor(width / {VALUE_LABEL_SPACE}))"),
                            labelOverlap="greedy", labelFlush=True, titleLimit=alt.ExprRef("width")))
    pick = alt.selection_point(
        name="country", fields=["area"],
        bind=alt.binding_select(options=slot_list("options"), labels=slot_list("option_labels"),
                                name=inputs["highlight"] + " "),
    )
    legend = _legend_selection(inputs)
    between = alt.Chart(ROWS).mark_rule(color=MUTED, strokeWidth=1.5).encode(
        y=y, x=alt.X("min(value):Q", title=slot("value_title")), x2=alt.X2("max(value)"),
        **_emphasis(inputs, pick),
    )
    points = alt.Chart(ROWS).mark_point(size=64, strokeWidth=2, opacity=1).encode(
        y=y, x=x, color=series["color"], shape=series["shape"], fill=series["fill"],
        **_emphasis(inputs, pick, legend),
        **_tooltip(inputs, [("area", inputs["area"]), ("group_label", inputs["group"]),
                            ("year", inputs["year"]), ("value_label", inputs["value"]),
                            ("flags", inputs["flags"])]),
    )
    if inputs["interactive"]:
        points = points.add_params(pick, legend)
    return _framed(alt.layer(between, points), inputs, alt.Step(ROW_STEP))


def gap_by_sex(inputs: Inputs) -> alt.TopLevelMixin:
    """An EU aggregate's difference between the groups, women and men, over the years."""
    series = _series("series", inputs["sex"], "series_domain", SEX_STYLES)
    tooltip = [("series", inputs["sex"]), ("year", inputs["year"]), ("gap_label", inputs["difference"]),
               ("value_label", slot("group")), ("reference_label", slot("reference")),
               ("flags", inputs["flags"])]
    chart = _over_years(inputs, _measure("gap", "value_title", zero=True), series, tooltip)
    return _framed(chart, inputs, LINE_HEIGHT)


def country_trend(inputs: Inputs) -> alt.TopLevelMixin:
    """A country's difference between the groups over the years, beside the EU aggregate's."""
    series = _series("series", inputs["area"], "series_domain", AREA_STYLES)
    tooltip = [("area", inputs["area"]), ("year", inputs["year"]), ("gap_label", inputs["difference"]),
               ("value_label", slot("group")), ("reference_label", slot("reference")),
               ("flags", inputs["flags"])]
    chart = _over_years(inputs, _measure("gap", "value_title", zero=True), series, tooltip)
    return _framed(chart, inputs, LINE_HEIGHT - 40)


KINDS = {
    "gap": gap_over_time,
    "countries": country_comparison,
    "gap_by_sex": gap_by_sex,
    "country_profile": country_trend,
}
