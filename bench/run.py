"""`toolkit build`, `toolkit serve` and search weight against bare MkDocs, at
1,000 and 10,000 practices (issue 18's targets).

Run: make bench  (= .venv/bin/python bench/run.py --sizes 1000,10000; the 10,000 row takes most of an hour)
     .venv/bin/python bench/run.py --sizes 50,200 --results /tmp/r --report /tmp/B.md   (a quick check)

For each size, a synthetic project (bench/synth.py) is written to a temporary
folder and `toolkit check` must pass on it. Then, every build in a fresh
process (`toolkit build`'s own CLI entry, in a worker that times its phases):

1. first build, every cache empty (charts drawn, Markdown rendered);
2. cold: the page cache deleted (`.cache/pages-*.sqlite`), chart and Markdown caches warm,
   `--force` (past the up-to-date shortcut);
3. nothing changed since the previous build (the up-to-date shortcut);
4. nothing changed, `--force`: every page through the page cache;
5. after one practice edit (its English title);
6. bare MkDocs: `toolkit export DIR --language L` per language, then plain
   `mkdocs build` of each export (no plugin), one after the other (summed) and
   both at once (wall time: `toolkit build` uses both cores too);
7. `toolkit serve`: edit → served (the practice page polled until it holds the
   new title), median of timed edits after a warm-up edit; plain `mkdocs
   serve` the same way where affordable (not above --mkdocs-serve-max);
8. first search transfer per language: gzip -9 of `search/index.js` plus
   `assets/search.js` (what assets/search.js loads on the first search), and
   the site's size.

Phase timing. `toolkit build` forks one process per language
(generator/publish/processes.py). The worker wraps the phase functions by
name before the fork, so each child inherits the wrappers, times its own
phases and hands them back on its LanguageResult (pickled through the pipe
like the rest of it). Phases are reported as work summed over the languages
(what the build costs) beside the wall time of the parallel section (what it
takes): load + validate (parent; plus each child's check that the sources are
unchanged), generation (the plugin's `render_site`), MkDocs' share
(`_run_mkdocs` minus the two before: MkDocs, Material and our hooks,
including the page cache), link check + swap (each child's link and script
check; then the parent's cross-language check, redirect and swap, which also
removes the previous site).

Memory. The worker and its children run in their own session: a sampler reads
/proc every 0.5 s and sums Rss and Pss (proportional: pages shared
copy-on-write after the fork counted once) over every process of it; wait4
gives the largest single process's peak RSS. Peaks shorter than 0.5 s can be
missed; the sampler's own cost per sample is recorded.

Each size's figures go to <results>/<n>.json; the report (BENCHMARKS.md) is
rebuilt from every result file there, so a run of one size keeps the others.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
SCHEMA = 3  # result files of other layouts are left out of the report
EDITED = 42  # the practice every edit changes
PRACTICE_ID = "synthetic-practice-{:05d}"
TITLES = (b"Synthetic practice ", b"Synthetische praktijk ")  # bench/synth.py's titles in en and nl

# -- worker: one `toolkit build` in this process, phases timed --------------------------

TIMES: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
LANGUAGES: list[dict[str, Any]] = []


def _wrap(owner: Any, name: str, key: str) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            TIMES[key] += time.perf_counter() - start
            CALLS[key] += 1

    setattr(owner, name, timed)


def worker_build(config: str, out: str, *flags: str) -> None:
    import mkdocs.commands.build as mk
    from mkdocs.structure.files import Files

    import generator.mkdocs_plugin.incremental as incremental
    import generator.mkdocs_plugin.plugin as plugin
    import generator.publish.build as build
    import generator.render.markdown_store as markdown_store
    import generator.render.site as site
    import generator.render.text as text
    from generator.cli import main

    # parent: before and after the languages
    _wrap(build, "load_project_once", "load")
    _wrap(build, "load_mkdocs_config", "config")
    _wrap(build, "_default_source_date", "source_date")
    _wrap(build, "_same_pages_in_every_language", "post_same_pages")
    _wrap(build, "_write_language_redirect", "post_redirect")
    _wrap(build, "_swap", "post_swap")
    # each language (in its child)
    _wrap(build, "_run_mkdocs", "mkdocs_total")
    _wrap(build, "check_links", "linkcheck")
    _wrap(build, "check_scripts", "scriptcheck")
    _wrap(plugin, "load_project_once", "load_recheck")
    _wrap(plugin, "render_site", "generate")
    for name in ("model_for", "_content_pages", "figure_rows", "_reader_pages", "download_files",
                 "render_indicator_pages", "search_documents", "explorer_data_script", "search_index_script",
                 "_static_files"):
        _wrap(site, name, f"gen.{name.strip('_')}")
    _wrap(markdown_store.MarkdownStore, "render", "gen.markdown (cache lookups included)")
    _wrap(text, "render_markdown", "gen.markdown rendered (cache misses)")
    _wrap(mk, "_populate_page", "mk.populate_page (Markdown)")
    _wrap(mk, "_build_page", "mk.build_page (theme)")
    _wrap(Files, "copy_static_files", "mk.copy_static_files")
    _wrap(incremental.IncrementalPages, "start", "mk.page_cache_signature")
    _wrap(incremental.IncrementalPages, "reuse", "mk.page_cache_lookup_and_write")
    _wrap(incremental.IncrementalPages, "built", "mk.page_cache_store")
    _wrap(incremental.IncrementalPages, "finish", "mk.page_cache_prune")
    _wrap(plugin, "write_sitemap", "mk.sitemap")

    run_language = build.build_language

    def language(job: Any) -> Any:
        # in a forked child the parent's figures are a copy; in-process (one core) they are kept
        saved = dict(TIMES), dict(CALLS)
        TIMES.clear()
        CALLS.clear()
        start = time.perf_counter()
        result = run_language(job)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result.bench = {"language": job.language, "total": time.perf_counter() - start, "times": dict(TIMES),
                        "calls": dict(CALLS), "cpu_s": usage.ru_utime + usage.ru_stime,
                        "maxrss_mb": usage.ru_maxrss / 1024, "pages": result.pages,
                        "cached_pages": result.cached_pages}
        TIMES.clear()
        CALLS.clear()
        TIMES.update(saved[0])
        CALLS.update(saved[1])
        return result

    build.build_language = language
    run_all = build.run_jobs

    def jobs(all_jobs: list[Any]) -> list[Any]:
        start = time.perf_counter()
        results = run_all(all_jobs)
        TIMES["languages_wall"] += time.perf_counter() - start
        LANGUAGES.extend(r.bench for r in results)
        return results

    build.run_jobs = jobs
    start = time.perf_counter()
    code = 0
    try:
        main(["build", "-f", config, *flags], standalone_mode=False)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    usage = resource.getrusage(resource.RUSAGE_SELF)
    Path(out).write_text(json.dumps({
        "in_process_s": time.perf_counter() - start, "exit": code, "parent": dict(TIMES),
        "parent_cpu_s": usage.ru_utime + usage.ru_stime, "languages": LANGUAGES,
    }), encoding="utf-8")


# -- processes, memory ------------------------------------------------------------------


def _env() -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


class MemorySampler(threading.Thread):
    """Sums Rss and Pss over every process of the given sessions. It costs CPU
    beside the build (smaps_rollup walks page tables), so it samples every
    0.5 s, looks at each new pid once, and reports its own cost."""

    def __init__(self, sessions: set[int], interval: float = 0.5):
        super().__init__(daemon=True)
        self.sessions, self.interval = sessions, interval
        self.rss_peak = self.pss_peak = 0
        self.processes_peak = 0
        self.others: set[str] = set()  # pids seen outside the sessions
        self.samples, self.sampling_s = 0, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            self.done.wait(self.interval)

    def sample(self) -> None:
        start = time.perf_counter()
        rss = pss = count = 0
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or pid in self.others:
                continue
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[3]) not in self.sessions:
                    self.others.add(pid)
                    continue
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except (OSError, ValueError, IndexError):
                continue  # ended meanwhile
            count += 1
            rss += int(re.search(r"^Rss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
            pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
        self.rss_peak, self.pss_peak = max(self.rss_peak, rss), max(self.pss_peak, pss)
        self.processes_peak = max(self.processes_peak, count)
        self.samples += 1
        self.sampling_s += time.perf_counter() - start

    def stop(self) -> dict[str, float]:
        self.done.set()
        self.join()
        return {"tree_rss_peak_mb": self.rss_peak / 1024, "tree_pss_peak_mb": self.pss_peak / 1024,
                "processes_peak": self.processes_peak, "sample_ms": 1000 * self.sampling_s / max(1, self.samples)}


def run_measured(commands: list[list[str]], cwd: Path, logs: list[tuple[Path, Path]]) -> dict[str, Any]:
    """Start the commands at once (each in its own session); wall time until the
    last ends, each one's wall time and rusage (wait4: the process and the
    descendants it waited for), and the memory of all their processes together."""
    start = time.perf_counter()
    procs = []
    for command, (out, err) in zip(commands, logs, strict=True):
        with out.open("w") as stdout, err.open("w") as stderr:
            procs.append(subprocess.Popen(command, cwd=cwd, env=_env(), stdout=stdout, stderr=stderr,
                                          start_new_session=True))
    sampler = MemorySampler({p.pid for p in procs})
    sampler.start()
    each: dict[int, dict[str, Any]] = {}
    while len(each) < len(procs):
        pid, status, usage = os.wait4(-1, 0)  # the bench has no other children meanwhile
        each[pid] = {"wall_s": time.perf_counter() - start, "exit": os.waitstatus_to_exitcode(status),
                     "maxrss_mb": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime}
    wall = time.perf_counter() - start
    for proc in procs:
        proc.returncode = each[proc.pid]["exit"]
    return {"wall_s": wall, "runs": [each[p.pid] for p in procs], **sampler.stop()}


def _check_exit(measured: dict[str, Any], what: str, logs: Iterable[Path]) -> None:
    if any(run["exit"] != 0 for run in measured["runs"]):
        for log in logs:
            sys.stderr.write(log.read_text(encoding="utf-8", errors="replace")[-4000:])
        raise SystemExit(f"{what} failed")


# -- one size ---------------------------------------------------------------------------


class Size:
    def __init__(self, n: int, work: Path, args: argparse.Namespace):
        self.n, self.args = n, args
        self.work = work / f"p{n}"
        self.logs = work / f"logs-{n}"
        self.project = self.work / "project"
        self.config = self.project / "mkdocs.yml"
        self.builds = 0

    def log(self, message: str) -> None:
        print(f"[{self.n:,}] {message}", flush=True)

    # builds

    def toolkit_build(self, kind: str, *flags: str) -> dict[str, Any]:
        self.builds += 1
        base = self.logs / f"build-{self.builds:02d}-{kind}"
        out, err, timings = base.with_suffix(".out"), base.with_suffix(".err"), base.with_suffix(".json")
        charts = self.project / ".cache" / "charts"
        svgs = len(list(charts.glob("*.svg")))
        command = [sys.executable, __file__, "_worker", "build", str(self.config), str(timings), *flags]
        measured = run_measured([command], self.project, [(out, err)])
        inner = json.loads(timings.read_text(encoding="utf-8")) if timings.exists() else {"exit": 1}
        if measured["runs"][0]["exit"] or inner["exit"]:
            sys.stderr.write(err.read_text(encoding="utf-8", errors="replace")[-4000:])
            raise SystemExit(f"toolkit build ({kind}) failed: see {err}")
        summary = out.read_text(encoding="utf-8").strip().splitlines()[-1]
        stderr = err.read_text(encoding="utf-8", errors="replace").splitlines()
        run = {"kind": kind, "wall_s": measured["wall_s"], "summary": summary,
               "maxrss_mb": measured["runs"][0]["maxrss_mb"], "cpu_s": measured["runs"][0]["cpu_s"],
               "tree_rss_peak_mb": measured["tree_rss_peak_mb"], "tree_pss_peak_mb": measured["tree_pss_peak_mb"],
               "processes_peak": measured["processes_peak"], "sample_ms": measured["sample_ms"],
               "charts_drawn": len(list(charts.glob("*.svg"))) - svgs,
               "log_lines": [line for line in stderr if line.strip() and not line.startswith("building ")],
               **inner}
        run["phases"] = phases(run)
        pages = sum(lang["pages"] for lang in run["languages"])
        cached = sum(lang["cached_pages"] for lang in run["languages"])
        run["pages"], run["pages_built"] = pages, pages - cached
        p = run["phases"]
        self.log(f"toolkit build, {kind}: {run['wall_s']:.1f} s wall ({run['pages_built']} of {pages} pages built, "
                 f"{run['charts_drawn']} charts drawn; load {p['load']:.1f}, generation {p['generate']:.1f}, "
                 f"MkDocs {p['mkdocs']:.1f}, link check + swap {p['linkcheck_swap']:.1f} s summed over languages; "
                 f"memory {run['tree_pss_peak_mb']:,.0f} MB Pss)")
        for line in run["log_lines"][:5]:
            self.log(f"  build said: {line[:200]}")
        return run

    def drop_page_cache(self) -> None:
        for path in (self.project / ".cache").glob("pages-*.sqlite*"):
            path.unlink()

    def edit(self, title: str) -> None:
        path = self.project / "content" / "practices" / f"{PRACTICE_ID.format(EDITED)}.yml"
        text = path.read_text(encoding="utf-8")
        text, count = re.subn(r'^title: ".*"$', f'title: "{title}"', text, count=1, flags=re.M)
        assert count == 1, path
        path.write_text(text, encoding="utf-8")

    def site_page(self, language: str) -> str:
        return (self.project / "site" / language / "practices" / PRACTICE_ID.format(EDITED) / "index.html").read_text(
            encoding="utf-8")

    # bare MkDocs

    def bare(self, languages: list[str], repeat: int) -> dict[str, Any]:
        exports: dict[str, float] = {}
        configs = []
        for language in languages:
            folder = self.work / "bare" / language
            start = time.perf_counter()
            command = [str(BIN / "toolkit"), "export", str(folder), "--language", language, "-f", str(self.config)]
            subprocess.run(command, cwd=self.project, env=_env(), check=True, capture_output=True)
            exports[language] = time.perf_counter() - start
            configs.append(folder / "mkdocs.yml")
        self.log(f"toolkit export: {', '.join(f'{k} {v:.1f} s' for k, v in exports.items())}")

        def one(which: list[Path], tag: str) -> dict[str, Any]:
            for config in which:  # every bare build starts without a previous site (see BENCHMARKS.md)
                shutil.rmtree(config.parent / "site", ignore_errors=True)
            logs = [(self.logs / f"bare-{tag}-{c.parent.name}.out", self.logs / f"bare-{tag}-{c.parent.name}.err")
                    for c in which]
            measured = run_measured([[str(BIN / "mkdocs"), "build", "-q", "-f", str(c)] for c in which],
                                    self.project, logs)
            _check_exit(measured, "bare mkdocs build", [err for _, err in logs])
            return measured

        sequential, parallel = [], []
        for k in range(repeat):
            runs = {c.parent.name: one([c], f"seq{k}") for c in configs}
            sequential.append({"sum_s": sum(r["wall_s"] for r in runs.values()), "languages": runs})
            both = one(configs, f"par{k}")
            parallel.append(both)
            each = ", ".join(f"{lang} {r['wall_s']:.1f}" for lang, r in runs.items())
            self.log(f"bare mkdocs build {k + 1}: one after the other {sequential[-1]['sum_s']:.1f} s ({each}), "
                     f"both at once {both['wall_s']:.1f} s wall")
        pages = {c.parent.name: sum(1 for _ in (c.parent / "site").rglob("*.html")) for c in configs}
        return {"export_s": exports, "sequential": sequential, "parallel": parallel, "html_files": pages}

    # weight

    def weight(self, languages: list[str]) -> dict[str, Any]:
        site = self.project / "site"
        size = files = 0
        for folder, _dirs, names in os.walk(site):
            for name in names:
                size += os.stat(os.path.join(folder, name)).st_size
                files += 1
        search: dict[str, Any] = {}
        loader = (site / languages[0] / "assets" / "search.js").read_text(encoding="utf-8")
        # what a first search fetches: fail loudly when search.js changes what it loads
        assert re.search(r'script\.src = base \+ "/search/index\.js"', loader), "search.js loads something else now"
        page = self.site_page(languages[0])
        assert 'src="../../assets/search.js"' in page, "practice pages no longer load assets/search.js"
        for language in languages:
            index = (site / language / "search" / "index.js").read_bytes()
            script = (site / language / "assets" / "search.js").read_bytes()
            material = site / language / "search" / "search_index.json"
            search[language] = {
                "index_raw": len(index), "index_gz": _gz(index), "script_raw": len(script), "script_gz": _gz(script),
                "first_search_gz": _gz(index) + _gz(script),
                "material_index_raw": material.stat().st_size if material.exists() else 0,
                "synthetic_titles_in_index": sum(index.count(t) for t in TITLES),
            }
        return {"site_bytes": size, "site_files": files, "search": search}

    # the preview

    def serve(self, edits: int, mkdocs_edits: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        port = _free_port()
        server = Server([str(BIN / "toolkit"), "serve", "-f", str(self.config), "--dev-addr", f"127.0.0.1:{port}"],
                        self.project, port, self.logs / "toolkit-serve.log")
        page = f"practices/{PRACTICE_ID.format(EDITED)}/"
        try:
            result["toolkit_startup_s"] = server.wait_ready(7200)
            self.log(f"toolkit serve ready after {result['toolkit_startup_s']:.1f} s")
            times = []
            for k in range(edits + 1):  # the first edit warms up: not counted
                title = f"Synthetic practice {EDITED:05d} (serve edit t{k})"
                took = server.edit_and_wait(self, page, title, 600)
                self.log(f"toolkit serve edit {k}{' (warm-up)' if k == 0 else ''}: served in {took:.2f} s")
                if k:
                    times.append(took)
            result["toolkit_edit_s"] = times
            result["toolkit_edit_median_s"] = statistics.median(times)
            result["toolkit_page_has_title"] = True  # edit_and_wait returns only once it has
            result["toolkit_search_updated"] = title in (_fetch(server.base + "search/index.js") or "")
            result["toolkit_explorer_updated"] = title in (_fetch(server.base + "practices/explorer-data.js") or "")
            kept = {path: _normalise(_fetch(server.base + path) or "", server.base)
                    for path in (page, "practices/")}
        finally:
            server.stop()
        text = server.log.read_text(encoding="utf-8", errors="replace")
        reports = re.findall(r"preview: (\w+) rebuild in ([\d.]+) s; (\d+) file\(s\) changed, (\d+) page\(s\) "
                             r"rendered, (\d+) built by MkDocs, charts re-rendered: (\d+)", text)
        result["toolkit_rebuilds"] = [{"kind": r[0], "seconds": float(r[1]), "pages_rendered": int(r[3]),
                                       "pages_built_by_mkdocs": int(r[4]), "charts_drawn": int(r[5])}
                                      for r in reports]
        if mkdocs_edits <= 0:
            return result
        port = _free_port()
        server = Server([str(BIN / "mkdocs"), "serve", "-f", str(self.config), "-a", f"127.0.0.1:{port}"],
                        self.project, port, self.logs / "mkdocs-serve.log")
        try:
            result["mkdocs_startup_s"] = server.wait_ready(7200)
            self.log(f"mkdocs serve ready after {result['mkdocs_startup_s']:.1f} s")
            # the same sources as the preview's last state: MkDocs' full build is the reference
            result["preview_identical_to_full_build"] = all(
                kept[path] == _normalise(_fetch(server.base + path) or "", server.base) for path in kept)
            times = []
            for k in range(mkdocs_edits + 1):
                took = server.edit_and_wait(self, page, f"Synthetic practice {EDITED:05d} (serve edit m{k})", 3600)
                self.log(f"mkdocs serve edit {k}{' (warm-up)' if k == 0 else ''}: served in {took:.2f} s")
                if k:
                    times.append(took)
            result["mkdocs_edit_s"] = times
            result["mkdocs_edit_median_s"] = statistics.median(times)
        finally:
            server.stop()
        return result


def phases(run: dict[str, Any]) -> dict[str, float]:
    """The coarse phases, summed over the languages (see the module docstring)."""
    parent, languages = run["parent"], run["languages"]

    def summed(key: str) -> float:
        return sum(lang["times"].get(key, 0.0) for lang in languages)

    recheck = summed("load_recheck")
    post = sum(v for k, v in parent.items() if k.startswith("post_"))
    linkcheck = summed("linkcheck") + summed("scriptcheck")
    return {
        "load": parent.get("load", 0.0) + recheck,
        "generate": summed("generate"),
        "mkdocs": summed("mkdocs_total") - summed("generate") - recheck,
        "linkcheck": linkcheck,
        "swap": post,
        "linkcheck_swap": linkcheck + post,
        "languages_wall": parent.get("languages_wall", 0.0),
        "parent_before": parent.get("load", 0.0) + parent.get("config", 0.0) + parent.get("source_date", 0.0),
        "startup": run["wall_s"] - run["in_process_s"],  # interpreter, imports, the CLI
        "cpu_s": run["cpu_s"],
    }


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except Exception:  # not up yet, rebuilding, 404: the caller polls
        return None


def _normalise(html: str, base: str) -> str:
    html = html.replace(base, "BASE/")
    return re.sub(r"<script>(?:(?!</script>).)*livereload(?:(?!</script>).)*</script>", "", html, flags=re.S)


class Server:
    def __init__(self, command: list[str], cwd: Path, port: int, log: Path):
        self.log = log
        self.handle = log.open("w")
        self.proc = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=self.handle, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.base = f"http://127.0.0.1:{port}/"

    def wait_ready(self, timeout: float) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited: see {self.log}")
            if _fetch(self.base) is not None:
                return time.perf_counter() - start
            time.sleep(0.2)
        raise SystemExit(f"server not ready after {timeout} s: see {self.log}")

    def edit_and_wait(self, size: Size, page: str, title: str, timeout: float) -> float:
        time.sleep(2.0)  # a quiet moment: no rebuild in flight
        start = time.perf_counter()
        size.edit(title)
        while time.perf_counter() - start < timeout:
            if title in (_fetch(self.base + page) or ""):
                return time.perf_counter() - start
            time.sleep(0.02)
        raise SystemExit(f"edit not served after {timeout} s: see {self.log}")

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGINT)
            self.proc.wait(timeout=60)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.handle.close()


def run_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    from bench.synth import make_project

    size = Size(n, Path(args.work), args)
    shutil.rmtree(size.work, ignore_errors=True)
    size.logs.mkdir(parents=True, exist_ok=True)
    repeat = args.repeat if n <= 1000 else args.repeat_large
    # how much CPU anything else took meanwhile: the measure of a quiet machine
    busy, own, began = _machine_busy_s(), _own_cpu_s(), time.perf_counter()
    result: dict[str, Any] = {"schema": SCHEMA, "practices": n, "load_at_start": os.getloadavg(),
                              "started_at": _now(), "repeat": repeat}
    start = time.perf_counter()
    make_project(size.project, n)
    result["generate_project_s"] = time.perf_counter() - start
    start = time.perf_counter()
    check = subprocess.run([str(BIN / "toolkit"), "check", "-f", str(size.config)], cwd=size.project, env=_env(),
                           capture_output=True, text=True)
    result["check"] = {"seconds": time.perf_counter() - start, "summary": check.stdout.strip().splitlines()[-1]}
    size.log(f"project written in {result['generate_project_s']:.1f} s; {result['check']['summary']}")
    if check.returncode or " 0 error(s), 0 warning(s)" not in check.stdout:
        sys.stderr.write(check.stdout[-4000:] + check.stderr[-4000:])
        raise SystemExit("the synthetic project does not check clean: fix bench/synth.py")
    result["practices_total"] = int(re.search(r"(\d+) practices", check.stdout).group(1))  # type: ignore[union-attr]
    languages = ["en", "nl"]
    result["languages"] = languages

    builds: dict[str, list[dict[str, Any]]] = {"first": [], "cold": [], "unchanged": [], "forced": [], "edit": []}
    builds["first"].append(size.toolkit_build("first"))
    for _ in range(repeat):
        size.drop_page_cache()
        builds["cold"].append(size.toolkit_build("cold", "--force"))
    for _ in range(repeat):
        builds["unchanged"].append(size.toolkit_build("unchanged"))
        assert "site up to date" in builds["unchanged"][-1]["summary"], builds["unchanged"][-1]["summary"]
    for _ in range(repeat):
        builds["forced"].append(size.toolkit_build("forced", "--force"))
    for k in range(repeat):
        title = f"Synthetic practice {EDITED:05d} (build edit {k})"
        size.edit(title)
        run = size.toolkit_build("edit")
        run["edit_visible"] = title in size.site_page("en")  # the Dutch page keeps its own title
        builds["edit"].append(run)
    result["builds"] = builds
    result["pages_per_language"] = builds["cold"][0]["pages"] // len(languages)
    result["weight"] = size.weight(languages)
    result["bare"] = size.bare(languages, repeat)
    mkdocs_edits = args.mkdocs_edits if n <= args.mkdocs_serve_max else 0
    result["serve"] = size.serve(args.edits, mkdocs_edits)
    result["finished_at"] = _now()
    elapsed = time.perf_counter() - began
    others = (_machine_busy_s() - busy) - (_own_cpu_s() - own)
    result["other_processes"] = {"cpu_s": others, "share_of_machine": others / (elapsed * (os.cpu_count() or 1)),
                                 "elapsed_s": elapsed, "load_at_end": os.getloadavg()}
    size.log(f"done in {elapsed / 60:.1f} min; other processes used {others:.0f} CPU s meanwhile "
             f"({100 * result['other_processes']['share_of_machine']:.1f} % of the machine)")
    if not args.keep:
        shutil.rmtree(size.work / "project" / "site", ignore_errors=True)
        shutil.rmtree(size.work / "bare", ignore_errors=True)
    return result


def _machine_busy_s() -> float:
    """CPU seconds every process of the machine has used since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_cpu_s() -> float:
    """CPU seconds of the bench and every process it started and waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


# -- report -----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    packages = ["european-modules-toolkit", "mkdocs", "mkdocs-material", "vl-convert-python", "Jinja2", "Markdown",
                "nh3", "PyYAML"]

    def installed(name: str) -> str:
        try:
            return version(name)
        except Exception:
            return "?"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    # the code measured is the working tree: say when it is not the commit
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "site_templates"], cwd=ROOT,
                           capture_output=True, text=True).stdout.split("\n")
    changed = sorted(line[3:] for line in dirty if line.strip())
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory, 1), "os": platform.platform(),
            "python": platform.python_version(), "packages": {p: installed(p) for p in packages},
            "commit": (commit.stdout.strip() or "?") + (f" plus uncommitted changes to {', '.join(changed)}"
                                                        if changed else "")}


def med(runs: list[dict[str, Any]], fn: Callable[[dict[str, Any]], float]) -> float:
    return float(statistics.median(fn(r) for r in runs))


class Figures:
    """The figures of one size, from its result file."""

    def __init__(self, r: dict[str, Any]):
        self.r = r
        b = r["builds"]
        self.first = b["first"][0]
        self.cold = med(b["cold"], lambda x: x["wall_s"])
        self.edit = med(b["edit"], lambda x: x["wall_s"])
        self.unchanged = med(b["unchanged"], lambda x: x["wall_s"])
        self.forced = med(b["forced"], lambda x: x["wall_s"])
        self.bare_sum = med(r["bare"]["sequential"], lambda x: x["sum_s"])
        self.bare_parallel = med(r["bare"]["parallel"], lambda x: x["wall_s"])
        self.all_builds = [run for kind in b.values() for run in kind]
        peak = max(self.all_builds, key=lambda run: run["tree_pss_peak_mb"])
        self.pss, self.pss_kind = peak["tree_pss_peak_mb"], peak["kind"]
        self.rss = max(run["tree_rss_peak_mb"] for run in self.all_builds)
        self.largest = max(run["maxrss_mb"] for run in self.all_builds)
        self.search = r["weight"]["search"]

    def phase(self, kind: str, key: str) -> float:
        return med(self.r["builds"][kind], lambda x: x["phases"][key])


def _runs(runs: list[dict[str, Any]], fn: Callable[[dict[str, Any]], float], digits: int = 1) -> str:
    return ", ".join(f"{fn(r):.{digits}f}" for r in runs)


def results_table(rows: list[dict[str, Any]]) -> str:
    figs = [Figures(r) for r in rows]
    out = ["| figure | " + " | ".join(f"{r['practices']:,} practices" for r in rows) + " |",
           "|---|" + "---:|" * len(rows)]

    def row(title: str, fn: Callable[[Figures], str]) -> None:
        cells = []
        for f in figs:
            try:
                cells.append(fn(f))
            except (KeyError, ValueError, statistics.StatisticsError):
                cells.append("–")
        out.append(f"| {title} | " + " | ".join(cells) + " |")

    row("practices in the project (synthetic + bundled)", lambda f: f"{f.r['practices_total']:,}")
    row("pages per language", lambda f: f"{f.r['pages_per_language']:,}")
    row("`toolkit check`, s", lambda f: f"{f.r['check']['seconds']:.1f}")
    row("**first build, every cache empty**, s", lambda f: f"{f.first['wall_s']:.1f} ({f.first['charts_drawn']} SVGs)")
    row("**`toolkit build`, cold page cache**, s (runs)",
        lambda f: f"**{f.cold:.1f}** ({_runs(f.r['builds']['cold'], lambda x: x['wall_s'])})")
    row("**after one practice edit**, s (runs)",
        lambda f: f"**{f.edit:.1f}** ({_runs(f.r['builds']['edit'], lambda x: x['wall_s'])})")
    row("· pages built by MkDocs of all", lambda f: f"{f.r['builds']['edit'][-1]['pages_built']:,} of "
        f"{f.r['builds']['edit'][-1]['pages']:,}")
    row("**nothing changed**, s (runs)",
        lambda f: f"**{f.unchanged:.1f}** ({_runs(f.r['builds']['unchanged'], lambda x: x['wall_s'])})")
    row("**nothing changed, `--force`** (past the shortcut: the page cache), s (runs)",
        lambda f: f"**{f.forced:.1f}** ({_runs(f.r['builds']['forced'], lambda x: x['wall_s'])})")
    row("· pages built by MkDocs of all", lambda f: f"{f.r['builds']['forced'][-1]['pages_built']:,} of "
        f"{f.r['builds']['forced'][-1]['pages']:,}")
    row("**bare `mkdocs build`**, languages one after the other (sum), s",
        lambda f: f"**{f.bare_sum:.1f}** ({_runs(f.r['bare']['sequential'], lambda x: x['sum_s'])})")
    row("**bare `mkdocs build`**, both languages at once (wall), s",
        lambda f: f"**{f.bare_parallel:.1f}** ({_runs(f.r['bare']['parallel'], lambda x: x['wall_s'])})")
    for label, attr in (("cold", "cold"), ("edit", "edit"), ("nothing changed", "unchanged"),
                        ("nothing changed, --force", "forced")):
        row(f"ratio {label} / bare (sum · parallel)",
            lambda f, a=attr: f"{getattr(f, a) / f.bare_sum:.2f} · {getattr(f, a) / f.bare_parallel:.2f}")
    row("peak memory of a build, MB: Pss of all its processes (Rss sum; largest process)",
        lambda f: f"{f.pss:,.0f} ({f.rss:,.0f}; {f.largest:,.0f}), in the {f.pss_kind} build")
    row("peak memory of bare builds at once, MB: Pss (largest process)",
        lambda f: f"{max(p['tree_pss_peak_mb'] for p in f.r['bare']['parallel']):,.0f} "
        f"({max(x['maxrss_mb'] for p in f.r['bare']['parallel'] for x in p['runs']):,.0f})")
    row("**edit → served, `toolkit serve`**, s median (runs)",
        lambda f: f"**{f.r['serve']['toolkit_edit_median_s']:.2f}** ({_runs_list(f.r['serve']['toolkit_edit_s'])})")
    row("· pages re-rendered / rebuilt by MkDocs per edit",
        lambda f: " ".join(sorted({f"{x['pages_rendered']} / {x['pages_built_by_mkdocs']}"
                                   for x in f.r['serve']['toolkit_rebuilds'] if x['kind'] == 'incremental'})) or "–")
    row("· the preview's own rebuild (its log line), s median", lambda f: "{:.2f}".format(statistics.median(
        x["seconds"] for x in f.r["serve"]["toolkit_rebuilds"] if x["kind"] == "incremental")))
    row("· preview start-up, s", lambda f: f"{f.r['serve']['toolkit_startup_s']:.1f}")
    row("edit → served, plain `mkdocs serve`, s median (runs)",
        lambda f: f"{f.r['serve']['mkdocs_edit_median_s']:.1f} ({_runs_list(f.r['serve']['mkdocs_edit_s'])})"
        if "mkdocs_edit_s" in f.r["serve"] else "not run")
    for lang in ("en", "nl"):
        row(f"**first search transfer, {lang}**, gzip MB (index + search.js)",
            lambda f, lg=lang: f"**{f.search[lg]['first_search_gz'] / 1e6:.2f}** "
            f"({f.search[lg]['index_gz'] / 1e6:.2f} + {f.search[lg]['script_gz'] / 1e6:.3f})")
        row(f"· search index {lang}, raw MB", lambda f, lg=lang: f"{f.search[lg]['index_raw'] / 1e6:.1f}")
    row("checks: edit in the built page · preview page, search, explorer updated · preview = full build",
        lambda f: " · ".join([_yes(all(x["edit_visible"] for x in f.r["builds"]["edit"])),
                              "/".join(_yes(f.r["serve"][k]) for k in ("toolkit_page_has_title",
                                                                        "toolkit_search_updated",
                                                                        "toolkit_explorer_updated")),
                              _yes(f.r["serve"].get("preview_identical_to_full_build"))]))
    row("site size (both languages), MB", lambda f: f"{f.r['weight']['site_bytes'] / 1e6:,.0f} "
        f"({f.r['weight']['site_files']:,} files)")
    return "\n".join(out)


def _yes(value: bool | None) -> str:
    return "not compared" if value is None else ("yes" if value else "**no**")


def _runs_list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


PHASES = (("load", "load + validate"), ("generate", "generation (`render_site`)"),
          ("mkdocs", "MkDocs' share (incl. our hooks and the page cache)"),
          ("linkcheck", "link + script check"), ("swap", "cross-language check, redirect, swap"),
          ("languages_wall", "wall time of the two languages side by side"),
          ("startup", "interpreter start, imports, CLI (outside `build_site`)"),
          ("cpu_s", "CPU time of every process"))


def phase_table(rows: list[dict[str, Any]]) -> str:
    kinds = ("first", "cold", "edit", "forced", "unchanged")
    head = "| phase, s (summed over languages) | " + " | ".join(
        f"{r['practices']:,} {k}" for r in rows for k in kinds) + " |"
    out = [head, "|---|" + "---:|" * (len(rows) * len(kinds))]
    for key, label in PHASES:
        cells = [f"{Figures(r).phase(k, key):.1f}" for r in rows for k in kinds]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def detail_table(rows: list[dict[str, Any]], kind: str = "cold", top: int = 14) -> str:
    """Timed functions inside the phases (summed over languages), largest first at the largest size."""
    def details(r: dict[str, Any]) -> dict[str, float]:
        run = sorted(r["builds"][kind], key=lambda x: x["wall_s"])[len(r["builds"][kind]) // 2]  # the median run
        found: dict[str, float] = defaultdict(float)
        for lang in run["languages"]:
            for key, value in lang["times"].items():
                if key.startswith(("gen.", "mk.")):
                    found[key] += value
        return found

    tables = [details(r) for r in rows]
    keys = sorted(tables[-1], key=lambda k: -tables[-1][k])[:top]
    out = [f"| inside the phases, {kind} build, s | " + " | ".join(f"{r['practices']:,}" for r in rows)
           + " | growth exponent |", "|---|" + "---:|" * (len(rows) + 1)]
    for key in keys:
        values = [t.get(key, 0.0) for t in tables]
        out.append(f"| {key.split('.', 1)[1]} ({'generation' if key.startswith('gen.') else 'MkDocs'}) | "
                   + " | ".join(f"{v:.2f}" for v in values) + f" | {_exponent(rows, values)} |")
    return "\n".join(out)


def _exponent(rows: list[dict[str, Any]], values: list[float]) -> str:
    if len(rows) < 2 or values[0] <= 0 or values[-1] <= 0:
        return "–"
    k = math.log(values[-1] / values[0]) / math.log(rows[-1]["practices_total"] / rows[0]["practices_total"])
    return f"{k:.2f}"


def growth(rows: list[dict[str, Any]]) -> tuple[str, list[tuple[str, float | None]]]:
    """Growth exponents of the cold build's phases, smallest → largest size."""
    if len(rows) < 2:
        return "(one size only: no growth exponent)", []
    items: list[tuple[str, float | None]] = []
    lines = []
    for key, label in PHASES[:5]:
        values = [Figures(r).phase("cold", key) for r in rows]
        text = _exponent(rows, values)
        items.append((label, float(text) if text != "–" else None))
        lines.append(f"| {label} | " + " | ".join(f"{v:.1f}" for v in values) + f" | {text} |")
    for label, fn in (("whole `toolkit build`, cold", lambda f: f.cold), ("bare `mkdocs build` (sum)",
                                                                           lambda f: f.bare_sum)):
        values = [fn(Figures(r)) for r in rows]
        lines.append(f"| {label} | " + " | ".join(f"{v:.1f}" for v in values) + f" | {_exponent(rows, values)} |")
    head = ("| cold build, s (summed over languages) | " + " | ".join(f"{r['practices']:,}" for r in rows)
            + f" | exponent {rows[0]['practices']:,} → {rows[-1]['practices']:,} |")
    return "\n".join([head, "|---|" + "---:|" * (len(rows) + 1), *lines]), items


