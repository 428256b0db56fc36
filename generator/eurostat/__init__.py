"""Importer for Eurostat's download formats (bulk TSV, SDMX-CSV, legacy CSV,
JSON-stat) and for a publisher's own figures in the toolkit's format.

`import_file` reads and checks a whole downloaded file, then replaces its
dataset's rows in the data package (generator.data), reporting the diff.
"""

from generator.eurostat.importer import DataFolders, ImportOptions, ImportReport, import_file

__all__ = ["DataFolders", "ImportOptions", "ImportReport", "import_file"]
