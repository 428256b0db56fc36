"""Indicator charts: selection, Vega-Lite specs, descriptions, static SVGs.

Public entry points: `build_indicator_charts`, `build_country_chart`,
`render_svg`, `spec_json`, `vega_bundle`, and the `Chart` record.
"""

from .build import build_country_chart, build_indicator_charts
from .chart import Chart
from .render import RENDER_STATS, render_svg, spec_json, vega_bundle

__all__ = [
    "RENDER_STATS",
    "Chart",
    "build_country_chart",
    "build_indicator_charts",
    "render_svg",
    "spec_json",
    "vega_bundle",
]
