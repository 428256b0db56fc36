"""Indicator charts: selection, specs, safe embedding, caching, localisation.

All figures here are obviously synthetic (round numbers, fake years).
"""

from __future__ import annotations

import csv
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

from generator.charts import (
    RENDER_STATS,
    build_country_chart,
    build_indicator_charts,
    render_svg,
    spec_json,
)
from generator.charts.select import select_series
from generator.charts.spec import SCHEMA_URL, VL_VERSION
from generator.data.format import COLUMNS, Observation
from generator.model.entities import Indicator, SeriesSpec

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


def obs(geo, year, group, value, *, sex="T", flag="", breakdown="citizenship",
        indicator="fake_rate", age="Y20-64") -> Observation:
    return Observation(indicator=indicator, geo=geo, year=year, breakdown=breakdown,
                       group=group, sex=sex, age=age, value=float(value), value_text=value,
                       unit="PC", flag=flag, source_dataset="fake_ds")


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
        obs("AT", 2002, "NAT", "80.0"),
        obs("AT", 2002, "NEU27_2020_FOR", "40.0", flag="u"),
        obs("BE", 2002, "NAT", "70.0"),
        obs("BE", 2002, "NEU27_2020_FOR", "65.0"),
        obs("NL", 2002, "NAT", "75.0"),
        obs("NL", 2002, "NEU27_2020_FOR", "55.0"),
        # Other groups and other breakdowns are never selected.
        obs("AT", 2002, "FOR", "1.0"),
        obs("AT", 2002, "NAT", "99.9", breakdown="country_of_birth"),
        obs("AT", 2002, "NEU27_2020_FOR", "99.9", breakdown="country_of_birth"),
    ]
    return rows


def identity(text: str) -> str:
    return text


@lru_cache(maxsize=1)
def vega_lite_validator() -> jsonschema.Draft7Validator:
    path = Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
    return jsonschema.Draft7Validator(json.loads(path.read_text(encoding="utf-8")))


def charts_en(focus=()) -> list:
    return build_indicator_charts(INDICATOR, sample(), "en", identity, focus)


def by_kind(charts) -> dict:
    return {c.kind: c for c in charts}


def test_versions_agree_with_altair_and_vl_convert():
    assert SCHEMA_URL == altair.SCHEMA_URL
    assert VL_VERSION in vl_convert.get_vegalite_versions()
    assert altair.SCHEMA_VERSION.lstrip("v").startswith(VL_VERSION + ".")


def test_indicator_charts_are_gap_countries_and_by_sex():
    assert [c.kind for c in charts_en()] == ["gap", "countries", "gap_by_sex"]


def test_every_spec_validates_against_the_vega_lite_schema():
    charts = charts_en(("NL",)) + build_country_chart("AT", [INDICATOR], sample(), "nl", identity)
    for chart in charts:
        errors = list(vega_lite_validator().iter_errors(chart.spec))
        assert not errors, (chart.id, [e.message for e in errors[:3]])
        assert chart.spec["$schema"] == SCHEMA_URL
        assert "url" not in chart.spec["data"] and chart.spec["data"]["values"]


def test_selection_never_mixes_breakdowns_groups_or_eu_aggregates():
    series = select_series(INDICATOR, sample())
    assert {o.breakdown for o in series.observations} == {"citizenship"}
    assert {o.group for o in series.observations} == {"NAT", "NEU27_2020_FOR"}
    assert series.eu_aggregate == "EU27_2020"
    gap = by_kind(charts_en())["gap"]
    assert {row["geo"] for row in gap.spec["data"]["values"]} == {"EU27_2020"}


def test_falls_back_to_the_older_non_eu_group_when_it_is_all_there_is():
    rows = [obs("EU28", 2001, "NAT", "10.0"), obs("EU28", 2001, "NEU28_FOR", "5.0")]
    series = select_series(INDICATOR, rows)
    assert (series.non_eu, series.eu_aggregate) == ("NEU28_FOR", "EU28")
    gap = build_indicator_charts(INDICATOR, rows, "en", identity)[0]
    assert "EU-28" in gap.title


def test_csv_is_exactly_the_selected_observations():
    expected = [o for o in sample() if o.geo == "EU27_2020" and o.sex == "T"]
    gap = by_kind(charts_en())["gap"]
    rows = list(csv.DictReader(io.StringIO(gap.csv)))
    ordered = sorted(expected, key=lambda o: (o.group, o.year))
    assert [(r["value"], r["flag"]) for r in rows] == [(o.value_text, o.flag) for o in ordered]
    assert rows == [o.as_row() for o in ordered]
    assert gap.csv.splitlines()[0] == ",".join(COLUMNS)
    assert gap.data_file == "charts/fake_rate-gap.csv"


def test_country_comparison_puts_focus_countries_first_and_sorts_by_gap():
    countries = by_kind(charts_en(("NL",)))["countries"]
    order = countries.spec["encoding"]["y"]["sort"]
    # NL first (focus), then the largest disadvantage: AT (-40), BE (-5).
    assert order == ["Netherlands", "Austria", "Belgium"]
    assert "Netherlands" in json.dumps(countries.spec["encoding"]["y"]["axis"])
    binds = [p.get("bind") for layer in countries.spec["layer"] for p in layer.get("params", [])]
    assert {"input": "select"}.items() <= binds[0].items() and "legend" in binds


