"""MkDocs hooks that hand off to the core: load in `on_config`, add the
generated pages in `on_files`, watch the sources in `on_serve`.

Nothing is written into `docs_dir` (that would make `mkdocs serve` rebuild
forever): pages are added with `File.generated`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.content.yamlfile import parse_yaml
from generator.mkdocs_plugin.config_guard import check_config, escape_for_theme
from generator.mkdocs_plugin.incremental import IncrementalPages, write_sitemap
from generator.mkdocs_plugin.nav import escaped, navigation
from generator.mkdocs_plugin.options import PluginConfig
from generator.problems import Problems, display_path
from generator.project import Project
from generator.publish.linkcheck import check_links
from generator.render import urls
from generator.render.output import GeneratedPage, NavItem, NavLink, RenderedSite
from generator.render.site import render_site
from generator.sources import Loaded, load_project_once
from generator.vendor import iframe_worker_files

log = logging.getLogger("mkdocs.plugins.european-modules")


OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"
OFFLINE_SHIM_LICENSE = "assets/vendor/iframe-worker-LICENSE.txt"


def _offline_enabled(config: MkDocsConfig) -> bool:
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(offline and offline.config.enabled)


class EuropeanModulesPlugin(BasePlugin[PluginConfig]):
    def __init__(self) -> None:
        self.output: RenderedSite | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.project: Project | None = None
        self.offline = False
        # `toolkit build` checks links itself after the build, and asks for
        # incremental pages (plain `mkdocs build` and the preview render all)
        self.check_links_after_build = True
        self.incremental: IncrementalPages | None = None
        self.want_incremental = False

    @event_priority(100)  # before Material's offline plugin, which would add a CDN shim
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self._guard(config)
        _stemmed_search(config)
        self.offline = _offline_enabled(config)
        if self.offline:
            config.extra["polyfills"] = [OFFLINE_SHIM]
        self.project = self._project(config)  # before escaping: our templates escape themselves
        loaded = load_project_once(self.project)
        self._report(loaded)
        language = self.config.language or self.project.default_language
        self.output = render_site(
            loaded,
            language,
            directory_urls=config.use_directory_urls,
            progress=log.info,
        )
        overrides = str(self.project.templates_dir / "overrides")
        if overrides not in config.theme.dirs:
            # our Material overrides, after a publisher's own custom_dir (theirs win)
            custom = config.theme.custom_dir
            config.theme.dirs.insert(1 if custom and config.theme.dirs[0] == custom else 0, overrides)
        self.generated = {page.src_path: page for page in self.output.pages}
        if not config.nav:
            config.nav = navigation(self.output.nav, _publisher_pages(config))
        config.extra_css = [*self.output.stylesheets, *config.extra_css]
        config.extra["emt_search_page"] = "search/" if config.use_directory_urls else "search.html"
        if "assets/search.js" not in config.extra_javascript:
            config.extra_javascript.append("assets/search.js")  # the toolkit's own search (see search_index.py)
        catalogue = loaded.catalogues.get(language)
        if catalogue is not None:  # the footer in the page's language
            config.extra["emt_made_with"] = catalogue.gettext("Made with")
            if config.copyright:
                config.copyright = catalogue.messages.get(config.copyright, config.copyright)
        escape_for_theme(config)
        return config

    def _guard(self, config: MkDocsConfig) -> None:
        """The publisher's values, checked for plain `mkdocs build` too (the
        toolkit's CLI has checked them already, with the same function)."""
        path = Path(config.config_file_path)
        problems = Problems()
        tree = parse_yaml(path.read_text(encoding="utf-8-sig"), display_path(path), problems, any_tags=True)
        if tree is not None:
            check_config(config, self.config, tree, display_path(path), problems)
        for problem in problems.sorted():
            log.error(problem.format())
        if problems.errors:
            raise PluginError(f"{len(problems.errors)} configuration error(s); nothing was built")

    def _project(self, config: MkDocsConfig) -> Project:
        opts = self.config
        return Project.from_options(
            Path(config.config_file_path).parent,
            content_dir=opts.content_dir,
            data_dir=opts.data_dir,
            templates_dir=opts.templates_dir,
            messages_dir=opts.messages_dir,
            extra_content_dirs=opts.extra_content_dirs,
            extra_data_dirs=opts.extra_data_dirs,
            cache_dir=opts.cache_dir,
            accessibility=dict(opts.accessibility),
            publisher={k: v for k, v in dict(opts.publisher).items() if v},
            repo_url=config.repo_url or "",
            site_url=config.site_url or "",
            languages=tuple(opts.languages),
            default_language=opts.default_language,
            site_name=config.site_name,
            modules=tuple(opts.modules),
            focus_countries=tuple(opts.focus_countries),
        )

    def _report(self, loaded: Loaded) -> None:
        # Content warnings (a missing translation…) must not abort a strict
        # MkDocs build: `toolkit check` lists them, `--strict` fails on them.
        for problem in loaded.problems.sorted():
            (log.error if problem in loaded.problems.errors else log.info)(problem.format())
        if loaded.problems.errors:
            raise PluginError(
                f"{len(loaded.problems.errors)} error(s) in content or data; nothing was built. "
                "Run `toolkit check` to list them."
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.output is None:
            return None
        in_nav = _nav_sources(self.output.nav)
        if self.want_incremental and self.project is not None:
            self.incremental = IncrementalPages(self.project.cache_dir, self.output.language, config.use_directory_urls)
            self.incremental.start(config, _own_theme_dirs(config.theme.dirs))
        for page in self.output.pages:
            if self.incremental is not None and self.incremental.reuse(page, page.src_path in in_nav):
                continue  # its stored HTML is written in on_post_build
            # The source MkDocs reads is empty: the page's HTML arrives in
            # on_page_content and its metadata in on_page_markdown, so no
            # front matter can fail to parse and no text is read as Markdown.
            # Pages reached through listings are declared "not in nav", so
            # MkDocs does not report each of them.
            inclusion = InclusionLevel.UNDEFINED if page.src_path in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_path, content="", inclusion=inclusion))
        for generated in self.output.files:
            files.append(File.generated(config, generated.dest_path, content=generated.content))
        if self.offline and self.project is not None:
            vendored = iframe_worker_files()
            files.append(File.generated(config, OFFLINE_SHIM, content=vendored["shim.js"]))
            files.append(File.generated(config, OFFLINE_SHIM_LICENSE, content=vendored["LICENSE"]))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        # kept for the preview, which rebuilds single pages with them
        self.files, self.nav = files, nav
        return None

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        self.env = env
        return None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        generated = self.generated.get(page.file.src_uri) if self.config.enabled else None
        if generated is None:
            return None
        meta: dict[str, object] = {}
        if generated.title:
            meta["title"] = escaped(generated.title)
        if generated.description:
            meta["description"] = escaped(generated.description)
        if generated.hide:
            meta["hide"] = list(generated.hide)
        # Material's own index would ship every page's full text; the toolkit's
        # search (generator/render/search_index.py) replaces it
        meta["search"] = {"exclude": True}
        page.meta = meta
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        generated = self.generated.get(page.file.src_uri) if self.config.enabled else None
        if generated is None:
            return None
        page.toc = get_toc([
            {"level": h.level, "id": h.id, "name": escaped(h.text), "children": []} for h in generated.toc
        ])
        return generated.html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.incremental is not None:
            self.incremental.built(page.file.src_uri, output)
        return None

    @event_priority(-100)  # after Material's plugins have written their files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Broken internal links and anchors fail every build, plain `mkdocs
        build -q` included (MkDocs' own check can exit 0 on them)."""
        if not self.config.enabled:
            return
        if self.incremental is not None and self.output is not None:
            self.incremental.finish()
            built = [f.url for f in self.files.documentation_pages()] if getattr(self, "files", None) else []
            carried = [urls.page_url(src, config.use_directory_urls) for src in self.incremental.carried]
            write_sitemap(Path(config.site_dir), config.site_url or "", built + carried)
        if not self.check_links_after_build:
            return
        problems = check_links(Path(config.site_dir), outside_ok=True)
        for problem in problems.sorted():
            log.error(problem.format())
        if problems.errors:
            raise PluginError(f"{len(problems.errors)} broken link(s) or anchor(s) in the built site")

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        if self.config.enabled and self.project is not None:
            for folder in self.project.watched_dirs():
                server.watch(str(folder))
        return server


def _publisher_pages(config: MkDocsConfig) -> list[str]:
    """Markdown pages a publisher keeps in docs_dir for readers (not excluded by `exclude_docs`)."""
    excluded = config.exclude_docs
    return sorted(
        p.name for p in Path(config.docs_dir).glob("*.md")
        if not (excluded and excluded.match_file(p.name))
    )


def _nav_sources(items: list[NavItem]) -> set[str]:
    found: set[str] = set()
    for item in items:
        if isinstance(item, NavLink):
            found.add(item.src_path)
        else:
            found |= _nav_sources(list(item.children))
    return found


def _stemmed_search(config: MkDocsConfig) -> None:
    """Material indexes English without a stemmer ("languages" would not find
    "language"); unless the publisher chose a pipeline, English gets lunr's.
    Other languages keep Material's default: their lunr-languages plugin
    brings its own stemmer, which lunr's English one would replace."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    english = (config.theme.get("language") or "en") == "en"
    if english and search is not None and getattr(search.config, "pipeline", "unset") is None:
        search.config.pipeline = ["stemmer", "stopWordFilter", "trimmer"]


def _own_theme_dirs(dirs: list[str]) -> list[Path]:
    """Template folders whose files the page cache must hash: every folder but
    the installed Material's and MkDocs' own (their version covers those)."""
    import material
    import mkdocs

    installed = [Path(material.__file__).resolve().parent, Path(mkdocs.__file__).resolve().parent]
    return [Path(d) for d in dirs if not any(Path(d).resolve().is_relative_to(root) for root in installed)]
