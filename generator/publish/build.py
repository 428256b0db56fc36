"""`toolkit build`: one MkDocs build per language into a temporary folder
beside the target, a link check, then an atomic swap. A failed build leaves
the previous site untouched and no temporary folder behind."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException

from generator.mkdocs_plugin.config_file import load_mkdocs_config
from generator.problems import Location, Problems, ToolkitError
from generator.publish.csp import check_scripts
from generator.publish.linkcheck import check_links
from generator.publish.output_dir import output_dir_problem
from generator.publish.processes import in_processes
from generator.publish.up_to_date import inputs_digest, record_build, unchanged_since_last_build
from generator.render.renderer import TemplateFailure
from generator.resources import bundled_root
from generator.sources import load_project_once


class WarningCollector(logging.Handler):
    """Collects MkDocs' warnings so they become errors (MkDocs only logs them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class BuildReport:
    site_dir: Path
    languages: list[str]
    pages: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    cached_pages: int = 0  # pages written from the page cache (unchanged since the last build)
    up_to_date: bool = False  # nothing changed since the last build: nothing was written

    def summary(self) -> str:
        if self.up_to_date:
            return (f"site up to date: nothing changed since the last build of {self.pages} pages in "
                    f"{len(self.languages)} language(s) ({', '.join(self.languages)}) into {self.site_dir}; "
                    f"checked in {self.seconds:.1f} s (--force builds anyway)")
        unchanged = f", {self.cached_pages} of them unchanged" if self.cached_pages else ""
        return (
            f"built {self.pages} pages in {len(self.languages)} language(s) "
            f"({', '.join(self.languages)}) into {self.site_dir} in {self.seconds:.1f} s{unchanged}"
        )


def plugin_options(config_file: Path) -> dict:
    config = load_mkdocs_config(config_file)
    return config.plugins["european-modules"].config


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    progress: Callable[[str], None] = print,
    offline: bool = False,
    force: bool = False,
) -> BuildReport:
    started = time.perf_counter()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner is not a build problem
    base = load_mkdocs_config(config_file)
    plugin = base.plugins["european-modules"]
    project = plugin._project(base)
    target = Path(site_dir or base.site_dir).resolve()
    _refuse_unsafe_target(target, project, config_file, Path(base.docs_dir))
    _default_source_date(project)
    theme_folders = [Path(base.theme.custom_dir)] if base.theme.custom_dir else []
    inputs = inputs_digest(project, Path(config_file), [Path(base.docs_dir), *theme_folders], target,
                           {"offline": offline})
    if target.parent.is_dir():
        _remove_stale_staging(target, progress)  # what a killed build left, even when nothing is to do
    last = None if force else unchanged_since_last_build(project, inputs, target)
    if last is not None:
        return BuildReport(target, list(plugin.config.languages), pages=last.pages, up_to_date=True,
                           seconds=time.perf_counter() - started)
    loaded = load_project_once(project)  # phase one, before MkDocs: located errors, nothing built
    if loaded.problems.errors:
        raise ToolkitError(loaded.problems, f"{len(loaded.problems.errors)} error(s) in content or data")
    if offline and _offline_plugin(base) is None:
        raise ToolkitError.at(
            Location(str(config_file)),
            "--offline needs Material's offline plugin: add `- offline: {enabled: false}` under plugins "
            "(toolkit build --offline switches it on)",
            "offline build not configured",
        )
    options = plugin.config
    languages = list(options.languages)
    default = options.default_language
    report = BuildReport(target, languages)
    with _interrupts_as_errors():
        try:
            with _staging(target, progress) as staging:
                jobs = [LanguageJob(config_file, language, tuple(languages), default,
                                    staging / language if len(languages) > 1 else staging, offline)
                        for language in languages]
                progress(f"building {', '.join(languages)} …")
                problems = Problems()
                for result in run_jobs(jobs):
                    report.pages += result.pages
                    report.cached_pages += result.cached_pages
                    problems.extend(result.problems)
                if len(languages) > 1:
                    _write_language_redirect(staging, default, offline)
                    problems.extend(_same_pages_in_every_language(staging, languages))
                if problems.errors:
                    raise ToolkitError(problems, f"{len(problems.errors)} broken link(s) or script(s) "
                                       "the site must not have")
                _swap(staging, target)
            record_build(project, inputs, target, report.pages)
        except OSError as exc:  # disk full, read-only folder: a located message, not a traceback
            raise _os_error(exc, target) from exc
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class LanguageJob:
    config_file: Path
    language: str
    languages: tuple[str, ...]
    default: str
    output_dir: Path
    offline: bool


