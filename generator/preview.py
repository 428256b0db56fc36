"""`toolkit serve`: a live preview that rebuilds only what an edit changed.

`mkdocs serve` rebuilds the whole site after every save (about 49 s at 1,000
practices) and `--dirtyreload` leaves the navigation and every listing page
stale. This preview keeps everything in memory between edits — the validated
project, the rendered Markdown of every page and MkDocs' own files,
navigation, theme environment and search index — and after a save:

1. finds the changed files (a stat snapshot of the watched folders);
2. an edit to existing practice files (or their translations) is handled
   incrementally: the files are re-read and validated, their cross-references
   checked, then every page that can depend on a practice is re-rendered
   from the updated model — the practice's own page, every listing page
   (home, modules, explorer, by country, target groups…), the country
   overview and the profiles of the practice's old and new countries; other
   practice pages, indicator pages and every chart are reused as they are;
3. only the pages whose Markdown actually changed go through MkDocs' page
   pipeline (Markdown → HTML → Material template, with the unchanged
   navigation object), their search entries are replaced and the search
   index rewritten;
4. anything else — a page added or removed, a module, indicator, data,
   template or configuration change, or a changed list of countries — gets a
   full rebuild, exactly like `mkdocs serve`.

The navigation holds no practice and no country, and an incremental edit
never adds or removes a page, so the navigation object stays correct; a
change that could alter it falls back to the full build. Errors in an edited
file are printed as located messages and the last good pages stay served.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page as MkDocsPage

from generator.charts import RENDER_STATS
from generator.content.crossref import check_references
from generator.content.load import load_entry
from generator.content.types import CONTENT_TYPES
from generator.i18n.status import warn_untranslated
from generator.problems import Problem, Problems, display_path
from generator.render import urls
from generator.render.renderer import Page
from generator.sources import Loaded, load_project

log = logging.getLogger("mkdocs.plugins.european-modules.preview")

PRACTICE = next(t for t in CONTENT_TYPES if t.name == "practice")


@dataclass
class RebuildReport:
    kind: str  # "full", "incremental", "none" or "failed"
    seconds: float
    changed_files: list[str] = field(default_factory=list)
    pages_rendered: int = 0  # Markdown pages re-rendered by our templates
    pages_built: int = 0  # pages that went through MkDocs (their Markdown changed)
    charts_rendered: int = 0  # SVGs drawn by vl-convert (0 unless a chart changed)
    charts_reused: int = 0  # SVGs read from the cache

    def line(self) -> str:
        return (
            f"preview: {self.kind} rebuild in {self.seconds:.2f} s; "
            f"{len(self.changed_files)} file(s) changed, {self.pages_rendered} page(s) rendered, "
            f"{self.pages_built} built by MkDocs, charts re-rendered: {self.charts_rendered} "
            f"(from cache: {self.charts_reused})"
        )


class Preview:
    """One language of the site, built into `site_dir` and kept up to date."""

    def __init__(self, config_file: Path, site_dir: Path, dev_addr: str | None = None,
                 language: str | None = None):
        self.config_file = Path(config_file).resolve()
        self.site_dir = Path(site_dir)
        self.dev_addr = dev_addr
        self.language = language
        self.serve_url: str | None = None
        self.reports: list[RebuildReport] = []

    # -- configuration -----------------------------------------------------

    def _load_config(self):  # type: ignore[no-untyped-def]
        overrides = {"site_dir": str(self.site_dir)}
        if self.dev_addr:
            overrides["dev_addr"] = self.dev_addr
        config = load_config(str(self.config_file), **overrides)
        plugin = config.plugins["european-modules"]
        if self.language:
            plugin.config.language = self.language
            config.theme["language"] = self.language
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    # -- full build (MkDocs' own build, keeping its state) -------------------

    def full_build(self) -> RebuildReport:
        started = time.perf_counter()
        before = dict(RENDER_STATS)
        config = self._load_config()
        config.plugins.on_startup(command="serve", dirty=False)
        self.config = config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        mkdocs_build.utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            if file.page is None:
                MkDocsPage(None, file, config)
            mkdocs_build._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=InclusionLevel.is_in_serve)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in doc_files:
            mkdocs_build._build_page(file.page, config, doc_files, nav, env)
        config.plugins.on_post_build(config=config)
        self.files, self.nav, self.env, self.doc_files = files, nav, env, doc_files
        plugin = config.plugins["european-modules"]
        self.plugin = plugin
        self.language_code = plugin.config.language or plugin.project.default_language
        self.pages: dict[str, Page] = {p.src_path: p for p in plugin.output.pages}
        # The plugin does not keep the validated project: load it once more
        # (data files come from the loader's per-process cache).
        self.loaded: Loaded = load_project(plugin.project)
        self.snapshot = self._snapshot()
        report = RebuildReport("full", time.perf_counter() - started)
        report.pages_rendered = report.pages_built = len(self.pages)
        report.charts_rendered = RENDER_STATS["rendered"] - before["rendered"]
        report.charts_reused = RENDER_STATS["cached"] - before["cached"]
        return report

    # -- change detection ----------------------------------------------------

    def _watched(self) -> list[Path]:
        project = self.plugin.project
        dirs = [*project.watched_dirs(), Path(self.config.docs_dir)]
        return [d for d in dirs if d.exists()]

    def _snapshot(self) -> dict[str, tuple[int, int]]:
        snap: dict[str, tuple[int, int]] = {}
        for folder in self._watched():
            for dirpath, _dirs, names in os.walk(folder):
                for name in names:
                    path = os.path.join(dirpath, name)
                    try:
                        st = os.stat(path)
                    except OSError:
                        continue
                    snap[path] = (st.st_mtime_ns, st.st_size)
        try:
            st = os.stat(self.config_file)
            snap[str(self.config_file)] = (st.st_mtime_ns, st.st_size)
        except OSError:
            pass
        return snap

    def _practice_file(self, path: Path) -> tuple[str | None, bool] | None:
        """(language or None for the source text, True) when `path` is a
        practice file of a content folder; None otherwise."""
        project = self.plugin.project
        for content_dir in (project.content_dir, *project.extra_content_dirs):
            try:
                rel = path.relative_to(content_dir)
            except ValueError:
                continue
            parts = rel.parts
            if len(parts) == 2 and parts[0] == PRACTICE.folder and path.suffix in (".yml", ".yaml"):
                return None, True
            if (len(parts) == 4 and parts[0] == "translations" and parts[2] == PRACTICE.folder
                    and path.suffix in (".yml", ".yaml")):
                return parts[1], True
        return None

    # -- rebuild -------------------------------------------------------------

    def rebuild(self) -> RebuildReport:
        started = time.perf_counter()
        current = self._snapshot()
        changed = sorted(p for p in current.keys() | self.snapshot.keys()
                         if current.get(p) != self.snapshot.get(p))
        if not changed:
            return self._record(RebuildReport("none", time.perf_counter() - started))
        added_or_removed = any((p in current) != (p in self.snapshot) for p in changed)
        practice_files = [self._practice_file(Path(p)) for p in changed]
        if added_or_removed or any(kind is None for kind in practice_files):
            report = self.full_build()
        else:
            self.snapshot = current
            report = self._incremental([Path(p) for p in changed], practice_files)
        report.changed_files = changed
        report.seconds = time.perf_counter() - started
        return self._record(report)

    def _record(self, report: RebuildReport) -> RebuildReport:
        self.reports.append(report)
        if report.kind != "none":
            log.info(report.line())
        return report

    def _incremental(self, paths: list[Path], kinds: list) -> RebuildReport:  # type: ignore[type-arg]
        before = dict(RENDER_STATS)
        loaded = self.loaded
        project = loaded.project
        problems = Problems()
        updates = []
        for path, (language, _) in zip(paths, kinds, strict=True):
            entry = load_entry(path, PRACTICE, problems, project.root, translation=language is not None)
            if entry is None or not entry.valid:
                continue
            updates.append((language, entry))
        shown = {display_path(p, project.root) for p in paths}
        previous = {}
        for language, entry in updates:
            bucket = (loaded.content.entries["practice"] if language is None
                      else loaded.content.translations.setdefault(language, {}).setdefault("practice", {}))
            previous[(language, entry.key)] = bucket.get(entry.key)
            bucket[entry.key] = entry
        checks = Problems()
        check_references(loaded.content, checks)
        warn_untranslated(loaded.content, project, checks)
        problems.extend([p for p in checks.items if p.location.path in shown])
        loaded.problems = _replace_problems(loaded.problems, shown, problems.items)
        if problems.errors:
            for language, entry in updates:  # keep the last good version
                bucket = (loaded.content.entries["practice"] if language is None
                          else loaded.content.translations[language]["practice"])
                if previous[(language, entry.key)] is not None:
                    bucket[entry.key] = previous[(language, entry.key)]
            for problem in problems.sorted():
                log.error(problem.format())
            log.error("preview: not updated; fix the error(s) above and save again")
            return RebuildReport("failed", 0.0)

        ids = {entry.key for _, entry in updates}
        wanted_practices = {urls.PRACTICE.format(id=i) for i in ids}
        countries: set[str] = set()  # the practices' countries, before and after the edit
        for (language, _key), entry in previous.items():
            if language is None and entry is not None and entry.data:
                countries |= set(_as_list(entry.data.get("country")))
        for key in ids:
            source = loaded.content.entries["practice"].get(key)
            if source is not None:
                countries |= set(_as_list(source.data.get("country")))
        wanted_indicator_pages = {urls.COUNTRIES} | {urls.COUNTRY.format(code=c.lower()) for c in countries}
        output = _render_selected(loaded, self.language_code, self.config.use_directory_urls,
                                  self.pages, wanted_practices, wanted_indicator_pages)
        rendered = {p.src_path: p for p in output.pages}
        fresh = [p for p in output.pages if p.src_path in self.pages]
        if len(fresh) != len(rendered) or any(
            urls.COUNTRY.format(code=c.lower()) not in rendered for c in countries
        ) or rendered.get(urls.COUNTRIES, self.pages[urls.COUNTRIES]).content != self.pages[urls.COUNTRIES].content:
            # A page appeared or vanished, or the list of countries changed.
            log.info("preview: the set of pages changed; full rebuild")
            return self.full_build()
        changed_pages = [p for p in fresh if self.pages[p.src_path].content != p.content]
        report = RebuildReport("incremental", 0.0)
        report.pages_rendered = sum(1 for p in output.pages if p is not self.pages[p.src_path])
        self._write_assets(output.assets)
        self._build_pages(changed_pages)
        self.pages.update(rendered)
        report.pages_built = len(changed_pages)
        report.charts_rendered = RENDER_STATS["rendered"] - before["rendered"]
        report.charts_reused = RENDER_STATS["cached"] - before["cached"]
        return report

    def _write_assets(self, assets) -> None:  # type: ignore[no-untyped-def]
        for asset in assets:
            target = self.site_dir / asset.dest_path
            try:
                if target.read_bytes() == asset.content:
                    continue
            except OSError:
                pass
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(asset.content)

    def _build_pages(self, pages: list[Page]) -> None:
        """MkDocs' page pipeline for just these pages, with the kept navigation."""
        config, files = self.config, self.files
        search = config.plugins.get("material/search") or config.plugins.get("search")
        built = []
        for page in pages:
            file = files.get_file_from_path(page.src_path)
            if file is None or file.page is None:
                raise RuntimeError(f"preview lost track of {page.src_path}")
            file.content_string = page.content
            mkdocs_build._populate_page(file.page, config, files)
            built.append(file.page)
        if search is not None and getattr(search, "search_index", None) is not None:
            locations = {p.url for p in built}
            search.search_index.entries = [
                e for e in search.search_index.entries if e["location"].split("#")[0] not in locations
            ]
        for mk_page in built:
            mkdocs_build._build_page(mk_page, config, self.doc_files, self.nav, self.env)
            mk_page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        if search is not None and getattr(search, "search_index", None) is not None:
            search.on_post_build(config=config)

    # -- serving -------------------------------------------------------------

    def serve(self, host: str, port: int) -> None:
        self.serve_url = _serve_url(host, port, "/")
        self.reports.append(self._timed_full_build())
        log.info(self.reports[-1].line())
        server = LiveReloadServer(builder=self._safe_rebuild, host=host, port=port,
                                  root=str(self.site_dir), mount_path="/")

        def error_page(code: int) -> bytes | None:
            page = self.site_dir / f"{code}.html"
            return page.read_bytes() if code in (404, 500) and page.is_file() else None

        server.error_handler = error_page
        for folder in self._watched():
            server.watch(str(folder))
        server.watch(str(self.config_file))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
            self.config.plugins.on_shutdown()

    def _timed_full_build(self) -> RebuildReport:
        started = time.perf_counter()
        report = self.full_build()
        report.seconds = time.perf_counter() - started
        return report

    def _safe_rebuild(self) -> None:
        try:
            self.rebuild()
        except Exception as exc:  # keep serving the last good site
            log.error(f"preview: rebuild failed: {exc}")
            self.snapshot = self._snapshot()


