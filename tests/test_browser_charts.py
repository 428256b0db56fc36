"""Every chart kind in headless Chromium, on a phone (390 px) and a desktop (1280 px).

Measured in the page, on the interactive chart: every mark and tick label
lies inside the chart's frame, tick labels never overlap, the latest year has
its label, nothing makes the page scroll sideways, and clicking a legend
entry highlights its series. Also: no line crosses the EU's change of
composition, the country profile (summary, trend, rank, practices), the
countries table with and without JavaScript, and the indicator page printed
to PDF. Screenshots go to test-artifacts/ (charts-*.png).

One build of the real site per session; the session's Chromium (conftest.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
WIDTHS = {"phone": 390, "desktop": 1280}

# A page for every chart kind; the naturalisation page has a change of EU composition.
KIND_PAGES = {
    "gap": "en/indicators/employment_rate/",
    "countries": "en/indicators/employment_rate/",
    "gap_by_sex": "en/indicators/employment_rate/",
    "country_profile": "en/countries/nl/",
}
PAGES = sorted({*KIND_PAGES.values(), "en/indicators/naturalisation_rate/", "nl/indicators/median_net_income/"})

MEASURE = """(figure) => {
  const svg = figure.querySelector('.emt-chart-interactive svg');
  const box = e => { const r = e.getBoundingClientRect();
                     return {x: r.left, y: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height}; };
  const shown = e => { for (let n = e; n && n !== svg; n = n.parentNode) {
      const o = n.getAttribute && n.getAttribute('opacity');
      if (o !== null && o !== undefined && parseFloat(o) === 0) return false; }
    return true; };
  const marks = [...svg.querySelectorAll('.role-mark path, .role-mark line, .role-mark text')]
    .filter(shown).map(box).filter(r => r.w + r.h > 0);
  const axes = [...svg.querySelectorAll('.role-axis')].map(axis =>
    [...axis.querySelectorAll('.role-axis-label text')].filter(shown)
      .map(t => ({text: t.textContent, ...box(t)})));
  return {frame: box(figure.querySelector('.emt-chart-frame')), svg: box(svg), marks,
          axes: axes.filter(a => a.length), viewport: document.documentElement.clientWidth,
          scroll: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="session")
def chart_site(site_dir: Path) -> Path:
    return site_dir  # the session's one build (tests/browser_support.py)


@pytest.fixture(scope="session")
def chart_url(base_url: str) -> str:
    return base_url


@pytest.fixture
def open_page(browser, chart_url):
    """open_page(path, width, js=True) -> a loaded page with its interactive charts drawn."""
    contexts = []

    def make(path: str, width: int, js: bool = True):
        context = browser.new_context(base_url=chart_url, viewport={"width": width, "height": 900},
                                       java_script_enabled=js, device_scale_factor=1)
        contexts.append(context)
        errors: list[str] = []
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path, wait_until="load")
        page.wait_for_load_state("networkidle")
        if js and page.locator("figure.emt-chart").count():
            page.wait_for_function(
                "() => [...document.querySelectorAll('figure.emt-chart')]"
                ".every(f => f.querySelector('.emt-chart-interactive svg .role-mark'))")
        page.errors = errors
        return page

    yield make
    for context in contexts:
        context.close()


def _overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (min(a["r"], b["r"]) - max(a["x"], b["x"]) > slack
            and min(a["b"], b["b"]) - max(a["y"], b["y"]) > slack)


def _inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["r"] <= outer["r"] + slack
            and inner["y"] >= outer["y"] - slack and inner["b"] <= outer["b"] + slack)


def _figures(page, kind: str):
    return page.locator(f"figure.emt-chart--{kind.replace('_', '-')}").all()


def _spec(figure) -> dict:
    return json.loads(figure.locator("script.emt-chart-spec").text_content())


# --------------------------------------------------------------------------- fit on every screen


