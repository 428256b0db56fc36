"""Content validation: schema errors, cross-references and the committed schemas."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from generator.content.crossref import check_references
from generator.content.load import load_content, yaml_files
from generator.content.schemas import rendered_schemas, schema_document
from generator.content.types import CONTENT_TYPES
from generator.problems import Problems
from tests.conftest import REPO


def load(project: Path) -> tuple[object, list[str]]:
    problems = Problems()
    content = load_content([(project / "content", project / "data")], project, problems)
    check_references(content, problems)
    return content, [p.format() for p in problems.sorted()]


def write(project: Path, relative: str, text: str) -> None:
    (project / relative).write_text(text, encoding="utf-8")


def test_sample_project_is_clean(sample_project: Path) -> None:
    content, errors = load(sample_project)
    assert errors == []


def test_unquoted_country_no_is_norway(sample_project: Path) -> None:
    content, _ = load(sample_project)
    assert content.entries["practice"]["sample-practice"].data["country"] == ["NO"]


def test_unknown_reference_suggests_the_closest_id(sample_project: Path) -> None:
    path = sample_project / "content/practices/sample-practice.yml"
    path.write_text(path.read_text().replace("modules: [sample-module]", "modules: [sample-modul]"))
    _, errors = load(sample_project)
    assert errors == [
        "content/practices/sample-practice.yml:16:11: error: [modules[0]] unknown module "
        "'sample-modul'; did you mean 'sample-module'? (known: sample-module)"
    ]


def test_unknown_practice_in_component_is_located(sample_project: Path) -> None:
    path = sample_project / "content/modules/sample-module.yml"
    path.write_text(path.read_text().replace("sources_of_experience: [sample-practice]", "sources_of_experience: [nope]"))
    _, errors = load(sample_project)
    assert len(errors) == 1
    assert errors[0].startswith("content/modules/sample-module.yml:27:29: error: [components[0].sources_of_experience[0]] unknown practice 'nope'")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("updated: 2024-02-28", "updated: 2024-02-30", "21:10: error: [updated] '2024-02-30' is not a valid date (day is out of range for month)"),
        ("status: innovative", "status: inovative", "17:9: error: [status] 'inovative' is not allowed; use one of: evaluated, innovative; did you mean 'innovative'?"),
        ("status: innovative", "stauts: innovative", "17:1: error: [stauts] unknown field 'stauts'; did you mean 'status'?"),
        ("  start: 2010", "  start: [2010]", "7:10: error: [period.start] expected a year or a date, found a list"),
        ("country: NO", "country: GR", "4:10: error: [country] 'GR' is not a Eurostat country code: Eurostat writes Greece as EL; did you mean 'EL'?"),
        ("title: Sample practice in Testville\n", "", "2:1: error: [title] missing required field 'title'"),
        ("funding: [ESF]", "funding: ESF", "15:10: error: [funding] expected a list"),
    ],
)
def test_field_errors_are_located_with_a_suggestion(sample_project: Path, old: str, new: str, expected: str) -> None:
    path = sample_project / "content/practices/sample-practice.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    _, errors = load(sample_project)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"content/practices/sample-practice.yml:{expected}")


def test_id_must_match_the_file_name(sample_project: Path) -> None:
    path = sample_project / "content/practices/sample-practice.yml"
    path.rename(path.with_name("other-name.yml"))
    _, errors = load(sample_project)
    assert errors[0].startswith("content/practices/other-name.yml:2:1: error: [id] the id 'sample-practice' differs")


def test_all_errors_in_all_files_are_collected(sample_project: Path) -> None:
    write(sample_project, "content/practices/empty.yml", "")
    write(sample_project, "content/practices/tabbed.yml", "id: tabbed\n\ttitle: x\n")
    module = sample_project / "content/modules/sample-module.yml"
    module.write_text(module.read_text().replace("number: 1", "number: 1\nnumber: 2"))
    _, errors = load(sample_project)
    assert [e.split(": error:")[0] for e in errors] == [
        "content/modules/sample-module.yml:4:1",
        "content/practices/empty.yml:1:1",
        "content/practices/tabbed.yml:2:1",
    ]


def test_committed_schemas_are_up_to_date() -> None:
    for name, text in rendered_schemas().items():
        committed = REPO / "schemas" / name
        assert committed.exists(), f"schemas/{name} missing: run `make schemas`"
        assert committed.read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run `make schemas`"


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_bundled_content_loads_and_matches_its_json_schema() -> None:
    content, errors = load(REPO)
    assert errors == []
    for content_type in CONTENT_TYPES:
        schema = schema_document(content_type)
        entries = content.entries[content_type.name]
        assert entries, content_type.name
        for entry in entries.values():
            data = _jsonable(entry.data)
            if content_type.name == "practice" and len(data["country"]) == 1:
                data["country"] = data["country"][0]
            if "period" in data:
                data["period"] = {k: int(v) if str(v).isdigit() else v for k, v in data["period"].items()}
            jsonschema.validate(data, schema, cls=jsonschema.Draft7Validator)


def test_every_content_file_names_its_schema() -> None:
    for folder in ("content/modules", "content/practices", "content/recommendations", "data/indicators"):
        for path in yaml_files(REPO / folder):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first.startswith("# yaml-language-server: $schema=../../schemas/"), path
            schema_name = first.rsplit("/", 1)[1]
            assert (REPO / "schemas" / schema_name).exists()
            json.loads((REPO / "schemas" / schema_name).read_text())


def test_same_key_twice_in_one_folder_is_an_error(sample_project: Path) -> None:
    folder = sample_project / "content/recommendations"
    (folder / "recommendation-01b.yml").write_text((folder / "recommendation-01.yml").read_text())
    _, errors = load(sample_project)
    assert errors == [
        "content/recommendations/recommendation-01b.yml:2:1: error: recommendation '1' is also defined in "
        "content/recommendations/recommendation-01.yml"
    ]


def test_a_later_folder_overrides_by_id(sample_project: Path) -> None:
    local = sample_project / "local/practices"
    local.mkdir(parents=True)
    original = sample_project / "content/practices/sample-practice.yml"
    (local / "sample-practice.yml").write_text(original.read_text().replace("Testville", "Othertown"))
    problems = Problems()
    content = load_content(
        [(sample_project / "content", sample_project / "data"), (sample_project / "local", sample_project / "none")],
        sample_project,
        problems,
    )
    assert not problems.errors
    assert content.entries["practice"]["sample-practice"].data["area"] == "Othertown"


def test_references_of_a_file_with_other_errors_are_still_checked(sample_project: Path) -> None:
    path = sample_project / "content/practices/sample-practice.yml"
    text = path.read_text().replace("status: innovative", "status: maybe")
    path.write_text(text.replace("modules: [sample-module]", "modules: [sample-modul]"))
    _, errors = load(sample_project)
    assert [e.split(": error: ")[1].split(" ")[0] for e in errors] == ["[modules[0]]", "[status]"]
