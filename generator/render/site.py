"""Phase two for one language: the model → every page, file and the navigation.

This is the one description of what a site contains. `render_site` renders
all of it; with `only` (a test on a page's source path) it renders just those
pages and takes the others from `previous`, which is how the preview updates
a few pages after an edit without drifting from a full build.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from generator.charts import vega_bundle
from generator.countries import country_name
from generator.model.entities import SiteModel
from generator.render import urls
from generator.render.explorer import explorer_context
from generator.render.headline import headline
from generator.render.indicators import render_indicator_pages
from generator.render.markdown_store import MarkdownStore
from generator.render.output import GeneratedFile, GeneratedPage, NavItem, NavLink, NavSection, RenderedSite
from generator.render.renderer import Renderer, RenderSettings
from generator.sources import Loaded, model_for

STATIC_ASSETS = ("emt.css", "explorer.js", "charts.css", "charts.js", "sort-table.js")


@dataclass(frozen=True)
class Partial:
    """Render only the pages `only` accepts; take every other page from `previous`."""

    only: Callable[[str], bool]
    previous: dict[str, GeneratedPage]

    def wanted(self, src_path: str) -> bool:
        return self.only(src_path) or src_path not in self.previous


def render_site(
    loaded: Loaded,
    language: str,
    directory_urls: bool = True,
    progress: Callable[[str], None] | None = None,
    partial: Partial | None = None,
) -> RenderedSite:
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
    renderer = Renderer(model, settings, [project.templates_dir / "pages", project.templates_dir],
                        gettext, store.render)
    wanted = partial.wanted if partial else (lambda src: True)
    try:
        pages = _content_pages(renderer, wanted)
        indicator_pages, chart_files = render_indicator_pages(renderer, project.cache_dir / "charts", wanted)
    finally:
        store.close()
    pages += indicator_pages
    if partial:
        rendered = {p.src_path for p in pages}
        pages += [p for src, p in partial.previous.items() if src not in rendered and not partial.only(src)]
    files = chart_files + _static_files(project, model)
    site = RenderedSite(language, pages, files, navigation(renderer._gettext, model))
    site.timings["render"] = time.perf_counter() - started
    if progress:
        progress(f"[{language}] rendered {len(site.pages)} pages and {len(files)} files")
    return site


def _content_pages(renderer: Renderer, wanted: Callable[[str], bool]) -> list[GeneratedPage]:
    model, settings, _ = renderer.model, renderer.settings, renderer._gettext
    countries = practice_countries(model, settings.language)
    pages: list[GeneratedPage] = []

    def add(template: str, src: str, **context: object) -> None:
        if wanted(src):
            pages.append(renderer.page(template, src, **context))

    add("home.html.j2", urls.HOME, headline=headline(model, settings.language, _))
    add("modules.html.j2", urls.MODULES)
    for module in model.modules:
        add("module.html.j2", urls.MODULE.format(id=module.id), module=module)
    if wanted(urls.EXPLORER):
        add("explorer.html.j2", urls.EXPLORER, countries=countries,
            **explorer_context(model, settings.language, _))
    add("by_country.html.j2", urls.BY_COUNTRY, countries=countries)
    for practice in model.practices:
        add("practice.html.j2", urls.PRACTICE.format(id=practice.id), practice=practice)
    add("recommendations.html.j2", urls.RECOMMENDATIONS)
    add("target_groups.html.j2", urls.TARGET_GROUPS, groups=target_groups(model))
    add("accessibility.html.j2", urls.ACCESSIBILITY)
    return pages


def _static_files(project, model: SiteModel) -> list[GeneratedFile]:  # type: ignore[no-untyped-def]
    folder = project.templates_dir / "assets"
    files = [
        GeneratedFile(f"assets/{name}", (folder / name).read_bytes())
        for name in STATIC_ASSETS
        if (folder / name).exists()
    ]
    files.append(GeneratedFile("assets/vega-bundle.js", vega_bundle(project.cache_dir).encode("utf-8")))
    return files


def practice_countries(model: SiteModel, language: str) -> list[tuple[str, list]]:
    """(country code, its practices) sorted by localized country name."""
    by_country: dict[str, list] = defaultdict(list)
    for practice in model.practices:
        for code in practice.countries:
            by_country[code].append(practice)
    return sorted(by_country.items(), key=lambda item: country_name(item[0], language).casefold())


def target_groups(model: SiteModel) -> list[tuple[str, list[tuple[str, str, str, str]]]]:
    """Target group label → [(kind, title, page, anchor)] across building blocks and practices."""
    groups: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for module in model.modules:
        for block in module.blocks:
            for label in block.target_groups:
                groups[str(label)].append(("component", block.title, urls.MODULE.format(id=module.id), block.id))
    for practice in model.practices:
        for label in practice.target_groups:
            groups[str(label)].append(("practice", practice.title, urls.PRACTICE.format(id=practice.id), ""))
    return sorted(groups.items(), key=lambda item: item[0].casefold())


def navigation(_: Callable[[str], str], model: SiteModel) -> list[NavItem]:
    """A small, bounded navigation: practices, countries and indicators are
    reached through their index pages, so every page's nav stays the same size
    whatever the number of practices (MkDocs+Material cost grows with it)."""
    modules = tuple(NavLink(f"{m.number}. {m.title}", urls.MODULE.format(id=m.id)) for m in model.modules)
    return [
        NavLink(_("Home"), urls.HOME),
        NavSection(_("Modules"), (NavLink(_("Overview"), urls.MODULES), *modules)),
        NavSection(_("Practices"), (NavLink(_("Practice explorer"), urls.EXPLORER),
                                    NavLink(_("By country"), urls.BY_COUNTRY))),
        NavSection(_("Indicators"), (NavLink(_("Overview"), urls.INDICATORS),
                                     NavLink(_("Country profiles"), urls.COUNTRIES))),
        NavLink(_("Recommendations"), urls.RECOMMENDATIONS),
        NavLink(_("Target groups"), urls.TARGET_GROUPS),
        NavSection(_("About"), (NavLink(_("Accessibility statement"), urls.ACCESSIBILITY),)),
    ]
