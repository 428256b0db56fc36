"""How a publisher adds the figures of an indicator that has none yet.

For a Eurostat dataset: where to download the whole dataset, the file name
to keep, and the one `toolkit data import` command that imports it (the
importer reads the code from that name and the indicator from the
definition). For figures no Eurostat dataset publishes (OECD PISA, or no
harmonised source at all): the command that imports the publisher's own CSV
in the toolkit's format, naming their source.

The page template only lays these out; every value here may come from a
contributor's file, so the command is built with shell quoting and the
template escapes it.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from generator.model.entities import Indicator

_EUROSTAT_CODE = re.compile(r"[a-z][a-z0-9_]*")

# Publishers other than Eurostat, by the indicator's `provider`.
_PROVIDERS = {
    "oecd": ("OECD", "https://www.oecd.org/pisa/", "PISA database"),
}


@dataclass(frozen=True)
class ImportHelp:
    publisher: str  # "Eurostat", "OECD", or "" when no harmonised source exists
    dataset: str  # the dataset code at the publisher ("" when none)
    page_url: str  # where the dataset is described
    command: str  # the exact command to run in the site's folder
    download_url: str = ""  # Eurostat: the whole dataset as gzip-compressed TSV
    file_name: str = ""  # the name to save the download as
    own_csv: bool = False  # True: the publisher writes a CSV in the toolkit's format
    key: str = ""  # the indicator key the rows carry (own_csv)

    @property
    def eurostat(self) -> bool:
        return self.publisher == "Eurostat"


def import_help(indicator: Indicator) -> ImportHelp:
    """The way to add `indicator`'s figures."""
    key = indicator.series.indicator if indicator.series else indicator.id
    code = (indicator.source or "").strip()
    if indicator.provider == "eurostat" and _EUROSTAT_CODE.fullmatch(code.lower()):
        code = code.lower()
        file_name = f"estat_{code}.tsv.gz"
        return ImportHelp(
            publisher="Eurostat",
            dataset=code,
            page_url=f"https://ec.europa.eu/eurostat/databrowser/view/{code}/default/table?lang=en",
            download_url=(
                f"https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/{code}"
                "?format=TSV&compressed=true"
            ),
            file_name=file_name,
            command=_command(file_name),
        )
    csv_name = f"{indicator.id}.csv"
    if indicator.provider in _PROVIDERS:
        publisher, url, title = _PROVIDERS[indicator.provider]
        options = ["--publisher", publisher, "--title", f"{publisher}, {title}", "--url", url]
        return ImportHelp(
            publisher=publisher,
            dataset=code or title,
            page_url=url,
            command=_command(csv_name, *options, "--vintage", "YYYY-MM-DD"),
            own_csv=True,
            key=key,
        )
    options = ["--publisher", "YOUR ORGANISATION", "--title", "TITLE OF YOUR FIGURES", "--url", "https://..."]
    return ImportHelp(
        publisher="",
        dataset=code,
        page_url="",
        command=_command(csv_name, *options, "--vintage", "YYYY-MM-DD"),
        own_csv=True,
        key=key,
    )


def _command(*arguments: str) -> str:
    return shlex.join(["toolkit", "data", "import", *arguments])
