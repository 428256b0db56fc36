"""Indicator charts: Altair templates, schema, selection, composition, provenance,
sentences, downloads, country profiles, safe embedding and caching.

Figures in the synthetic tests are obviously synthetic (round numbers, fake
years); the tests marked "real" use the bundled Eurostat data.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import json
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import altair
import jinja2
import jsonschema
import pytest
import vl_convert
import yaml

from generator.charts import (
    RENDER_STATS,
    build_country_profile,
    build_indicator_charts,
    countries_overview,
    render_svg,
    spec_json,
)
from generator.charts import templates as chart_templates
from generator.charts.kinds import KINDS
from generator.charts.labels import age_label
from generator.charts.select import ObservationIndex, select_series
from generator.charts.style import SCHEMA_URL, VL_VERSION
from generator.charts.table import CSV_COLUMNS
from generator.data.format import DatasetSource, Observation
from generator.i18n.messages import Catalogue
from generator.model.entities import Indicator, SeriesSpec
from generator.project import Project
from generator.sources import load_project, model_for

ROOT = Path(__file__).resolve().parents[1]
EVIL = "</script><script>alert(1)</script>"

INDICATOR = Indicator(
    id="fake_rate",
    domain="employment",
    title="Fake rate",
    definition="Synthetic.",
    age="20-64",
    unit="percent",
    breakdown="citizenship",
    source="fake_ds",
    higher_is_better=True,
    series=SeriesSpec(indicator="fake_rate", age="Y20-64", unit="PC", by_sex=True),
)
NATURALISED = Indicator(
    id="fake_naturalisation", domain="active_citizenship", title="Fake naturalisation", definition="Synthetic.",
    age="all ages", unit="rate_per_100", breakdown="citizenship", source="fake_acq", higher_is_better=True,
    series=SeriesSpec(indicator="fake_naturalisation", age="TOTAL", unit="PC"),
)
FAKE_DS = DatasetSource(code="fake_ds", publisher="Eurostat", title="Fake dataset",
                        url="https://example.org/fake_ds", vintage=dt.date(2001, 2, 3))
LOCAL = DatasetSource(code="demo_local", publisher="City of Example", title="Local labour survey",
                      url="https://example.org/local")


def obs(geo, year, group, value, *, sex="T", flag="", breakdown="citizenship", indicator="fake_rate",
        age="Y20-64", source="fake_ds") -> Observation:
    return Observation(indicator=indicator, geo=geo, year=year, breakdown=breakdown, group=group, sex=sex,
                       age=age, value=float(value), value_text=value, unit="PC", flag=flag,
                       source_dataset=source)


def sample() -> list[Observation]:
    rows = []
    for sex, shift in (("T", 0), ("F", -5), ("M", 5)):
        rows += [
            obs("EU27_2020", 2001, "NAT", f"{70 + shift}.0", sex=sex),
            obs("EU27_2020", 2001, "NEU27_2020_FOR", f"{50 + shift}.0", sex=sex),
            obs("EU27_2020", 2002, "NAT", f"{71 + shift}.5", sex=sex, flag="b"),
            obs("EU27_2020", 2002, "NEU27_2020_FOR", f"{60 + shift}.0", sex=sex),
        ]
    rows += [
        # An older aggregate with data only for 2001: must not join the line.
        obs("EU28", 2001, "NAT", "10.0"),
        obs("EU28", 2001, "NEU28_FOR", "5.0"),
        obs("AT", 2001, "NAT", "79.0"),
        obs("AT", 2001, "NEU27_2020_FOR", "49.0"),
        obs("AT", 2002, "NAT", "80.0"),
        obs("AT", 2002, "NEU27_2020_FOR", "40.0", flag="u"),
        obs("BE", 2002, "NAT", "70.0"),
        obs("BE", 2002, "NEU27_2020_FOR", "65.0"),
        obs("NL", 2001, "NAT", "74.0"),
        obs("NL", 2001, "NEU27_2020_FOR", "50.0"),
        obs("NL", 2002, "NAT", "75.0"),
        obs("NL", 2002, "NEU27_2020_FOR", "55.0"),
        obs("NL", 2003, "NAT", "76.0"),  # no EU figure for 2003
        obs("NL", 2003, "NEU27_2020_FOR", "58.0"),
        obs("NO", 2002, "NAT", "78.0"),  # not a member state
        obs("NO", 2002, "NEU27_2020_FOR", "60.0"),
        # Other groups and other breakdowns are never selected.
        obs("AT", 2002, "FOR", "1.0"),
        obs("AT", 2002, "NAT", "99.9", breakdown="country_of_birth"),
        obs("AT", 2002, "NEU27_2020_FOR", "99.9", breakdown="country_of_birth"),
    ]
    return rows


def naturalisation_sample() -> list[Observation]:
    """Eurostat's `EU` of the year and EU_FOR/NEU_FOR: EU-28 until 2019, EU-27 from 2020."""
    rows = []
    for year, eu_for, neu_for in ((2018, "0.80", "3.00"), (2019, "0.90", "3.10"), (2020, "0.70", "2.90"),
                                  (2021, "0.75", "3.20")):
        for geo in ("EU", "AT"):
            rows += [obs(geo, year, "EU_FOR", eu_for, indicator="fake_naturalisation", age="TOTAL",
                         source="fake_acq"),
                     obs(geo, year, "NEU_FOR", neu_for, indicator="fake_naturalisation", age="TOTAL",
                         source="fake_acq")]
    return rows


