"""Indicator pages, the indicators overview, the country profiles and the
countries overview, with their charts (SVG fallback cached by spec hash,
labelled CSV of the plotted figures)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.charts import (
    build_country_profile,
    build_indicator_charts,
    countries_overview,
    spec_json,
)
from generator.charts.chart import Chart
from generator.charts.labels import age_label
from generator.charts.render import render_svgs
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
    """Every indicator page, the overview, the country profiles and their overview.

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

    # Charts first, every page's; then their SVGs in one batch (rendered in
    # parallel when many are new); then the pages.
    todo: list[tuple[str, str, list[Chart], dict[str, Any]]] = []
    for indicator in model.indicators:
        src = urls.INDICATOR.format(id=indicator.id)
        if not want(src):
            continue
        charts = build_indicator_charts(indicator, figures, settings.language, _, settings.focus_countries,
                                        cache_dir, model.datasets, with_svg=False)
        age = age_label(indicator.series.age if indicator.series else str(indicator.age), _)
        todo.append(("indicator.html.j2", src, charts,
                     {"indicator": indicator, "domain_label": labels[indicator.domain], "age_label": age,
                      "import_help": import_help(indicator)}))

    codes = country_codes(model, settings.focus_countries)
    charted = [i for i in model.indicators if i.series]
    if want(urls.COUNTRIES):
        columns, rows = countries_overview(codes, charted, figures, settings.language, _)
        todo.append(("countries.html.j2", urls.COUNTRIES, [],
                     {"country_codes": codes, "focus": settings.focus_countries, "columns": columns, "rows": rows}))
    by_country: dict[str, list[Practice]] = defaultdict(list)
    for practice in model.practices:  # in model order, as each profile lists them
        for code in practice.countries:
            by_country[code].append(practice)
    for code in codes:
        src = urls.COUNTRY.format(code=code.lower())
        if not want(src):
            continue
        profile = build_country_profile(code, charted, figures, settings.language, _, cache_dir, model.datasets,
                                        with_svg=False)
        todo.append(("country.html.j2", src, [s.chart for s in profile.sections],
                     {"code": code, "profile": profile, "practices": by_country.get(code, [])}))
    unrendered = [chart for _t, _s, charts, _c in todo for chart in charts if not chart.svg]
    for chart, svg in zip(unrendered, render_svgs([c.static_spec for c in unrendered], cache_dir), strict=True):
        chart.svg = svg
    for template, src, charts, context in todo:
        pages.append(_chart_page(renderer, template, src, charts, assets, **context))
    return pages, assets


def _chart_page(
    renderer: Renderer,
    template: str,
    src: str,
    charts: Iterable[Chart],
    assets: list[GeneratedFile],
    **context: Any,
) -> GeneratedPage:
    items = []
    for chart in charts:
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
