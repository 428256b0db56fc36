"""The rendered-Markdown cache: keyed by text and renderer, stable across processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.render.markdown_store import MarkdownStore
from generator.render.text import render_markdown


def test_cached_html_equals_fresh_rendering(tmp_path: Path) -> None:
    source = "Some *text* with <script>x</script> and [a link](javascript:alert(1))."
    first = MarkdownStore(tmp_path)
    assert first.render(source) == render_markdown(source)
    first.close()
    second = MarkdownStore(tmp_path)
    assert second.render(source) == render_markdown(source)
    assert (second.hits, second.misses) == (1, 0)
    second.close()


def test_cache_key_does_not_depend_on_the_hash_seed() -> None:
    code = "from generator.render.markdown_store import _renderer_key; print(_renderer_key())"
    keys = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONHASHSEED": seed}, check=True
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1