@pytest.mark.parametrize("screen", list(WIDTHS))
@pytest.mark.parametrize("kind", list(KIND_PAGES))
def test_chart_fits_its_frame_with_readable_ticks(kind, screen, open_page):
    page = open_page(KIND_PAGES[kind], WIDTHS[screen])
    figures = _figures(page, kind)
    assert figures, f"no {kind} chart on {KIND_PAGES[kind]}"
    for figure in figures:
        figure.scroll_into_view_if_needed()
        m = figure.evaluate(MEASURE)
        name = figure.get_attribute("id")
        assert m["scroll"] <= m["viewport"] + 1, f"{name}: the page scrolls sideways"
        assert m["svg"]["w"] <= m["frame"]["w"] + 1, f"{name}: chart wider than its frame"
        outside = [r for r in m["marks"] if not _inside(r, m["frame"])]
        assert not outside, f"{name} at {screen}: {len(outside)} marks outside the frame, e.g. {outside[:2]}"
        for labels in m["axes"]:
            for label in labels:
                assert _inside(label, m["frame"]), f"{name}: tick label {label['text']!r} outside the frame"
            clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
                       if _overlap(a, b)]
            assert not clashes, f"{name} at {screen}: overlapping tick labels {clashes}"
        if kind != "countries":
            latest = str(max(row["year"] for row in _spec(figure)["datasets"]["rows"]))
            texts = [label["text"] for labels in m["axes"] for label in labels]
            assert latest in texts, f"{name} at {screen}: the latest year {latest} has no label ({texts})"
    ARTIFACTS.mkdir(exist_ok=True)
    figures[0].screenshot(path=str(ARTIFACTS / f"charts-{kind}-{WIDTHS[screen]}.png"), style=".md-header { visibility: hidden; }")
    assert not page.errors, page.errors


@pytest.mark.parametrize("screen", list(WIDTHS))
@pytest.mark.parametrize("path", PAGES)
def test_whole_pages_render_without_errors(path, screen, open_page):
    page = open_page(path, WIDTHS[screen])
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.strip("/").replace("/", "-")
    page.screenshot(path=str(ARTIFACTS / f"charts-page-{name}-{WIDTHS[screen]}.png"), full_page=True)
    assert not page.errors, page.errors


# --------------------------------------------------------------------------- legends


def _series_opacity(figure) -> dict[str, set[str]]:
    """{stroke colour: opacities} of the plotted marks of the interactive chart."""
    return figure.evaluate("""(figure) => {
      const out = {};
      for (const e of figure.querySelectorAll('.emt-chart-interactive .role-mark.mark-line path,'
                                             + '.emt-chart-interactive .role-mark.mark-symbol path')) {
        const colour = e.getAttribute('stroke');
        (out[colour] = out[colour] || []).push(e.getAttribute('opacity') || '1'); }
      return out; }""")


@pytest.mark.parametrize("screen", list(WIDTHS))
@pytest.mark.parametrize("kind", list(KIND_PAGES))
def test_legend_entries_highlight_their_series(kind, screen, open_page):
    page = open_page(KIND_PAGES[kind], WIDTHS[screen])
    figure = _figures(page, kind)[0]
    entries = figure.locator(".emt-chart-interactive .role-legend-label text").all()
    symbols = figure.locator(".emt-chart-interactive .role-legend-symbol path").all()
    assert len(entries) == 2 and len(symbols) == 2
    colours = [s.get_attribute("stroke") for s in symbols]
    for entry, chosen, other in ((entries[0], colours[0], colours[1]), (entries[1], colours[1], colours[0])):
        entry.evaluate("e => e.scrollIntoView({block: 'center'})")
        box = entry.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(150)
        opacity = _series_opacity(figure)
        assert set(opacity[chosen]) == {"1"}, f"{kind}: the chosen series is dimmed ({opacity})"
        assert set(opacity[other]) == {"0.2"}, f"{kind}: the other series is not dimmed ({opacity})"
    page.set_viewport_size({"width": WIDTHS[screen] + 40, "height": 900})  # Vega redraws
    page.wait_for_timeout(300)
    roles = figure.evaluate("f => [...f.querySelectorAll('.emt-chart-interactive svg [role]')].length")
    assert roles == 0, "a redrawn chart is one image: no unnamed roles inside it"


