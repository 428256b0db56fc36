"""`toolkit init DIR`: scaffold an authority's tailored copy.

The copy holds only what the authority changes (one mkdocs.yml, colours, its
own practices and figures); bundled content, data and templates come from the
toolkit, so updating the toolkit updates the copy.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.authority.upgrade import RECORD, record_json, toolkit_version
from generator.data.format import COLUMNS
from generator.problems import Location, ToolkitError
from generator.resources import bundled, package_file

TEMPLATES = package_file("authority", "templates")
DEFAULT_PRIMARY = "#003399"  # EU blue: 10.9:1 against white


@dataclass(frozen=True)
class InitOptions:
    site_name: str = "Integration toolkit"
    languages: tuple[str, ...] = ("en",)
    country: str = "NL"  # for the example practice and the example figures


def init_project(target: Path, options: InitOptions) -> InitReport:
    """Write the scaffold. Nothing is ever overwritten: a folder that already
    holds a copy (mkdocs.yml) is refused, and any other file already there is
    kept as it is and listed."""
    if (target / "mkdocs.yml").exists():
        raise ToolkitError.at(Location(str(target / "mkdocs.yml")), "already exists: this folder holds a copy "
                              "already; choose a new folder (to move to a newer toolkit, run `toolkit upgrade` there)",
                              "nothing was written")
    problem = _name_problem(options.site_name)
    if problem:
        raise ToolkitError.at(Location("--name"), problem, "nothing was written")
    version = toolkit_version()
    values = {
        "site_name": json.dumps(options.site_name, ensure_ascii=False),  # a YAML string, whatever it holds
        "site_name_text": options.site_name,
        "languages": ", ".join(options.languages),
        "default_language": options.languages[0],
        "primary": DEFAULT_PRIMARY,
        "country": options.country,
        "schema": "../../../schemas/practice.schema.json",  # relative: resolves on any machine
        "version": version,
    }
    files = {
        "mkdocs.yml": _fill("mkdocs.yml.tmpl", values),
        "README.md": _fill("README.md.tmpl", values),
        "Makefile": _fill("Makefile.tmpl", values),
        "requirements.txt": f"# The toolkit release this copy is built with; `toolkit upgrade` updates it.\n"
                            f"european-modules-toolkit=={version}\n",
        ".pre-commit-config.yaml": _fill("pre-commit-config.yaml.tmpl", values),
        ".github/workflows/site.yml": _fill("workflow.yml.tmpl", values),
        "docs/assets/colours.css": _fill("colours.css.tmpl", values),
        "local/content/practices/example-local-practice.yml": _fill("practice.yml.tmpl", values),
        "local/data/datapackage.json": _local_descriptor(),
        "local/data/observations/local.csv": _example_figures(options.country),
        ".gitignore": "site/\n.site-*/\n.cache/\n.venv/\n",
        RECORD: record_json(version),
    }
    for schema in sorted(bundled("schemas").glob("*.json")):
        files[f"schemas/{schema.name}"] = schema.read_text(encoding="utf-8")
    report = InitReport(target)
    for relative, text in files.items():
        path = target / relative
        if path.exists():
            report.kept.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        report.written.append(path)
    return report


@dataclass
class InitReport:
    target: Path
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # already there: never overwritten

    def summary(self) -> str:
        kept = f"; kept {len(self.kept)} existing file(s) as they were" if self.kept else ""
        return (f"init: wrote {len(self.written)} files into {self.target}/{kept} — "
                "run `make site` there (it installs the toolkit release in requirements.txt)")


def _name_problem(name: str) -> str:
    if not name.strip() or len(name) > 120:
        return "the site name must be 1 to 120 characters"
    if any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in name):
        return "the site name holds a control character"
    return ""


def _fill(template: str, values: dict[str, str]) -> str:
    return (TEMPLATES / template).read_text(encoding="utf-8").format(**values)


def _local_descriptor() -> str:
    """The bundled descriptor's schema for one local resource."""
    descriptor = json.loads((bundled("data") / "datapackage.json").read_text(encoding="utf-8"))
    resource = dict(descriptor["resources"][0])
    fields = []
    for column in resource["schema"]["fields"]:
        column = json.loads(json.dumps(column))
        if column["name"] in ("indicator", "source_dataset"):
            column.get("constraints", {}).pop("enum", None)  # local series may add their own keys
        fields.append(column)
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
