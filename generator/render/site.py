"""Phase two for one language: model → pages, chart assets and static assets."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.charts import vega_bundle
from generator.render import urls
from generator.render.indicators import render_indicator_pages
from generator.render.markdown_store import MarkdownStore
from generator.render.renderer import Asset, Page, Renderer, RenderSettings
from generator.sources import Loaded, model_for

STATIC_ASSETS = ("emt.css", "explorer.js", "charts.css", "charts.js")


@dataclass
class SiteOutput:
    language: str
    pages: list[Page]
    assets: list[Asset]
    nav: list[Any]
    stylesheets: list[str] = field(default_factory=lambda: ["assets/emt.css", "assets/charts.css"])
    timings: dict[str, float] = field(default_factory=dict)


def render_site(
    loaded: Loaded,
    language: str,
    directory_urls: bool = True,
    progress: Callable[[str], None] | None = None,
) -> SiteOutput:
    started = time.perf_counter()
    project = loaded.project
    model = model_for(loaded, language)
    catalogue = loaded.catalogues.get(language)
    gettext = catalogue.gettext if catalogue else (lambda key: key)
    settings = RenderSettings(
        language=language,
        languages=project.languages,
        directory_urls=directory_urls,
        site_name=project.site_name,
        focus_countries=project.focus_countries,
        accessibility=project.accessibility,
    )
    store = MarkdownStore(project.cache_dir)
    renderer = Renderer(
        model, settings, [project.templates_dir / "pages", project.templates_dir], gettext, store.render
    )
    try:
        result = renderer.render()
        indicator_pages, chart_assets = render_indicator_pages(renderer, project.cache_dir / "charts")
    finally:
        store.close()
    pages = result.pages + indicator_pages
    assets = result.assets + chart_assets + _static_assets(project.templates_dir / "assets")
    assets.append(Asset("assets/vega-bundle.js", vega_bundle(project.cache_dir).encode("utf-8")))
    output = SiteOutput(language, pages, assets, _nav(gettext, model))
    output.timings["render"] = time.perf_counter() - started
    if progress:
        progress(f"[{language}] rendered {len(output.pages)} pages and {len(assets)} assets")
    return output


def _static_assets(folder: Path) -> list[Asset]:
    return [
        Asset(f"assets/{name}", (folder / name).read_bytes())
        for name in STATIC_ASSETS
        if (folder / name).exists()
    ]


def _nav(_: Callable[[str], str], model) -> list[Any]:  # type: ignore[no-untyped-def]
    """A small, bounded navigation: practices, countries and indicators are
    reached through their index pages, so every page's nav stays the same size
    whatever the number of practices (MkDocs+Material cost grows with it)."""
    modules = [{f"{m['number']}. {m['title']}": urls.MODULE.format(id=m["id"])} for m in model.modules]
    return [
        {_("Home"): urls.HOME},
        {_("Modules"): [{_("Overview"): urls.MODULES}, *modules]},
        {_("Practices"): [{_("Practice explorer"): urls.EXPLORER}, {_("By country"): urls.BY_COUNTRY}]},
        {_("Indicators"): [{_("Overview"): urls.INDICATORS}, {_("Country profiles"): urls.COUNTRIES}]},
        {_("Recommendations"): urls.RECOMMENDATIONS},
        {_("Target groups"): urls.TARGET_GROUPS},
        {_("About"): [{_("Accessibility statement"): urls.ACCESSIBILITY}]},
    ]