# --------------------------------------------------------------------------- EU composition


def test_no_line_crosses_the_change_of_eu_composition(open_page):
    page = open_page("en/indicators/naturalisation_rate/", 1280)
    figure = _figures(page, "gap")[0]
    found = figure.evaluate("""(figure) => {
      const svg = figure.querySelector('.emt-chart-interactive svg');
      const xs = {};
      for (const t of svg.querySelectorAll('.role-axis-label text')) {
        if (/^\\d{4}$/.test(t.textContent)) {
          const r = t.getBoundingClientRect(); xs[t.textContent] = r.left + r.width / 2; } }
      const lines = [...svg.querySelectorAll('.role-mark.mark-line path')].map(p => {
        const r = p.getBoundingClientRect(); return [r.left, r.right]; });
      const rule = [...svg.querySelectorAll('.role-mark.mark-rule line')].map(l => l.getBoundingClientRect().left);
      return {xs, lines, rule}; }""")
    x2019, x2020 = found["xs"]["2019"], found["xs"]["2020"]
    assert len(found["lines"]) == 4, found  # two groups, each split at the change
    for left, right in found["lines"]:
        assert not (left <= x2019 + 1 and right >= x2020 - 1), "a line runs from 2019 to 2020"
    assert any(x2019 < x < x2020 for x in found["rule"]), "the change of composition is not marked"
    notes = figure.locator(".emt-chart-notes").inner_text()
    assert "EU-28 up to 2019, EU-27 (2020) from 2020" in notes
    description = figure.locator(".emt-chart-description").inner_text()
    assert "2015" not in description and "In 2020 the gap was" in description


# --------------------------------------------------------------------------- country profiles (issue 17)


@pytest.mark.parametrize("screen", list(WIDTHS))
def test_country_profile_opens_with_a_summary_then_trends_ranks_and_practices(screen, open_page):
    page = open_page("en/countries/nl/", WIDTHS[screen])
    article = page.locator("article")
    order = article.evaluate("""a => [...a.querySelectorAll('.emt-profile-summary, h2, .emt-profile-indicator')]
        .map(e => e.classList.contains('emt-profile-summary') ? 'summary' : e.tagName === 'H2' ? e.id : 'indicator')""")
    assert order[0] == "summary" and order[1] == "indicators" and order[-1] == "practices", order
    assert order.count("indicator") >= 6
    summary = page.locator(".emt-profile-summary").inner_text()
    assert "widest for the employment rate" in summary and "narrowed" in summary and "widened" in summary
    section = page.locator(".emt-profile-indicator").first
    assert re.search(r"\d+ of 27 member states \(2024\)", section.locator(".emt-profile-facts").inner_text())
    assert "higher is better" in section.locator(".emt-profile-facts").inner_text()
    assert section.locator(".emt-chart-interactive svg .role-mark.mark-line").count() >= 1
    legend = section.locator(".emt-chart-interactive .role-legend-label text").all_text_contents()
    assert legend == ["Netherlands", "EU-27 (2020)"]
    link = section.locator(".emt-profile-link a")
    assert link.get_attribute("href").endswith("indicators/employment_rate/")
    assert page.locator("#practices ~ ul.emt-practice-list li").count() >= 1
    page.screenshot(path=str(ARTIFACTS / f"charts-country-profile-top-{WIDTHS[screen]}.png"))
    assert not page.errors, page.errors


def _column(page, index: int) -> list[str | None]:
    return page.evaluate("""(i) => [...document.querySelectorAll('table.emt-overview tbody tr')]
        .map(r => r.cells[i].getAttribute('data-sort'))""", index)


