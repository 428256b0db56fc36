"""Importer for Eurostat's download formats (bulk TSV, SDMX-CSV, legacy CSV, JSON-stat).

`import_file` reads and checks a whole downloaded file, then writes (or
merges into) a CSV in the toolkit's row format (`generator.data.format`).
"""

from generator.eurostat.importer import ImportReport, import_file

__all__ = ["ImportReport", "import_file"]
