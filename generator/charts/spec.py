"""Shared pieces of every Vega-Lite spec: version, palette, locale, source line.

Specs are plain dicts (a prepared dict costs ~5 ms, building through
`alt.Data` with validation ~370 ms); tests validate them against the schema
Altair ships. Data is always inline (`data.values`): a CSP without
'unsafe-eval' rules out d3-dsv's CSV parser, and self-hosters must not fetch.
"""

from __future__ import annotations

from collections.abc import Callable

from .locale import d3_number_locale

# Altair 6.3 ships the Vega-Lite 6.4.1 schema; vl-convert 1.9 bundles 6.4.
# The spec's $schema, the SVG renderer and the browser bundle use the same one.
VL_VERSION = "6.4"
SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"

WIDTH = 520
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

# Okabe-Ito-derived colours, each at least 3:1 against white (WCAG 1.4.11);
# groups also differ by point shape and line dash, never by colour alone.
GROUP_STYLE = {
    "reference": {"color": "#0072B2", "shape": "circle", "dash": [1, 0]},  # 5.2:1
    "non_eu": {"color": "#B84A00", "shape": "triangle-up", "dash": [6, 3]},  # 5.2:1
}
SEX_STYLE = {
    "F": {"color": "#6A3D9A", "shape": "diamond", "dash": [1, 0]},  # 7.6:1
    "M": {"color": "#117733", "shape": "square", "dash": [6, 3]},  # 5.7:1
    "T": {"color": "#555555", "shape": "circle", "dash": [2, 2]},  # 7.5:1
}
HOLLOW = "#ffffff"  # fill of low-reliability points: hollow, with coloured outline
DIMMED = 0.2


def source_line(dataset: str, _: Callable[[str], str]) -> str:
    return _("Source: Eurostat ({dataset}), figures as published").format(dataset=dataset)


def low_reliability_note(_: Callable[[str], str]) -> str:
    return _("Hollow markers and (u): low reliability (Eurostat flag u).")


def base_spec(
    *, title: str, source: str, notes: list[str], language: str, values: list[dict]
) -> dict:
    """The frame of a chart; callers add `layer`/`mark`/`encoding`.

    The source line is the bottom title (printed with the SVG); notes such
    as the low-reliability key are its subtitle. `description` carries the
    chart's accessible name into the static SVG.
    """
    title_block: dict = {"text": source, "orient": "bottom", "anchor": "start"}
    if notes:
        title_block["subtitle"] = notes
    return {
        "$schema": SCHEMA_URL,
        "description": title,
        "title": title_block,
        "width": WIDTH,
        "data": {"values": values},
        "config": {
            "locale": {"number": d3_number_locale(language)},
            "font": FONT,
            "title": {"fontSize": 11, "fontWeight": "normal", "color": "#333333",
                      "subtitleFontSize": 11, "subtitleColor": "#333333", "offset": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#333333",
                     "titleColor": "#333333", "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top",
                       "labelLimit": 320},
            "view": {"stroke": None},
        },
    }


def scale(domain: list[str], styles: list[dict], key: str) -> dict:
    return {"domain": domain, "range": [s[key] for s in styles]}


def tooltip(fields: list[tuple[str, str]]) -> list[dict]:
    """Tooltip entries from (field, localized title); all values are preformatted text."""
    return [{"field": f, "type": "nominal", "title": t} for f, t in fields]