def identity(text: str) -> str:
    return text


@lru_cache(maxsize=1)
def vega_lite_validator() -> jsonschema.Draft7Validator:
    path = Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
    return jsonschema.Draft7Validator(json.loads(path.read_text(encoding="utf-8")))


def assert_valid(chart) -> None:
    for spec in (chart.spec, chart.static_spec):
        errors = list(vega_lite_validator().iter_errors(spec))
        assert not errors, (chart.id, [e.message for e in errors[:3]])
        assert spec["$schema"] == SCHEMA_URL
        text = json.dumps(spec, ensure_ascii=False)
        assert "\u2063" not in text, f"{chart.id}: a slot was left unfilled"
        assert '"url"' not in text and spec["datasets"]["rows"], "data must be inline"


def charts_en(focus=(), datasets=None) -> list:
    return build_indicator_charts(INDICATOR, sample(), "en", identity, focus, datasets=datasets or {"fake_ds": FAKE_DS})


def by_kind(charts) -> dict:
    return {c.kind: c for c in charts}


def csv_rows(chart) -> list[dict]:
    return list(csv.DictReader(io.StringIO(chart.csv)))


@pytest.fixture(scope="module")
def real():
    """The bundled content and Eurostat figures, both languages."""
    project = Project.from_options(ROOT, content_dir="content", data_dir="data", languages=("en", "nl"))
    loaded = load_project(project)
    assert loaded.ok
    return loaded


# -- Altair: one template per kind, language and style --------------------------------------


def test_versions_agree_with_altair_and_vl_convert():
    assert SCHEMA_URL == altair.SCHEMA_URL
    assert VL_VERSION in vl_convert.get_vegalite_versions()
    assert altair.SCHEMA_VERSION.lstrip("v").startswith(VL_VERSION + ".")


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("interactive", [True, False])
def test_every_kind_is_an_altair_chart_over_named_data(kind, interactive):
    inputs = {"language": "en", "year": "Year", "group": "Group", "area": "Area", "value": "Value",
              "flags": "Flags", "highlight": "Highlight", "sex": "Sex", "difference": "Difference",
              "break": "Break", "breaks": True, "interactive": interactive}
    chart = KINDS[kind](inputs)
    assert isinstance(chart, altair.TopLevelMixin)
    spec = chart.to_dict()  # validates
    layers = spec.get("layer", [spec])
    sources = [layer.get("data") or spec["data"] for layer in layers]
    assert all(data.get("name") in ("rows", "breaks") or "values" in data for data in sources)
    params = spec.get("params", []) + [p for layer in layers for p in layer.get("params", [])]
    assert bool(params) is interactive  # the static SVG carries no selection nobody can use
    assert ("title" in spec) is not interactive  # the page prints the source line beside the live chart


def test_charts_are_filled_templates_without_altair_at_build_time(monkeypatch):
    def build() -> list:
        charts = charts_en(("NL",)) + build_indicator_charts(NATURALISED, naturalisation_sample(), "en", identity)
        return charts + [s.chart for s in build_country_profile("AT", [INDICATOR], sample(), "en", identity).sections]

    build()  # templates made (and validated by Altair) once per kind, language and style

    def refuse(*args, **kwargs):
        raise AssertionError("Altair was called while filling a chart")

    monkeypatch.setattr(altair.TopLevelMixin, "to_dict", refuse)
    monkeypatch.setattr(altair.Data, "__init__", refuse)
    monkeypatch.setattr(altair.Chart, "__init__", refuse)
    assert {c.kind for c in build()} == {"gap", "countries", "gap_by_sex", "country_profile"}


