"""Build data/observations/*.csv and data/datapackage.json from the reference extract.

Usage (from the project root):

    python data/curate.py [REFERENCE_DIR]

REFERENCE_DIR defaults to ../shared/reference-data relative to the project
root. The script only *selects* rows: every value, flag and dataset code is
copied exactly as published (no rounding, no derived figures). Its output is
deterministic: rows are sorted in format.ROW_ORDER (indicator, breakdown,
group, geo, sex, age, year), as `toolkit data import` writes them, files are
UTF-8 with LF line endings, header = format.COLUMNS. Each dataset's vintage
(Eurostat's last-update date) is recorded as far as the carrier files give it.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.countries import EU_MEMBER_STATES  # noqa: E402
from generator.data.format import COLUMNS, EU_AGGREGATES, row_sort_key  # noqa: E402
from generator.data.package import dump, new_resource, resource_fields  # noqa: E402

DEFAULT_REFERENCE_DIR = ROOT.parent / "shared" / "reference-data"
DATA_DIR = ROOT / "data"
OUTPUT_DIR = DATA_DIR / "observations"

# Geographies kept. The reference files only hold European countries; this
# list makes the rule explicit and drops anything else should it appear.
EEA_EFTA = ["IS", "LI", "NO", "CH"]  # EEA EFTA states and Switzerland (EFTA)
CANDIDATES = ["AL", "BA", "ME", "MK", "RS", "TR", "UA", "MD", "GE", "XK"]  # incl. potential
FORMER_MEMBER = ["UK"]  # EU member until 31 January 2020; part of the EU28 aggregate
# Aggregates keep their own code (EU27_2020, EU28, EU27_2007, EU); never relabelled.
KEPT_GEOS = frozenset([*EU_MEMBER_STATES, *EEA_EFTA, *CANDIDATES, *FORMER_MEMBER]) | frozenset(
    EU_AGGREGATES
)

# Reference `citizenship` prefix -> project `breakdown`.
BREAKDOWN_OF_PREFIX = {"citizen": "citizenship", "c_birth": "country_of_birth"}

MILMARY = "github:milmary/MigrationEU_Statistics@"
NATIX = "github:natix-x/Data-mining-in-Migration-Analysis@"
EU27_2020_GROUPS = frozenset({"NAT", "EU27_2020_FOR", "NEU27_2020_FOR"})


@dataclass(frozen=True)
class Selection:
    """One rule: which reference rows become which project series."""

    indicator: str  # project key written to the `indicator` column
    source_indicator: str  # `indicator` in the reference file
    dataset: str  # Eurostat dataset code (`source_dataset`)
    breakdown: str
    age: str
    carrier: str = ""  # prefix of `source_url_or_repo_path` when a vintage must be chosen
    groups: frozenset[str] | None = None  # None = every group present
    note: str = ""


# Output file (without .csv) -> (reference file, selections).
CURATION: dict[str, tuple[str, tuple[Selection, ...]]] = {
    "employment": (
        "labour_market.csv",
        (
            # Zaragoza employment rate, 20-64 (Europe 2020 age band): NAT,
            # EU27_2020_FOR, NEU27_2020_FOR; T/F/M; 2015-2024; EU27_2020 + countries.
            Selection(
                "employment_rate",
                "employment_rate",
                "lfsa_ergan",
                "citizenship",
                "Y20-64",
                carrier=MILMARY,
            ),
            # Long series 15-64, FOR / NAT / TOTAL, T/F/M, 1995-2024, countries only
            # (no EU aggregate in the carrier file). Kept: small, and the only
            # pre-2015 by-citizenship series. lfsa_ergacob (by country of birth,
            # AT and BE only) is not kept.
            Selection(
                "employment_rate",
                "employment_rate",
                "lfsa_ergan",
                "citizenship",
                "Y15-64",
                carrier=NATIX,
            ),
            Selection(
                "unemployment_rate",
                "unemployment_rate",
                "lfsa_urgan",
                "citizenship",
                "Y20-64",
                carrier=MILMARY,
            ),
            Selection(
                "unemployment_rate",
                "unemployment_rate",
                "lfsa_urgan",
                "citizenship",
                "Y15-64",
                carrier=NATIX,
            ),
        ),
    ),
    "education": (
        "education.csv",
        (
            # Low attainment (ISCED 0-2), 25-64, by country of birth, T/F/M, 2015-2024.
            Selection(
                "low_educational_attainment",
                "educational_attainment_ED0-2",
                "edat_lfs_9912",
                "country_of_birth",
                "Y25-64",
            ),
            # Tertiary attainment (ISCED 5-8), 25-34 (30-34 is not in the reference
            # data), by country of birth, T/F/M, 2015-2024.
            Selection(
                "tertiary_attainment",
                "educational_attainment_ED5-8",
                "edat_lfs_9912",
                "country_of_birth",
                "Y25-34",
            ),
        ),
    ),
    "social_inclusion": (
        "social_inclusion.csv",
        (
            # Median equivalised net income, EUR, 18+, sex T, 2015-2024 vintage
            # (LAST UPDATE 21/03/25) only, groups with the EU-27 (2020) composition.
            # The 2003-2014 rows (2019 vintage, EU27_FOR/EU28_FOR groups) are not
            # mixed in, nor are EU28_FOR/NEU28_FOR/FOR of the recent vintage.
            Selection(
                "median_net_income",
                "median_equivalised_net_income",
                "ilc_di15",
                "citizenship",
                "Y_GE18",
                carrier=NATIX,
                groups=EU27_2020_GROUPS,
            ),
            # Very good or good self-perceived health, 16+, sex T (only sex in the
            # source), 2015-2024; same groups as income for a consistent comparison.
            Selection(
                "self_perceived_health",
                "self_perceived_health_VG_G",
                "hlth_silc_24",
                "citizenship",
                "Y_GE16",
                carrier=NATIX,
                groups=EU27_2020_GROUPS,
            ),
        ),
    ),
    "active_citizenship": (
        "active_citizenship.csv",
        (
            # Naturalisation rate (acquisitions per 100 resident non-citizens),
            # former citizenship EU_FOR / NEU_FOR / FOR, sex T, no age (TOTAL),
            # 2009-2024, EU + countries.
            Selection(
                "naturalisation_rate", "naturalisation_rate", "migr_acqs", "citizenship", "TOTAL"
            ),
        ),
    ),
}


def select_rows(rows: Iterable[dict[str, str]], rule: Selection) -> list[dict[str, str]]:
    out = []
    for row in rows:
        if (row["indicator"], row["source_dataset"], row["age"]) != (
            rule.source_indicator,
            rule.dataset,
            rule.age,
        ):
            continue
        if rule.carrier and not row["source_url_or_repo_path"].startswith(rule.carrier):
            continue
        prefix, _, group = row["citizenship"].partition(":")
        if BREAKDOWN_OF_PREFIX.get(prefix) != rule.breakdown:
            continue
        if rule.groups is not None and group not in rule.groups:
            continue
        if row["geo"] not in KEPT_GEOS or not row["value"].strip():
            continue
        out.append(
            {
                "indicator": rule.indicator,
                "geo": row["geo"],
                "year": row["year"],
                "breakdown": rule.breakdown,
                "group": group,
                "sex": row["sex"],
                "age": row["age"],
                "value": row["value"],
                "unit": row["unit"],
                "flag": row["flag"],
                "source_dataset": row["source_dataset"],
            }
        )
    return out


def curate(reference_dir: Path, data_dir: Path = DATA_DIR) -> dict[str, int]:
    output_dir = data_dir / "observations"
    output_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    contents: dict[str, tuple[list[str], list[str]]] = {}
    for name, (source_file, rules) in CURATION.items():
        with open(reference_dir / source_file, encoding="utf-8", newline="") as fh:
            source_rows = list(csv.DictReader(fh))
        rows = [r for rule in rules for r in select_rows(source_rows, rule)]
        keys = [row_sort_key(r) for r in rows]
        if len(set(keys)) != len(keys):
            raise SystemExit(f"{name}: duplicate observation keys after selection")
        rows.sort(key=row_sort_key)
        with open(output_dir / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        counts[name] = len(rows)
        contents[name] = (
            sorted({r["indicator"] for r in rows}),
            sorted({r["source_dataset"] for r in rows}),
        )
    descriptor = build_descriptor(contents)
    (data_dir / "datapackage.json").write_text(dump(descriptor), encoding="utf-8", newline="\n")
    return counts


# --- Data Package descriptor ------------------------------------------------

LICENCE = {
    "title": "Eurostat copyright notice and free re-use of data "
    "(Commission Decision 2011/833/EU on the reuse of Commission documents)",
    "path": "https://ec.europa.eu/eurostat/about-us/policies/copyright",
    "decision": "https://eur-lex.europa.eu/eli/dec/2011/833/oj",
    "acknowledgement": "Source: Eurostat",
}

# Eurostat datasets bundled here: code -> title (what the extract contains).
DATASETS = {
    "lfsa_ergan": "Employment rates by sex, age and citizenship (%)",
    "lfsa_urgan": "Unemployment rates by sex, age and citizenship (%)",
    "edat_lfs_9912": "Population by educational attainment level, sex, age "
    "and country of birth (%)",
    "ilc_di15": "Mean and median income by group of citizenship (population aged 18 and over)",
    "hlth_silc_24": "Self-perceived health by sex, age and citizenship (%)",
    "migr_acqs": "Residents who acquired citizenship as a share of resident "
    "non-citizens by former citizenship and sex",
}

# Public GitHub repositories that carried the Eurostat files (see
# ../shared/reference-data/README.md). Only the carriers whose rows are kept.
CARRIERS = (
    {
        "title": "milmary/MigrationEU_Statistics: Eurostat bulk TSV downloads",
        "path": "https://github.com/milmary/MigrationEU_Statistics/tree/"
        "634eeefcf734f84c5c6ed1be8b2c93b16da4f536",
        "commit": "634eeefcf734f84c5c6ed1be8b2c93b16da4f536",
        "files": [
            "estat_lfsa_ergan_filtered.tsv",
            "estat_lfsa_urgan_filtered.tsv",
            "estat_edat_lfs_9912_filtered1.tsv",
        ],
        "datasets": ["lfsa_ergan", "lfsa_urgan", "edat_lfs_9912"],
        "note": "Ages 20-64 (LFS) and 25-64 / 25-34 (education), 2015-2024.",
    },
    {
        "title": "natix-x/Data-mining-in-Migration-Analysis: Eurostat SDMX-CSV downloads",
        "path": "https://github.com/natix-x/Data-mining-in-Migration-Analysis/tree/"
        "6934b51c2f8b2b16a11d49638307be09d6e6b036",
        "commit": "6934b51c2f8b2b16a11d49638307be09d6e6b036",
        "files": [
            "data/employment_rates_yearly.csv",
            "data/unemployment_rates_yearly.csv",
            "data/mean_and_median_income_by_citizenship.csv",
            "data/self_perceived_health_by_citizenship.csv",
        ],
        "datasets": ["lfsa_ergan", "lfsa_urgan", "ilc_di15", "hlth_silc_24"],
        "note": "LFS ages 15-64, 1995-2024; ilc_di15 and hlth_silc_24 LAST UPDATE 21/03/25.",
    },
    {
        "title": "mhbvr/irish-migration-stats: Eurostat API JSON-stat answer (migr_acqs)",
        "path": "https://github.com/mhbvr/irish-migration-stats/blob/"
        "749b252240b186ef1e7bfadb89b3c7a96aabc1b9/"
        "data/raw/naturalisation_baseline/eurostat_migr_acqs_all.json",
        "commit": "749b252240b186ef1e7bfadb89b3c7a96aabc1b9",
        "files": ["data/raw/naturalisation_baseline/eurostat_migr_acqs_all.json"],
        "datasets": ["migr_acqs"],
        "note": "Eurostat UPDATE_DATA 2026-03-27.",
    },
)

RESOURCE_TITLES = {
    "employment": "Employment and unemployment rates by citizenship (LFS)",
    "education": "Educational attainment by country of birth (LFS)",
    "social_inclusion": "Median net income and self-perceived health by citizenship (EU-SILC)",
    "active_citizenship": "Naturalisation rate by former citizenship",
}


def dataset_url(code: str) -> str:
    return f"https://ec.europa.eu/eurostat/databrowser/view/{code}/default/table?lang=en"


# Eurostat's last-update date of each bundled dataset, as far as the carrier
# files record it (../shared/reference-data/README.md); never guessed.
_LFS_NOT_RECORDED = (
    "Eurostat's extraction date was not recorded: the bulk TSV copy (ages 20-64) was "
    "committed on 2025-09-18 and the SDMX-CSV 2.0 copy (ages 15-64) on 2025-05-21; "
    "neither file carries a last-update date"
)
VINTAGES: dict[str, tuple[str | None, str, str]] = {  # code -> (date, basis, note)
    "lfsa_ergan": (None, "unknown", _LFS_NOT_RECORDED),
    "lfsa_urgan": (None, "unknown", _LFS_NOT_RECORDED),
    "edat_lfs_9912": (
        None,
        "unknown",
        "Eurostat's extraction date was not recorded: the bulk TSV copy was committed on "
        "2025-09-18 and carries no last-update date",
    ),
    "ilc_di15": ("2025-03-21", "file", "LAST UPDATE 21/03/25 in the Eurostat SDMX-CSV file"),
    "hlth_silc_24": ("2025-03-21", "file", "LAST UPDATE 21/03/25 in the Eurostat SDMX-CSV file"),
    "migr_acqs": ("2026-03-27", "file", "UPDATE_DATA 2026-03-27 in the Eurostat JSON-stat answer"),
}


def source_entry(code: str) -> dict:
    vintage, basis, note = VINTAGES[code]
    return {
        "title": f"Eurostat, {code}: {DATASETS[code]}",
        "path": dataset_url(code),
        "dataset": code,
        "vintage": vintage,
        "vintage_basis": basis,
        "vintage_note": note,
    }


def build_descriptor(contents: dict[str, tuple[list[str], list[str]]]) -> dict:
    resources = []
    for name, (indicators, datasets) in contents.items():
        resource = new_resource(
            name.replace("_", "-"),
            RESOURCE_TITLES[name],
            f"observations/{name}.csv",
            resource_fields(indicators, datasets),
        )
        resource["sources"] = [source_entry(code) for code in datasets]
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": "european-modules-toolkit-observations",
        "title": "Zaragoza migrant-integration indicators: curated Eurostat figures",
        "description": "Real figures published by Eurostat, selected by data/curate.py from "
        "copies of Eurostat downloads; values and flags exactly as published. "
        "Source: Eurostat.",
        "licenses": [LICENCE],
        "sources": [
            {"title": "Eurostat (© European Union)", "path": "https://ec.europa.eu/eurostat"},
            *CARRIERS,
        ],
        "resources": resources,
    }


def main(argv: list[str]) -> int:
    reference_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_REFERENCE_DIR
    for name, count in curate(reference_dir).items():
        print(f"data/observations/{name}.csv: {count} rows")
    print("data/datapackage.json written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
