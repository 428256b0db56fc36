"""Eurostat importer: each download format imports cell for cell; bad files write nothing.

Expected values are re-read from the fixtures here with plain string handling,
independently of the importer's parsers. Each import writes into a throw-away
data folder; the indicator definitions are the bundled ones plus the few
synthetic ones below (for datasets no bundled indicator uses).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from generator.data.format import COLUMNS
from generator.eurostat import DataFolders, ImportOptions, import_file
from generator.eurostat.detect import Format, detect_format
from generator.eurostat.labels import code_for
from generator.problems import Problems

REFERENCE = Path(__file__).parents[1].parent / "shared" / "reference-data"
FIXTURES = REFERENCE / "fixtures"
BUNDLED_INDICATORS = Path(__file__).parents[1] / "data" / "indicators"

pytestmark = pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/reference-data missing")

# Synthetic definitions for the fixtures' datasets that no bundled indicator uses.
TEST_DEFINITIONS = {
    "employment_rate_by_birth": "breakdown: country_of_birth\nsource: lfsa_ergacob\n"
    "series: {indicator: employment_rate, age: Y15-64, unit: PC}\n",
    "prisoners": "breakdown: citizenship\n",
    "income": "breakdown: citizenship\n",
}


def write_definitions(folder: Path, definitions: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in definitions.items():
        (folder / f"{name}.yml").write_text(
            f"id: {name}\ndomain: employment\ntitle: Test {name}\ndefinition: Synthetic.\n"
            f"age: all\nunit: percent\nhigher_is_better: true\n{body}",
            encoding="utf-8",
        )
    return folder


def run(src: Path, out: Path, dataset: str | None = None, indicator: str | None = None, **options):
    """Import `src` into the CSV `out` (its folder is the data folder)."""
    definitions = write_definitions(out.parent.parent / "test-definitions", TEST_DEFINITIONS)
    folders = DataFolders(out.parent, indicators=(BUNDLED_INDICATORS, definitions))
    problems = Problems()
    chosen = ImportOptions(dataset=dataset, indicator=indicator, into=out, **options)
    report = import_file(src, folders, chosen, problems)
    return report, problems


def rows(out: Path) -> list[dict[str, str]]:
    with out.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


def by_geo_year(out: Path) -> dict[tuple[str, str], dict[str, str]]:
    found = {(r["geo"], r["year"]): r for r in rows(out)}
    assert len(found) == len(rows(out))
    return found


def reference_rows(name: str, dataset: str) -> dict[tuple[str, ...], tuple[str, str]]:
    """(indicator, geo, year, citizenship, sex, age) -> (value, flag) from a tidy reference file."""
    with (REFERENCE / name).open(encoding="utf-8", newline="") as stream:
        return {
            (r["indicator"], r["geo"], r["year"], r["citizenship"], r["sex"], r["age"]): (
                r["value"],
                r["flag"],
            )
            for r in csv.DictReader(stream)
            if r["source_dataset"] == dataset
        }


def in_reference_shape(row: dict[str, str]) -> tuple[str, ...]:
    prefix = {"citizenship": "citizen", "country_of_birth": "c_birth"}[row["breakdown"]]
    group = f"{prefix}:{row['group']}"
    return (row["indicator"], row["geo"], row["year"], group, row["sex"], row["age"])


# --- every format, cell by cell ------------------------------------------------------


def test_bulk_tsv_cell_by_cell(tmp_path: Path) -> None:
    src = FIXTURES / "eurostat-tsv-sample.tsv"
    out = tmp_path / "employment.csv"
    report, problems = run(src, out, dataset="lfsa_ergan")
    assert not problems.errors, [p.format() for p in problems.items]

    lines = src.read_text(encoding="utf-8").splitlines()
    years = [cell.strip() for cell in lines[0].split("\t")[1:]]
    expected, missing = {}, 0
    for line in lines[1:]:
        key, *cells = line.split("\t")
        _freq, unit, sex, age, citizen, geo = key.split(",")
        for year, cell in zip(years, cells, strict=True):
            value, _, flag = cell.partition(" ")
            if value == ":":
                missing += 1
                continue
            expected[(geo, year)] = (value, flag.strip(), unit, sex, age, citizen)

    got = {
        k: (r["value"], r["flag"], r["unit"], r["sex"], r["age"], r["group"])
        for k, r in by_geo_year(out).items()
    }
    assert got == expected
    assert got[("AT", "2021")][:2] == ("70.4", "b")
    assert ("BG", "2015") not in got  # `: u` is skipped
    assert got[("ES", "2021")][:2] == ("58.2", "bd")
    assert {r["indicator"] for r in rows(out)} == {"employment_rate"}
    assert {r["breakdown"] for r in rows(out)} == {"citizenship"}
    assert {r["source_dataset"] for r in rows(out)} == {"lfsa_ergan"}

    assert report is not None
    assert (report.rows, report.skipped_missing) == (len(expected), missing)
    assert report.flags_count == sum(1 for v in expected.values() if v[1])
    assert report.summary() == (
        f"imported {len(expected)} rows (1 indicator, 10 countries, 2015–2024; "
        f"{report.flags_count} flagged, {missing} missing skipped) from {src} "
        f"(Eurostat bulk TSV, lfsa_ergan) into {out}"
    )
    # The same cells as the bundled reference data extracted from the full file.
    reference = reference_rows("labour_market.csv", "lfsa_ergan")
    for row in rows(out):
        assert reference[in_reference_shape(row)] == (row["value"], row["flag"])


def test_sdmx_csv_1_codes_cell_by_cell(tmp_path: Path) -> None:
    # The fixture's figures are counts (unit NR), which no chart shows: with the
    # unit relabelled PC (synthetic) its cells import one for one.
    src = tmp_path / "crim_pris_ctz_linear.csv"
    src.write_text((FIXTURES / "sdmx-csv-sample.csv").read_text(encoding="utf-8").replace(",NR,", ",PC,"))
    out = tmp_path / "data" / "prison.csv"
    report, problems = run(src, out, indicator="prisoners")
    assert not problems.errors
    with src.open(encoding="utf-8", newline="") as stream:
        source = list(csv.DictReader(stream))
    expected = {
        (r["geo"], r["TIME_PERIOD"]): (r["OBS_VALUE"], r["OBS_FLAG"], r["citizen"], r["unit"])
        for r in source
    }
    got = {k: (r["value"], r["flag"], r["group"], r["unit"]) for k, r in by_geo_year(out).items()}
    assert got == expected
    assert {r["source_dataset"] for r in rows(out)} == {"crim_pris_ctz"}
    assert {(r["sex"], r["age"]) for r in rows(out)} == {("T", "TOTAL")}
    assert report is not None and report.format_name == "SDMX-CSV 1.0"


def test_counts_are_not_imported(tmp_path: Path) -> None:
    # Changed by issue 15: rows in a unit the site does not chart (NR) used to be
    # kept with a warning, and `toolkit check` then rejected the file.
    out = tmp_path / "data" / "prison.csv"
    report, problems = run(FIXTURES / "sdmx-csv-sample.csv", out, indicator="prisoners")
    assert report is None and not out.exists()
    assert any("'NR'" in p.message and "skipped" in p.message for p in problems.warnings)
    assert "no rows to import" in problems.errors[0].message


def test_sdmx_csv_1_unknown_dataset_needs_indicator(tmp_path: Path) -> None:
    report, problems = run(FIXTURES / "sdmx-csv-sample.csv", tmp_path / "x.csv")
    assert report is None and not (tmp_path / "x.csv").exists()
    assert "--indicator" in problems.errors[0].message
    # It says which definition to write, and never points to another dataset.
    assert f"{tmp_path}/indicators/crim_pris_ctz.yml" in problems.errors[0].message
    assert "did you mean" not in problems.errors[0].message


def test_sdmx_csv_1_labels_cell_by_cell(tmp_path: Path) -> None:
    src = FIXTURES / "sdmx-csv-1.0-labels-sample.csv"
    out = tmp_path / "income.csv"
    report, problems = run(src, out)
    assert not problems.errors
    geo = {"Albania": "AL", "Austria": "AT"}
    with src.open(encoding="utf-8", newline="") as stream:
        source = list(csv.DictReader(stream))
    expected = {
        (geo[r["geo"]], r["TIME_PERIOD"]): (r["OBS_VALUE"], r["OBS_FLAG"])
        for r in source
        if r["OBS_VALUE"]
    }
    got = {k: (r["value"], r["flag"]) for k, r in by_geo_year(out).items()}
    assert got == expected
    assert got[("AL", "2021")] == ("3454", "u")
    assert {
        (r["indicator"], r["group"], r["sex"], r["age"], r["unit"], r["source_dataset"])
        for r in rows(out)
    } == {("median_net_income", "EU27_2020_FOR", "T", "Y_GE18", "EUR", "ilc_di15")}
    assert report is not None
    assert report.skipped_missing == sum(1 for r in source if not r["OBS_VALUE"])
    assert report.format_name == "SDMX-CSV 1.0 (labels)"


def test_sdmx_csv_2_labels_cell_by_cell(tmp_path: Path) -> None:
    src = FIXTURES / "sdmx-csv-2.0-labels-sample.csv"
    out = tmp_path / "employment.csv"
    report, problems = run(src, out)
    assert not problems.errors
    with src.open(encoding="utf-8", newline="") as stream:
        source = list(csv.DictReader(stream))
    expected = {(r["geo"], r["TIME_PERIOD"]): (r["OBS_VALUE"], r["OBS_FLAG"]) for r in source}
    got = {k: (r["value"], r["flag"]) for k, r in by_geo_year(out).items()}
    assert got == expected
    assert got[("AT", "2004")] == ("48.6", "b")
    assert {
        (r["indicator"], r["geo"], r["breakdown"], r["group"], r["sex"], r["age"], r["unit"])
        for r in rows(out)
    } == {("employment_rate", "AT", "citizenship", "FOR", "F", "Y15-64", "PC")}
    assert report is not None and report.dataset == "lfsa_ergan"


def test_jsonstat_cell_by_cell(tmp_path: Path) -> None:
    src = FIXTURES / "jsonstat-sample.json"
    out = tmp_path / "employment.csv"
    report, problems = run(src, out)
    assert not problems.errors
    data = json.loads(src.read_text(encoding="utf-8"), parse_float=str)
    dims = data["dimension"]
    births, geos = dims["c_birth"]["category"]["index"], dims["geo"]["category"]["index"]
    times = dims["time"]["category"]["index"]
    expected = {}
    for birth, b in births.items():
        for geo, g in geos.items():
            for year, t in times.items():
                index = str((b * len(geos) + g) * len(times) + t)
                if index in data["value"]:
                    flag = data["status"].get(index, "")
                    expected[(birth, geo, year)] = (data["value"][index], flag)
    got = {(r["group"], r["geo"], r["year"]): (r["value"], r["flag"]) for r in rows(out)}
    assert got == expected
    assert {r["breakdown"] for r in rows(out)} == {"country_of_birth"}
    assert report is not None and report.dataset == "lfsa_ergacob"
    reference = reference_rows("labour_market.csv", "lfsa_ergacob")
    for row in rows(out):
        assert reference[in_reference_shape(row)] == (row["value"], row["flag"])


def test_legacy_bulk_csv_labels_cell_by_cell(tmp_path: Path) -> None:
    src = FIXTURES / "legacy-bulk-csv-sample.csv"
    out = tmp_path / "income.csv"
    report, problems = run(src, out)  # dataset read from the _Label.csv beside it
    assert not problems.errors
    geo = {"European Union - 28 countries": "EU28", "Belgium": "BE"}
    indicator = {
        "Mean equivalised net income": "mean_net_income",
        "Median equivalised net income": "median_net_income",
    }
    group = {
        "EU28 countries except reporting country": "EU28_FOR",
        "Non-EU28 countries nor reporting country": "NEU28_FOR",
        "Foreign country": "FOR",
        "Reporting country": "NAT",
    }
    with src.open(encoding="utf-8", newline="") as stream:
        source = list(csv.DictReader(stream))
    expected = {
        (indicator[r["INDIC_IL"]], geo[r["GEO"]], r["TIME"], group[r["CITIZEN"]]): (
            r["Value"].replace(" ", ""),
            r["Flag and Footnotes"],
        )
        for r in source
        if r["Value"] != ":"
    }
    got = {
        (r["indicator"], r["geo"], r["year"], r["group"]): (r["value"], r["flag"])
        for r in rows(out)
    }
    # Changed by issue 15: only rows an indicator definition charts are written;
    # the mean income (no definition) is skipped with a warning, not written as
    # an indicator `toolkit check` would reject.
    median = {k: v for k, v in expected.items() if k[0] == "median_net_income"}
    assert got == median and len(median) < len(expected)
    assert got[("median_net_income", "EU28", "2015", "EU28_FOR")] == ("18090", "u")
    (skipped,) = [p for p in problems.warnings if "mean_net_income" in p.message]
    assert f"{len(expected) - len(median)} row(s) skipped" in skipped.message
    assert report is not None and report.dataset == "ilc_di15"
    assert report.skipped_missing == sum(1 for r in source if r["Value"] == ":")


def test_migr_acqs_rates_match_reference(tmp_path: Path) -> None:
    src = REFERENCE / "raw" / "mhbvr_irish-migration-stats" / "eurostat_migr_acqs_all.json"
    if not src.exists():
        pytest.skip("raw migr_acqs copy missing")
    out = tmp_path / "citizenship.csv"
    report, problems = run(src, out)
    assert not problems.errors
    reference = reference_rows("active_citizenship.csv", "migr_acqs")
    got = {in_reference_shape(r): (r["value"], r["flag"]) for r in rows(out)}
    assert got == reference
    assert report is not None and report.indicators == ("naturalisation_rate",)


# --- malformed files: located error, nothing written ---------------------------------


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    out = tmp_path / "data" / "observations.csv"
    out.parent.mkdir()
    out.write_text(
        ",".join(COLUMNS) + "\n"
        "activity_rate,FR,2019,citizenship,NAT,T,Y20-64,71.2,PC,,lfsa_argan\n"
        "employment_rate,AT,2015,citizenship,EU27_2020_FOR,F,Y20-64,1.0,PC,,lfsa_ergan\n",
        encoding="utf-8",
    )
    return out


def assert_rejected(src: Path, out: Path, location: str, *words: str, **options) -> None:
    before = out.read_bytes()
    report, problems = run(src, out, **options)
    assert report is None
    assert problems.errors, "expected an error"
    first = problems.errors[0]
    assert str(first.location) == location, first.format()
    for word in words:
        assert word in first.message, first.message
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no temp file left


def test_truncated_tsv_row(tmp_path: Path, existing: Path) -> None:
    lines = (FIXTURES / "eurostat-tsv-sample.tsv").read_bytes().split(b"\r\n")
    cut = b"\r\n".join(lines[:12]) + b"\r\n" + lines[12][:45]  # file cut inside line 13
    src = tmp_path / "cut.tsv"
    src.write_bytes(cut)
    assert_rejected(src, existing, f"{src}:13", "truncated", dataset="lfsa_ergan")


def test_truncated_quoted_field(tmp_path: Path, existing: Path) -> None:
    text = (FIXTURES / "sdmx-csv-2.0-labels-sample.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    src = tmp_path / "cut.csv"
    src.write_text("".join(lines[:5]) + lines[5][:50], encoding="utf-8")  # inside the quotes
    assert_rejected(src, existing, f"{src}:6", "truncated")


def test_truncated_jsonstat(tmp_path: Path, existing: Path) -> None:
    text = (FIXTURES / "jsonstat-sample.json").read_text(encoding="utf-8")
    src = tmp_path / "cut.json"
    src.write_text(text[:3000], encoding="utf-8")
    line = text[:3000].count("\n") + 1
    column = text[:3000].rsplit("\n", 1)[1].rindex('"') + 1  # the cut-off string's quote
    assert_rejected(src, existing, f"{src}:{line}:{column}", "truncated")


def test_bad_jsonstat_value_is_located(tmp_path: Path, existing: Path) -> None:
    text = (FIXTURES / "jsonstat-sample.json").read_text(encoding="utf-8")
    src = tmp_path / "bad.json"
    src.write_text(text.replace('"28": 65.5', '"28": "n/a"'), encoding="utf-8")
    assert_rejected(src, existing, f"{src}:10", "'n/a'")


def test_short_sdmx_row(tmp_path: Path, existing: Path) -> None:
    lines = (FIXTURES / "sdmx-csv-1.0-labels-sample.csv").read_text().splitlines(keepends=True)
    lines[3] = ",".join(lines[3].split(",")[:9]) + "\n"
    src = tmp_path / "short.csv"
    src.write_text("".join(lines), encoding="utf-8")
    assert_rejected(src, existing, f"{src}:4", "9 cells", "13")


def test_misheaded_sdmx(tmp_path: Path, existing: Path) -> None:
    text = (FIXTURES / "sdmx-csv-sample.csv").read_text(encoding="utf-8")
    src = tmp_path / "misheaded.csv"
    src.write_text(text.replace("OBS_VALUE", "VALUE", 1), encoding="utf-8")
    assert_rejected(src, existing, f"{src}:1", "'VALUE'", indicator="prisoners")


def test_sdmx_missing_required_column(tmp_path: Path, existing: Path) -> None:
    text = (FIXTURES / "sdmx-csv-2.0-labels-sample.csv").read_text(encoding="utf-8")
    src = tmp_path / "nogeo.csv"
    src.write_text(text.replace(",geo,", ",place,", 1), encoding="utf-8")
    assert_rejected(src, existing, f"{src}:1", "geo")


def test_unknown_header_lists_formats(tmp_path: Path, existing: Path) -> None:
    src = tmp_path / "other.csv"
    src.write_text("country,year,value\nAT,2020,1\n", encoding="utf-8")
    assert_rejected(src, existing, f"{src}:1", "SDMX-CSV 1.0", "bulk TSV", "JSON-stat")


def test_not_utf8(tmp_path: Path, existing: Path) -> None:
    data = (FIXTURES / "eurostat-tsv-sample.tsv").read_bytes().split(b"\r\n")
    data[2] = data[2].replace(b"EU27", b"\xe9U27")
    src = tmp_path / "latin1.tsv"
    src.write_bytes(b"\r\n".join(data))
    assert_rejected(src, existing, f"{src}:3:15", "UTF-8", dataset="lfsa_ergan")


def test_bad_value_is_located(tmp_path: Path, existing: Path) -> None:
    text = (FIXTURES / "eurostat-tsv-sample.tsv").read_text(encoding="utf-8")
    src = tmp_path / "bad.tsv"
    src.write_text(text.replace("71.6 ", "71,6 ", 1), encoding="utf-8", newline="")
    assert_rejected(src, existing, f"{src}:2:38", "'71,6'", dataset="lfsa_ergan")


def test_tsv_needs_dataset(tmp_path: Path, existing: Path) -> None:
    src = FIXTURES / "eurostat-tsv-sample.tsv"
    assert_rejected(src, existing, f"{src}:1", "--dataset")


def test_unmappable_label(tmp_path: Path, existing: Path) -> None:
    text = (FIXTURES / "sdmx-csv-1.0-labels-sample.csv").read_text(encoding="utf-8")
    src = tmp_path / "atlantis.csv"
    src.write_text(text.replace(",Austria,", ",Atlantis,"), encoding="utf-8")
    assert_rejected(src, existing, f"{src}:7", "'geo'", "'Atlantis'")
    _, problems = run(src, existing)
    assert len(problems.errors) == 1  # one error per unknown label, not one per row


def test_two_series_into_one_indicator(tmp_path: Path, existing: Path) -> None:
    # Mean and median both forced into one key collide: say which dimension differs.
    shutil.copy(FIXTURES / "legacy-bulk-csv-sample.csv", tmp_path / "legacy.csv")
    src = tmp_path / "legacy.csv"
    assert_rejected(src, existing, f"{src}:8", "indic_il", dataset="ilc_di15", indicator="income")


def test_existing_output_in_other_format_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out" / "other.csv"
    out.parent.mkdir()
    out.write_text("a,b\n1,2\n", encoding="utf-8")
    src = FIXTURES / "eurostat-tsv-sample.tsv"
    assert_rejected(src, out, f"{out}:1", "header", dataset="lfsa_ergan")


# --- merging -------------------------------------------------------------------------


def test_merge_replaces_same_key_and_keeps_others(tmp_path: Path, existing: Path) -> None:
    src = FIXTURES / "eurostat-tsv-sample.tsv"
    report, problems = run(src, existing, dataset="lfsa_ergan")
    assert report is not None and not problems.errors
    merged = rows(existing)
    assert merged[0]["indicator"] == "activity_rate"  # kept, sorted first
    at_2015 = [r for r in merged if (r["indicator"], r["geo"], r["year"]) == (
        "employment_rate", "AT", "2015")]  # fmt: skip
    assert [r["value"] for r in at_2015] == ["69.3"]  # replaced, not duplicated
    assert len(merged) == report.rows + 1
    assert merged == sorted(merged, key=lambda r: (r["indicator"], r["geo"], int(r["year"])))
    once = existing.read_bytes()
    run(src, existing, dataset="lfsa_ergan")
    assert existing.read_bytes() == once  # importing again changes nothing


# --- small units ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("freq,unit,sex,age,citizen,geo\\TIME_PERIOD\t2015 \t2016 ", Format.TSV),
        ("unit,sex,age,citizen,geo\\time\t2019 \t2018 ", Format.TSV),
        ("DATAFLOW,LAST UPDATE,freq,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG", Format.SDMX_1),
        ("STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,freq,Time frequency", Format.SDMX_2),
        ('"TIME","GEO","UNIT","Value","Flag and Footnotes"', Format.LEGACY_CSV),
        ("{", Format.JSON_STAT),
        ("geo,year,value", None),
    ],
)
def test_detect_format(header: str, expected: Format | None) -> None:
    assert detect_format(header) == expected


@pytest.mark.parametrize(
    ("dimension", "label", "code"),
    [
        ("geo", "European Union - 27 countries (from 2020)", "EU27_2020"),
        ("geo", "European Union - 28 countries (2013-2020)", "EU28"),
        ("geo", "Greece", "EL"),
        ("geo", "United Kingdom", "UK"),
        ("geo", "Kosovo*", "XK"),
        ("geo", "Kosovo (under United Nations Security Council Resolution 1244/99)", "XK"),
        ("geo", "Türkiye", "TR"),
        ("geo", "Turkey", "TR"),
        ("geo", "Czechia", "CZ"),
        ("geo", "Germany", "DE"),
        ("geo", "NO", None),
        ("citizen", "Reporting country", "NAT"),
        ("citizen", "Foreign country", "FOR"),
        ("c_birth", "EU27 countries (from 2020) except reporting country", "EU27_2020_FOR"),
        ("citizen", "Non-EU27 countries (from 2020) nor reporting country", "NEU27_2020_FOR"),
        ("citizen", "Non-EU28 countries (2013-2020) nor reporting country", "NEU28_FOR"),
        ("citizen", "Total", "TOTAL"),
        ("sex", "Females", "F"),
        ("age", "From 20 to 64 years", "Y20-64"),
        ("age", "18 years or over", "Y_GE18"),
        ("unit", "Percentage", "PC"),
        ("unit", "Euro", "EUR"),
        ("freq", "Annual", "A"),
    ],
)
def test_labels_to_codes(dimension: str, label: str, code: str | None) -> None:
    assert code_for(dimension, label) == code


# --- issue 15: the code from Eurostat's file naming, .gz, and what is never written ---------

from generator.eurostat.naming import dataset_from_name  # noqa: E402


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("estat_lfsa_ergan.tsv", "lfsa_ergan"),
        ("estat_lfsa_ergan.tsv.gz", "lfsa_ergan"),
        ("lfsa_ergan.tsv.gz", "lfsa_ergan"),
        ("lfsa_ergan_linear.csv", "lfsa_ergan"),
        ("lfsa_ergan_linear_2_0.csv.gz", "lfsa_ergan"),
        ("estat_edat_lfs_9912_filtered1.tsv", "edat_lfs_9912"),
        ("estat_lfsa_ergan_filtered_en.csv", "lfsa_ergan"),
        ("lfsa_ergan__custom_123456_linear.csv", "lfsa_ergan"),
        ("ilc_di15_1_Data.csv", "ilc_di15"),
        ("estat_migr_acqs (1).tsv.gz", "migr_acqs"),
        ("eurostat-tsv-sample.tsv", ""),
        ("my figures.csv", ""),
    ],
)
def test_dataset_code_from_eurostat_file_names(name: str, code: str) -> None:
    assert dataset_from_name(Path(name)) == code


def test_bulk_tsv_named_by_eurostat_needs_no_option(tmp_path: Path) -> None:
    # The case: a bulk TSV named after its dataset was refused.
    src = tmp_path / "estat_lfsa_ergan_filtered.tsv"
    shutil.copy(FIXTURES / "eurostat-tsv-sample.tsv", src)
    out = tmp_path / "data" / "employment.csv"
    report, problems = run(src, out)
    assert not problems.errors and report is not None
    assert (report.dataset, report.dataset_from) == ("lfsa_ergan", f"the file name {src.name}")


def test_gzip_is_read_transparently_and_damage_is_reported(tmp_path: Path) -> None:
    import gzip

    data = (FIXTURES / "eurostat-tsv-sample.tsv").read_bytes()
    plain, packed = tmp_path / "plain" / "x.csv", tmp_path / "packed" / "x.csv"
    src = tmp_path / "estat_lfsa_ergan.tsv.gz"
    src.write_bytes(gzip.compress(data))
    run(FIXTURES / "eurostat-tsv-sample.tsv", plain, dataset="lfsa_ergan")
    report, problems = run(src, packed)
    assert not problems.errors and packed.read_bytes() == plain.read_bytes()
    cut = tmp_path / "cut" / "estat_lfsa_ergan.tsv.gz"
    cut.parent.mkdir()
    cut.write_bytes(gzip.compress(data)[:200])
    report, problems = run(cut, tmp_path / "cut" / "out.csv")
    assert report is None and str(problems.errors[0].location) == str(cut)
    assert "damaged or cut off" in problems.errors[0].message


def test_an_input_folder_is_reported_as_input(tmp_path: Path, existing: Path) -> None:
    folder = tmp_path / "estat_lfsa_ergan.tsv"
    folder.mkdir()
    report, problems = run(folder, existing)
    assert report is None and "is a folder" in problems.errors[0].message
    assert "writ" not in problems.errors[0].message  # not mistaken for the output


@pytest.mark.parametrize("value", ["9" * 400, "1e309", "inf"])
def test_unstorable_numbers_are_located_and_never_written(tmp_path: Path, existing: Path, value: str) -> None:
    text = (FIXTURES / "eurostat-tsv-sample.tsv").read_text(encoding="utf-8")
    src = tmp_path / "huge.tsv"
    src.write_text(text.replace("71.6 ", f"{value} ", 1), encoding="utf-8", newline="")
    assert_rejected(src, existing, f"{src}:2:38", value[:20], dataset="lfsa_ergan")


def test_exponent_values_are_written_out_exactly(tmp_path: Path) -> None:
    text = (FIXTURES / "eurostat-tsv-sample.tsv").read_text(encoding="utf-8")
    src = tmp_path / "exp.tsv"
    src.write_text(text.replace("71.6 ", "7.16E1 ", 1), encoding="utf-8", newline="")
    out = tmp_path / "data" / "x.csv"
    report, problems = run(src, out, dataset="lfsa_ergan")
    assert not problems.errors
    assert by_geo_year(out)[("AT", "2016")]["value"] == "71.6"


def test_jsonstat_short_value_array_is_an_error(tmp_path: Path, existing: Path) -> None:
    data = json.loads((FIXTURES / "jsonstat-sample.json").read_text(encoding="utf-8"))
    cells = 108  # 2 x 2 x 27
    data["value"] = [60.0] * (cells - 1)  # dense, one short: every later value would shift
    data["status"] = {}
    src = tmp_path / "short.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    assert_rejected(src, existing, f"{src}:1", "107 entries", "108 cells")


def test_jsonstat_index_outside_the_cube_is_an_error(tmp_path: Path, existing: Path) -> None:
    text = (FIXTURES / "jsonstat-sample.json").read_text(encoding="utf-8")
    src = tmp_path / "outside.json"
    src.write_text(text.replace('"27": 67.9', '"999": 67.9'), encoding="utf-8")
    assert_rejected(src, existing, f"{src}:9", "index 999")


def test_unknown_dimension_is_never_imported_as_total(tmp_path: Path, existing: Path) -> None:
    # A group dimension under another name must not become the whole population.
    text = (FIXTURES / "sdmx-csv-2.0-labels-sample.csv").read_text(encoding="utf-8")
    src = tmp_path / "renamed.csv"
    src.write_text(text.replace(",citizen,", ",nationality,", 1), encoding="utf-8")
    assert_rejected(src, existing, f"{src}:1", "no citizen or c_birth dimension")
    # A dimension the toolkit does not know, with two values, would mix two series.
    lines = text.splitlines(keepends=True)
    lines[0] = lines[0].replace(",sex,Sex,", ",sex,Sex,tenure,Tenure,")
    lines[1:] = [line.replace(",F,Females,", f",F,Females,{'OWN' if i % 2 else 'RENT'},x,") for i, line in enumerate(lines[1:])]
    src = tmp_path / "tenure.csv"
    src.write_text("".join(lines), encoding="utf-8")
    assert_rejected(src, existing, f"{src}:3", "'tenure'", "several values")


def test_dataset_without_definition_names_the_file_to_write(tmp_path: Path) -> None:
    # The case: JSON-stat lfsa_ergacob was written with source_dataset
    # lfsa_ergacob, and `toolkit check` then suggested "did you mean lfsa_ergan".
    out = tmp_path / "data" / "employment.csv"
    folders = DataFolders(out.parent, indicators=(BUNDLED_INDICATORS,))
    problems = Problems()
    report = import_file(FIXTURES / "jsonstat-sample.json", folders, ImportOptions(), problems)
    assert report is None and not out.parent.exists()
    (error,) = problems.errors
    assert f"{out.parent}/indicators/lfsa_ergacob.yml" in error.message and "source: lfsa_ergacob" in error.message
    assert "lfsa_ergan" not in error.message and "did you mean" not in error.message


def test_rows_by_birth_never_feed_an_indicator_by_citizenship(tmp_path: Path) -> None:
    out = tmp_path / "data" / "employment.csv"
    report, problems = run(FIXTURES / "jsonstat-sample.json", out, indicator="employment_rate")
    assert report is None
    assert any("by country of birth" in p.message and "employment_rate.yml" in p.message for p in problems.errors)


def test_into_outside_the_data_folder_is_refused(tmp_path: Path) -> None:
    folders = DataFolders(tmp_path / "data", indicators=(BUNDLED_INDICATORS,))
    problems = Problems()
    options = ImportOptions(dataset="lfsa_ergan", into=tmp_path / "elsewhere.csv")
    assert import_file(FIXTURES / "eurostat-tsv-sample.tsv", folders, options, problems) is None
    assert "inside the data folder" in problems.errors[0].message
    assert not (tmp_path / "elsewhere.csv").exists()


def test_vintage_from_the_file_where_eurostat_gives_it(tmp_path: Path) -> None:
    cases = [
        ("sdmx-csv-1.0-labels-sample.csv", "2025-03-21", "LAST UPDATE 21/03/25 23:00:00"),
        ("jsonstat-sample.json", "2023-02-15", "UPDATE_DATA 2023-02-15T23:00:00+0100"),
        ("legacy-bulk-csv-sample.csv", "2019-10-23", "LAST UPDATE: 23.10.19 11:21:00"),
    ]
    for name, date, note in cases:
        src = tmp_path / name
        shutil.copy(FIXTURES / name, src)
        if name.startswith("legacy"):
            shutil.copy(FIXTURES / "legacy-bulk-csv-sample_Label.csv", tmp_path)
        out = tmp_path / name.split(".")[0] / "out.csv"
        report, problems = run(src, out)
        assert report is not None, [p.format() for p in problems.errors]
        assert (report.vintage.date.isoformat(), report.vintage.basis) == (date, "file")
        assert note in report.vintage.note
        descriptor = json.loads((out.parent / "datapackage.json").read_text(encoding="utf-8"))
        (source,) = descriptor["resources"][0]["sources"]
        assert (source["vintage"], source["vintage_basis"]) == (date, "file")


def test_vintage_option_overrides_and_bad_date_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "data" / "x.csv"
    report, _ = run(FIXTURES / "eurostat-tsv-sample.tsv", out, dataset="lfsa_ergan", vintage="2025-09-18")
    assert report is not None and (report.vintage.date.isoformat(), report.vintage.basis) == ("2025-09-18", "option")
    report, problems = run(FIXTURES / "eurostat-tsv-sample.tsv", out, dataset="lfsa_ergan", vintage="18/09/2025")
    assert report is None and "--vintage" in problems.errors[0].message


def test_real_bulk_download_matches_the_bundled_figures_flag_for_flag(tmp_path: Path) -> None:
    # The full milmary copy of Eurostat's lfsa_ergan TSV (read in place, not
    # copied into the project) against the bundled data: every 20-64 figure
    # is unchanged; the 15-64 series from the other carrier would be withdrawn.
    src = REFERENCE / "raw" / "milmary_MigrationEU_Statistics" / "estat_lfsa_ergan_filtered.tsv"
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parents[1] / "data", data)
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    folders = DataFolders(data, indicators=(data / "indicators",), root=tmp_path)
    problems = Problems()
    report = import_file(src, folders, ImportOptions(dry_run=True), problems)
    assert report is not None and not problems.errors
    diff = report.diff
    assert (len(diff.added), len(diff.changed), diff.unchanged) == (0, 0, report.rows)
    assert {r["age"] for r in diff.withdrawn} == {"Y15-64"}
    assert any("withdraws" in p.message for p in problems.warnings)
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before  # dry run
