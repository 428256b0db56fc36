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
from mkdocs.structure.files import File, Files

from generator.mkdocs_plugin.nav import navigation
from generator.mkdocs_plugin.options import PluginConfig
from generator.project import Project
from generator.publish.linkcheck import check_links
from generator.render.site import SiteOutput, render_site
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
        self.output: SiteOutput | None = None
        self.project: Project | None = None
        self.offline = False
        # `toolkit build` checks links once over all languages after the build
        self.check_links_after_build = True

    @event_priority(100)  # before Material's offline plugin, which would add a CDN shim
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.offline = _offline_enabled(config)
        if self.offline:
            config.extra["polyfills"] = [OFFLINE_SHIM]
        self.project = self._project(config)
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
            config.theme.dirs.insert(0, overrides)  # our Material overrides (main.html…)
        if not config.nav:
            docs = sorted(p.name for p in Path(config.docs_dir).glob("*.md"))
            config.nav = navigation(self.output, docs)
        config.extra_css = [*self.output.stylesheets, *config.extra_css]
        return config

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
        for page in self.output.pages:
            files.append(File.generated(config, page.src_path, content=page.content))
        for asset in self.output.assets:
            files.append(File.generated(config, asset.dest_path, content=asset.content))
        if self.offline and self.project is not None:
            vendored = iframe_worker_files()
            files.append(File.generated(config, OFFLINE_SHIM, content=vendored["shim.js"]))
            files.append(File.generated(config, OFFLINE_SHIM_LICENSE, content=vendored["LICENSE"]))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Broken internal links and anchors fail every build, plain `mkdocs
        build -q` included (MkDocs' own check can exit 0 on them)."""
        if not self.config.enabled or not self.check_links_after_build:
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
