"""A yearly refresh, as an authority does it, in each of Eurostat's formats.

A copy of the real bundled project imports a dataset it does not have yet
(lfsa_argan, the activity rate) with `toolkit data import FILE` and no
option, then a newer download of it with one figure added, one changed and
one withdrawn. The files are laid out as Eurostat writes them
(tests/eurostat_files.py); the values are synthetic.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest

from generator.data.format import COLUMNS
from tests import eurostat_files as ef
from tests.conftest import run_toolkit, tree_digest
from tests.pages import rendered

pytestmark = pytest.mark.slow

DATASET = "lfsa_argan"
TITLE = "Activity rates by sex, age and citizenship (%)"
BUNDLED_ROWS = 29065


def first_download() -> list[ef.Row]:
    rows: list[ef.Row] = []
    value = 60.0
    for geo in ("EU27_2020", "AT", "BE"):
        for citizen in ("NAT", "EU27_2020_FOR", "NEU27_2020_FOR"):
            for sex in ("T", "F", "M"):
                for year in (2021, 2022, 2023):
                    value += 0.1
                    flag = "u" if (geo, citizen) == ("BE", "NEU27_2020_FOR") else ""
                    rows.append({"freq": "A", "unit": "PC", "sex": sex, "age": "Y20-64", "citizen": citizen,
                                 "geo": geo, "year": str(year), "value": f"{value:.1f}", "flag": flag})  # fmt: skip
    return rows


CHANGED = ("AT", "NAT", "T", "2022")  # becomes 70.3, provisional
WITHDRAWN = ("BE", "EU27_2020_FOR", "F", "2021")  # published as ':' in the newer download
ADDED = ("AT", "NAT", "T", "2024")


def newer_download() -> list[ef.Row]:
    rows = []
    for row in first_download():
        key = (row["geo"], row["citizen"], row["sex"], row["year"])
        if key == CHANGED:
            row = {**row, "value": "70.3", "flag": "p"}
        if key == WITHDRAWN:
            row = {**row, "value": None, "flag": ""}
        rows.append(row)
    extra = {"freq": "A", "unit": "PC", "sex": "T", "age": "Y20-64", "citizen": "NAT", "geo": "AT",
             "year": "2024", "value": "71.9", "flag": ""}  # fmt: skip
    return [*rows, extra]


# format -> (file name of the first download, writer(rows, version), how the vintage is known)
def _tsv(rows, folder, version, compress):
    return ef.write(folder / f"estat_{DATASET}.tsv{'.gz' if compress else ''}", ef.bulk_tsv(rows), compress)


def _sdmx1(rows, folder, version, compress):
    stamp = {1: "01/09/25 23:00:00", 2: "15/01/26 23:00:00"}[version]
    return ef.write(folder / f"{DATASET}_linear.csv{'.gz' if compress else ''}",
                    ef.sdmx_csv_1(rows, DATASET, stamp), compress)  # fmt: skip


def _sdmx2(rows, folder, version, compress):
    return ef.write(folder / f"{DATASET}_linear_2_0.csv{'.gz' if compress else ''}",
                    ef.sdmx_csv_2(rows, DATASET, TITLE), compress)  # fmt: skip


def _jsonstat(rows, folder, version, compress):
    stamp = {1: "2025-09-01T23:00:00+0200", 2: "2026-01-15T23:00:00+0100"}[version]
    return ef.write(folder / f"{DATASET}.json{'.gz' if compress else ''}",
                    ef.json_stat(rows, DATASET, TITLE, stamp), compress)  # fmt: skip


def _legacy(rows, folder, version, compress):
    stamp = {1: "01.09.25 11:00:00", 2: "15.01.26 11:00:00"}[version]
    data, label = ef.legacy_csv(rows, DATASET, TITLE, stamp)
    ef.write(folder / f"{DATASET}_Label.csv", label)
    return ef.write(folder / f"{DATASET}_1_Data.csv{'.gz' if compress else ''}", data, compress)


FORMATS = {
    "bulk TSV": (_tsv, "file modification date"),
    "SDMX-CSV 1.0": (_sdmx1, "file"),
    "SDMX-CSV 2.0": (_sdmx2, "file modification date"),
    "JSON-stat": (_jsonstat, "file"),
    "legacy CSV": (_legacy, "file"),
}
VINTAGES = {1: dt.date(2025, 9, 1), 2: dt.date(2026, 1, 15)}


def download(fmt: str, rows: list[ef.Row], folder: Path, version: int, compress: bool) -> Path:
    folder.mkdir(exist_ok=True)
    path = FORMATS[fmt][0](rows, folder, version, compress)
    # Formats without Eurostat's date keep the day they were downloaded.
    stamp = dt.datetime.combine(VINTAGES[version], dt.time(12)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def imported_rows(project: Path) -> dict[tuple[str, ...], tuple[str, str]]:
    with (project / "data/observations/lfsa_argan.csv").open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return {(r["geo"], r["group"], r["sex"], r["year"]): (r["value"], r["flag"]) for r in reader}


def expected(rows: list[ef.Row]) -> dict[tuple[str, ...], tuple[str, str]]:
    return {
        (str(r["geo"]), str(r["citizen"]), str(r["sex"]), str(r["year"])): (str(r["value"]), str(r["flag"] or ""))
        for r in rows
        if r["value"] is not None
    }


def source_entry(project: Path) -> dict:
    descriptor = json.loads((project / "data/datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in descriptor["resources"] if r["path"] == "observations/lfsa_argan.csv"]
    (source,) = resource["sources"]
    return source


def check_passes(project: Path, observations: int) -> None:
    result = run_toolkit(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(f"{observations} observations"), result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_refresh_in_each_format(bundled_project: Path, fmt: str) -> None:
    downloads = bundled_project.parent / "downloads"
    basis = FORMATS[fmt][1]

    # A new dataset, with no option: code, indicator and target file all found.
    first = download(fmt, first_download(), downloads, 1, compress=False)
    result = run_toolkit(bundled_project, "data", "import", str(first))
    assert result.returncode == 0, result.stderr
    assert "declared data/observations/lfsa_argan.csv as a new resource" in result.stdout
    assert imported_rows(bundled_project) == expected(first_download())
    source = source_entry(bundled_project)
    assert (source["dataset"], source["vintage"], source["vintage_basis"]) == (DATASET, "2025-09-01", basis)
    check_passes(bundled_project, BUNDLED_ROWS + len(expected(first_download())))

    # The same download again changes no byte.
    before = tree_digest(bundled_project / "data")
    again = run_toolkit(bundled_project, "data", "import", str(first))
    assert again.returncode == 0, again.stderr
    assert f"{DATASET}: 0 added, 0 changed, 0 withdrawn, 81 unchanged" in again.stdout
    assert tree_digest(bundled_project / "data") == before

    # The newer download, gzip-compressed; a dry run first.
    newer = download(fmt, newer_download(), downloads / "newer", 2, compress=True)
    dry = run_toolkit(bundled_project, "data", "import", str(newer), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert tree_digest(bundled_project / "data") == before
    refreshed = run_toolkit(bundled_project, "data", "import", str(newer))
    assert refreshed.returncode == 0, refreshed.stderr
    old = expected(first_download())
    for output in (dry.stdout, refreshed.stdout):
        diff = [line for line in output.splitlines() if line.startswith("  ")]
        assert f"{DATASET}: 1 added, 1 changed, 1 withdrawn, 79 unchanged" in output
        assert diff == [
            "  + activity_rate AT 2024 citizenship NAT T Y20-64: 71.9 PC (added)",
            f"  ~ activity_rate AT 2022 citizenship NAT T Y20-64: {old[CHANGED][0]} PC -> 70.3 p PC",
            f"  - activity_rate BE 2021 citizenship EU27_2020_FOR F Y20-64: {old[WITHDRAWN][0]} PC (withdrawn)",
        ], output
    assert imported_rows(bundled_project) == expected(newer_download())
    assert (source_entry(bundled_project)["vintage"], source_entry(bundled_project)["vintage_basis"]) == (
        "2026-01-15", basis
    )
    assert "vintage: 2026-01-15" in refreshed.stdout and "(was 2025-09-01)" in refreshed.stdout
    check_passes(bundled_project, BUNDLED_ROWS + len(expected(newer_download())))
    # The written files keep the usual permissions (mkstemp's are 0600).
    mode = (bundled_project / "data/observations/lfsa_argan.csv").stat().st_mode & 0o777
    assert mode == (bundled_project / "data/observations/employment.csv").stat().st_mode & 0o777


def test_gzip_and_plain_import_the_same_rows(bundled_project: Path) -> None:
    downloads = bundled_project.parent / "downloads"
    plain = download("bulk TSV", first_download(), downloads, 1, compress=False)
    packed = download("bulk TSV", first_download(), downloads / "gz", 1, compress=True)
    assert gzip.decompress(packed.read_bytes()) == plain.read_bytes()
    assert run_toolkit(bundled_project, "data", "import", str(packed)).returncode == 0
    assert imported_rows(bundled_project) == expected(first_download())


def indicator_page(project: Path, language: str, indicator: str) -> str:
    src = f"indicators/{indicator}.md"
    return rendered(project, language, src)[src]


def test_an_empty_indicator_gets_its_chart_by_the_command_its_page_gives(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bundled_project)
    before = indicator_page(bundled_project, "en", "activity_rate")
    assert 'id="adding-figures"' in before and "emt-chart" not in before
    command = "toolkit data import estat_lfsa_argan.tsv.gz"
    assert f"<code>{command}</code>" in before
    download("bulk TSV", first_download(), bundled_project, 1, compress=True)
    result = run_toolkit(bundled_project, *command.split()[1:])
    assert result.returncode == 0, result.stderr
    after = indicator_page(bundled_project, "en", "activity_rate")
    assert 'id="adding-figures"' not in after
    assert after.count('<figure class="emt-chart ') >= 2, after
    assert "60.1" in after or "60,1" in after  # a figure of the fixture in the chart's table