def test_low_reliability_points_are_hollow_and_flagged_in_text():
    countries = by_kind(charts_en())["countries"]
    point = next(layer for layer in countries.spec["layer"] if layer["mark"]["type"] == "point")
    fill = point["encoding"]["fill"]
    assert fill["condition"] == {"test": "datum.low", "value": "#ffffff"}  # hollow shape
    assert "shape" in point["encoding"]
    austria = next(r for r in countries.spec["data"]["values"]
                   if r["geo"] == "AT" and r["group"] == "NEU27_2020_FOR")
    assert austria["low"] is True and austria["value_label"].endswith("(u)")
    assert countries.has_low_reliability
    assert "low reliability" in countries.description
    assert "low reliability" in " ".join(countries.spec["title"]["subtitle"])


def test_break_in_series_is_shown_in_tooltip_and_table():
    gap = by_kind(charts_en())["gap"]
    record = next(r for r in gap.spec["data"]["values"] if r["year"] == 2002
                  and r["group"] == "NAT")
    assert "break in series" in record["flags"]
    assert any("b: break in series" in row[-1] for row in gap.rows)


def test_description_states_the_computed_gap():
    gap = by_kind(charts_en())["gap"]
    # 2002: 60.0 vs 71.5 -> 11.5 points below; 2001: 50.0 vs 70.0 -> 20.0.
    assert "In 2002 the fake rate of non-EU citizens aged 20-64 in the EU-27 (2020) was " \
           "60.0 %, 11.5 percentage points below that of nationals (71.5 %)." in gap.description
    assert "The gap was 20.0 percentage points in 2001." in gap.description
    assert "higher value is better" in gap.description


def test_every_chart_carries_the_source_line():
    for chart in charts_en():
        assert chart.source_line == "Source: Eurostat (fake_ds), figures as published"
        assert chart.spec["title"]["text"] == chart.source_line


def test_dutch_chart_uses_decimal_comma_in_table_and_locale():
    gettext = {"Non-EU citizens": "Niet-EU-burgers", "Nationals": "Onderdanen"}.get
    charts = build_indicator_charts(INDICATOR, sample(), "nl", lambda s: gettext(s) or s)
    gap = by_kind(charts)["gap"]
    assert gap.spec["config"]["locale"]["number"]["decimal"] == ","
    assert gap.spec["config"]["locale"]["number"]["thousands"] == "."
    values = [row[4] for row in gap.rows]
    assert "71,5 %" in values and "70,0 %" in values
    assert "Niet-EU-burgers" in json.dumps(gap.spec)
    assert "Oostenrijk" in json.dumps(by_kind(charts)["countries"].spec)


def test_spec_json_cannot_be_broken_out_of():
    spec = {"title": EVIL, "label": f"a{EVIL}", "data": {"values": [{"v": EVIL + "\u2028&"}]}}
    text = spec_json(spec)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == spec


def test_template_embeds_chart_safely(tmp_path):
    rows = sample() + [obs("EU27_2020", 2003, "NAT", "1.0"),
                       obs("EU27_2020", 2003, "NEU27_2020_FOR", "2.0")]
    indicator = replace(INDICATOR, title=f"Fake {EVIL}")
    chart = build_indicator_charts(indicator, rows, "en", identity, cache_dir=tmp_path)[0]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "site_templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    html = env.get_template("partials/chart.html.j2").render(
        chart=chart, csv_href="../charts/x.csv", spec_json=spec_json(chart.spec), _=identity)
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert 'data-search-exclude' in html and 'download' in html and '<th scope="col">' in html
    assert "<script" not in chart.svg and 'role="img"' in chart.svg


def test_svg_is_accessible_and_escapes_labels(tmp_path):
    chart = by_kind(charts_en())["gap"]
    chart.spec["description"] = EVIL
    chart.spec["data"]["values"][0]["group_label"] = EVIL
    svg = render_svg(chart.spec, tmp_path)
    assert "<script" not in svg.lower()
    assert re.match(r'<svg\b[^>]*\brole="img"[^>]*aria-label="&lt;/script&gt;', svg)


def test_second_render_comes_from_the_cache(tmp_path):
    spec = by_kind(charts_en())["gap"].spec
    before = dict(RENDER_STATS)
    first = render_svg(spec, tmp_path)
    second = render_svg(json.loads(json.dumps(spec)), tmp_path)
    assert first == second
    assert RENDER_STATS["rendered"] == before["rendered"] + 1
    assert RENDER_STATS["cached"] == before["cached"] + 1
    assert len(list(tmp_path.glob("*.svg"))) == 1 and not list(tmp_path.glob(".*tmp"))


def test_country_chart_compares_with_the_eu_aggregate():
    [chart] = build_country_chart("AT", [INDICATOR], sample(), "en", identity)
    assert {r["geo"] for r in chart.spec["data"]["values"]} == {"AT", "EU27_2020"}
    assert "Austria (2002)" in chart.description and "EU-27 (2020) (2002)" in chart.description
    assert chart.id == "at-fake_rate"


def test_indicator_without_series_or_data_has_no_charts():
    assert build_indicator_charts(replace(INDICATOR, series=None), sample(), "en", identity) == []
    assert build_indicator_charts(INDICATOR, [], "en", identity) == []


@pytest.mark.parametrize("path", ["assets/charts.js"])
def test_chart_script_uses_no_eval_and_interpreter_mode(path):
    text = (ROOT / "site_templates" / path).read_text(encoding="utf-8")
    assert "ast: true" in text and "JSON.parse" in text
    assert not re.search(r"\beval\(|new Function|console\.error", text)