def targets(rows: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """Issue 18's targets, with the measured value and a verdict per size."""
    by_n = {r["practices"]: Figures(r) for r in rows}
    misses: list[str] = []

    def verdict(value: float, limit: float, what: str, unit: str = "", digits: int = 2) -> str:
        ok = value <= limit
        if not ok:
            misses.append(f"{what}: {value:.{digits}f}{unit} against ≤ {limit:g}{unit} "
                          f"({100 * (value / limit - 1):.0f} % over)")
        return f"{value:.{digits}f}{unit} {'**met**' if ok else '**not met**'}"

    def ratio_cell(n: int, attr: str, limit: float, label: str) -> str:
        f = by_n.get(n)
        if f is None:
            return "not measured"
        value = getattr(f, attr)
        return (f"vs sum: {verdict(value / f.bare_sum, limit, f'{label} at {n:,}, vs bare sum')} · vs parallel: "
                f"{verdict(value / f.bare_parallel, limit, f'{label} at {n:,}, vs bare in parallel')}")

    def serve_cell(n: int, limit: float) -> str:
        f = by_n.get(n)
        return verdict(f.r["serve"]["toolkit_edit_median_s"], limit, f"edit → served at {n:,}", " s") if f \
            else "not measured"

    lines = ["| figure | target 1,000 | measured 1,000 | target 10,000 | measured 10,000 |",
             "|---|---|---|---|---|"]
    for label, attr, small, large in (("`toolkit build` / bare, cold page cache", "cold", 1.0, 1.0),
                                      ("`toolkit build` after one practice edit / bare", "edit", 0.3, 0.2),
                                      ("`toolkit build` with nothing changed / bare", "unchanged", 0.15, 0.1)):
        lines.append(f"| {label} | ≤ {small} | {ratio_cell(1000, attr, small, label)} | ≤ {large} | "
                     f"{ratio_cell(10000, attr, large, label)} |")
    lines.append(f"| edit → served (`toolkit serve`) | ≤ 1 s | {serve_cell(1000, 1.0)} | ≤ 2 s | "
                 f"{serve_cell(10000, 2.0)} |")
    big, small_f = by_n.get(10000), by_n.get(1000)
    if big and small_f:
        pair = [small_f.r, big.r]
        cells = []
        for key, label in PHASES[:4]:
            value = _exponent(pair, [small_f.phase("cold", key), big.phase("cold", key)])
            cells.append(f"{label.split(' (')[0]} {verdict(float(value), 1.1, f'growth of {label}')}"
                         if value != "–" else f"{label}: –")
        lines.append("| growth exponent of every phase, 1,000 → 10,000 (cold build) | | | ≤ 1.1 | "
                     + "; ".join(cells) + " |")
    else:
        lines.append("| growth exponent of every phase, 1,000 → 10,000 | | | ≤ 1.1 | not measured |")
    if big:
        lines.append(f"| peak memory (Pss of every process of a build) | | | ≤ 2 GB | "
                     f"{verdict(big.pss / 1024, 2.0, 'peak memory at 10,000', ' GB')} (Rss summed "
                     f"{big.rss / 1024:.2f} GB, largest process {big.largest / 1024:.2f} GB) |")
        search = "; ".join(
            f"{lang} {verdict(big.search[lang]['first_search_gz'] / 1e6, 2.0, 'first search ' + lang, ' MB')}"
            for lang in ("en", "nl"))
        lines.append(f"| first search transfer per language, gzip | | | ≤ 2 MB | {search} |")
    else:
        lines.append("| peak memory | | | ≤ 2 GB | not measured |")
        lines.append("| first search transfer per language, gzip | | | ≤ 2 MB | not measured |")
    return "\n".join(lines), misses


def write_report(rows: list[dict[str, Any]], path: Path, command: str) -> str:
    template = (ROOT / "bench" / "BENCHMARKS.template.md").read_text(encoding="utf-8")
    info = rows[-1]["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    target_text, misses = targets(rows)
    growth_text, _ = growth(rows)
    when = "; ".join(f"{r['practices']:,}: {r['started_at']} – {r['finished_at']}, load average at start "
                     f"{r['load_at_start'][0]:.2f} / {r['load_at_start'][1]:.2f} / {r['load_at_start'][2]:.2f}, "
                     f"other processes used {r['other_processes']['cpu_s']:.0f} CPU s meanwhile "
                     f"({100 * r['other_processes']['share_of_machine']:.1f} % of the machine)" for r in rows)
    noise = sorted({line for r in rows for run in Figures(r).all_builds for line in run["log_lines"]})
    text = template.format(
        command=command, cpu=info["cpu"], cores=info["cores"], memory=info["memory_gb"], os=info["os"],
        python=info["python"], packages=packages, commit=info["commit"], when=when,
        repeats=", ".join(f"{r['repeat']} at {r['practices']:,}" for r in rows),
        results=results_table(rows), targets=target_text,
        misses="\n".join(f"- {m}" for m in misses) or "- none",
        phases=phase_table(rows), growth=growth_text,
        details_cold=detail_table(rows, "cold"), details_edit=detail_table(rows, "edit", 10),
        details_unchanged=detail_table(rows, "forced", 10),
        build_output="\n".join(f"    {line[:300]}" for line in noise[:20]) or "    (nothing)",
    )
    path.write_text(text, encoding="utf-8")
    return text


def summary_line(rows: list[dict[str, Any]]) -> str:
    parts = []
    for r in rows:
        f = Figures(r)
        parts.append(f"{r['practices']:,}: cold {f.cold:.1f} s, edit {f.edit:.1f} s, unchanged {f.unchanged:.1f} s "
                     f"vs bare {f.bare_sum:.1f} s (sum) / {f.bare_parallel:.1f} s (parallel); "
                     f"serve {r['serve']['toolkit_edit_median_s']:.2f} s; "
                     f"search {max(s['first_search_gz'] for s in f.search.values()) / 1e6:.2f} MB gz; "
                     f"memory {f.pss:,.0f} MB")
    return "bench: " + " | ".join(parts)


def wait_until_idle(minutes: float) -> None:
    deadline = time.time() + minutes * 60
    while os.getloadavg()[0] >= 0.5 and time.time() < deadline:
        print(f"bench: load average {os.getloadavg()[0]:.2f} ≥ 0.5, waiting", flush=True)
        time.sleep(120)


def main(argv: list[str]) -> int:
    if argv[:2] == ["_worker", "build"]:
        worker_build(*argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="practice counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind up to 1,000 practices (medians)")
    parser.add_argument("--repeat-large", type=int, default=2, help="builds of each kind above 1,000")
    parser.add_argument("--edits", type=int, default=5, help="timed `toolkit serve` edits (after a warm-up)")
    parser.add_argument("--mkdocs-edits", type=int, default=3, help="timed `mkdocs serve` edits (after a warm-up)")
    parser.add_argument("--mkdocs-serve-max", type=int, default=1000, help="largest size to time `mkdocs serve` at")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "emt-bench"))
    parser.add_argument("--results", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--report", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--wait-idle", type=float, default=0, help="minutes to wait for a load average < 0.5")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--report-only", action="store_true", help="rewrite the report from the result files")
    args = parser.parse_args(argv)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    if not args.report_only:
        if args.wait_idle:
            wait_until_idle(args.wait_idle)
        info = machine()
        for n in (int(s) for s in args.sizes.split(",")):
            result = run_size(n, args)
            result["machine"] = info
            (results / f"{n}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
            print(f"[{n:,}] results: {results / f'{n}.json'}", flush=True)
    rows = []
    for path in results.glob("*.json"):
        row = json.loads(path.read_text(encoding="utf-8"))
        if row.get("schema") == SCHEMA:
            rows.append(row)
        else:
            print(f"bench: {path} is of an older layout: left out of the report", flush=True)
    rows.sort(key=lambda r: r["practices"])
    if not rows:
        raise SystemExit("bench: no results to report")
    command = ".venv/bin/python bench/run.py " + " ".join(a for a in argv if not a.startswith("--report-only"))
    write_report(rows, Path(args.report), command.strip())
    print(results_table(rows))
    print(targets(rows)[0])
    print(summary_line(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
