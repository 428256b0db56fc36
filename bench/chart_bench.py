"""Chart cost over the bundled indicators and countries, per chart and in total.

Run: .venv/bin/python bench/chart_bench.py [--repeat N] [--builds N]

Over every indicator page and every country profile in both bundled
languages (en, nl), as `toolkit build` makes them:

- spec: building the charts (selection, records, sentences, Vega-Lite spec,
  table, CSV), no SVG; the best of N runs, so it is a cost of our code, not
  of a busy machine;
- svg cold: the same with an empty SVG cache (vl-convert renders each one,
  one at a time);
- svg cached: the same again, SVGs read from the cache;
- build: `toolkit build` of the bundled site in a fresh copy, first with an
  empty cache (every SVG rendered), then again with --force (everything
  cached, past the up-to-date shortcut); the best of N copies.

Prints ms per chart for each chart kind (a call that makes several charts
is shared out evenly among them), and the totals in seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.charts import RENDER_STATS, build_country_profile, build_indicator_charts  # noqa: E402
from generator.charts.select import ObservationIndex  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.render.indicators import country_codes  # noqa: E402
from generator.sources import load_project, model_for  # noqa: E402

LANGUAGES = ("en", "nl")


def all_charts(loaded, cache_dir: Path | None) -> tuple[list, dict[str, list[float]]]:
    """Every chart of the site; {kind: [seconds per chart of that call]}."""
    charts, times = [], defaultdict(list)
    for language in LANGUAGES:
        model = model_for(loaded, language)
        catalogue = loaded.catalogues.get(language)
        _ = catalogue.gettext if catalogue else str
        figures = ObservationIndex(model.observations)
        calls = [partial(build_indicator_charts, i, figures, language, _, (), cache_dir, model.datasets)
                 for i in model.indicators]
        charted = [i for i in model.indicators if i.series]
        calls += [partial(profile_charts, c, charted, figures, language, _, cache_dir, model.datasets)
                  for c in country_codes(model, ())]
        for call in calls:
            start = time.perf_counter()
            made = call()
            elapsed = time.perf_counter() - start
            for chart in made:
                times[chart.kind].append(elapsed / len(made))
            charts += made
    return charts, times


def profile_charts(*args) -> list:  # type: ignore[no-untyped-def]
    """A country profile's charts (its summary, rank and flags included in the time)."""
    return [section.chart for section in build_country_profile(*args).sections]


def report(name: str, times: dict[str, list[float]]) -> float:
    total = sum(sum(t) for t in times.values())
    count = sum(len(t) for t in times.values())
    print(f"\n{name}")
    print(f"  {'kind':18} {'charts':>6} {'mean ms':>8} {'median ms':>10} {'total s':>8}")
    for kind, values in sorted(times.items()):
        print(f"  {kind:18} {len(values):6} {statistics.mean(values) * 1000:8.2f} "
              f"{statistics.median(values) * 1000:10.2f} {sum(values):8.3f}")
    print(f"  {'all':18} {count:6} {total / count * 1000:8.2f} {'':10} {total:8.3f}")
    return total


def timed_builds(copies: int) -> tuple[float, float]:
    """Best wall time of `toolkit build`, cold (empty cache) and warm, over fresh copies."""
    cold, warm = [], []
    toolkit = Path(sys.executable).with_name("toolkit")
    for _ in range(copies):
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "project"
            project.mkdir()
            for name in ("content", "data", "docs", "mkdocs.yml"):
                source = ROOT / name
                (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
            for times, flags in ((cold, []), (warm, ["--force"])):  # --force: the whole build, caches warm
                start = time.perf_counter()
                subprocess.run([str(toolkit), "build", "--site-dir", str(Path(tmp) / "site"), *flags], cwd=project,
                               check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
                times.append(time.perf_counter() - start)
    return min(cold), min(warm)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="spec runs; the best counts")
    parser.add_argument("--builds", type=int, default=1, help="fresh copies built (0: none); the best counts")
    args = parser.parse_args()
    project = Project.from_options(ROOT, content_dir="content", data_dir="data",
                                   languages=LANGUAGES)
    loaded = load_project(project)
    if not loaded.ok:
        print("\n".join(p.format() for p in loaded.problems.errors))
        return 1
    all_charts(loaded, None)  # imports, templates, caches: not a per-chart cost
    best: dict[str, list[float]] | None = None
    for _ in range(args.repeat):
        _charts, times = all_charts(loaded, None)
        if best is None or sum(map(sum, times.values())) < sum(map(sum, best.values())):
            best = times
    spec_total = report(f"spec building (no SVG), best of {args.repeat}", best or {})
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        before = dict(RENDER_STATS)
        _charts, cold = all_charts(loaded, cache)
        cold_total = report("with SVG, cold cache", cold)
        _charts, warm = all_charts(loaded, cache)
        warm_total = report("with SVG, cached", warm)
        rendered = RENDER_STATS["rendered"] - before["rendered"]
    print(f"\nobservations: {len(loaded.observations)}; SVGs rendered: {rendered}")
    print(f"totals: spec {spec_total:.2f} s, cold {cold_total:.2f} s, cached {warm_total:.2f} s")
    if args.builds:
        cold_build, warm_build = timed_builds(args.builds)
        print(f"toolkit build (en, nl), best of {args.builds}: first {cold_build:.1f} s, again {warm_build:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