@dataclass
class LanguageResult:
    pages: int
    cached_pages: int
    problems: Problems


def build_language(job: LanguageJob) -> LanguageResult:
    """One language: MkDocs with incremental pages, then its link and script checks
    (from what each page holds, so unchanged pages are not read again)."""
    config = _language_config(job.config_file, job.language, list(job.languages), job.default, job.output_dir,
                              job.offline)
    plugin = config.plugins["european-modules"]
    plugin.want_incremental = True
    _run_mkdocs(config)
    known = plugin.incremental.links if plugin.incremental else {}
    problems = check_links(job.output_dir, outside_ok=len(job.languages) > 1, site_url=config.site_url or "",
                           known=known)
    problems.extend(check_scripts(job.output_dir, known))
    pages = sum(1 for p in job.output_dir.rglob("*.html") if p.name != "404.html")
    cached = len(plugin.incremental.carried) if plugin.incremental else 0
    return LanguageResult(pages, cached, problems)


def run_jobs(jobs: list[LanguageJob]) -> list[LanguageResult]:
    """The languages side by side, one process each, when there are several
    and more than one core (the sources, loaded already, are shared by fork)."""
    if len(jobs) == 1 or (os.cpu_count() or 1) == 1 or sys.platform == "win32":
        return [build_language(job) for job in jobs]
    from generator.charts.render import share_cores  # here: the up-to-date shortcut never needs vl-convert

    share_cores(len(jobs))  # inherited by the forked children
    try:
        return in_processes(build_language, jobs)
    finally:
        share_cores(1)


def _same_pages_in_every_language(staging: Path, languages: list[str]) -> Problems:
    """The language selector links each page to the same path in every other
    language: so every language must hold the same pages."""
    problems = Problems()
    sets = {lang: {p.relative_to(staging / lang).as_posix() for p in (staging / lang).rglob("*.html")}
            for lang in languages}
    every = set().union(*sets.values())
    for language, pages in sets.items():
        for missing in sorted(every - pages)[:50]:
            problems.error(Location(f"{language}/{missing}"),
                           f"this page exists in another language but not in {language}")
    return problems


def _refuse_unsafe_target(target: Path, project, config_file: Path, docs_dir: Path) -> None:  # type: ignore[no-untyped-def]
    sources = [*project.source_dirs(), docs_dir, Path(config_file).resolve(), project.cache_dir]
    problem = output_dir_problem(target, project.root, sources)
    if problem:
        raise ToolkitError.at(Location(str(target)), f"cannot build here: this folder {problem}",
                              "unsafe output folder")


def _os_error(exc: OSError, target: Path) -> ToolkitError:
    """A write into the output (or staging) folder is the output's problem; any
    other path is an input the build could not read."""
    path = Path(exc.filename) if exc.filename else None
    writing = path is None or path.resolve().is_relative_to(target.parent.resolve())
    if writing:
        return ToolkitError.at(Location(str(path or target)), f"cannot write the site: {exc.strerror or exc}",
                               "the output folder is not writable or full")
    return ToolkitError.at(Location(str(path)), f"cannot read: {exc.strerror or exc}",
                           "an input file could not be read")


class BuildInterrupted(BaseException):
    """SIGTERM or SIGHUP during a build: unwinds like Ctrl-C (past every
    `except Exception`), so the staging folder is removed and the previous site stays."""


@contextmanager
def _interrupts_as_errors() -> Iterator[None]:
    def interrupt(signum, frame):  # type: ignore[no-untyped-def]
        raise BuildInterrupted(f"stopped by signal {signal.Signals(signum).name}")

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    except BuildInterrupted as exc:
        raise ToolkitError.at(Location("toolkit build"), str(exc), "build interrupted") from exc
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _offline_plugin(config):  # type: ignore[no-untyped-def]
    return config.plugins.get("material/offline") or config.plugins.get("offline")


def _language_config(config_file, language, languages, default, output_dir, offline=False):  # type: ignore[no-untyped-def]
    overrides = {"site_dir": str(output_dir)}
    if offline:
        overrides["use_directory_urls"] = False  # file:// has no index.html lookup
    config = load_mkdocs_config(config_file, **overrides)
    offline_plugin = _offline_plugin(config)
    if offline_plugin is not None:
        offline_plugin.config.enabled = offline
    config.theme["language"] = language
    plugin = config.plugins["european-modules"]
    plugin.config.language = language
    plugin.check_links_after_build = False  # checked once, across languages, before the swap
    if len(languages) > 1:
        base_url = (config.site_url or "").rstrip("/")
        config.extra["alternate"] = [
            # `index.html`, not the folder: Material fetches `<link>/../sitemap.xml`
            # for each alternate and, when a clicked link starts with the
            # alternate's URL, redirects by its sitemap — which, without a
            # site_url, sends every reader to the home page. Our selector
            # (overrides/partials/alternate.html) links to the same page instead.
            {"name": _language_name(code), "link": f"{base_url or '..'}/{code}/index.html", "lang": code}
            for code in languages
        ]
        if config.site_url:
            config.site_url = f"{base_url}/{language}/"
    return config


