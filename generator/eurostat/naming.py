"""The dataset code in the name Eurostat gives a download.

Eurostat names files after their dataset: `estat_lfsa_ergan.tsv.gz` (API and
data browser), `lfsa_ergan.tsv.gz` (the former bulk download facility),
`estat_lfsa_ergan_filtered_en.csv`, `lfsa_ergan_linear.csv`,
`lfsa_ergan__custom_123456_linear_2_0.csv`, `ilc_di15_1_Data.csv` (the
pre-2023 database). A browser adds ` (1)` to a second copy. Only these
affixes are taken off: what remains must look like a dataset code, or the
name says nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

_EXTENSIONS = (".gz", ".tsv", ".csv", ".json", ".txt")
_COPY = re.compile(r"\s*\(\d+\)$")  # "name (1)"
# Endings Eurostat's download tools append to the code, taken off repeatedly.
_SUFFIXES = re.compile(
    r"(_filtered\d*|_linear(_2_0)?|_page|_spreadsheet|_tabular|__?custom_\d+|_\d+_data|_data"
    r"|_en|_fr|_de)$",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^estat_", re.IGNORECASE)
_CODE = re.compile(r"^[a-z][a-z0-9_]*[a-z0-9]$")


def dataset_from_name(path: Path) -> str:
    """The dataset code Eurostat's naming puts in `path`'s name, or ""."""
    name = path.name
    while True:
        stem = _COPY.sub("", name)
        lowered = stem.lower()
        ext = next((e for e in _EXTENSIONS if lowered.endswith(e)), "")
        if not ext:
            break
        name = stem[: -len(ext)]
    name = _PREFIX.sub("", _COPY.sub("", name))
    while (shorter := _SUFFIXES.sub("", name)) != name and shorter:
        name = shorter
    code = name.lower()
    return code if _CODE.match(code) else ""
