"""Build, rebuild and page-weight benchmarks at 100, 1,000 (and 10,000) practices.

Run: make bench            (= .venv/bin/python bench/run.py: 100 and 1,000 practices)
     .venv/bin/python bench/run.py --sizes 100,1000,10000     (10,000 takes ~40 min)

For each size it generates a synthetic project (bench/synth.py) in a
temporary folder and measures, each build in a fresh process:

- `toolkit build` (both languages): wall time, peak memory, split into our
  load+validate, our page/chart generation, MkDocs/Material's own build and
  our link check + swap;
- a bare `mkdocs build` (no plugin) of the same generated pages written out
  as plain Markdown, in the same run, and the ratio;
- the preview: time from saving an edit to one practice until `toolkit serve`
  serves the updated page, the charts it re-rendered, and the same for plain
  `mkdocs serve` (warm); the served pages are compared with MkDocs' full build;
- site size, search index per language and first-visit transfer (gzip) of the
  home page, a practice page and an indicator page; which pages load Vega.

Each size's results go to bench/results/<n>.json; BENCHMARKS.md is rewritten
from all result files present, so a run without 10,000 keeps that row.
"""

from __future__ import annotations

import argparse
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
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
PRACTICE_ID = "synthetic-practice-{:05d}"


# -- workers (run in their own process: clean timings and peak memory) -------


def worker_build(config: str, site: str) -> dict:
    """`toolkit build` in this process, with each phase timed."""
    import generator.mkdocs_plugin.plugin as plugin
    import generator.publish.build as site_build
    from generator.charts import RENDER_STATS

    times = {"load": 0.0, "render": 0.0, "mkdocs_total": 0.0, "linkcheck": 0.0}

    def timed(name, fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                times[name] += time.perf_counter() - start
        return wrapper

    plugin.load_project_once = timed("load", plugin.load_project_once)
    plugin.render_site = timed("render", plugin.render_site)
    site_build._run_mkdocs = timed("mkdocs_total", site_build._run_mkdocs)
    site_build.check_links = timed("linkcheck", site_build.check_links)
    start = time.perf_counter()
    site_build.build_site(Path(config), Path(site), progress=lambda message: None)
    total = time.perf_counter() - start
    return {
        "total": total,
        "load": times["load"],
        "generate": times["render"],
        "mkdocs": times["mkdocs_total"] - times["load"] - times["render"],
        "linkcheck_swap": total - times["mkdocs_total"],
        "linkcheck": times["linkcheck"],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "charts_rendered": RENDER_STATS["rendered"],
        "charts_cached": RENDER_STATS["cached"],
    }


def worker_export(config: str, out: str) -> dict:
    """Write the generated pages of every language as a plain MkDocs project
    (Markdown + assets, same theme, nav and CSS, no plugin)."""
    import yaml
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    from generator.mkdocs_plugin.nav import navigation
    from generator.render.site import render_site
    from generator.sources import load_project

    config_path = Path(config)
    mk = load_config(str(config_path))
    project = mk.plugins["european-modules"]._project(mk)
    loaded = load_project(project)
    with config_path.open("rb") as handle:
        raw = yaml_load(handle)  # MkDocs' loader: resolves !ENV
    configs = []
    for language in project.languages:
        output = render_site(loaded, language, directory_urls=mk.use_directory_urls)
        folder = Path(out) / language
        docs = folder / "docs"
        for page in output.pages:
            target = docs / page.src_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.content, encoding="utf-8")
        for asset in output.assets:
            target = docs / asset.dest_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(asset.content)
        bare = dict(raw)
        bare["docs_dir"] = str(docs)
        bare["site_dir"] = str(folder / "site")
        bare["strict"] = False
        bare["theme"] = dict(raw["theme"], language=language,
                             custom_dir=str(project.templates_dir / "overrides"))
        bare["plugins"] = [p for p in raw["plugins"]
                           if not (isinstance(p, dict) and "european-modules" in p)]
        bare["nav"] = navigation(output) if _takes_one(navigation) else navigation(output, [])
        bare["extra_css"] = list(output.stylesheets)
        if len(project.languages) > 1:  # the language switcher, as `toolkit build` sets it
            from generator.publish.build import _language_name

            bare["extra"] = dict(raw.get("extra") or {}, alternate=[
                {"name": _language_name(code), "link": f"../{code}/", "lang": code}
                for code in project.languages])
        (folder / "mkdocs.yml").write_text(yaml.safe_dump(bare, allow_unicode=True), encoding="utf-8")
        configs.append(str(folder / "mkdocs.yml"))
    return {"configs": configs}