def test_filling_a_chart_leaves_the_template_and_other_charts_alone():
    first = by_kind(charts_en())["gap"]
    before = json.dumps(first.spec, sort_keys=True)
    other = replace(INDICATOR, title=f"Other {EVIL}")
    second = by_kind(build_indicator_charts(other, sample(), "nl", identity))["gap"]
    assert EVIL in json.dumps(second.spec) and json.dumps(first.spec, sort_keys=True) == before
    assert all("\u2063" in json.dumps(t.spec, ensure_ascii=False) for t in chart_templates._MEMORY.values())


def test_a_slot_must_be_filled():
    template = chart_templates.Template.from_dict({"title": chart_templates.slot("t"), "x": [1]})
    assert template.fill({"rows": []}, t="T")["title"] == "T"
    with pytest.raises(ValueError, match="t"):
        template.fill({"rows": []})
    with pytest.raises(ValueError, match="whole value"):
        chart_templates.Template.from_dict({"title": "a" + chart_templates.slot("t")})


def test_templates_are_kept_on_disk_and_reused(tmp_path, monkeypatch):
    charts = build_indicator_charts(INDICATOR, sample(), "en", identity, cache_dir=tmp_path)
    stored = sorted((tmp_path / "templates").glob("*.json"))
    assert {p.name.split("-")[0] for p in stored} == {"gap", "countries", "gap_by_sex"}
    monkeypatch.setattr(chart_templates, "_MEMORY", {})  # a new process
    monkeypatch.setattr(altair.TopLevelMixin, "to_dict",
                        lambda *a, **k: pytest.fail("a stored template was made again"))
    again = build_indicator_charts(INDICATOR, sample(), "en", identity, cache_dir=tmp_path)
    assert [c.spec for c in again] == [c.spec for c in charts]


def test_every_spec_validates_against_the_vega_lite_schema():
    charts = charts_en(("NL",)) + build_indicator_charts(INDICATOR, sample(), "nl", identity)
    charts += build_indicator_charts(NATURALISED, naturalisation_sample(), "en", identity)
    for country in ("AT", "NL"):
        charts += [s.chart for s in build_country_profile(country, [INDICATOR, NATURALISED],
                                                          sample() + naturalisation_sample(), "nl",
                                                          identity).sections]
    assert {c.kind for c in charts} == {"gap", "countries", "gap_by_sex", "country_profile"}
    for chart in charts:
        assert_valid(chart)


def test_real_specs_validate_against_the_vega_lite_schema(real):
    """Every indicator chart of the site in both languages, and profiles with and without breaks."""
    for language in ("en", "nl"):
        model = model_for(real, language)
        _ = real.catalogues[language].gettext if language in real.catalogues else identity
        figures = ObservationIndex(model.observations)
        charts = [c for i in model.indicators
                  for c in build_indicator_charts(i, figures, language, _, ("NL",), datasets=model.datasets)]
        charted = [i for i in model.indicators if i.series]
        for country in ("NL", "UK", "HU"):
            charts += [s.chart for s in build_country_profile(country, charted, figures, language, _,
                                                              datasets=model.datasets).sections]
        assert len(charts) > 30
        for chart in charts:
            assert_valid(chart)


# -- selection and the EU's composition ------------------------------------------------------


def test_selection_never_mixes_breakdowns_groups_or_eu_aggregates():
    series = select_series(INDICATOR, sample())
    assert {o.breakdown for o in series.observations} == {"citizenship"}
    assert {o.group for o in series.observations} == {"NAT", "NEU27_2020_FOR"}
    assert series.eu_aggregate == "EU27_2020"
    gap = by_kind(charts_en())["gap"]
    assert {row["geo"] for row in gap.spec["datasets"]["rows"]} == {"EU27_2020"}


def test_falls_back_to_the_older_non_eu_group_when_it_is_all_there_is():
    rows = [obs("EU28", 2001, "NAT", "10.0"), obs("EU28", 2001, "NEU28_FOR", "5.0")]
    series = select_series(INDICATOR, rows)
    assert (series.non_eu, series.eu_aggregate) == ("NEU28_FOR", "EU28")
    gap = build_indicator_charts(INDICATOR, rows, "en", identity)[0]
    assert "EU-28" in gap.title


