"""What a built chart is: the spec, its static SVG and the data behind it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Chart:
    id: str  # unique on the site, used as the figure's HTML id
    kind: str  # "gap" | "countries" | "gap_by_sex" | "country_profile"
    title: str
    description: str  # one generated paragraph, also the SVG's context
    spec: dict  # Vega-Lite JSON with inline data (never a URL)
    svg: str  # static fallback for no-JS and print; "" until rendered
    columns: list[str]  # header of the HTML table (localized)
    rows: list[list[str]]  # table cells, numbers formatted for the language
    csv: str  # the selected observations exactly as published
    source_line: str  # "Source: Eurostat (<code>), figures as published"
    has_low_reliability: bool
    data_file: str  # suggested asset path of the CSV, e.g. "charts/x-gap.csv"
