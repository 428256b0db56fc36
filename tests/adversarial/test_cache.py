"""The build caches are verified or bypassed, never trusted and never fatal."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from generator.render.markdown_store import _SCHEMA, MarkdownStore, _renderer_key
from tests.adversarial.conftest import build
from tests.test_render import executable_parts

pytestmark = pytest.mark.slow

SUMMARY = "A synthetic practice located in Testville."


def _key(source: str) -> str:
    return hashlib.sha256((_renderer_key() + source).encode()).hexdigest()


def _practice_html(project: Path) -> str:
    page = (project / "site/practices/sample-practice/index.html").read_text()
    return page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("payload", ["<script>alert('cache')</script>", '<img src=x onerror="alert(1)">',
                                     '<a href="javascript:alert(1)">x</a>'])
def test_a_poisoned_entry_with_a_valid_checksum_cannot_put_markup_on_a_page(payload: str, project: Path) -> None:
    """Someone who can write the cache can compute its checksums too; what is
    read is sanitized again, so the page stays safe."""
    database = project / ".cache/markdown.sqlite"
    key = _key(SUMMARY)
    html = f"<p>{payload} poisoned</p>"
    with sqlite3.connect(database) as db:
        checksum = hashlib.sha256(f"{key}\n{html}".encode()).hexdigest()
        db.execute(f"INSERT OR REPLACE INTO html_v{_SCHEMA} VALUES (?, ?, ?)", (key, html, checksum))
    result = build(project)
    assert result.returncode == 0, result.stderr
    main = _practice_html(project)
    assert "poisoned" in main  # the entry was used …
    assert executable_parts(main) == []  # … and nothing in it runs


def test_an_entry_that_fails_its_checksum_is_discarded(project: Path) -> None:
    database = project / ".cache/markdown.sqlite"
    key = _key(SUMMARY)
    with sqlite3.connect(database) as db:
        db.execute(f"UPDATE html_v{_SCHEMA} SET value = ? WHERE key = ?", ("<p>tampered</p>", key))
    assert build(project).returncode == 0
    assert "tampered" not in _practice_html(project) and SUMMARY in _practice_html(project)


@pytest.mark.parametrize("damage", ["corrupt", "locked", "read-only folder", "a folder in its place"])
def test_a_damaged_cache_is_bypassed_with_a_warning(damage: str, project: Path) -> None:
    database = project / ".cache/markdown.sqlite"
    locker = None
    if damage == "corrupt":
        database.write_bytes(b"this is not a database" * 100)
    elif damage == "locked":
        locker = subprocess.Popen([sys.executable, "-c", (
            "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None);"
            "db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(60)"), str(database)],
            stdout=subprocess.PIPE, text=True)
        assert locker.stdout.readline().strip() == "locked"
    elif damage == "read-only folder":  # and a text it has not seen, so it must write
        practice = project / "content/practices/sample-practice.yml"
        practice.write_text(practice.read_text().replace(SUMMARY, SUMMARY + " New."))
        subprocess.run(["mount", "--bind", "-o", "ro", str(project / ".cache"), str(project / ".cache")], check=True)
    else:
        database.unlink()
        database.mkdir()
    try:
        result = build(project)
    finally:
        if locker:
            locker.kill()
        if damage == "read-only folder":
            subprocess.run(["umount", "-l", str(project / ".cache")], check=False)
    assert result.returncode == 0, result.stderr
    assert "Markdown cache" in result.stderr and "Traceback" not in result.stderr
    assert SUMMARY in _practice_html(project)


def test_the_cache_answers_like_a_fresh_render(tmp_path: Path) -> None:
    store = MarkdownStore(tmp_path)
    first = store.render("Some *text* <script>x</script>")
    store.close()
    again = MarkdownStore(tmp_path)
    assert again.render("Some *text* <script>x</script>") == first and again.hits == 1
    again.close()


def _chart_pages(project: Path) -> list[str]:
    """The article of every page with a chart (the theme's own scripts aside)."""
    pages = [p.read_text() for p in (project / "site").rglob("index.html")]
    return [page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
            for page in pages if "emt-chart-static" in page]


@pytest.mark.parametrize("payload", [
    '<script>alert("svg")</script>',
    '<g onload="alert(1)"></g>',
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
    '<a href="javascript:alert(1)"><text>x</text></a>',
    '<rect fill="url(https://tracker.example/p.png)"/>',
    "<!-- cut short",
])
def test_a_cached_chart_picture_with_active_content_is_drawn_again(payload: str, project: Path) -> None:
    """The SVG cache is read back like any other input: a file that is more
    than a plain drawing (or cut short) is replaced by a fresh rendering."""
    svgs = sorted((project / ".cache/charts").glob("*.svg"))
    assert svgs, "the sample project has charts"
    clean = {svg.name: svg.read_text() for svg in svgs}
    clean_pages = _chart_pages(project)
    for svg in svgs:
        svg.write_text(clean[svg.name].replace("</svg>", payload + "</svg>", 1) if "cut" not in payload
                       else clean[svg.name][: len(clean[svg.name]) // 2] + payload)
    result = build(project)
    assert result.returncode == 0, result.stderr
    pages = _chart_pages(project)
    assert pages and all(payload not in page for page in pages)
    assert pages == clean_pages  # exactly what a clean build gives
    assert {svg.name: svg.read_text() for svg in svgs} == clean  # rendered again and stored again


def test_a_cached_chart_template_that_loads_from_elsewhere_is_made_again(project: Path) -> None:
    for stored in (project / ".cache/charts/templates").glob("*.json"):
        stored.write_text(stored.read_text().replace('{"config"', '{"data": {"url": "https://tracker.example/x.csv"}, "config"', 1))
    assert build(project).returncode == 0
    assert not any("tracker.example" in page for page in _chart_pages(project))


def test_a_damaged_vega_bundle_is_bundled_again(project: Path) -> None:
    (bundle,) = (project / ".cache").glob("vega-bundle-*.js")
    whole = bundle.read_text()
    bundle.write_text(whole[: len(whole) // 3])
    assert build(project).returncode == 0
    assert (project / "site/assets/vega-bundle.js").read_text() == whole == bundle.read_text()


def test_a_read_only_chart_cache_costs_speed_not_the_build(project: Path) -> None:
    cache = project / ".cache"
    for svg in (cache / "charts").glob("*.svg"):
        svg.unlink()  # so the build must render, and would write
    for stored in (cache / "charts/templates").glob("*.json"):
        stored.unlink()
    subprocess.run(["mount", "--bind", "-o", "ro", str(cache), str(cache)], check=True)
    try:
        result = build(project)
    finally:
        subprocess.run(["umount", "-l", str(cache)], check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and _chart_pages(project)