def test_no_line_joins_two_compositions_of_the_eu():
    gap = by_kind(build_indicator_charts(NATURALISED, naturalisation_sample(), "en", identity))["gap"]
    lines = {(r["series"], r["year"]): r["line"] for r in gap.spec["datasets"]["rows"]}
    for series in {s for s, _ in lines}:
        assert lines[(series, 2019)] == "EU28" and lines[(series, 2020)] == "EU27_2020"
    assert gap.spec["datasets"]["breaks"] == [
        {"position": 2019.5, "text": "EU-28 up to 2019, EU-27 (2020) from 2020"}]
    assert any("composition changes (EU-28 up to 2019, EU-27 (2020) from 2020)" in n for n in gap.notes)
    # The table and CSV name each year's population.
    assert [row[0] for row in gap.table.rows] == ["2018 · EU-28", "2019 · EU-28", "2020 · EU-27 (2020)",
                                                  "2021 · EU-27 (2020)"]
    groups = {(r["year"], r["group_label"]) for r in csv_rows(gap)}
    assert ("2019", "Non-EU-28 citizens") in groups and ("2020", "Non-EU citizens") in groups


def test_the_drawn_lines_stop_at_the_change_of_composition():
    """In the static chart as Vega draws it, no line reaches from 2019 to 2020."""
    gap = by_kind(build_indicator_charts(NATURALISED, naturalisation_sample(), "en", identity))["gap"]
    scene = vl_convert.vegalite_to_scenegraph(gap.static_spec, vl_version=VL_VERSION)
    lines, x_of_year = [], {}

    def walk(node):
        if node.get("role") == "mark" and node.get("marktype") == "line":
            lines.append({round(item["x"]) for item in node["items"]})
        if node.get("role") == "axis-label":
            for item in node["items"]:
                if re.fullmatch(r"\d{4}", item.get("text", "")):
                    x_of_year[int(item["text"])] = round(item["x"])
        for child in node.get("items", []):
            if isinstance(child, dict):
                walk(child)

    walk(scene["scenegraph"])
    assert sorted(x_of_year) == [2018, 2019, 2020, 2021]
    assert len(lines) == 4  # two groups, each in two pieces
    for xs in lines:
        assert not {x_of_year[2019], x_of_year[2020]} <= xs, "a line joins 2019 and 2020"


def test_sentences_never_compare_across_the_change_of_composition():
    charts = build_indicator_charts(NATURALISED, naturalisation_sample(), "en", identity)
    gap = by_kind(charts)["gap"]
    # 2021 is compared with 2020 (the first EU-27 year), never with 2018 or 2019.
    assert "In 2021 the fake naturalisation of non-EU citizens in the EU-27 (2020) was 3.20 per 100" \
        in gap.description
    assert "In 2020 the gap was 2.20 points per 100: it has widened since." in gap.description
    assert "Figures up to 2019 describe the EU-28, a different population" in gap.description
    assert "2018" not in gap.description
    [section] = build_country_profile("AT", [NATURALISED], naturalisation_sample(), "en", identity).sections
    assert "From 2020 to 2021" in section.chart.description and "2018" not in section.chart.description
    assert "Earlier years describe a different EU composition" in section.chart.description


# -- provenance ---------------------------------------------------------------------------------


def test_every_chart_names_the_datasets_of_its_rows_with_their_vintage():
    charts = by_kind(charts_en())
    assert charts["gap"].source_line == "Source: Eurostat (fake_ds), data of 2001-02-03"
    assert charts["gap"].provenance.refs[0].url == "https://example.org/fake_ds"
    assert charts["gap"].static_spec["title"]["text"] == ["Source: Eurostat (fake_ds), data of 2001-02-03"]
    assert charts["gap_by_sex"].source_line == "Differences computed from Eurostat (fake_ds), data of 2001-02-03"


