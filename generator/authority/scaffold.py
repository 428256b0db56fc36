"""`toolkit init DIR`: scaffold an authority's tailored copy.

The copy holds only what the authority changes (one mkdocs.yml, colours, its
own practices and figures); bundled content, data and templates come from the
toolkit, so updating the toolkit updates the copy.
"""

from __future__ import annotations

import csv
import json
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.data.format import COLUMNS
from generator.problems import Location, Problems, ToolkitError
from generator.resources import bundled, package_file

TEMPLATES = package_file("authority", "templates")
DEFAULT_PRIMARY = "#003399"  # EU blue: 10.9:1 against white


@dataclass(frozen=True)
class InitOptions:
    site_name: str = "Integration toolkit"
    languages: tuple[str, ...] = ("en",)
    country: str = "NL"  # for the example practice and the example figures


def init_project(target: Path, options: InitOptions) -> list[Path]:
    """Write the scaffold; refuses to overwrite an existing mkdocs.yml."""
    if (target / "mkdocs.yml").exists():
        problems = Problems()
        problems.error(Location(str(target / "mkdocs.yml")), "already exists; choose an empty folder")
        raise ToolkitError(problems, "nothing was written")
    toolkit = f"{shlex.quote(sys.executable)} -m generator.cli"
    values = {
        "site_name": options.site_name,
        "languages": ", ".join(options.languages),
        "default_language": options.languages[0],
        "primary": DEFAULT_PRIMARY,
        "country": options.country,
        "schema": (bundled("schemas") / "practice.schema.json").as_uri(),
        "toolkit": toolkit,
    }
    files = {
        "mkdocs.yml": _fill("mkdocs.yml.tmpl", values),
        "README.md": _fill("README.md.tmpl", values),
        "Makefile": _fill("Makefile.tmpl", values),
        "docs/assets/colours.css": _fill("colours.css.tmpl", values),
        "local/content/practices/example-local-practice.yml": _fill("practice.yml.tmpl", values),
        "local/data/datapackage.json": _local_descriptor(),
        "local/data/observations/local.csv": _example_figures(options.country),
        ".gitignore": "site/\n.site-test/\n.cache/\n",
    }
    written = []
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _fill(template: str, values: dict[str, str]) -> str:
    return (TEMPLATES / template).read_text(encoding="utf-8").format(**values)


def _local_descriptor() -> str:
    """The bundled descriptor's schema for one local resource."""
    descriptor = json.loads((bundled("data") / "datapackage.json").read_text(encoding="utf-8"))
    resource = dict(descriptor["resources"][0])
    fields = []
    for field in resource["schema"]["fields"]:
        field = json.loads(json.dumps(field))
        if field["name"] in ("indicator", "source_dataset"):
            field.get("constraints", {}).pop("enum", None)  # local series may add their own keys
        fields.append(field)
    resource.update(
        name="local",
        title="Local figures",
        path="observations/local.csv",
        schema={**resource["schema"], "fields": fields},
        sources=[{"title": "Eurostat (example rows copied from the toolkit's bundled data)"}],
    )
    descriptor = {
        "profile": "tabular-data-package",
        "name": "local-figures",
        "title": "Local figures of this copy",
        "licenses": descriptor.get("licenses", []),
        "resources": [resource],
    }
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def _example_figures(country: str) -> str:
    """Real rows, not invented: the bundled Eurostat employment figures of the
    country's latest year, to show the format (same key = same figure)."""
    rows = []
    with (bundled("data") / "observations" / "employment.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["indicator"] == "employment_rate" and row["geo"] == country and row["age"] == "Y20-64":
                rows.append(row)
    latest = max((r["year"] for r in rows), default=None)
    lines = [",".join(COLUMNS)]
    lines += [",".join(r[c] for c in COLUMNS) for r in rows if r["year"] == latest and r["sex"] == "T"]
    return "\n".join(lines) + "\n"
