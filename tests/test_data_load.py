"""Loading and validating data/ (datapackage.json + observation CSVs).

Synthetic fixtures are obviously fake (indicator `fake_rate`, dataset
`fake_dataset`); one test loads the real bundled data.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from generator.data.format import COLUMNS
from generator.data.load import descriptor_summary, load_observations
from generator.problems import Problems

PROJECT = Path(__file__).resolve().parent.parent
HEADER = ",".join(COLUMNS)
GOOD_ROWS = [
    "fake_rate,AT,2020,citizenship,NAT,T,Y20-64,12.5,PC,,fake_dataset",
    "fake_rate,AT,2021,citizenship,NAT,T,Y20-64,13.0,PC,u,fake_dataset",
    "fake_rate,EU27_2020,2021,citizenship,NEU27_2020_FOR,F,Y20-64,1.25,PC,bu,fake_dataset",
]


def write_package(data_dir: Path, files: dict[str, str | bytes]) -> Path:
    """A descriptor declaring `files` (name -> CSV text or bytes) and the files."""
    data_dir.mkdir(parents=True, exist_ok=True)
    fields = [{"name": c, "type": "string"} for c in COLUMNS]
    descriptor = {
        "name": "fake-package",
        "licenses": [
            {
                "title": "Fake licence",
                "path": "https://example.org/licence",
                "acknowledgement": "Source: nobody",
            }
        ],
        "sources": [
            {
                "title": "Fake carrier",
                "path": "https://example.org/repo",
                "commit": "0" * 40,
                "datasets": ["fake_dataset"],
            }
        ],
        "resources": [
            {
                "name": name,
                "path": f"observations/{name}.csv",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {"fields": fields},
                "sources": [
                    {
                        "title": "Fake dataset",
                        "path": "https://example.org/fake",
                        "dataset": "fake_dataset",
                    }
                ],
            }
            for name in files
        ],
    }
    (data_dir / "datapackage.json").write_text(json.dumps(descriptor, indent=2), "utf-8")
    (data_dir / "observations").mkdir(exist_ok=True)
    for name, content in files.items():
        path = data_dir / "observations" / f"{name}.csv"
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content is not None:
            path.write_text(content, encoding="utf-8", newline="")
    return data_dir


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def load(data_dir: Path):
    problems = Problems()
    observations = load_observations(data_dir, problems, root=data_dir)
    return observations, problems


def only_error(problems: Problems):
    assert len(problems.items) == 1, [p.format() for p in problems.items]
    return problems.items[0]


def test_valid_rows_load_with_flags_and_published_text(tmp_path):
    data = write_package(tmp_path / "data", {"fake": csv_text(*GOOD_ROWS)})
    observations, problems = load(data)
    assert not problems
    assert [o.value for o in observations] == [12.5, 13.0, 1.25]
    assert observations[1].value_text == "13.0"
    assert [o.flag for o in observations] == ["", "u", "bu"]
    assert [o.low_reliability for o in observations] == [False, True, True]
    assert observations[2].geo == "EU27_2020" and observations[2].year == 2021


def test_byte_order_mark_is_accepted(tmp_path):
    content = ("\ufeff" + csv_text(*GOOD_ROWS)).encode("utf-8")
    observations, problems = load(write_package(tmp_path, {"fake": content}))
    assert not problems and len(observations) == 3


def test_decimal_comma_is_an_error_at_the_value_cell(tmp_path):
    rows = [GOOD_ROWS[0], '"fake_rate",AT,2022,citizenship,NAT,T,Y20-64,"12,5x",PC,,fake_dataset']
    observations, problems = load(write_package(tmp_path, {"fake": csv_text(*rows)}))
    error = only_error(problems)
    assert str(error.location) == "observations/fake.csv:3:8"
    assert error.field == "value"
    assert "'12,5x'" in error.message and "'.' as decimal separator" in error.message
    assert len(observations) == 1


def test_unknown_geo_suggests_the_closest_code(tmp_path):
    rows = [
        "fake_rate,Germany,2020,citizenship,NAT,T,Y20-64,1.0,PC,,fake_dataset",
        "fake_rate,GR,2020,citizenship,NAT,T,Y20-64,1.0,PC,,fake_dataset",
        "fake_rate,EU27,2020,citizenship,NAT,T,Y20-64,1.0,PC,,fake_dataset",
        "fake_rate,at,2020,citizenship,NAT,T,Y20-64,1.0,PC,,fake_dataset",
    ]
    _, problems = load(write_package(tmp_path, {"fake": csv_text(*rows)}))
    messages = [p.message for p in problems.items]
    assert [str(p.location) for p in problems.items] == [
        f"observations/fake.csv:{line}:2" for line in (2, 3, 4, 5)
    ]
    assert "did you mean 'DE'?" in messages[0]
    assert "Eurostat writes 'EL'" in messages[1]
    assert "EU27_2020, EU28, EU27_2007, EU" in messages[2]
    assert "did you mean 'AT'?" in messages[3]


def test_unknown_codes_list_the_allowed_values(tmp_path):
    rows = ["fake_rate,AT,20,nationality,NAT_X,X,Y20-64,1.0,%,,fake_dataset"]
    _, problems = load(write_package(tmp_path, {"fake": csv_text(*rows)}))
    by_field = {p.field: p for p in problems.items}
    assert set(by_field) == {"year", "breakdown", "group", "sex", "unit"}
    assert "four digits" in by_field["year"].message
    assert "allowed: citizenship, country_of_birth" in by_field["breakdown"].message
    assert "did you mean 'NAT'?" in by_field["group"].message
    assert "allowed: T, F, M" in by_field["sex"].message
    assert by_field["unit"].location.column == 9


def test_missing_column_is_reported_on_the_header_line(tmp_path):
    header = HEADER.replace(",flag", "")
    rows = ["fake_rate,AT,2020,citizenship,NAT,T,Y20-64,1.0,PC,fake_dataset"]
    observations, problems = load(write_package(tmp_path, {"fake": csv_text(*rows, header=header)}))
    error = only_error(problems)
    assert str(error.location) == "observations/fake.csv:1"
    assert "missing column(s): flag" in error.message
    assert observations == []


def test_extra_column_is_reported_at_its_position(tmp_path):
    content = csv_text(GOOD_ROWS[0] + ",x", header=HEADER + ",comment")
    _, problems = load(write_package(tmp_path, {"fake": content}))
    error = only_error(problems)
    assert str(error.location) == "observations/fake.csv:1:12"
    assert "unexpected column 'comment'" in error.message


def test_ragged_row_is_reported_and_other_rows_still_checked(tmp_path):
    rows = [
        GOOD_ROWS[0],
        "fake_rate,AT,2021,citizenship,NAT,T,Y20-64,1.0,PC,fake_dataset",
        "fake_rate,AT,2022,citizenship,NAT,T,Y20-64,bad,PC,,fake_dataset",
    ]
    observations, problems = load(write_package(tmp_path, {"fake": csv_text(*rows)}))
    assert [str(p.location) for p in problems.items] == [
        "observations/fake.csv:3",
        "observations/fake.csv:4:8",
    ]
    assert "row has 10 cells, expected 11" in problems.items[0].message
    assert len(observations) == 1


def test_line_numbers_are_physical_lines_after_a_multiline_cell(tmp_path):
    rows = [
        'fake_rate,AT,2020,citizenship,NAT,T,Y20-64,1.0,PC,,"fake\ndataset"',
        "fake_rate,AT,2021,citizenship,NAT,T,Y20-64,x,PC,,fake_dataset",
    ]
    _, problems = load(write_package(tmp_path, {"fake": csv_text(*rows)}))
    assert [str(p.location) for p in problems.items] == [
        "observations/fake.csv:2:11",
        "observations/fake.csv:4:8",
    ]


def test_missing_file_is_reported_at_the_descriptor_line(tmp_path):
    data = write_package(tmp_path, {"fake": csv_text(*GOOD_ROWS), "absent": None})
    observations, problems = load(data)
    error = only_error(problems)
    descriptor_lines = (data / "datapackage.json").read_text().splitlines()
    line = next(i for i, t in enumerate(descriptor_lines, 1) if "observations/absent.csv" in t)
    assert error.location.path == "datapackage.json"
    assert error.location.line == line
    assert "observations/absent.csv" in error.message and "does not exist" in error.message
    assert len(observations) == 3


def test_non_utf8_file_names_the_line_of_the_first_bad_byte(tmp_path):
    content = csv_text(*GOOD_ROWS).encode("utf-8")
    # A valid two-byte UTF-8 "ä", then a Latin-1 "é": the column counts characters.
    content += "fake_rate,AT,2022,citizenship,NAT,T,Y20-64,1.0,PC,,f\u00e4k".encode("utf-8")
    content += "\u00e9\n".encode("latin-1")
    observations, problems = load(write_package(tmp_path, {"fake": content}))
    error = only_error(problems)
    assert str(error.location) == "observations/fake.csv:5:55"
    assert "save it as UTF-8" in error.message and "0xE9" in error.message
    assert observations == []


def test_duplicate_observation_names_both_rows(tmp_path):
    duplicate = GOOD_ROWS[0].replace("12.5", "99.9")
    data = write_package(
        tmp_path,
        {"first": csv_text(*GOOD_ROWS), "second": csv_text(duplicate)},
    )
    observations, problems = load(data)
    error = only_error(problems)
    assert str(error.location) == "observations/second.csv:2:1"
    assert "duplicate observation" in error.message
    assert "observations/first.csv:2" in error.message
    assert len(observations) == 3


def test_invalid_descriptor_json_is_located(tmp_path):
    (tmp_path / "datapackage.json").write_text('{\n  "resources": [,]\n}\n', "utf-8")
    observations, problems = load(tmp_path)
    error = only_error(problems)
    assert (error.location.path, error.location.line) == ("datapackage.json", 2)
    assert observations == []


def test_descriptor_summary_gives_licence_and_datasets(tmp_path):
    data = write_package(tmp_path, {"fake": csv_text(*GOOD_ROWS)})
    summary = descriptor_summary(data)
    assert summary["acknowledgement"] == "Source: nobody"
    assert summary["licence"]["path"] == "https://example.org/licence"
    fake = summary["datasets"]["fake_dataset"]
    assert fake["resources"] == ["observations/fake.csv"]
    assert fake["carriers"][0]["commit"] == "0" * 40


# --- the real bundled data ------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    problems = Problems()
    start = time.perf_counter()
    observations = load_observations(PROJECT / "data", problems, root=PROJECT)
    return observations, problems, time.perf_counter() - start


def test_bundled_data_loads_without_errors_and_quickly(bundled):
    observations, problems, seconds = bundled
    assert [p.format() for p in problems.items] == []
    assert len(observations) > 20_000
    assert seconds < 1.0


def test_bundled_data_keeps_a_known_eurostat_figure(bundled):
    # lfsa_ergan, EU27_2020, 2023, nationals, total, 20-64: 76.2 % (as in
    # ../shared/reference-data/labour_market.csv and the Statistics Explained
    # article "Migrant integration statistics - labour market indicators").
    observations, _, _ = bundled
    (figure,) = [
        o
        for o in observations
        if (o.indicator, o.geo, o.year, o.group, o.sex, o.age)
        == ("employment_rate", "EU27_2020", 2023, "NAT", "T", "Y20-64")
    ]
    assert figure.value_text == "76.2"
    assert figure.source_dataset == "lfsa_ergan" and figure.unit == "PC"
    assert any(o.low_reliability for o in observations)


def test_bundled_descriptor_acknowledges_eurostat(tmp_path):
    summary = descriptor_summary(PROJECT / "data")
    assert summary["acknowledgement"] == "Source: Eurostat"
    assert "2011/833/EU" in summary["licence"]["title"]
    assert set(summary["datasets"]) == {
        "edat_lfs_9912",
        "hlth_silc_24",
        "ilc_di15",
        "lfsa_ergan",
        "lfsa_urgan",
        "migr_acqs",
    }


# --- issue 15: nothing silently ignored; vintages and sources; folders over folders ----------

import datetime as dt  # noqa: E402

from generator.data.load import dataset_sources, load_data_folders  # noqa: E402
from tests.conftest import run_toolkit  # noqa: E402


def test_undeclared_csv_is_a_located_error(tmp_path):
    data = write_package(tmp_path, {"fake": csv_text(*GOOD_ROWS)})
    (data / "observations" / "forgotten.csv").write_text(csv_text(GOOD_ROWS[0]), encoding="utf-8")
    (data / "observations" / ".forgotten.csv.123.tmp").write_text("x", encoding="utf-8")  # an import's temp file
    observations, problems = load(data)
    error = only_error(problems)
    assert str(error.location) == "observations/forgotten.csv:1"
    assert "not declared in datapackage.json" in error.message
    assert len(observations) == 3


def test_descriptor_that_is_a_folder_is_located(tmp_path):
    (tmp_path / "datapackage.json").mkdir()
    observations, problems = load(tmp_path)
    error = only_error(problems)
    assert error.location.path == "datapackage.json" and "is a folder" in error.message
    assert observations == [] and dataset_sources(tmp_path) == {}


@pytest.mark.parametrize("value", ["9" * 400, "1e309", "1234567890.1234567"])
def test_unstorable_numbers_are_located_errors(tmp_path, value):
    row = f"fake_rate,AT,2022,citizenship,NAT,T,Y20-64,{value},PC,,fake_dataset"
    observations, problems = load(write_package(tmp_path, {"fake": csv_text(GOOD_ROWS[0], row)}))
    error = only_error(problems)
    assert str(error.location) == "observations/fake.csv:3:8" and error.field == "value"
    assert len(observations) == 1


def test_fifteen_digits_are_kept_exactly(tmp_path):
    row = "fake_rate,AT,2022,citizenship,NAT,T,Y20-64,123456789012.345,PC,,fake_dataset"
    observations, problems = load(write_package(tmp_path, {"fake": csv_text(row)}))
    assert not problems and observations[0].value_text == "123456789012.345"


def test_dataset_sources_give_publisher_title_url_and_vintage(tmp_path):
    data = write_package(tmp_path, {"fake": csv_text(*GOOD_ROWS)})
    descriptor = json.loads((data / "datapackage.json").read_text())
    descriptor["resources"][0]["sources"][0].update(
        publisher="Test Office", vintage="2025-06-30", vintage_basis="option"
    )
    (data / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    source = dataset_sources(data)["fake_dataset"]
    assert (source.publisher, source.title, source.url) == ("Test Office", "Fake dataset", "https://example.org/fake")
    assert (source.vintage, source.vintage_basis, source.is_eurostat) == (dt.date(2025, 6, 30), "option", False)


def test_bundled_vintages_are_as_the_provenance_records_them():
    # ../shared/reference-data/README.md: LAST UPDATE 21/03/25 (ilc_di15,
    # hlth_silc_24), UPDATE_DATA 2026-03-27 (migr_acqs); no date recorded for
    # the LFS and education copies (only their commit dates are known).
    sources = dataset_sources(PROJECT / "data")
    assert {code: (s.vintage, s.vintage_basis) for code, s in sources.items()} == {
        "lfsa_ergan": (None, "unknown"),
        "lfsa_urgan": (None, "unknown"),
        "edat_lfs_9912": (None, "unknown"),
        "ilc_di15": (dt.date(2025, 3, 21), "file"),
        "hlth_silc_24": (dt.date(2025, 3, 21), "file"),
        "migr_acqs": (dt.date(2026, 3, 27), "file"),
    }
    assert "2025-09-18" in sources["lfsa_ergan"].vintage_note and "not recorded" in sources["lfsa_ergan"].vintage_note
    assert all(s.publisher == "Eurostat" and s.url for s in sources.values())


def test_a_later_folder_that_declares_a_dataset_replaces_it(tmp_path):
    bundled = write_package(tmp_path / "bundled", {"fake": csv_text(*GOOD_ROWS)})
    # The authority's folder declares fake_dataset: the bundled AT 2021 and EU
    # rows are withdrawn, not kept from the older copy.
    local = write_package(tmp_path / "local", {"fresh": csv_text(GOOD_ROWS[0].replace("12.5", "12.7"))})
    problems = Problems()
    rows = load_data_folders([bundled, local], problems, tmp_path)
    assert not problems and [(o.year, o.value_text) for o in rows] == [(2020, "12.7")]
    # A folder whose package does not declare the dataset only overrides by key.
    descriptor = json.loads((local / "datapackage.json").read_text())
    descriptor["resources"][0]["sources"] = []
    (local / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    rows = load_data_folders([bundled, local], problems, tmp_path)
    assert sorted((o.year, o.value_text) for o in rows) == [(2020, "12.7"), (2021, "1.25"), (2021, "13.0")]


def test_check_names_an_undeclared_csv(bundled_project):
    shutil.copy(bundled_project / "data/observations/education.csv", bundled_project / "data/observations/copy.csv")
    result = run_toolkit(bundled_project, "check")
    assert result.returncode == 1
    assert "data/observations/copy.csv:1: error: 'observations/copy.csv' is not declared" in result.stderr
    assert "Traceback" not in result.stderr
