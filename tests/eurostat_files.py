"""Eurostat's download formats written from rows, for refresh tests.

Each writer lays rows out as Eurostat's own files do (see
../shared/reference-data/fixtures/ for real samples of each format): the
bulk TSV (`freq,...,geo\\TIME_PERIOD`, cells `value flag`, `:` when not
available), SDMX-CSV 1.0 (`DATAFLOW,LAST UPDATE,...`), SDMX-CSV 2.0 with
codes and labels, JSON-stat 2.0 as the Eurostat API answers, and the
pre-2023 CSV with labels and its `_Label.csv`. The values are the caller's
(obviously synthetic in tests); a row with value None is published as not
available.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

# One row: dimension codes, year, value text (None: not available) and flag.
Row = dict[str, str | None]
DIMS = ("freq", "unit", "sex", "age", "citizen", "geo")

LABELS = {
    "freq": {"A": "Annual"},
    "unit": {"PC": "Percentage"},
    "sex": {"T": "Total", "F": "Females", "M": "Males"},
    "age": {"Y20-64": "From 20 to 64 years", "Y15-64": "From 15 to 64 years"},
    "citizen": {
        "NAT": "Reporting country",
        "EU27_2020_FOR": "EU27 countries (from 2020) except reporting country",
        "NEU27_2020_FOR": "Non-EU27 countries (from 2020) nor reporting country",
        "FOR": "Foreign country",
        "TOTAL": "Total",
    },
    "geo": {
        "EU27_2020": "European Union - 27 countries (from 2020)",
        "AT": "Austria",
        "BE": "Belgium",
        "NL": "Netherlands",
    },
}


def _series(rows: list[Row]) -> dict[tuple[str, ...], dict[str, Row]]:
    found: dict[tuple[str, ...], dict[str, Row]] = {}
    for row in rows:
        found.setdefault(tuple(str(row[d]) for d in DIMS), {})[str(row["year"])] = row
    return dict(sorted(found.items()))


def bulk_tsv(rows: list[Row]) -> str:
    years = sorted({str(r["year"]) for r in rows})
    lines = [",".join(DIMS) + "\\TIME_PERIOD\t" + "\t".join(f"{y} " for y in years)]
    for key, by_year in _series(rows).items():
        cells = []
        for year in years:
            row = by_year.get(year)
            value = row["value"] if row and row["value"] is not None else ":"
            cells.append(f"{value} {(row or {}).get('flag') or ''}")
        lines.append(",".join(key) + "\t" + "\t".join(cells))
    return "\r\n".join(lines) + "\r\n"  # Eurostat writes CRLF


def sdmx_csv_1(rows: list[Row], dataset: str, last_update: str) -> str:
    header = ["DATAFLOW", "LAST UPDATE", *DIMS, "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS"]
    lines = [",".join(header)]
    for row in rows:
        cells = [f"ESTAT:{dataset.upper()}(1.0)", last_update, *(str(row[d]) for d in DIMS)]
        cells += [str(row["year"]), row["value"] or "", row.get("flag") or "", ""]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def sdmx_csv_2(rows: list[Row], dataset: str, title: str) -> str:
    names = {"freq": "Time frequency", "unit": "Unit of measure", "sex": "Sex", "age": "Age class",
             "citizen": "Country of citizenship", "geo": "Geopolitical entity (reporting)"}  # fmt: skip
    header = ["STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME"]
    for dim in DIMS:
        header += [dim, names[dim]]
    header += ["TIME_PERIOD", "Time", "OBS_VALUE", "Observation value", "OBS_FLAG",
               "Observation status (Flag) V2 structure", "CONF_STATUS", "Confidentiality status (flag)"]  # fmt: skip
    lines = [",".join(header)]
    for row in rows:
        if row["value"] is None:
            continue  # SDMX-CSV 2.0 downloads leave unavailable cells out
        cells = ["dataflow", f"ESTAT:{dataset.upper()}(1.0)", f'"{title}"']
        for dim in DIMS:
            cells += [str(row[dim]), f'"{LABELS[dim][str(row[dim])]}"']
        cells += [str(row["year"]), "", str(row["value"]), "", row.get("flag") or "", "", "", ""]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def json_stat(rows: list[Row], dataset: str, title: str, updated: str) -> str:
    ids = [*DIMS, "time"]
    codes = {d: sorted({str(r[d]) for r in rows}) for d in DIMS}
    codes["time"] = sorted({str(r["year"]) for r in rows})
    sizes = [len(codes[d]) for d in ids]
    values: dict[str, float] = {}
    status: dict[str, str] = {}
    for row in rows:
        if row["value"] is None:
            continue  # the API leaves unavailable cells out
        index = 0
        for dim, size in zip(ids, sizes, strict=True):
            code = str(row["year"]) if dim == "time" else str(row[dim])
            index = index * size + codes[dim].index(code)
        values[str(index)] = float(str(row["value"]))
        if row.get("flag"):
            status[str(index)] = str(row["flag"])
    answer = {
        "version": "2.0",
        "class": "dataset",
        "label": title,
        "source": "ESTAT",
        "updated": updated,
        "value": values,
        "status": status,
        "id": ids,
        "size": sizes,
        "dimension": {
            d: {"label": d, "category": {"index": {c: i for i, c in enumerate(codes[d])},
                                          "label": {c: LABELS.get(d, {}).get(c, c) for c in codes[d]}}}
            for d in ids
        },  # fmt: skip
        "extension": {
            "lang": "EN",
            "id": dataset.upper(),
            "agencyId": "ESTAT",
            "annotation": [{"type": "UPDATE_DATA", "date": updated}],
        },
    }
    return json.dumps(answer, indent=2) + "\n"


def legacy_csv(rows: list[Row], dataset: str, title: str, last_update: str) -> tuple[str, str]:
    """The data file and its `_Label.csv`, with labels as the old database wrote them."""
    columns = ["TIME", "GEO", "UNIT", "SEX", "AGE", "CITIZEN", "Value", "Flag and Footnotes"]
    lines = [",".join(f'"{c}"' for c in columns)]
    for row in rows:
        cells = [str(row["year"])]
        cells += [LABELS[d][str(row[d])] for d in ("geo", "unit", "sex", "age", "citizen")]
        cells += [row["value"] if row["value"] is not None else ":", row.get("flag") or ""]
        lines.append(",".join(f'"{c}"' for c in cells))
    label = (
        f'"DATASET: {title} [{dataset}]"\n\n"LAST UPDATE: {last_update}"\n\n'
        '"EXTRACTION DATE: 02.02.26 10:00:00"\n\n"SOURCE OF DATA: Eurostat"\n'
    )
    return "\n".join(lines) + "\n", label


def write(path: Path, text: str, compress: bool = False) -> Path:
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if compress else data)
    return path