def _takes_one(fn) -> bool:  # type: ignore[no-untyped-def]
    import inspect

    return len(inspect.signature(fn).parameters) == 1


def _run_worker(kind: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "_worker", kind, *args],
                            capture_output=True, text=True, env=_env())
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"bench worker {kind} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _env() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")


# -- measurements ---------------------------------------------------------------


def bare_build(configs: list[str]) -> dict:
    """Plain `mkdocs build` of each language's exported project."""
    total, peak = 0.0, 0.0
    for config in configs:
        start = time.perf_counter()
        proc = subprocess.Popen([str(BIN / "mkdocs"), "build", "-q", "-f", config], env=_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
        total += time.perf_counter() - start
        peak = max(peak, usage.ru_maxrss / 1024)
    return {"total": total, "peak_mb": peak}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except Exception:
        return None


def set_title(project: Path, index: int, title: str) -> None:
    path = project / "content" / "practices" / f"{PRACTICE_ID.format(index)}.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'^title: ".*"$', f'title: "{title}"', text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


class Server:
    def __init__(self, command: list[str], cwd: Path, port: int, log: Path):
        self.port = port
        self.log = log
        self.handle = log.open("w")
        self.proc = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=self.handle,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://127.0.0.1:{port}/"

    def wait_ready(self, timeout: float) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited: see {self.log}")
            if fetch(self.base) is not None:
                return time.perf_counter() - start
            time.sleep(0.2)
        raise SystemExit(f"server not ready after {timeout} s: see {self.log}")

    def edit_and_wait(self, project: Path, index: int, title: str, timeout: float) -> float:
        url = f"{self.base}practices/{PRACTICE_ID.format(index)}/"
        time.sleep(1.0)  # a quiet moment: no rebuild in flight
        start = time.perf_counter()
        set_title(project, index, title)
        while time.perf_counter() - start < timeout:
            page = fetch(url)
            if page is not None and title in page:
                return time.perf_counter() - start
            time.sleep(0.02)
        raise SystemExit(f"edit not served after {timeout} s: see {self.log}")

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGINT)
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.handle.close()


def _normalise(html: str, base: str) -> str:
    html = html.replace(base, "BASE/")
    return re.sub(r"<script>(?:(?!</script>).)*livereload(?:(?!</script>).)*</script>", "", html, flags=re.S)