def _as_list(value) -> list[str]:  # type: ignore[no-untyped-def]
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _replace_problems(old: Problems, paths: set[str], new: list[Problem]) -> Problems:
    kept = Problems()
    kept.extend([p for p in old.items if p.location.path not in paths])
    kept.extend(new)
    return kept


@contextmanager
def _selective_rendering(
    previous: dict[str, Page], practices: set[str], indicator_pages: set[str]
) -> Iterator[None]:
    """While active, `render_site` re-renders every page except practice pages
    outside `practices` (their previous Markdown is reused) and indicator-
    section pages outside `indicator_pages` (skipped with their charts).

    `render_site` stays the only description of what a site contains, so an
    incremental render cannot drift from a full one.
    """
    import generator.render.site as site

    original_renderer, original_indicators = site.Renderer, site.render_indicator_pages

    class SelectiveRenderer(original_renderer):  # type: ignore[misc, valid-type]
        def page(self, template: str, src_path: str, **context):  # type: ignore[no-untyped-def]
            if template == "practice.md.j2" and src_path not in practices and src_path in previous:
                return previous[src_path]
            return super().page(template, src_path, **context)

    def selected_indicator_pages(renderer, cache_dir):  # type: ignore[no-untyped-def]
        return original_indicators(renderer, cache_dir, wanted=indicator_pages.__contains__)

    site.Renderer, site.render_indicator_pages = SelectiveRenderer, selected_indicator_pages
    try:
        yield
    finally:
        site.Renderer, site.render_indicator_pages = original_renderer, original_indicators


def _render_selected(loaded: Loaded, language: str, directory_urls: bool, previous: dict[str, Page],
                     practices: set[str], indicator_pages: set[str]):  # type: ignore[no-untyped-def]
    from generator.render.site import render_site

    with _selective_rendering(previous, practices, indicator_pages):
        return render_site(loaded, language, directory_urls=directory_urls)


def serve(config_file: Path, dev_addr: str = "127.0.0.1:8000", language: str | None = None) -> None:
    host, _, port = dev_addr.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="toolkit-preview-"))
    try:
        preview = Preview(config_file, site_dir, dev_addr=dev_addr, language=language)
        preview.serve(host or "127.0.0.1", int(port))
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
