"""What a built chart is: the spec, its static SVG and the figures behind it."""

from __future__ import annotations

from dataclasses import dataclass

from .provenance import Provenance
from .table import DataTable


@dataclass
class Chart:
    id: str  # unique on the site, used as the figure's HTML id
    kind: str  # "gap" | "countries" | "gap_by_sex" | "country_profile"
    title: str
    description: str  # one generated paragraph, also the SVG's context
    spec: dict  # Vega-Lite JSON with inline data (never a URL), for the browser
    static_spec: dict  # the same figures drawn for the static SVG (fixed width, source line, no interaction)
    notes: list[str]  # reading keys (hollow markers, composition changes), shown beside the chart
    svg: str  # static fallback for no-JS and print; "" until rendered
    table: DataTable  # the HTML table (localized)
    csv: str  # the plotted figures as published, labelled, with the computed difference
    provenance: Provenance  # the datasets of the plotted rows
    has_low_reliability: bool
    data_file: str  # suggested asset path of the CSV, e.g. "charts/x-gap.csv"

    @property
    def source_line(self) -> str:
        return self.provenance.line
