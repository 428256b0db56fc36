"""Downloadable files of one language: the practices as CSV and JSON, the
charted figures as one labelled CSV, a data package that documents both, and
the YAML template for proposing a practice.

Values are the model's (the language's text, codes beside their labels);
CSV cells that a spreadsheet would read as a formula are prefixed with an
apostrophe, so opening a download can never run anything.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable

from generator.countries import country_name
from generator.model.entities import Practice, SiteModel
from generator.render import text, urls
from generator.render.output import GeneratedFile

Gettext = Callable[..., str]


def _(text: str) -> str:
    """Marks a column description for the UI catalogue (translated on the downloads page)."""
    return text


PRACTICE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", _("Identifier of the practice (stable across languages)")),
    ("title", _("Title")),
    ("countries", _("Country codes where it runs (Eurostat: Greece EL), separated by ';'")),
    ("country_names", _("Country names, separated by ';'")),
    ("area", _("City or region")),
    ("period_start", _("Start year or date")),
    ("period_end", _("End year or date, or 'ongoing'")),
    ("status", _("evaluated or innovative")),
    ("organisation", _("Who runs it")),
    ("organisation_type", _("Kind of organisation")),
    ("level", _("Level of governance of the organisation: eu, national, regional, local")),
    ("funding", _("Funding sources, separated by ';'")),
    ("modules", _("Ids of the modules it illustrates, separated by ';'")),
    ("building_blocks", _("Ids of the building blocks it illustrates, separated by ';'")),
    ("recommendations", _("Numbers of the recommendations of COM(2011) 455 it illustrates, separated by ';'")),
    ("indicators", _("Ids of the indicators that follow its modules, separated by ';'")),
    ("target_groups", _("Who it is for, separated by ';'")),
    ("summary", _("What it is (plain text)")),
    ("sources", _("Sources as 'title <address>', separated by ' | '")),
    ("updated", _("Date the entry was last checked")),
    ("page", _("Address of its page, relative to the site's language folder")),
)

FIGURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("indicator", _("Key of the series")),
    ("indicator_title", _("Indicator (in the page's language)")),
    ("geo", _("Eurostat geo code (EU aggregates keep their own codes)")),
    ("area", _("Country or area")),
    ("year", _("Year")),
    ("breakdown", _("citizenship or country_of_birth")),
    ("group", _("Eurostat code of the group")),
    ("group_label", _("Group")),
    ("sex", _("T, F or M")),
    ("sex_label", _("Sex")),
    ("age", _("Eurostat age code")),
    ("value", _("The figure as published")),
    ("unit", _("Eurostat unit code")),
    ("flag", _("Eurostat flags as published")),
    ("flag_meaning", _("What the flags mean")),
    ("source_dataset", _("Dataset code")),
    ("publisher", _("Who published the figure")),
    ("vintage", _("Date of the data (Eurostat's last update), when recorded")),
)


def _safe_cell(value: object) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas."""
    cell = " ".join(str(value).split()) if value is not None else ""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _csv(columns: Iterable[str], rows: Iterable[dict[str, object]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def practice_record(practice: Practice, language: str, render: Callable[[str], str]) -> dict[str, object]:
    return {
        "id": practice.id,
        "title": str(practice.title),
        "countries": list(practice.countries),
        "country_names": [country_name(c, language) for c in practice.countries],
        "area": str(practice.area) if practice.area else None,
        "period_start": practice.period.start if practice.period else None,
        "period_end": practice.period.end if practice.period else None,
        "status": practice.status,
        "organisation": practice.organisation.name if practice.organisation else None,
        "organisation_type": practice.organisation.type if practice.organisation else None,
        "level": practice.level,
        "funding": list(practice.funding),
        "modules": list(practice.module_ids),
        "building_blocks": list(practice.block_ids),
        "recommendations": list(practice.recommendation_numbers),
        "indicators": list(practice.indicator_ids),
        "target_groups": [str(g) for g in practice.target_groups],
        "summary": text.plain_text(practice.summary, render, limit=100_000),
        "sources": [{"title": str(s.title), "url": s.url, "publisher": s.publisher} for s in practice.sources],
        "updated": practice.updated.isoformat() if practice.updated else None,
        "page": urls.page_url(urls.PRACTICE.format(id=practice.id)),
    }


def _flat(record: dict[str, object]) -> dict[str, object]:
    row = dict(record)
    for key in ("countries", "country_names", "funding", "modules", "building_blocks", "recommendations",
                "indicators", "target_groups"):
        row[key] = ";".join(str(v) for v in record[key])  # type: ignore[union-attr]
    row["sources"] = " | ".join(f"{s['title']} <{s['url']}>" for s in record["sources"])  # type: ignore[index, union-attr]
    return row


def download_files(model: SiteModel, language: str, render: Callable[[str], str],
                   figure_rows: list[dict[str, object]], practice_template: str) -> list[GeneratedFile]:
    records = [practice_record(p, language, render) for p in model.practices]
    document = {"language": language, "count": len(records), "practices": records}
    package = {
        "profile": "data-package",
        "name": f"european-modules-toolkit-{language}",
        "title": "European Modules Toolkit: practices and charted figures",
        "resources": [
            {"name": "practices", "path": "practices.csv", "format": "csv", "encoding": "utf-8",
             "schema": {"fields": [{"name": n, "type": "string", "description": d} for n, d in PRACTICE_COLUMNS]}},
            {"name": "practices-json", "path": "practices.json", "format": "json", "encoding": "utf-8",
             "description": "The same practices as JSON: lists are arrays, sources are objects."},
            {"name": "figures", "path": "figures.csv", "format": "csv", "encoding": "utf-8",
             "schema": {"fields": [{"name": n, "type": "string", "description": d} for n, d in FIGURE_COLUMNS]},
             "licenses": [{"title": "Eurostat: free re-use under Commission Decision 2011/833/EU",
                           "path": "https://ec.europa.eu/eurostat/about-us/policies/copyright"}]},
        ],
    }
    return [
        GeneratedFile(urls.PRACTICES_CSV, _csv([n for n, _ in PRACTICE_COLUMNS], (_flat(r) for r in records))),
        GeneratedFile(urls.PRACTICES_JSON, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()),
        GeneratedFile(urls.FIGURES_CSV, _csv([n for n, _ in FIGURE_COLUMNS], figure_rows)),
        GeneratedFile(urls.DATA_PACKAGE, (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode()),
        GeneratedFile(urls.PRACTICE_TEMPLATE, practice_template.encode("utf-8")),
    ]


def figure_rows(model: SiteModel, language: str, _: Gettext) -> list[dict[str, object]]:
    """Every figure the indicator pages chart (the compared groups of each
    indicator's series), with labels in the page's language beside the codes."""
    from generator.charts.labels import area_label, flag_note, group_label, sex_label
    from generator.charts.select import ObservationIndex

    index = ObservationIndex(model.observations)
    rows: list[dict[str, object]] = []
    for indicator in sorted(model.indicators, key=lambda i: i.id):
        series = index.select(indicator)
        if series is None:
            continue
        for o in series.observations:
            source = model.datasets.get(o.source_dataset)
            rows.append({
                "indicator": o.indicator, "indicator_title": str(indicator.title), "geo": o.geo,
                "area": area_label(o.geo, language, _), "year": o.year, "breakdown": o.breakdown,
                "group": o.group, "group_label": group_label(o.group, o.breakdown, _), "sex": o.sex,
                "sex_label": sex_label(o.sex, _), "age": o.age, "value": o.value_text, "unit": o.unit,
                "flag": o.flag, "flag_meaning": flag_note(o.flag, _) if o.flag else "",
                "source_dataset": o.source_dataset, "publisher": source.publisher if source else "",
                "vintage": source.vintage.isoformat() if source and source.vintage else "",
            })
    return rows
