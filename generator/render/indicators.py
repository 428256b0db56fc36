"""Indicator pages, the indicators overview and country profiles, with
their charts (SVG fallback cached by spec hash, CSV of the plotted figures)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.charts import build_country_chart, build_indicator_charts, render_svg, spec_json
from generator.charts.chart import Chart
from generator.charts.select import ObservationIndex, select_series
from generator.content.types import DOMAINS
from generator.data.format import EU_AGGREGATES
from generator.data.instructions import import_help
from generator.model.entities import Indicator, Practice, SiteModel
from generator.render import urls
from generator.render.output import GeneratedFile, GeneratedPage
from generator.render.renderer import Renderer


def domain_labels(_: Any) -> dict[str, str]:
    return {
        "employment": _("Employment"),
        "education": _("Education"),
        "social_inclusion": _("Social inclusion"),
        "active_citizenship": _("Active citizenship"),
    }


def render_indicator_pages(
    renderer: Renderer, cache_dir: Path, wanted: Callable[[str], bool] | None = None
) -> tuple[list[GeneratedPage], list[GeneratedFile]]:
    """Every indicator page, the overview and the country profiles.

    `wanted` (a test on the page's source path) limits the work to some
    pages, charts included: the preview re-renders a country profile after a
    practice edit without rebuilding any other chart.
    """
    model, settings, _ = renderer.model, renderer.settings, renderer._gettext
    want = wanted or (lambda src: True)
    labels = domain_labels(_)
    pages: list[GeneratedPage] = []
    assets: list[GeneratedFile] = []
    by_domain: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in model.indicators:
        by_domain[indicator.domain].append(indicator)
    domains = [(d, by_domain[d]) for d in DOMAINS if by_domain[d]]
    # Grouped once: every indicator and country profile selects its series here.
    figures = ObservationIndex(model.observations)
    if want(urls.INDICATORS):
        with_data = {i.id for i in model.indicators if select_series(i, figures) is not None}
        pages.append(renderer.page("indicators.html.j2", urls.INDICATORS, domains=domains, domain_labels=labels,
                                   with_data=with_data))

    for indicator in model.indicators:
        src = urls.INDICATOR.format(id=indicator.id)
        if not want(src):
            continue
        charts = build_indicator_charts(
            indicator, figures, settings.language, _, settings.focus_countries, cache_dir
        )
        pages.append(
            _chart_page(renderer, "indicator.html.j2", src, charts, cache_dir, assets,
                        indicator=indicator, domain_label=labels[indicator.domain],
                        import_help=import_help(indicator))
        )

    codes = country_codes(model, settings.focus_countries)
    if want(urls.COUNTRIES):
        pages.append(
            renderer.page("countries.html.j2", urls.COUNTRIES, country_codes=codes, focus=settings.focus_countries)
        )
    charted = [i for i in model.indicators if i.series]
    by_country: dict[str, list[Practice]] = defaultdict(list)
    for practice in model.practices:  # in model order, as each profile lists them
        for code in practice.countries:
            by_country[code].append(practice)
    for code in codes:
        src = urls.COUNTRY.format(code=code.lower())
        if not want(src):
            continue
        charts = build_country_chart(code, charted, figures, settings.language, _, cache_dir)
        practices = by_country.get(code, [])
        pages.append(
            _chart_page(renderer, "country.html.j2", src, charts, cache_dir, assets, code=code, practices=practices)
        )
    return pages, assets


def _chart_page(
    renderer: Renderer,
    template: str,
    src: str,
    charts: list[Chart],
    cache_dir: Path,
    assets: list[GeneratedFile],
    **context: Any,
) -> GeneratedPage:
    items = []
    for chart in charts:
        if not chart.svg:
            chart.svg = render_svg(chart.spec, cache_dir)
        assets.append(GeneratedFile(chart.data_file, chart.csv.encode("utf-8")))
        items.append(chart)
    return renderer.page(
        template,
        src,
        charts=items,
        chart_extras={
            c.id: {"csv_href": urls.relative_url(src, c.data_file, renderer.settings.directory_urls),
                   "spec_json": spec_json(c.spec)}
            for c in items
        },
        **context,
    )


def country_codes(model: SiteModel, focus: tuple[str, ...]) -> list[str]:
    """Countries with data or practices; focus countries first, then by name."""
    from generator.countries import country_name

    codes = {o.geo for o in model.observations if o.geo not in EU_AGGREGATES}
    codes |= {c for p in model.practices for c in p.countries}
    rest = sorted(codes - set(focus), key=lambda c: country_name(c, model.language).casefold())
    return [c for c in focus if c in codes] + rest