def serve_bench(project: Path, n: int, edits: int, mkdocs_edits: int, work: Path) -> dict:
    index = min(42, n)
    explorer_path = "practices/"
    result: dict = {}
    charts = project / ".cache" / "charts"
    svgs_before = len(list(charts.glob("*.svg")))

    port = free_port()
    server = Server([str(BIN / "toolkit"), "serve", "--dev-addr", f"127.0.0.1:{port}"], project, port,
                    work / f"toolkit-serve-{n}.log")
    try:
        result["toolkit_startup_s"] = server.wait_ready(3600)
        times = []
        for k in range(edits + 1):  # the first edit warms up; not counted
            took = server.edit_and_wait(project, index, f"Synthetic practice {index:05d} (edit t{k})", 120)
            if k:
                times.append(took)
        result["toolkit_edit_s"] = times
        result["toolkit_edit_median_s"] = statistics.median(times)
        title = f"Synthetic practice {index:05d} (edit t{edits})"
        practice = fetch(f"{server.base}practices/{PRACTICE_ID.format(index)}/") or ""
        explorer = fetch(server.base + explorer_path) or ""
        index_json = fetch(server.base + "search/search_index.json") or ""
        result["toolkit_nav_ok"] = all(f'href="{href}" class="md-nav__link' in practice
                                       for href in ("../..", "../../modules/", "../"))
        result["toolkit_explorer_updated"] = title in explorer
        result["toolkit_search_updated"] = title in index_json
        preview_pages = {"practice": _normalise(practice, server.base),
                         "explorer": _normalise(explorer, server.base)}
    finally:
        server.stop()
    log = server.log.read_text(encoding="utf-8", errors="replace")
    reports = re.findall(r"preview: incremental rebuild in ([\d.]+) s.*?(\d+) page\(s\) rendered, "
                         r"(\d+) built by MkDocs, charts re-rendered: (\d+)", log)
    if reports:
        last = reports[-1]
        result["toolkit_rebuild_s"] = [float(r[0]) for r in reports]
        result["toolkit_pages_rendered"] = int(last[1])
        result["toolkit_pages_built"] = int(last[2])
        result["toolkit_charts_rerendered"] = max(int(r[3]) for r in reports)
    result["toolkit_kind"] = "incremental" if reports else "full"
    result["svgs_written_by_toolkit_serve"] = len(list(charts.glob("*.svg"))) - svgs_before

    if mkdocs_edits <= 0:
        return result
    port = free_port()
    server = Server([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], project, port,
                    work / f"mkdocs-serve-{n}.log")
    svgs_before = len(list(charts.glob("*.svg")))
    try:
        result["mkdocs_startup_s"] = server.wait_ready(7200)
        # Same sources as the preview's last state: MkDocs' full build is the reference.
        practice = fetch(f"{server.base}practices/{PRACTICE_ID.format(index)}/") or ""
        explorer = fetch(server.base + explorer_path) or ""
        result["preview_identical_to_full_build"] = (
            preview_pages["practice"] == _normalise(practice, server.base)
            and preview_pages["explorer"] == _normalise(explorer, server.base)
        )
        times = []
        for k in range(mkdocs_edits + 1):
            took = server.edit_and_wait(project, index, f"Synthetic practice {index:05d} (edit m{k})", 3600)
            if k:
                times.append(took)
        result["mkdocs_edit_s"] = times
        result["mkdocs_edit_median_s"] = statistics.median(times)
    finally:
        server.stop()
    result["svgs_written_by_mkdocs_serve"] = len(list(charts.glob("*.svg"))) - svgs_before
    return result


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def first_visit(site: Path, page: Path) -> dict:
    """Bytes (gzip) a first visit transfers: the HTML, its stylesheets, scripts,
    icons and images, CSS url()s and Material's search worker; the search index
    is counted apart."""
    html = page.read_text(encoding="utf-8")
    refs = set(re.findall(r'<(?:link[^>]*rel="(?:stylesheet|icon)"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"',
                          html))
    files = {page}
    for ref in refs:
        if re.match(r"^[a-z]+:|^//", ref):
            continue
        files.add((page.parent / ref.split("#")[0].split("?")[0]).resolve())
    for css in [f for f in files if f.suffix == ".css"]:
        for ref in re.findall(r"url\(['\"]?([^'\")]+)['\"]?\)", css.read_text(encoding="utf-8")):
            if not re.match(r"^[a-z]+:|^#", ref):
                files.add((css.parent / ref.split("#")[0].split("?")[0]).resolve())
    worker = re.search(r"workers/search\.[0-9a-f]+\.min\.js", html)
    if worker:
        files.add((site / "assets" / "javascripts" / worker.group(0)).resolve())
    sizes = {str(f.relative_to(site.resolve()) if f.is_relative_to(site.resolve()) else f):
             _gz(f.read_bytes()) for f in files if f.is_file()}
    return {"total_gz": sum(sizes.values()), "files": sizes,
            "vega": any("vega-bundle" in name for name in sizes)}


