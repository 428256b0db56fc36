"""Indicator charts: selection, Altair templates, descriptions, static SVGs.

Public entry points: `build_indicator_charts`, `build_country_profile`,
`countries_overview`, `render_svg`, `spec_json`, `vega_bundle`, and the
`Chart` record.
"""

from .build import build_indicator_charts
from .chart import Chart
from .overview import countries_overview
from .profile import CountryProfile, build_country_profile
from .render import RENDER_STATS, render_svg, spec_json, vega_bundle

__all__ = [
    "RENDER_STATS",
    "Chart",
    "CountryProfile",
    "build_country_profile",
    "build_indicator_charts",
    "countries_overview",
    "render_svg",
    "spec_json",
    "vega_bundle",
]