def test_a_publishers_local_figures_name_the_publishers_source_not_eurostat():
    local = [replace(o, source_dataset="demo_local") for o in sample() if o.geo == "NL"]
    rows = [o for o in sample() if o.geo != "NL"] + local
    datasets = {"fake_ds": replace(FAKE_DS, vintage=None), "demo_local": LOCAL}
    charts = by_kind(build_indicator_charts(INDICATOR, rows, "en", identity, datasets=datasets))
    assert charts["countries"].source_line == (
        "Source: Eurostat (fake_ds), figures as published; "
        "City of Example: Local labour survey (demo_local), figures as published")
    [section] = build_country_profile("NL", [INDICATOR], rows, "en", identity, datasets=datasets).sections
    line = section.chart.source_line
    assert "City of Example: Local labour survey (demo_local)" in line and "Eurostat (fake_ds)" in line
    only_local = [o for o in rows if o.geo == "NL"]
    [section] = build_country_profile("NL", [INDICATOR], only_local, "en", identity, datasets=datasets).sections
    assert "Eurostat" not in section.chart.source_line
    assert "Eurostat" not in section.chart.csv
    labels = {r["source_label"] for r in csv_rows(section.chart)}
    assert labels == {"City of Example: Local labour survey (demo_local), figures as published"}


def test_an_undeclared_dataset_is_not_called_eurostat():
    rows = [replace(o, source_dataset="mystery") for o in sample()]
    gap = by_kind(build_indicator_charts(INDICATOR, rows, "en", identity, datasets={}))["gap"]
    assert gap.source_line == "Source: dataset mystery (publisher not declared)"
    # The indicator's own Eurostat dataset, undeclared, is still Eurostat's.
    gap = by_kind(build_indicator_charts(INDICATOR, sample(), "en", identity, datasets={}))["gap"]
    assert gap.source_line == "Source: Eurostat (fake_ds), figures as published"


# -- downloads and tables ----------------------------------------------------------------------


def test_csv_keeps_every_published_figure_with_labels_and_the_computed_difference():
    gap = by_kind(charts_en())["gap"]
    expected = sorted([o for o in sample() if o.geo == "EU27_2020" and o.sex == "T"],
                      key=lambda o: (o.group, o.year))
    rows = csv_rows(gap)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [(r["group"], r["year"], r["value"], r["flag"]) for r in rows] == [
        (o.group, str(o.year), o.value_text, o.flag) for o in expected]
    nat_2002 = next(r for r in rows if r["group"] == "NAT" and r["year"] == "2002")
    assert nat_2002["geo_label"] == "EU-27 (2020)" and nat_2002["group_label"] == "Nationals"
    assert nat_2002["flag_label"] == "b: break in series" and nat_2002["age_label"] == "20 to 64 years"
    assert nat_2002["unit_label"] == "percent" and nat_2002["sex_label"] == "Total"
    assert nat_2002["computed_difference"] == "-11.5"  # 60.0 - 71.5
    assert nat_2002["computed_as"] == "Non-EU citizens minus nationals"
    assert gap.data_file == "charts/fake_rate-gap.csv"


def test_derived_values_are_labelled_as_computed_and_are_in_the_csv():
    by_sex = by_kind(charts_en())["gap_by_sex"]
    assert by_sex.source_line.startswith("Differences computed from Eurostat (fake_ds)")
    women_2002 = [r for r in csv_rows(by_sex) if r["sex"] == "F" and r["year"] == "2002"]
    assert {r["computed_difference"] for r in women_2002} == {"-11.5"}  # 55.0 - 66.5
    plotted = next(r for r in by_sex.spec["datasets"]["rows"] if r["series"] == "Women" and r["year"] == 2002)
    assert plotted["gap"] == -11.5
    table = by_sex.table
    assert table.groups == (("Women", 3), ("Men", 3))
    assert table.columns[:3] == ("Nationals", "Non-EU citizens", "Difference (percentage points)")
    assert table.rows[1] == ("2002", "66.5 % (b)", "55.0 %", "-11.5", "76.5 % (b)", "65.0 %", "-11.5")
    assert table.flags == "b: break in series"


def test_dutch_downloads_and_tables_carry_dutch_labels_beside_the_codes(real):
    _ = real.catalogues["nl"].gettext
    charts = by_kind(build_indicator_charts(INDICATOR, sample(), "nl", _))
    row = next(r for r in csv_rows(charts["countries"]) if r["geo"] == "AT" and r["group"] == "NEU27_2020_FOR")
    assert (row["geo_label"], row["group_label"], row["sex_label"]) == ("Oostenrijk", "Niet-EU-burgers", "Totaal")
    assert (row["age_label"], row["unit_label"], row["flag_label"]) == ("20 tot 64 jaar", "procent",
                                                                        "u: lage betrouwbaarheid")
    assert row["value"] == "40.0" and row["unit"] == "PC" and row["age"] == "Y20-64"  # codes untouched
    gap = charts["gap"]
    assert gap.spec["config"]["locale"]["number"]["decimal"] == ","
    assert gap.table.rows[1] == ("2002", "71,5 % (b)", "60,0 %", "-11,5")
    assert gap.table.columns == ("Onderdanen", "Niet-EU-burgers", "Verschil (procentpunten)")