def weight(site: Path, languages: list[str], n: int) -> dict:
    result: dict = {"site_mb": sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6,
                    "search_index": {}}
    for language in languages:
        folder = site / language if len(languages) > 1 else site
        index = (folder / "search" / "search_index.json").read_bytes()
        result["search_index"][language] = {"raw_mb": len(index) / 1e6, "gz_mb": _gz(index) / 1e6}
    folder = site / languages[0] if len(languages) > 1 else site
    result["home"] = first_visit(folder, folder / "index.html")
    result["practice"] = first_visit(folder, folder / "practices" / PRACTICE_ID.format(min(42, n)) / "index.html")
    result["indicator"] = first_visit(folder, folder / "indicators" / "employment_rate" / "index.html")
    vega_pages = chart_pages = mismatched = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        has_chart, has_vega = 'class="emt-chart"' in text, "vega-bundle.js" in text
        chart_pages += has_chart
        vega_pages += has_vega
        mismatched += has_chart != has_vega
    result["pages_with_charts"] = chart_pages
    result["pages_loading_vega"] = vega_pages
    result["vega_only_on_chart_pages"] = mismatched == 0
    bundle = next(iter(folder.glob("assets/vega-bundle.js")), None)
    if bundle:
        data = bundle.read_bytes()
        result["vega_bundle_kb"] = {"raw": len(data) / 1024, "gz": _gz(data) / 1024}
    return result


def run_size(n: int, args: argparse.Namespace) -> dict:
    from bench.synth import make_project

    work = Path(args.work) / f"p{n}"
    start = time.perf_counter()
    config = make_project(work, n)
    project = config.parent
    result: dict = {"practices": n, "languages": ["en", "nl"],
                    "pages_per_language": None, "generate_content_s": time.perf_counter() - start}
    print(f"[{n}] project generated in {result['generate_content_s']:.1f} s at {project}", flush=True)

    seed = Path(args.work) / "chart-cache"
    if seed.exists():  # charts do not depend on practices: as after any earlier build
        # the rendered-Markdown cache is left out: the first build renders every
        # practice's text (reported as "first build"), later ones reuse it
        shutil.copytree(seed, project / ".cache", ignore=shutil.ignore_patterns("markdown.sqlite"))
    builds = []
    for k in range(args.repeat + (0 if seed.exists() else 1)):
        site = project / "site"
        measured = _run_worker("build", str(config), str(site))
        print(f"[{n}] toolkit build {k + 1}: {measured['total']:.1f} s "
              f"(charts rendered {measured['charts_rendered']})", flush=True)
        if measured["charts_rendered"]:
            result["cold_build"] = measured
        else:
            builds.append(measured)
    if not seed.exists():
        shutil.copytree(project / ".cache", seed, ignore=shutil.ignore_patterns("markdown.sqlite"))
    result["first_build"] = builds[0]  # Markdown not yet cached
    result["build"] = {key: statistics.median(b[key] for b in builds) for key in builds[0]}
    result["build_runs"] = builds
    result["pages_per_language"] = sum(1 for _ in (project / "site" / "en").rglob("index.html"))

    exported = _run_worker("export", str(config), str(project / "bare"))
    bares = []
    for k in range(args.repeat):
        shutil.rmtree(project / "bare" / "en" / "site", ignore_errors=True)
        shutil.rmtree(project / "bare" / "nl" / "site", ignore_errors=True)
        bares.append(bare_build(exported["configs"]))
        print(f"[{n}] bare mkdocs build {k + 1}: {bares[-1]['total']:.1f} s", flush=True)
    result["bare"] = {key: statistics.median(b[key] for b in bares) for key in bares[0]}
    result["bare_runs"] = bares
    result["weight"] = weight(project / "site", result["languages"], n)
    mkdocs_edits = args.mkdocs_edits if n <= args.mkdocs_serve_max else 0
    result["serve"] = serve_bench(project, n, args.edits, mkdocs_edits, Path(args.work))
    print(f"[{n}] serve: {json.dumps(result['serve'])}", flush=True)
    if not args.keep:
        shutil.rmtree(project, ignore_errors=True)
    return result


