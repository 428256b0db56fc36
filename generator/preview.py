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
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from generator.charts import RENDER_STATS
from generator.content.crossref import check_references
from generator.content.load import load_entry
from generator.content.types import CONTENT_TYPES
from generator.i18n.status import warn_untranslated
from generator.mkdocs_plugin.internals import rebuild_pages
from generator.problems import Problem, Problems, display_path
from generator.render import urls
from generator.render.output import GeneratedFile, GeneratedPage
from generator.render.site import Partial, render_site
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
        """MkDocs' own (public) build; the plugin keeps the state an edit needs."""
        started = time.perf_counter()
        before = dict(RENDER_STATS)
        config = self._load_config()
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build.build(config, serve_url=self.serve_url or "http://127.0.0.1/")
        self.config = config
        plugin = config.plugins["european-modules"]
        self.plugin = plugin
        self.language_code = plugin.config.language or plugin.project.default_language
        self.pages: dict[str, GeneratedPage] = {p.src_path: p for p in plugin.output.pages}
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
        output = render_site(loaded, self.language_code, self.config.use_directory_urls,
                             partial=Partial(_edited_pages(wanted_practices, wanted_indicator_pages), self.pages))
        rendered = {p.src_path: p for p in output.pages}
        fresh = [p for p in output.pages if p.src_path in self.pages]
        if rendered.keys() != self.pages.keys() or any(
            urls.COUNTRY.format(code=c.lower()) not in rendered for c in countries
        ) or rendered[urls.COUNTRIES] != self.pages[urls.COUNTRIES]:
            # A page appeared or vanished, or the list of countries changed.
            log.info("preview: the set of pages changed; full rebuild")
            return self.full_build()
        changed_pages = [p for p in fresh if self.pages[p.src_path] != p]
        report = RebuildReport("incremental", 0.0)
        report.pages_rendered = sum(1 for p in output.pages if p is not self.pages[p.src_path])
        self._write_files(output.files)
        self.plugin.generated.update({p.src_path: p for p in changed_pages})
        rebuild_pages(self.plugin.files, {p.src_path: "" for p in changed_pages},
                      self.config, self.plugin.nav, self.plugin.env)
        self.pages.update(rendered)
        report.pages_built = len(changed_pages)
        report.charts_rendered = RENDER_STATS["rendered"] - before["rendered"]
        report.charts_reused = RENDER_STATS["cached"] - before["cached"]
        return report

    def _write_files(self, files: list[GeneratedFile]) -> None:
        for generated in files:
            target = self.site_dir / generated.dest_path
            try:
                if target.read_bytes() == generated.content:
                    continue
            except OSError:
                pass
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(generated.content)

    # -- serving -------------------------------------------------------------

    def serve(self, host: str, port: int) -> None:
        self.serve_url = f"http://{host}:{port}/"
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


def _edited_pages(practices: set[str], indicator_pages: set[str]):  # type: ignore[no-untyped-def]
    """The pages an edit of these practices can change: the practices' own pages,
    the indicator-section pages named, and every other (listing) page; other
    practice pages, indicator pages and their charts are kept as they are."""

    def only(src_path: str) -> bool:
        if src_path.startswith("practices/") and src_path not in (urls.EXPLORER, urls.BY_COUNTRY):
            return src_path in practices
        if src_path.startswith(("indicators/", "countries/")):
            return src_path in indicator_pages
        return True

    return only


def serve(config_file: Path, dev_addr: str = "127.0.0.1:8000", language: str | None = None) -> None:
    host, _, port = dev_addr.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="toolkit-preview-"))
    try:
        preview = Preview(config_file, site_dir, dev_addr=dev_addr, language=language)
        preview.serve(host or "127.0.0.1", int(port))
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