def test_low_reliability_points_are_hollow_and_flagged_in_text():
    countries = by_kind(charts_en())["countries"]
    point = next(layer for layer in countries.spec["layer"] if layer["mark"]["type"] == "point")
    assert point["encoding"]["fill"]["condition"] == {"test": "datum.low", "value": "#ffffff"}
    assert "shape" in point["encoding"]
    austria = next(r for r in countries.spec["datasets"]["rows"]
                   if r["geo"] == "AT" and r["group"] == "NEU27_2020_FOR")
    assert austria["low"] is True and austria["value_label"].endswith("(u)")
    assert countries.has_low_reliability
    assert any("low reliability" in n for n in countries.notes)
    assert "low reliability" in " ".join(countries.static_spec["title"]["subtitle"])


# -- sentences ----------------------------------------------------------------------------------


def test_description_states_the_computed_gap_and_its_change():
    gap = by_kind(charts_en())["gap"]
    # 2002: 60.0 vs 71.5 -> 11.5 points below; 2001: 50.0 vs 70.0 -> 20.0.
    assert ("In 2002 the fake rate of non-EU citizens aged 20 to 64 in the EU-27 (2020) was 60.0 %, "
            "11.5 percentage points below that of nationals (71.5 %).") in gap.description
    assert "In 2001 the gap was 20.0 percentage points: it has narrowed since." in gap.description
    assert "higher value is better" in gap.description


def test_an_extreme_resting_on_a_low_reliability_figure_says_so():
    countries = by_kind(charts_en(("NL",)))["countries"]
    # AT: 40.0u - 80.0 = -40.0, the lowest difference.
    assert ("ranged from -40.0 percentage points in Austria (based on a low-reliability figure: "
            "non-EU citizens 40.0 %) to -5.0 percentage points in Belgium") in countries.description
    assert "the Netherlands" not in countries.description.split(".")[0]  # NL is neither extreme
    assert "Netherlands: -20.0 percentage points." in countries.description


def test_real_extremes_on_low_reliability_figures_say_so(real):
    model = model_for(real, "en")
    figures = ObservationIndex(model.observations)
    expected = {
        "self_perceived_health": "+34.9 percentage points in Hungary (based on a low-reliability figure: "
                                 "non-EU citizens 100.0 %)",
        "unemployment_rate": "+0.5 percentage points in Poland (based on a low-reliability figure: "
                             "non-EU citizens 3.3 %)",
        "median_net_income": "+€850 in Romania (based on a low-reliability figure: non-EU citizens €8,822)",
    }
    for ident, phrase in expected.items():
        charts = by_kind(build_indicator_charts(model.indicators_by_id[ident], figures, "en", str))
        assert phrase in charts["countries"].description, charts["countries"].description


def test_country_sentences_compare_the_same_year_or_say_why_not():
    [section] = build_country_profile("NL", [INDICATOR], sample(), "en", identity).sections
    text = section.chart.description
    # NL has 2003, the EU does not: the comparison is of 2002, and 2003 is given on its own.
    assert ("In 2002 the fake rate of non-EU citizens aged 20 to 64 in the Netherlands was 55.0 %, "
            "against 75.0 % for nationals: a difference of -20.0 percentage points.") in text
    assert "In the EU-27 (2020) the difference was -11.5 percentage points (60.0 % against 71.5 %)." in text
    assert "For 2003, the latest year, there are figures for the Netherlands only: a difference of " \
           "-18.0 percentage points." in text
    assert "From 2001 to 2003 the difference narrowed, from -24.0 percentage points to -18.0" in text


def test_no_english_slips_in_real_sentences(real):
    model = model_for(real, "en")
    figures = ObservationIndex(model.observations)
    charted = [i for i in model.indicators if i.series]
    texts = [c.description + c.title for i in charted for c in build_indicator_charts(i, figures, "en", str, ("NL",))]
    for country in ("NL", "UK", "AT"):
        profile = build_country_profile(country, charted, figures, "en", str)
        texts += profile.summary + [s.chart.description + s.chart.title for s in profile.sections]
    text = " ".join(texts)
    assert not re.search(r"in (Netherlands|United Kingdom)\b", text)
    assert "in the Netherlands" in text
    assert not re.search(r"\(\d{4}\) \(\d{4}\)", text), "an aggregate's composition year next to a data year"
    assert " and People" not in text and " and Native" not in text and " and Non" not in text
    assert "(18 or over)" not in text and "(all ages)" not in text