def _language_name(code: str) -> str:
    from babel import Locale

    return Locale.parse(code).get_display_name(code).capitalize()


def _run_mkdocs(config) -> None:  # type: ignore[no-untyped-def]
    # MkDocs logs warnings but (with `-q`) may still exit 0 on broken links; we
    # count warnings ourselves and treat any as an error under strict.
    counter = WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise ToolkitError(_as_problems(counter.messages), f"MkDocs failed: {exc}") from exc
    except TemplateFailure as exc:
        raise ToolkitError(_as_problems([str(exc)]), "a template failed") from exc
    except OSError:
        raise  # disk full or read-only: reported by build_site with the path
    except Exception as exc:  # a chart that fails to render, a plugin bug: a message, not a traceback
        raise ToolkitError(
            _as_problems([f"{type(exc).__name__}: {exc}"]),
            "internal error while building (please report it with the message above)",
        ) from exc
    finally:
        logger.removeHandler(counter)
    if counter.messages and config.strict:
        raise ToolkitError(
            _as_problems(counter.messages), f"{len(counter.messages)} MkDocs warning(s) in strict mode"
        )


def _as_problems(messages: list[str]) -> Problems:
    problems = Problems()
    for message in messages:
        problems.error(Location("mkdocs"), message)
    return problems


def _write_language_redirect(staging: Path, default: str, offline: bool = False) -> None:
    default = f"{default}/index.html" if offline else f"{default}/"
    (staging / "index.html").write_text(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>European Modules Toolkit</title><meta http-equiv=\"refresh\" content=\"0; url={default}\">"
        f"<link rel=\"canonical\" href=\"{default}\"></head>"
        f"<body><p><a href=\"{default}\">Continue to the toolkit</a></p></body></html>\n",
        encoding="utf-8",
    )


def _default_source_date(project) -> None:  # type: ignore[no-untyped-def]
    """Reproducible builds: dates in the output (the sitemap's lastmod) come
    from SOURCE_DATE_EPOCH; when unset, from the last commit, or outside a git
    checkout from the newest source file — never the clock."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    stamp = ""
    try:
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project.root, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    if not stamp.isdigit():
        # the project's own files only: the installed toolkit's files carry the
        # time they were installed, which differs from machine to machine
        newest = 0.0
        installed = bundled_root()
        own = [d for d in project.source_dirs() if not d.resolve().is_relative_to(installed)]
        for folder in [project.root / "mkdocs.yml", *own]:
            paths = [folder] if folder.is_file() else (folder.rglob("*") if folder.is_dir() else [])
            for path in paths:
                if path.is_file():
                    newest = max(newest, path.stat().st_mtime)
        stamp = str(int(newest)) if newest else ""
    if stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp


@contextmanager
def _staging(target: Path, progress: Callable[[str], None] = print) -> Iterator[Path]:
    """A temporary folder beside the target (same file system, so the final
    rename is atomic); removed on any failure, including KeyboardInterrupt."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(target, progress)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-{os.getpid()}-", dir=target.parent))
    try:
        yield staging
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _remove_stale_staging(target: Path, progress: Callable[[str], None] = print) -> None:
    """A killed build (SIGKILL, power cut) cannot clean up after itself: the
    next build removes staging folders whose process is gone, and says so
    when one cannot be removed."""
    for folder in target.parent.glob(f".{target.name}-build-*"):
        pid = folder.name.split("-build-", 1)[1].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            _remove(folder, progress)
    for folder in target.parent.glob(f".{target.name}-old-*"):
        if target.exists():  # a swap was interrupted after the new site was in place
            _remove(folder, progress)
        else:  # interrupted between the two renames: put the previous site back
            os.rename(folder, target)


def _remove(folder: Path, progress: Callable[[str], None]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        progress(f"warning: could not remove the leftover folder {folder}; remove it by hand")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap(staging: Path, target: Path) -> None:
    staging.chmod(0o755)
    if not target.exists():
        os.rename(staging, target)
        return
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old, target)  # put the previous site back
        raise
    _remove(old, print)
