"""Page rendering without MkDocs: golden pages, sanitizing, literal template syntax."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.project import Project
from generator.render.site import render_site
from generator.render.text import render_markdown
from generator.sources import load_project
from tests.golden import GOLDEN_DIR, GOLDEN_PAGES, rendered_pages

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("src_path", GOLDEN_PAGES)
def test_pages_match_golden_files(src_path: str, tmp_path: Path) -> None:
    pages = rendered_pages(REPO / ".cache")
    expected = (GOLDEN_DIR / src_path).read_text(encoding="utf-8")
    assert pages[src_path] == expected, f"{src_path} differs from its golden file: run `make golden` and review"


ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://example.org"></iframe>',
    '<a href="#" onclick="alert(1)">x</a>',
    "<svg onload=alert(1)>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_markdown_output_has_nothing_executable(attack: str) -> None:
    html = render_markdown(f"Text {attack} more").lower()
    for needle in ("<script", "onerror", "onclick", "onload", "javascript:", "data:text", "<iframe", "<svg"):
        assert needle not in html, (needle, html)


def test_template_syntax_in_content_stays_literal() -> None:
    assert render_markdown("{{ 7*7 }} and {% if x %}y{% endif %}") == (
        "<p>{{ 7*7 }} and {% if x %}y{% endif %}</p>"
    )


def test_heading_text_cannot_inject_markdown_or_html(sample_project: Path) -> None:
    """Titles reach the page as escaped text in HTML headings: no Markdown pass
    can read `*b*`, `[c](d)` or `{#e}` in them, and `<i>` stays text."""
    path = sample_project / "content/practices/sample-practice.yml"
    path.write_text(path.read_text().replace("title: Sample practice in Testville", 'title: "A *b* [c](d) {#e} <i>"'))
    loaded = load_project(_project(sample_project))
    assert loaded.ok, [p.format() for p in loaded.problems.errors]
    page = next(p for p in render_site(loaded, "en").pages if p.src_path == "practices/sample-practice.md")
    assert "<h1>A *b* [c](d) {#e} &lt;i&gt;</h1>" in page.html
    assert page.title == "A *b* [c](d) {#e} <i>"  # plain text; escaped where MkDocs prints it


class _Executable(HTMLParser):
    """Collects what a browser would run: script-like elements, event
    handlers and javascript:/data: URLs (escaped text is not collected)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "svg"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"{tag}[{name}={value}]")


def executable_parts(html: str) -> list[str]:
    parser = _Executable()
    parser.feed(html)
    return parser.found


MARKDOWN_FIELDS = ("summary", "challenge", "how_it_works", "results", "evaluation")


def _project(root: Path) -> Project:
    return Project.from_options(root, content_dir="content", data_dir="data", cache_dir=str(REPO / ".cache"))


def test_every_markdown_field_of_a_practice_is_sanitized(sample_project: Path) -> None:
    path = sample_project / "content/practices/sample-practice.yml"
    text = path.read_text()
    payload = " ".join(a.replace('"', "'") for a in ATTACKS) + " {{ 7*7 }} {% raw %}"
    body = "".join(f"{name}: |\n  {payload}\n" for name in MARKDOWN_FIELDS[1:])
    text = text.replace("summary: |\n  A synthetic practice located in Testville.\n", f"summary: |\n  {payload}\n{body}")
    text = text.replace("title: Sample practice in Testville", 'title: "</script><script>alert(1)</script> {{ 7*7 }}"')
    path.write_text(text)
    loaded = load_project(_project(sample_project))
    # `toolkit check` names the javascript: and data: links of every field…
    refused = {(p.field, p.message.split("'")[1]) for p in loaded.problems.errors}
    assert refused == {(name, target) for name in MARKDOWN_FIELDS
                       for target in ("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "#")}
    # …and rendering anyway still leaves nothing executable (the sanitizer is the second line)
    page = next(p for p in render_site(loaded, "en").pages if p.src_path == "practices/sample-practice.md")
    assert executable_parts(page.html) == []
    assert page.html.count("{{ 7*7 }}") >= len(MARKDOWN_FIELDS) + 1
    assert "{% raw %}" in page.html
