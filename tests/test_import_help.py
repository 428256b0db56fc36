
"""Indicators without figures: the fourteenth (OECD PISA) indicator, and on every
empty indicator's page the dataset that provides it and the exact command
that imports it, in English and Dutch. A publisher's own figures carry their
own source into the site model."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest

from generator.charts.select import select_series
from generator.data.instructions import import_help
from generator.eurostat.mapping import read_definitions, resolve
from generator.mkdocs_plugin.config_file import project_from_mkdocs
from generator.model.entities import Indicator
from generator.problems import Problems
from generator.sources import load_project, model_for
from tests.conftest import REPO, run_toolkit
from tests.pages import rendered

ZARAGOZA = {
    "employment": {"employment_rate", "unemployment_rate", "activity_rate"},
    "education": {"low_educational_attainment", "tertiary_attainment", "early_leavers", "low_achievers"},
    "social_inclusion": {"median_net_income", "at_risk_of_poverty", "property_ownership", "self_perceived_health"},
    "active_citizenship": {"naturalisation_rate", "long_term_residence", "elected_representatives"},
}


@pytest.fixture(scope="module")
def bundled():
    loaded = load_project(project_from_mkdocs(REPO / "mkdocs.yml"))
    assert loaded.ok
    return loaded, model_for(loaded, "en")


def empty_indicators(model) -> list[Indicator]:
    return [i for i in model.indicators if select_series(i, model.observations) is None]


def test_all_fourteen_zaragoza_indicators_are_defined(bundled) -> None:
    _, model = bundled
    by_domain: dict[str, set[str]] = {}
    for indicator in model.indicators:
        by_domain.setdefault(indicator.domain, set()).add(indicator.id)
    assert by_domain == ZARAGOZA
    pisa = next(i for i in model.indicators if i.id == "low_achievers")
    assert (pisa.provider, pisa.source, pisa.breakdown, pisa.higher_is_better) == ("oecd", "PISA", "country_of_birth", False)
    assert "below the baseline level" in pisa.definition and "OECD" in pisa.definition
    assert {i.id for i in empty_indicators(model)} == {
        "activity_rate", "early_leavers", "at_risk_of_poverty", "property_ownership",
        "long_term_residence", "elected_representatives", "low_achievers",
    }  # fmt: skip


def test_eurostat_commands_import_into_the_right_indicator(bundled) -> None:
    # The page's command names only the file: the importer must find the same
    # indicator from the file's name alone.
    _, model = bundled
    definitions = read_definitions([REPO / "data" / "indicators"], REPO)
    for indicator in empty_indicators(model):
        help = import_help(indicator)
        if not help.eurostat:
            assert help.own_csv and "--publisher" in help.command and f"{indicator.id}.csv" in help.command
            continue
        assert help.command == f"toolkit data import estat_{indicator.source}.tsv.gz"
        assert help.download_url.startswith(f"https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/{indicator.source}?")
        from generator.eurostat.naming import dataset_from_name

        assert dataset_from_name(Path(help.file_name)) == indicator.source
        mapping = resolve(indicator.source, definitions, None, "data/indicators", "x", Problems())
        assert mapping is not None and set(mapping.definitions) == {indicator.series.indicator}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_empty_pages_say_how_to_add_their_figures(bundled, language: str) -> None:
    _, model = bundled
    srcs = [f"indicators/{i.id}.md" for i in empty_indicators(model)]
    pages = rendered(REPO, language, *srcs, "indicators/employment_rate.md", "indicators/index.md")
    words = {
        "en": ("Adding the figures", "Published by", "Download the whole dataset from Eurostat"),
        "nl": ("De cijfers toevoegen", "Gepubliceerd door", "Download de volledige dataset bij Eurostat"),
    }[language]
    for indicator in empty_indicators(model):
        page = pages[f"indicators/{indicator.id}.md"]
        help = import_help(indicator)
        assert words[0] in page and words[1] in page
        assert f"<code>{help.command.replace(chr(39), '&#39;')}</code>" in page
        assert (words[2] in page) == help.eurostat
    assert "adding-figures" not in pages["indicators/employment_rate.md"]
    overview = pages["indicators/index.md"]
    marker = {"en": "no bundled data yet", "nl": "nog geen meegeleverde gegevens"}[language]
    assert overview.count(marker) == len(empty_indicators(model)) == 7


@pytest.mark.parametrize(
    ("language", "title", "source_label"),
    [
        ("en", "Low-achieving 15-year-olds in reading, mathematics and science", "Source"),
        ("nl", "Laagpresterende 15-jarigen in lezen, wiskunde en natuurwetenschappen", "Bron"),
    ],
)
def test_pisa_page(language: str, title: str, source_label: str) -> None:
    page = rendered(REPO, language, "indicators/low_achievers.md")["indicators/low_achievers.md"]
    assert f"<h1>{title}</h1>" in page
    source = re.search(r"<dt>([^<]*)<span[^>]*>: </span></dt> <dd>OECD <code>PISA</code></dd>", page)
    assert source and source.group(1) == source_label, "the source row names OECD's PISA"
    assert "Eurostat" not in page.split("<dl", 1)[1].split("</dl>", 1)[0]  # OECD's figures, not Eurostat's
    assert "--publisher OECD" in page and 'href="https://www.oecd.org/pisa/"' in page


def test_hostile_source_stays_text() -> None:
    indicator = Indicator(id="x", domain="employment", title="", definition="", age="", unit="percent",
                          breakdown="citizenship", higher_is_better=True, source="a b'; rm -rf ~")  # fmt: skip
    help = import_help(indicator)
    assert not help.eurostat and help.download_url == ""
    assert shlex.split(help.command)[:4] == ["toolkit", "data", "import", "x.csv"]


def test_publisher_figures_carry_their_source(bundled_project: Path) -> None:
    # An authority adds its own figures in the toolkit's format, in its own data folder.
    config = bundled_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      data_dir: data\n", "      data_dir: data\n      extra_data_dirs: [local/data]\n"))
    (bundled_project / "local/data").mkdir(parents=True)  # a configured folder must exist (a typo is an error)
    figures = bundled_project / "regional.csv"
    figures.write_text(
        "indicator,geo,year,breakdown,group,sex,age,value,unit,flag,source_dataset\n"
        "employment_rate,NL,2025,citizenship,NAT,T,Y20-64,81.5,PC,,test_regional\n"
        "employment_rate,NL,2025,citizenship,NEU27_2020_FOR,T,Y20-64,60.5,PC,,test_regional\n",
        encoding="utf-8",
    )
    refused = run_toolkit(bundled_project, "data", "import", "regional.csv")
    assert refused.returncode == 1 and "--publisher" in refused.stderr
    result = run_toolkit(bundled_project, "data", "import", "regional.csv", "--publisher", "Test Statistics Office",
                         "--title", "Synthetic regional figures", "--url", "https://example.org/figures",
                         "--vintage", "2025-06-30")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "declared local/data/observations/test_regional.csv" in result.stdout
    assert run_toolkit(bundled_project, "check").returncode == 0
    loaded = load_project(project_from_mkdocs(config))
    source = model_for(loaded, "nl").datasets["test_regional"]
    assert (source.publisher, source.title, source.url) == (
        "Test Statistics Office", "Synthetic regional figures", "https://example.org/figures"
    )
    assert (source.vintage, source.vintage_basis, source.is_eurostat) == (dt.date(2025, 6, 30), "option", False)
    plotted = [o for o in loaded.observations if o.source_dataset == "test_regional"]
    assert sorted(o.value_text for o in plotted) == ["60.5", "81.5"]
    # The bundled Eurostat sources are still there, with their recorded vintage.
    assert model_for(loaded, "nl").datasets["migr_acqs"].vintage == dt.date(2026, 3, 27)
