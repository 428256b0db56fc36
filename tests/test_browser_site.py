"""The site practitioners expect (issue 17), in headless Chromium: the reader
pages in both languages, the downloads checked against content and data,
the explorer with and without JavaScript and on a phone, and stemmed search.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import pytest

from generator.project import Project
from generator.sources import load_project, model_for
from tests.browser_support import ARTIFACTS, goto

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]

READER_PAGES = {
    "about": ("about/", "About this toolkit", "Over deze toolkit"),
    "propose": ("propose/", "Propose a practice", "Een praktijk voorstellen"),
    "glossary": ("glossary/", "Glossary", "Woordenlijst"),
    "whats-new": ("whats-new/", "What's new", "Wat is er nieuw"),
    "downloads": ("downloads/", "Downloads", "Downloads"),
}


@pytest.fixture(scope="module")
def model_en():  # type: ignore[no-untyped-def]
    loaded = load_project(Project.from_options(REPO, content_dir="content", data_dir="data",
                                               cache_dir=str(REPO / ".cache")))
    return model_for(loaded, "en")


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("name", list(READER_PAGES))
def test_reader_pages_exist_in_every_language(name: str, language: str, new_context, axe) -> None:  # type: ignore[no-untyped-def]
    path, title_en, title_nl = READER_PAGES[name]
    context, recorder = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, f"{language}/{path}")
    assert page.locator("h1").inner_text().strip() == (title_en if language == "en" else title_nl)
    assert page.locator("html").get_attribute("lang") == language
    nav = page.locator("nav.md-nav--primary").inner_text()
    assert (title_en if language == "en" else title_nl) in nav or name == "whats-new"
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.response["violations"] == [], [v["id"] for v in results.response["violations"]]
    assert not recorder.errors, recorder.errors
    if language == "en":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"reader-{name}-1280.png"), full_page=True)


def test_propose_page_gives_the_template_and_says_when_no_contact_is_configured(new_context) -> None:  # type: ignore[no-untyped-def]
    context, _ = new_context()
    page = goto(context, "en/propose/")
    template = page.locator("a[download][href$='practice-template.yml']")
    assert template.count() == 1
    text = page.locator("article").inner_text()
    assert "has not given a contact or a repository" in text  # the default site configures none


def test_whats_new_lists_practices_newest_first(new_context, model_en) -> None:  # type: ignore[no-untyped-def]
    context, _ = new_context()
    page = goto(context, "en/whats-new/")
    dates = page.eval_on_selector_all("article time", "times => times.map(t => t.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True)
    from generator.render.site import WHATS_NEW_LIMIT

    assert len(dates) == min(WHATS_NEW_LIMIT, sum(1 for p in model_en.practices if p.updated))


def _download(base_url: str, path: str) -> bytes:
    with urlopen(base_url + path) as response:  # noqa: S310 - our own local server
        return response.read()


def test_practice_downloads_hold_every_practice(base_url: str, model_en) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(_download(base_url, "en/downloads/practices.csv").decode())))
    document = json.loads(_download(base_url, "en/downloads/practices.json"))
    by_id = {p.id: p for p in model_en.practices}
    assert len(rows) == len(by_id) == document["count"] == len(document["practices"])
    for row, record in zip(rows, document["practices"], strict=True):
        practice = by_id[row["id"]]
        assert row["title"] == practice.title == record["title"]
        assert row["countries"].split(";") == list(practice.countries) == record["countries"]
        assert row["building_blocks"].split(";") == list(practice.block_ids) or not practice.block_ids
        assert [s["url"] for s in record["sources"]] == [s.url for s in practice.sources]
        assert row["status"] == practice.status
    dutch = json.loads(_download(base_url, "nl/downloads/practices.json"))
    assert dutch["language"] == "nl" and dutch["count"] == document["count"]
    assert {p["id"] for p in dutch["practices"]} == set(by_id)


def test_figures_download_holds_every_charted_figure_with_labels(base_url: str, model_en) -> None:  # type: ignore[no-untyped-def]
    from generator.charts.select import ObservationIndex

    rows = list(csv.DictReader(io.StringIO(_download(base_url, "en/downloads/figures.csv").decode())))
    index = ObservationIndex(model_en.observations)
    expected = {(o.indicator, o.geo, str(o.year), o.group, o.sex, o.age, o.value_text, o.flag)
                for i in model_en.indicators if (series := index.select(i)) for o in series.observations}
    found = {(r["indicator"], r["geo"], r["year"], r["group"], r["sex"], r["age"], r["value"], r["flag"]) for r in rows}
    assert found == expected and len(rows) == len(expected)
    netherlands = next(r for r in rows if r["geo"] == "NL")
    assert netherlands["area"] == "Netherlands" and netherlands["group_label"] and netherlands["sex_label"]
    dutch = list(csv.DictReader(io.StringIO(_download(base_url, "nl/downloads/figures.csv").decode())))
    assert next(r for r in dutch if r["geo"] == "NL")["area"] == "Nederland"
    package = json.loads(_download(base_url, "en/downloads/datapackage.json"))
    columns = [f["name"] for f in next(r for r in package["resources"] if r["name"] == "figures")["schema"]["fields"]]
    assert columns == list(rows[0])


@pytest.mark.parametrize("query", ["?country=ES", "?text=benchmark", "?text=benchmark&country=NL"])
def test_explorer_state_from_the_url_leaves_material_search_closed(query: str, new_context) -> None:  # type: ignore[no-untyped-def]
    context, recorder = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, "en/practices/" + query)
    wanted = parse_qs(urlsplit(query).query)
    visible = page.eval_on_selector_all(".emt-practice", "items => items.filter(i => !i.hidden)"
                                        ".map(i => [i.dataset.country, i.dataset.text])")
    assert visible
    for countries, text in visible:
        if "country" in wanted:
            assert wanted["country"][0] in countries.split()
        if "text" in wanted:
            assert wanted["text"][0] in text
    assert page.locator("#emt-text").input_value() == wanted.get("text", [""])[0]
    assert not page.locator("#__search").is_checked(), "Material's search overlay opened"
    assert page.locator(".md-search__overlay").is_hidden() or not page.locator("#__search").is_checked()
    assert not recorder.errors


def test_explorer_without_javascript_has_no_dead_controls(new_context) -> None:  # type: ignore[no-untyped-def]
    context, _ = new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = goto(context, "en/practices/", idle=False)
    visible_controls = page.eval_on_selector_all(
        ".emt-explorer input, .emt-explorer button, .emt-explorer select, .emt-explorer summary",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.outerHTML.slice(0, 80))")
    assert visible_controls == []
    items = page.locator(".emt-practice")
    assert items.count() > 30 and items.first.is_visible()
    assert items.count() == page.eval_on_selector_all(".emt-practice", "i => new Set(i.map(x => x.dataset.id)).size")


def test_explorer_on_a_phone_shows_the_first_result_on_the_first_screen(new_context) -> None:  # type: ignore[no-untyped-def]
    context, _ = new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = goto(context, "en/practices/")
    first = page.locator(".emt-practice").first.bounding_box()
    assert first and first["y"] + first["height"] <= 844, first
    assert page.locator("details.emt-filters").get_attribute("open") is None  # folded away
    page.locator("details.emt-filters > summary").click()
    assert page.locator("form.emt-facets").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-filters-390.png"))


@pytest.mark.parametrize("word", ["languages", "language"])
def test_english_search_stems(word: str, new_context) -> None:  # type: ignore[no-untyped-def]
    context, _ = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, "en/")
    page.locator("label.md-search__icon[for='__search'], .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(word, delay=30)
    hit = page.locator(".md-search-result__item a[href*='modules/introduction-and-language-courses/']").first
    hit.wait_for(state="visible")
    meta = page.locator(".md-search-result__meta").inner_text()
    count = int("".join(ch for ch in meta if ch.isdigit()) or 0)
    assert count >= 10, meta  # "language" and "languages" both find the many pages about language courses


def test_search_snippets_are_readable_and_the_index_stays_small(site_dir: Path) -> None:
    script = (site_dir / "en/search/index.js").read_text()
    index = json.loads(script.removeprefix("window.emtSearchIndex=").rstrip().removesuffix(";"))
    url, title, kind, snippet = next(d for d in index["docs"] if d[0] == "practices/inti-cities/")
    assert kind == "Practice" and title.startswith("INTI-Cities")
    assert snippet.startswith("Finland, Netherlands, Sweden, Germany, Italy, France · Helsinki, Rotterdam")
    assert "¶" not in script and "<" not in script  # no markup, no permalink signs
    material = json.loads((site_dir / "en/search/search_index.json").read_text())
    assert all(not d["location"].startswith("practices/") for d in material["docs"])  # Material's full-text index is off


def test_no_publisher_page_in_the_readers_site(site_dir: Path) -> None:
    for language in ("en", "nl"):
        assert not (site_dir / language / "configuration").exists()
        assert not (site_dir / language / "deployment").exists()
        index = (site_dir / language / "search/search_index.json").read_text()
        assert "configuration/" not in index and "deployment/" not in index


def test_footer_is_in_the_pages_language(new_context) -> None:  # type: ignore[no-untyped-def]
    context, _ = new_context()
    page = goto(context, "nl/", idle=False)
    footer = page.locator("footer").inner_text()
    assert "Gemaakt met" in footer and "Made with" not in footer
    assert "Teksten naar COM(2011) 455" in footer


WORDS = ("languages language courses cities classes training integrated migranten taalcursussen talen straten "
         "kinderen lessen organisaties Malmö Düsseldorf Sprachkursen réfugiés 2024 a of de the").split()


@pytest.mark.parametrize("language", ["en", "nl", "de", "fr"])
def test_the_browser_folds_and_stems_queries_as_the_index_was_built(language: str, new_context) -> None:  # type: ignore[no-untyped-def]
    from generator.render.search_index import terms

    context, _ = new_context()
    page = goto(context, "en/", idle=False)
    page.wait_for_function("typeof window.emtSearchTerms === 'function'")
    for word in WORDS:
        assert page.evaluate("([w, l]) => window.emtSearchTerms(w, l)", [word, language]) == terms(word, language), word


def test_search_results_are_text_only(new_context) -> None:  # type: ignore[no-untyped-def]
    context, recorder = new_context(viewport={"width": 1280, "height": 900})
    page = goto(context, "en/")
    page.locator("label.md-search__icon[for='__search'], .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("lang", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    count = page.locator(".md-search-result__item").count()
    assert count > 5
    assert "lang" in page.locator(".md-search-result__list").inner_text().lower()
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert not recorder.errors, recorder.errors