def test_dutch_output_uses_only_dutch_words(real):
    """Every string the charts and profiles ask for has its Dutch translation."""
    model = model_for(real, "nl")
    catalogue = real.catalogues["nl"]
    watched = Catalogue("nl", dict(catalogue.messages))
    figures = ObservationIndex(model.observations)
    charted = [i for i in model.indicators if i.series]
    texts = []
    for indicator in model.indicators:
        for chart in build_indicator_charts(indicator, figures, "nl", watched.gettext, ("NL",),
                                            datasets=model.datasets):
            texts += [chart.title, chart.description, chart.source_line, *chart.notes, chart.csv,
                      json.dumps(chart.spec, ensure_ascii=False)]
    for country in ("NL", "UK", "AT", "BE"):
        profile = build_country_profile(country, charted, figures, "nl", watched.gettext, datasets=model.datasets)
        texts += profile.summary
        for section in profile.sections:
            texts += [section.chart.description, section.chart.title, section.rank.text, section.rank.basis]
    columns, rows = countries_overview(["NL", "UK"], charted, figures, "nl", watched.gettext)
    texts += [c.detail + c.meaning for c in columns]
    assert watched.missing == set(), f"untranslated: {sorted(watched.missing)}"
    text = " ".join(texts)
    for english in ("18 or over", "16 or over", "all ages", " the ", "percentage points", "Nationals",
                    "figures as published", "low reliability", "Source:", "Netherlands"):
        assert english not in text, english


def test_every_chart_message_key_is_in_the_dutch_catalogue():
    keys = set()
    for path in sorted((ROOT / "generator" / "charts").glob("*.py")) + [ROOT / "generator/render/indicators.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                keys.add(node.args[0].value)
    dutch = yaml.safe_load((ROOT / "site_templates" / "messages" / "nl.yml").read_text(encoding="utf-8"))
    assert len(keys) > 100
    assert sorted(keys - set(dutch)) == []


@pytest.mark.parametrize("age, expected", [
    ("Y20-64", "20 to 64 years"), ("20-64", "20 to 64 years"), ("Y_GE18", "18 years or over"),
    ("18 or over", "18 years or over"), ("TOTAL", "all ages"), ("all ages", "all ages"),
    ("not applicable", "not applicable"),
])
def test_age_labels_from_codes_and_indicator_text(age, expected):
    assert age_label(age, identity) == expected


# -- country profiles and the overview -----------------------------------------------------


def test_country_profile_has_trend_beside_the_eu_rank_flags_and_summary():
    profile = build_country_profile("AT", [INDICATOR], sample(), "en", identity)
    [section] = profile.sections
    rows = section.chart.spec["datasets"]["rows"]
    assert {(r["series"], r["year"]) for r in rows} == {("Austria", 2001), ("Austria", 2002),
                                                       ("EU-27 (2020)", 2001), ("EU-27 (2020)", 2002)}
    # Member states in 2002: AT -40.0, BE -5.0, NL -20.0 (NO is not one); higher is better.
    assert (section.rank.rank, section.rank.count, section.rank.year) == (3, 3, 2002)
    assert section.rank.text == "3 of 3 member states (2002)" and "higher is better" in section.rank.basis
    assert [(f.flag, f.meaning, f.years) for f in section.flags] == [("u", "low reliability", (2002,))]
    assert section.chart.id == "at-fake_rate"
    summary = " ".join(profile.summary)
    assert "widest for the fake rate: -40.0 percentage points in 2002" in summary
    assert "(based on a low-reliability figure: non-EU citizens 40.0 %)" in summary
    assert "the difference widened for the fake rate" in summary  # -30.0 in 2001, -40.0 in 2002
    assert "low reliability (Eurostat flag u): the fake rate" in summary


def test_rank_follows_the_reading_of_the_indicator_and_skips_non_members():
    lower = replace(INDICATOR, higher_is_better=False)
    [section] = build_country_profile("AT", [lower], sample(), "en", identity).sections
    assert section.rank.rank == 1 and "lower is better" in section.rank.basis
    [section] = build_country_profile("NO", [INDICATOR], sample(), "en", identity).sections
    assert section.rank.rank is None and "not an EU member state" in section.rank.text


def test_countries_overview_gives_the_latest_difference_of_one_year():
    columns, rows = countries_overview(["AT", "NL", "NO", "FR"], [INDICATOR], sample(), "en", identity)
    [column] = columns
    assert column.year == 2002 and column.detail == "2002, percentage points"
    assert column.meaning == "non-EU citizens minus nationals; higher is better"
    cells = {row.country: row.cells[0] for row in rows}
    assert (cells["AT"].text, cells["AT"].sort, cells["AT"].low) == ("-40.0 (u)", -40.0, True)
    assert cells["NL"].text == "-20.0"  # 2002, not NL's own latest year 2003
    assert cells["FR"].text == "–" and cells["FR"].sort is None


# -- embedding, SVG, cache -----------------------------------------------------------------------


def test_spec_json_cannot_be_broken_out_of():
    spec = {"title": EVIL, "label": f"a{EVIL}", "data": {"values": [{"v": EVIL + "\u2028&"}]}}
    text = spec_json(spec)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == spec


def test_template_embeds_chart_safely(tmp_path):
    indicator = replace(INDICATOR, title=f"Fake {EVIL}")
    datasets = {"fake_ds": replace(FAKE_DS, title=EVIL, url="javascript:alert(1)")}
    chart = build_indicator_charts(indicator, sample(), "en", identity, cache_dir=tmp_path, datasets=datasets)[0]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "site_templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    html = env.get_template("partials/chart.html.j2").render(
        chart=chart, csv_href="../charts/x.csv", spec_json=spec_json(chart.spec), _=identity)
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert "javascript:" not in html
    assert 'data-search-exclude' in html and 'download' in html and '<th scope="col"' in html
    assert "<script" not in chart.svg and 'role="img"' in chart.svg


