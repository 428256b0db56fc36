"""Per-chart build time, cold (empty SVG cache) and cached, over the bundled indicators.

Run: .venv/bin/python bench/chart_bench.py [language]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.charts import RENDER_STATS, build_indicator_charts  # noqa: E402
from generator.problems import Problems  # noqa: E402


def main(language: str = "en") -> int:
    try:
        from generator.data.load import load_observations
    except ImportError:
        print("generator.data.load.load_observations is not available yet: skipped")
        return 0
    problems = Problems()
    observations = load_observations(ROOT / "data", problems, ROOT)
    indicators = [yaml.safe_load(p.read_text(encoding="utf-8"))
                  for p in sorted((ROOT / "data" / "indicators").glob("*.yml"))]
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        # vl-convert's one-off start-up (~1 s) is not a per-chart cost.
        warm_up = next(i for i in indicators if i.get("series"))
        build_indicator_charts(warm_up, observations, language, str, cache_dir=cache)
        for svg in cache.glob("*.svg"):
            svg.unlink()
        rows = []
        for indicator in indicators:
            for phase in ("cold", "cached"):
                start = time.perf_counter()
                charts = build_indicator_charts(indicator, observations, language, str,
                                                cache_dir=cache)
                elapsed = time.perf_counter() - start
                if charts:
                    rows.append((indicator["id"], phase, len(charts), elapsed / len(charts)))
    print(f"{'indicator':28} {'charts':>6} {'cold ms/chart':>14} {'cached ms/chart':>16} "
          f"{'ratio':>6}")
    cold = {i: (n, t) for i, p, n, t in rows if p == "cold"}
    warm = {i: t for i, p, n, t in rows if p == "cached"}
    for ident, (n, t) in cold.items():
        print(f"{ident:28} {n:6} {t * 1000:14.1f} {warm[ident] * 1000:16.1f} "
              f"{t / warm[ident]:6.1f}")
    total_cold = sum(n * t for n, t in cold.values())
    total_warm = sum(cold[i][0] * warm[i] for i in warm)
    n = sum(n for n, _ in cold.values())
    print(f"{'all':28} {n:6} {total_cold / n * 1000:14.1f} {total_warm / n * 1000:16.1f} "
          f"{total_cold / total_warm:6.1f}")
    print(f"renders: {RENDER_STATS}  (observations: {len(observations)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