@pytest.mark.parametrize("screen", list(WIDTHS))
def test_countries_table_reads_without_javascript(screen, open_page):
    page = open_page("en/countries/", WIDTHS[screen], js=False)
    table = page.locator("table.emt-overview")
    assert table.is_visible()
    assert table.locator("tbody tr").count() >= 35
    assert table.locator("button").count() == 0, "a control that does nothing without JavaScript"
    header = table.locator("thead th").all_inner_texts()
    assert header[0] == "Country" and any("Employment rate" in h and "2024" in h for h in header)
    row = table.locator("tbody tr", has=page.locator("th a", has_text="Belgium"))
    cells = row.locator("td").all_inner_texts()
    assert "-22.4" in cells  # employment 2024: 51.4 - 73.8
    assert page.locator(".emt-table-scroll[role=region][tabindex='0']").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"charts-overview-table-nojs-{WIDTHS[screen]}.png"))


@pytest.mark.parametrize("screen", list(WIDTHS))
def test_countries_table_sorts_where_javascript_runs(screen, open_page):
    page = open_page("en/countries/", WIDTHS[screen])
    buttons = page.locator("table.emt-overview thead th button")
    assert buttons.count() == page.locator("table.emt-overview thead th").count()
    employment = page.locator("table.emt-overview thead th",
                              has=page.locator(".emt-th-title", has_text=re.compile("^Employment rate$")))
    index = employment.evaluate("th => th.cellIndex")
    employment.locator("button").click()
    assert employment.get_attribute("aria-sort") == "ascending"
    values = _column(page, index)
    numbers = [float(v) for v in values if v is not None]
    assert numbers == sorted(numbers) and numbers[0] < 0
    assert values[len(numbers):] == [None] * (len(values) - len(numbers)), "empty cells come last"
    assert "ascending" in page.locator(".emt-sort-status").inner_text()
    employment.locator("button").press("Enter")  # keyboard too
    assert employment.get_attribute("aria-sort") == "descending"
    numbers = [float(v) for v in _column(page, index) if v is not None]
    assert numbers == sorted(numbers, reverse=True)
    country = page.locator("table.emt-overview thead th").first
    country.locator("button").click()
    names = _column(page, 0)
    assert names == sorted(names, key=str.casefold) and country.get_attribute("aria-sort") == "ascending"
    assert employment.get_attribute("aria-sort") is None
    page.screenshot(path=str(ARTIFACTS / f"charts-overview-table-js-{WIDTHS[screen]}.png"))
    assert not page.errors, page.errors


# --------------------------------------------------------------------------- print


def test_indicator_page_prints_as_a_handout(open_page):
    page = open_page("en/indicators/employment_rate/", 1280)
    pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "charts-indicator-print.pdf").write_bytes(pdf)
    # The same layout, measured: A4 less the margins is 180 mm, about 680 px.
    page.set_viewport_size({"width": 680, "height": 1000})
    page.emulate_media(media="print")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    fit = page.evaluate("""() => {
      const article = document.querySelector('article').getBoundingClientRect();
      return [...document.querySelectorAll('figure.emt-chart')].map(f => {
        const t = f.querySelector('table.emt-chart-table');
        const cells = [...t.querySelectorAll('td, th')];
        return {id: f.id, right: t.getBoundingClientRect().right, article: article.right,
                clipped: cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent).slice(0, 3),
                svg: f.querySelector('.emt-chart-static svg').getBoundingClientRect().right,
                static: getComputedStyle(f.querySelector('.emt-chart-static')).display,
                source: getComputedStyle(f.querySelector('.emt-chart-source')).display,
                description: getComputedStyle(f.querySelector('.emt-chart-description')).display}; }); }""")
    assert len(fit) == 3
    for chart in fit:
        assert chart["right"] <= chart["article"] + 1, f"{chart['id']}: the table is wider than the page"
        assert chart["svg"] <= chart["article"] + 1, f"{chart['id']}: the chart is wider than the page"
        assert not chart["clipped"], f"{chart['id']}: cut cells {chart['clipped']}"
        assert chart["static"] == "block" and chart["source"] != "none" and chart["description"] != "none"
    assert pages <= 12, f"the handout has {pages} pages"