def test_svg_is_accessible_and_escapes_labels(tmp_path):
    chart = by_kind(charts_en())["gap"]
    spec = dict(chart.static_spec, description=EVIL)
    spec["datasets"] = {**spec["datasets"], "rows": [dict(r, series=EVIL) for r in spec["datasets"]["rows"]]}
    svg = render_svg(spec, tmp_path)
    assert "<script" not in svg.lower()
    assert re.match(r'<svg\b[^>]*\brole="img"[^>]*aria-label="&lt;/script&gt;', svg)


def test_static_svg_keeps_every_drawn_element_and_drops_empty_groups(tmp_path):
    spec = by_kind(charts_en())["countries"].static_spec
    raw = vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION)
    svg = render_svg(spec, tmp_path)

    def drawn(text: str) -> list[str]:  # what is painted, empty hit areas aside
        return [m for m in re.findall(r"<(?:path|line|text|rect)\b[^>]*>", text) if 'd="M0,0h0v0h0Z"' not in m
                and 'd=""' not in m]

    assert len(drawn(svg)) == len(drawn(raw))
    assert svg.count("<g") == svg.count("</g>") < raw.count("<g")
    assert not re.search(r"<g>|<g transform=\"translate\(0,0\)\">", svg)
    assert not re.search(r'\s(?:class|pointer-events|aria-roledescription)="', svg.split(">", 1)[1])


def test_second_render_comes_from_the_cache(tmp_path):
    spec = by_kind(charts_en())["gap"].static_spec
    before = dict(RENDER_STATS)
    first = render_svg(spec, tmp_path)
    second = render_svg(json.loads(json.dumps(spec)), tmp_path)
    assert first == second
    assert RENDER_STATS["rendered"] == before["rendered"] + 1
    assert RENDER_STATS["cached"] == before["cached"] + 1
    assert len(list(tmp_path.glob("*.svg"))) == 1 and not list(tmp_path.glob(".*tmp"))


def test_indicator_without_series_or_data_has_no_charts():
    assert build_indicator_charts(replace(INDICATOR, series=None), sample(), "en", identity) == []
    assert build_indicator_charts(INDICATOR, [], "en", identity) == []
    assert build_country_profile("FR", [INDICATOR], sample(), "en", identity).sections == []


@pytest.mark.parametrize("path", ["assets/charts.js", "assets/sort-table.js"])
def test_scripts_use_no_eval(path):
    text = (ROOT / "site_templates" / path).read_text(encoding="utf-8")
    assert not re.search(r"\beval\(|new Function|console\.error|innerHTML", text)
    if path.endswith("charts.js"):
        assert "ast: true" in text and "JSON.parse" in text
