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