# -- report ---------------------------------------------------------------------


def machine() -> dict:
    from importlib.metadata import version

    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    packages = ["mkdocs", "mkdocs-material", "vl-convert-python", "Jinja2", "Markdown", "nh3", "PyYAML"]
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory, 1),
        "os": platform.platform(), "python": platform.python_version(),
        "packages": {p: _version(version, p) for p in packages},
    }


def _version(version, name: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return version(name)
    except Exception:
        return "?"


def exponent(rows: list[dict], key) -> str:  # type: ignore[no-untyped-def]
    points = [(r["practices"], key(r)) for r in rows if key(r)]
    if len(points) < 2:
        return "–"
    (n1, t1), (n2, t2) = points[-2], points[-1]
    return f"{math.log(t2 / t1) / math.log(n2 / n1):.2f} ({n1:,}→{n2:,})"


def markdown_report(rows: list[dict], info: dict) -> str:
    def fmt(value, digits=1):  # type: ignore[no-untyped-def]
        return "–" if value is None else f"{value:,.{digits}f}"

    def col(title, fn, digits=1):  # type: ignore[no-untyped-def]
        return f"| {title} | " + " | ".join(fmt(_safe(fn, r), digits) for r in rows) + " |"

    head = "| practices (× 2 languages) | " + " | ".join(f"{r['practices']:,}" for r in rows) + " |"
    sep = "|---|" + "---:|" * len(rows)
    b = lambda r: r["build"]  # noqa: E731
    lines = [head, sep,
             col("pages per language", lambda r: r["pages_per_language"], 0),
             col("**`toolkit build`**, s", lambda r: b(r)["total"]),
             col("· our load + validate, s", lambda r: b(r)["load"], 2),
             col("· our page + chart generation, s", lambda r: b(r)["generate"], 2),
             col("· MkDocs/Material build, s", lambda r: b(r)["mkdocs"]),
             col("· our link check + swap, s", lambda r: b(r)["linkcheck_swap"]),
             col("peak memory, MB", lambda r: b(r)["peak_mb"], 0),
             col("**bare `mkdocs build`** of the same pages, s", lambda r: r["bare"]["total"]),
             col("bare peak memory, MB", lambda r: r["bare"]["peak_mb"], 0),
             col("ratio toolkit / bare", lambda r: b(r)["total"] / r["bare"]["total"], 2),
             col("ours (load+validate+generate) / bare, %",
                 lambda r: 100 * (b(r)["load"] + b(r)["generate"]) / r["bare"]["total"]),
             col("first build (Markdown not cached yet), s", lambda r: r["first_build"]["total"]),
             col("· ours / bare in the first build, %",
                 lambda r: 100 * (r["first_build"]["load"] + r["first_build"]["generate"]) / r["bare"]["total"]),
             col("**edit → served, `toolkit serve`**, s (median)", lambda r: r["serve"]["toolkit_edit_median_s"], 2),
             col("· charts re-rendered", lambda r: r["serve"].get("toolkit_charts_rerendered"), 0),
             col("edit → served, `mkdocs serve` (warm), s", lambda r: r["serve"].get("mkdocs_edit_median_s")),
             col("preview start-up, s", lambda r: r["serve"]["toolkit_startup_s"]),
             col("site size (both languages), MB", lambda r: r["weight"]["site_mb"]),
             col("search index en, MB raw", lambda r: r["weight"]["search_index"]["en"]["raw_mb"], 2),
             col("search index en, MB gzip", lambda r: r["weight"]["search_index"]["en"]["gz_mb"], 2),
             col("search index nl, MB raw", lambda r: r["weight"]["search_index"]["nl"]["raw_mb"], 2),
             col("search index nl, MB gzip", lambda r: r["weight"]["search_index"]["nl"]["gz_mb"], 2),
             col("first visit, home page, KB gzip", lambda r: r["weight"]["home"]["total_gz"] / 1024),
             col("first visit, practice page, KB gzip", lambda r: r["weight"]["practice"]["total_gz"] / 1024),
             col("first visit, indicator page, KB gzip", lambda r: r["weight"]["indicator"]["total_gz"] / 1024)]
    lines.insert(lines.index(next(x for x in lines if "charts re-rendered" in x)) + 1,
                 "| · pages re-rendered / rebuilt by MkDocs | " + " | ".join(
                     f"{r['serve'].get('toolkit_pages_rendered', '–')} / {r['serve'].get('toolkit_pages_built', '–')}"
                     for r in rows) + " |")
    return "\n".join(lines)


def _safe(fn, row):  # type: ignore[no-untyped-def]
    try:
        return fn(row)
    except (KeyError, TypeError, ZeroDivisionError):
        return None


def verdicts(rows: list[dict]) -> list[str]:
    by_n = {r["practices"]: r for r in rows}
    out = []
    r1k = by_n.get(1000)
    if r1k:
        ours = r1k["build"]["load"] + r1k["build"]["generate"]
        share = 100 * ours / r1k["bare"]["total"]
        out.append(_verdict(share <= 10, f"our load+validate+generate ≤ 10 % of the bare MkDocs build at 1,000: "
                            f"{share:.1f} % ({ours:.1f} s of {r1k['bare']['total']:.1f} s)"))
        s = r1k["serve"]
        edit = s["toolkit_edit_median_s"]
        nav = s.get("toolkit_nav_ok") and s.get("toolkit_explorer_updated")
        same = s.get("preview_identical_to_full_build")
        out.append(_verdict(edit <= 2 and nav, f"edit one practice → updated page served ≤ 2 s at 1,000: {edit:.2f} s "
                            f"(mkdocs serve: {fmt_s(s.get('mkdocs_edit_median_s'))}); navigation present: "
                            f"{bool(s.get('toolkit_nav_ok'))}, "
                            f"explorer updated: {bool(s.get('toolkit_explorer_updated'))}, "
                            f"search index updated: {bool(s.get('toolkit_search_updated'))}, served pages identical to "
                            f"MkDocs' full rebuild: {same if same is not None else 'not compared'}"))
    rerendered = [r["serve"].get("toolkit_charts_rerendered", 0) for r in rows]
    warm = [r["build"]["charts_rendered"] for r in rows]
    out.append(_verdict(not any(rerendered) and not any(warm),
                        f"an unchanged chart is never re-rendered: charts re-rendered after a practice edit: "
                        f"{max(rerendered)}; SVGs drawn by a second build: {max(warm)}"))
    r10k = by_n.get(10000)
    if r10k:
        peak = max(r10k["build"]["peak_mb"], r10k["bare"]["peak_mb"])
        out.append(_verdict(peak <= 4096, f"10,000 practices build without error within 4 GB: peak {peak:,.0f} MB; "
                            f"growth exponent of the full build {exponent(rows, lambda r: r['build']['total'])}"))
    else:
        out.append("- **not measured in this run**: 10,000 practices (`--sizes 100,1000,10000`)")
    practice = max(r["weight"]["practice"]["total_gz"] for r in rows) / 1024
    out.append(_verdict(practice <= 150, f"a practice page transfers ≤ 150 KB on first visit (gzip, without the "
                        f"search index): {practice:.0f} KB"))
    vega = all(r["weight"]["vega_only_on_chart_pages"] for r in rows)
    out.append(_verdict(vega and not any(r["weight"]["practice"]["vega"] for r in rows),
                        f"the Vega bundle is loaded only on pages with charts: "
                        f"{rows[-1]['weight']['pages_loading_vega']} pages load it, "
                        f"{rows[-1]['weight']['pages_with_charts']} pages have charts"))
    return out


def fmt_s(value) -> str:  # type: ignore[no-untyped-def]
    return "not measured" if value is None else f"{value:.1f} s"


def _verdict(ok: bool, text: str) -> str:
    return f"- **{'met' if ok else 'NOT met'}**: {text}"


def write_report(rows: list[dict], info: dict, command: str) -> None:
    template = (ROOT / "bench" / "BENCHMARKS.template.md").read_text(encoding="utf-8")
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    growth = "\n".join(
        f"- {name}: {exponent(rows, fn)}" for name, fn in (
            ("`toolkit build` wall time", lambda r: r["build"]["total"]),
            ("our load + validate", lambda r: r["build"]["load"]),
            ("our generation", lambda r: r["build"]["generate"]),
            ("MkDocs/Material", lambda r: r["build"]["mkdocs"]),
            ("bare `mkdocs build`", lambda r: r["bare"]["total"]),
            ("peak memory", lambda r: r["build"]["peak_mb"]),
            ("preview edit → served", lambda r: r["serve"]["toolkit_edit_median_s"]),
        ))
    when = ", ".join(f"{r['practices']:,}: {r['measured_at']}" for r in rows)
    cold = next((r["cold_build"] for r in rows if "cold_build" in r), None)
    cold_line = (f"The first build with an empty chart cache drew {cold['charts_rendered']} SVGs "
                 f"(both languages) and took {cold['total']:.1f} s; every later build reads them from "
                 "`.cache/charts` (later sizes start from that cache: no chart depends on practices)."
                 if cold else "")
    vega = rows[-1]["weight"].get("vega_bundle_kb", {})
    text = template.format(
        command=command, cpu=info["cpu"], cores=info["cores"], memory=info["memory_gb"], os=info["os"],
        python=info["python"], packages=packages, when=when, table=markdown_report(rows, info),
        verdicts="\n".join(verdicts(rows)), growth=growth, cold=cold_line,
        vega_raw=f"{vega.get('raw', 0):.0f}", vega_gz=f"{vega.get('gz', 0):.0f}",
    )
    (ROOT / "BENCHMARKS.md").write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["_worker"]:
        kind, *args = argv[1:]
        print(json.dumps({"build": worker_build, "export": worker_export}[kind](*args)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="practice counts (add 10000 for the big run)")
    parser.add_argument("--repeat", type=int, default=3, help="builds per size (medians); 1 above 1,000")
    parser.add_argument("--edits", type=int, default=5, help="timed preview edits per size (after one warm-up)")
    parser.add_argument("--mkdocs-edits", type=int, default=1, help="timed `mkdocs serve` edits (warm)")
    parser.add_argument("--mkdocs-serve-max", type=int, default=1000,
                        help="largest size at which plain `mkdocs serve` is timed (~25× slower)")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "emt-bench"))
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--report-only", action="store_true", help="rewrite BENCHMARKS.md from bench/results")
    args = parser.parse_args(argv)
    sizes = [] if args.report_only else [int(s) for s in args.sizes.split(",")]
    Path(args.work).mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()
    repeat = args.repeat
    for n in sizes:
        args.repeat = repeat if n <= 1000 else 1
        result = run_size(n, args)
        result["measured_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        result["machine"] = info
        (RESULTS / f"{n}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    rows = sorted((json.loads(p.read_text(encoding="utf-8")) for p in RESULTS.glob("*.json")),
                  key=lambda r: r["practices"])
    print(markdown_report(rows, info))
    print("\n".join(verdicts(rows)))
    command = "make bench  # = .venv/bin/python bench/run.py" + ("" if args.report_only else " " + " ".join(argv))
    write_report(rows, info, command.rstrip())
    print(f"results: {RESULTS}/*.json; report: {ROOT / 'BENCHMARKS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
