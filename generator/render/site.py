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
from generator.render.downloads import FIGURE_COLUMNS, PRACTICE_COLUMNS, download_files, figure_rows
from generator.render.explorer import explorer_context, explorer_data_script, explorer_pages
from generator.render.headline import headline
from generator.render.indicators import render_indicator_pages
from generator.render.markdown_store import MarkdownStore
from generator.render.output import GeneratedFile, GeneratedPage, NavItem, NavLink, NavSection, RenderedSite
from generator.render.renderer import Renderer, RenderSettings
from generator.render.search_index import documents as search_documents
from generator.render.search_index import search_index_script
from generator.sources import Loaded, model_for

WHATS_NEW_LIMIT = 60  # listing pages stay bounded; the explorer lists everything

STATIC_ASSETS = ("emt.css", "explorer.js", "charts.css", "charts.js", "search.js", "sort-table.js")


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
        publisher=project.publisher,
        repo_url=project.repo_url,
    )
    store = MarkdownStore(project.cache_dir)
    renderer = Renderer(model, settings, [project.templates_dir / "pages", project.templates_dir],
                        gettext, store.render)
    wanted = partial.wanted if partial else (lambda src: True)
    try:
        pages = _content_pages(renderer, wanted)
        figures = figure_rows(model, language, renderer._gettext)
        pages += _reader_pages(renderer, wanted, len(figures))
        files = download_files(model, language, store.render, figures, _template_for_proposals(model))
        indicator_pages, chart_files = render_indicator_pages(renderer, project.cache_dir / "charts", wanted)
    finally:
        store.close()
    pages += indicator_pages
    if partial:
        rendered = {p.src_path for p in pages}
        pages += [p for src, p in partial.previous.items() if src not in rendered and not partial.only(src)]
    html = {p.src_path: p.html for p in pages}
    docs = search_documents(model, language, renderer._gettext, MarkdownStore(project.cache_dir).render,
                            directory_urls, html)
    files = chart_files + files + _static_files(project, model)
    files.append(GeneratedFile(urls.EXPLORER_DATA, explorer_data_script(
        model, explorer_context(model, language, renderer._gettext), language,
        lambda status: renderer._gettext(status.capitalize()), directory_urls)))
    files.append(GeneratedFile(urls.SEARCH_INDEX, search_index_script(docs, language)))
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
    explorer = explorer_context(model, settings.language, _)
    pages_of_list = explorer_pages(model)
    for number, (src, chunk) in enumerate(pages_of_list, start=1):
        add("explorer.html.j2", src, practices=chunk, page_number=number, page_count=len(pages_of_list),
            page_sources=[s for s, _chunk in pages_of_list], base=urls.root_prefix(src, settings.directory_urls),
            **explorer)
    add("by_country.html.j2", urls.BY_COUNTRY, countries=countries)
    for practice in model.practices:
        add("practice.html.j2", urls.PRACTICE.format(id=practice.id), practice=practice)
    add("recommendations.html.j2", urls.RECOMMENDATIONS)
    add("target_groups.html.j2", urls.TARGET_GROUPS, groups=target_groups(model))
    add("accessibility.html.j2", urls.ACCESSIBILITY)
    return pages


def _reader_pages(renderer: Renderer, wanted: Callable[[str], bool], figure_count: int) -> list[GeneratedPage]:
    """About, Propose a practice, Glossary, What's new, Downloads."""
    model = renderer.model
    pages: list[GeneratedPage] = []

    def add(template: str, src: str, **context: object) -> None:
        if wanted(src):
            pages.append(renderer.page(template, src, **context))

    vintages = sorted(model.datasets.items())
    add("about.html.j2", urls.ABOUT, vintages=vintages)
    add("propose.html.j2", urls.PROPOSE)
    add("glossary.html.j2", urls.GLOSSARY)
    dated = sorted((p for p in model.practices if p.updated), key=lambda p: (p.updated, p.id), reverse=True)
    by_month: dict[str, list] = {}
    for practice in dated[:WHATS_NEW_LIMIT]:
        by_month.setdefault(practice.updated.strftime("%Y-%m"), []).append(practice)
    undated = [p for p in model.practices if not p.updated]
    add("whats_new.html.j2", urls.WHATS_NEW, by_month=list(by_month.items()),
        undated=undated[:WHATS_NEW_LIMIT], more=len(dated) > WHATS_NEW_LIMIT or len(undated) > WHATS_NEW_LIMIT,
        shown=WHATS_NEW_LIMIT)
    add("downloads.html.j2", urls.DOWNLOADS, figure_count=figure_count,
        practice_columns=PRACTICE_COLUMNS, figure_columns=FIGURE_COLUMNS)
    add("search.html.j2", urls.SEARCH)
    return pages


def _template_for_proposals(model: SiteModel) -> str:
    from generator.authoring import practice_template

    return practice_template({
        "module": [m.id for m in model.modules],
        "component": [b.id for m in model.modules for b in m.blocks],
    })


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
        NavSection(_("About"), (NavLink(_("About this toolkit"), urls.ABOUT), NavLink(_("Glossary"), urls.GLOSSARY),
                                NavLink(_("What's new"), urls.WHATS_NEW), NavLink(_("Downloads"), urls.DOWNLOADS),
                                NavLink(_("Propose a practice"), urls.PROPOSE),
                                NavLink(_("Accessibility statement"), urls.ACCESSIBILITY))),
    ]
