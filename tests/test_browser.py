"""End-to-end checks of the built site in headless Chromium.

One build per session (into a tmp dir), served by a threaded http.server on
127.0.0.1; one browser for every test. Chromium is Debian's /usr/bin/chromium
(Playwright's own browser download is not used). These tests never skip: a
missing browser is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser_support import (  # noqa: F401
    ARTIFACTS,
    AXE_TAGS,
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    _QuietHandler,
    goto,
    serving,
    serving_with_policy,
)

pytestmark = pytest.mark.browser

# Every page type, relative to the site root (the folder holding en/ and nl/).
PAGES = {
    "home": "en/",
    "modules": "en/modules/",
    "module": "en/modules/introduction-and-language-courses/",
    "component": "en/modules/host-society-commitment/#local-and-multilevel-integration-strategies",
    "practice": "en/practices/inti-cities/",
    "explorer": "en/practices/",
    "by-country": "en/practices/by-country/",
    "recommendations": "en/recommendations/",
    "indicators": "en/indicators/",
    "indicator": "en/indicators/employment_rate/",
    "country": "en/countries/nl/",
    "target-groups": "en/target-groups/",
    "search": "en/?q=Rotterdam",
    "nl-home": "nl/",
    "nl-practice": "nl/practices/inti-cities/",
}


# --------------------------------------------------------------------------- load, console, network


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_errors_and_stays_on_origin(name, new_context, base_url):
    context, recorder = new_context()
    page = goto(context, PAGES[name])
    assert page.locator("h1").first.is_visible(), f"{name}: no visible h1"
    page.wait_for_timeout(200)  # late console messages (search worker, charts)
    assert not recorder.errors, f"{name}: console errors:\n" + "\n".join(recorder.errors)
    foreign = [
        url
        for url in recorder.requests
        if not (url.startswith(base_url) or url.startswith(("data:", "blob:")))
    ]
    assert recorder.requests, f"{name}: no request recorded"
    assert not foreign, f"{name}: requests to other origins:\n" + "\n".join(foreign)


# --------------------------------------------------------------------------- search


def test_search_finds_practice_and_opens_it(new_context):
    context, recorder = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, "en/")
    page.locator("label.md-search__icon[for='__search'], .md-search__input").first.click()
    query = page.locator("input.md-search__input")
    query.focus()
    query.press_sequentially("Rotterdam", delay=30)
    hit = page.locator(".md-search-result__item a[href*='practices/inti-cities/']").first
    hit.wait_for(state="visible")
    assert "INTI-Cities" in page.locator(".md-search-result").inner_text()
    hit.click()
    page.wait_for_url("**/practices/inti-cities/**")
    assert urlsplit(page.url).path.endswith("/en/practices/inti-cities/")
    assert "INTI-Cities" in page.locator("h1").inner_text()
    assert not recorder.errors, "\n".join(recorder.errors)


# --------------------------------------------------------------------------- explorer


def _visible_practices(page) -> list[str]:
    """data-country of each shown practice item (a practice may be listed per country)."""
    return page.eval_on_selector_all(
        ".emt-practice",
        "items => items.filter(i => i.offsetParent !== null).map(i => i.dataset.country)",
    )


def _distinct_practices(page, visible_only: bool) -> int:
    return page.eval_on_selector_all(
        ".emt-practice > a",
        "(links, visibleOnly) => new Set(links"
        ".filter(a => !visibleOnly || a.offsetParent !== null)"
        ".map(a => a.getAttribute('href'))).size",
        visible_only,
    )


def test_explorer_filters_by_country_and_keeps_state_in_url(new_context):
    context, recorder = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, "en/practices/")
    form = page.locator("form.emt-facets")
    assert form.is_visible(), "the facet form stays hidden with JavaScript on"
    total = page.locator(".emt-practice").count()
    assert len(_visible_practices(page)) == total, "before filtering all practices show"

    spain = page.locator("input[name='country'][value='ES']")
    spain.check()
    visible = _visible_practices(page)
    assert visible, "no practice left after choosing Spain"
    assert len(visible) < total
    assert all("ES" in countries.split() for countries in visible), visible
    assert parse_qs(urlsplit(page.url).query).get("country") == ["ES"], page.url
    status = page.locator("[data-result-count]")
    shown, distinct = _distinct_practices(page, True), _distinct_practices(page, False)
    assert status.is_visible()
    assert f"{shown} of {distinct}" in status.inner_text(), status.inner_text()

    page.reload(wait_until="load")
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name='country'][value='ES']").is_checked()
    assert _visible_practices(page) == visible

    page.get_by_role("button", name="Clear all filters").click()
    page.wait_for_function(
        "n => [...document.querySelectorAll('.emt-practice')]"
        ".filter(i => i.offsetParent !== null).length === n",
        arg=total,
    )
    assert not page.locator("input[name='country'][value='ES']").is_checked()
    assert "country=" not in page.url
    assert not recorder.errors, "\n".join(recorder.errors)


def test_explorer_keyboard(new_context):
    context, _ = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, "en/practices/")
    page.locator("#emt-text").focus()
    target = page.locator("input[name='country']").first
    for _ in range(5):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the first country checkbox is not reached by Tab from the text filter")
    focus = target.evaluate("el => getComputedStyle(el).outlineStyle")
    assert focus != "none", "the focused checkbox shows no focus outline"
    page.keyboard.press("Space")
    assert target.is_checked()
    value = target.get_attribute("value")
    assert parse_qs(urlsplit(page.url).query).get("country") == [value]
    page.keyboard.press("Space")
    assert not target.is_checked()


# --------------------------------------------------------------------------- charts


def test_indicator_chart_is_interactive_with_js(new_context):
    context, recorder = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, PAGES["indicator"])
    figure = page.locator("figure.emt-chart").first
    figure.locator(".emt-chart-interactive svg").first.wait_for(state="visible")
    assert figure.locator(".emt-chart-interactive").is_visible()
    assert figure.locator(".emt-chart-static").is_hidden()
    assert figure.locator(".emt-chart-interactive svg[role='img']").first.get_attribute(
        "aria-label"
    )
    assert not recorder.errors, "\n".join(recorder.errors)


def test_indicator_chart_without_js(new_context):
    context, _ = new_context(java_script_enabled=False)
    page = goto(context, PAGES["indicator"])
    figure = page.locator("figure.emt-chart").first
    assert figure.locator(".emt-chart-static svg[role='img']").is_visible()
    assert figure.locator(".emt-chart-interactive").is_hidden()
    assert figure.locator(".emt-chart-data table tbody tr").count() > 0
    assert figure.locator(".emt-chart-data summary").is_visible()


# --------------------------------------------------------------------------- accessibility


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = (node.get("failureSummary") or "").replace("\n", " | ")
            lines.append(f"    {node['target']}: {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more nodes")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_wcag21aa(name, scheme, new_context, axe):
    context, _ = new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = goto(context, PAGES[name], idle=False)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    if name == "search":
        page.locator("input.md-search__input").fill("")
        page.locator("input.md-search__input").focus()
        page.locator("input.md-search__input").press_sequentially("Rotterdam")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
    if name == "indicator":
        page.locator(".emt-chart-interactive svg").first.wait_for(state="visible")
    page.wait_for_timeout(150)  # Material's transitions (header, palette) settle
    results = axe.run(
        page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    assert not violations, f"{name} ({scheme}): axe violations\n{_format_violations(violations)}"


# --------------------------------------------------------------------------- print


@pytest.mark.parametrize("name", ["module", "indicator"])
def test_print_layout(name, new_context):
    context, _ = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, PAGES[name])
    if name == "indicator":
        page.locator(".emt-chart-interactive svg").first.wait_for(state="visible")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    for sidebar in page.locator(".md-sidebar").all():
        assert sidebar.is_hidden()
    assert page.locator("article h1").is_visible()
    if name == "indicator":
        assert page.locator(".emt-chart-static svg").first.is_visible()
        assert page.locator(".emt-chart-interactive").first.is_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


# --------------------------------------------------------------------------- screenshots


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots(width, new_context):
    ARTIFACTS.mkdir(exist_ok=True)
    context, recorder = new_context(
        viewport={"width": width, "height": 900 if width > 500 else 844},
        device_scale_factor=1,
    )
    for name in ("home", "explorer", "indicator"):
        page = goto(context, PAGES[name])
        if name == "indicator":
            page.locator(".emt-chart-interactive svg").first.wait_for(state="visible")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{name} at {width}px scrolls sideways by {overflow}px"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        page.close()
    assert not recorder.errors, "\n".join(recorder.errors)


# --------------------------------------------------------------------------- languages


@pytest.mark.parametrize("word", ["taalcursussen", "taalcursus"])
def test_dutch_search_uses_dutch_stemming(word, new_context):
    context, recorder = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, "nl/")
    page.locator("label.md-search__icon[for='__search'], .md-search__input").first.click()
    query = page.locator("input.md-search__input")
    query.focus()
    query.press_sequentially(word, delay=30)
    hit = page.locator(".md-search-result__item a[href*='modules/introduction-and-language-courses/']").first
    hit.wait_for(state="visible")
    assert not recorder.errors, "\n".join(recorder.errors)


def test_language_switch_keeps_the_practice(new_context):
    context, recorder = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, "en/practices/inti-cities/")
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link[hreflang='nl']").first.click()
    page.wait_for_url("**/nl/practices/inti-cities/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text().strip()
    assert "Doelgroepen" in page.content()  # Dutch UI label
    assert not recorder.errors, "\n".join(recorder.errors)


# --------------------------------------------------------------------------- content security policy


@pytest.fixture(scope="session")
def csp_url(site_dir: Path) -> Iterator[str]:
    """The same site served with the documented Content-Security-Policy header."""
    from generator.publish.csp import content_security_policy

    policy = content_security_policy(site_dir)
    assert "unsafe-eval" not in policy and "script-src 'self' 'sha256-" in policy
    with serving_with_policy(site_dir) as url:
        yield url


@pytest.mark.parametrize("path", ["en/indicators/employment_rate/", "en/countries/nl/", "en/practices/", "nl/"])
def test_site_works_under_the_documented_csp(path, browser, csp_url):
    context = browser.new_context(base_url=csp_url)
    try:
        context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(path, wait_until="load")
        page.wait_for_load_state("networkidle")
        if "indicators" in path or "countries" in path:
            page.locator(".emt-chart-interactive svg").first.wait_for(state="visible")
        if path == "en/practices/":
            assert page.locator("form.emt-facets").is_visible()
        assert page.evaluate("window.__csp") == []
        assert errors == []
    finally:
        context.close()


# --------------------------------------------------------------------------- offline copy


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("offline-site") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--offline", "--site-dir", str(target)],
        cwd=REPO, capture_output=True, text=True, timeout=900,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"offline build failed:\n{result.stdout}\n{result.stderr}"
    return target


def test_offline_copy_works_from_the_file_system(browser, offline_site: Path):
    context = browser.new_context()
    try:
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.goto((offline_site / "index.html").as_uri())
        page.wait_for_url("**/en/index.html")
        page.locator("label.md-search__icon[for='__search'], .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially("Rotterdam", delay=30)
        page.locator(".md-search-result__item a[href*='practices/inti-cities.html']").first.wait_for(state="visible")
        page.goto((offline_site / "en/indicators/employment_rate.html").as_uri())
        page.locator(".emt-chart-interactive svg").first.wait_for(state="visible")
        assert [url for url in requests if not url.startswith("file://")] == []
    finally:
        context.close()


def test_home_page_shows_a_headline_figure_with_its_source(new_context):
    context, _ = new_context()
    page = goto(context, "en/", idle=False)
    text = page.locator(".emt-headline").inner_text()
    assert "non-EU citizens" in text and "percentage points" in text
    assert "Source: Eurostat (lfsa_ergan)" in text
