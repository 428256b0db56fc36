"""docs/deployment.md's refresh section, step by step: every documented
command is run for real on a copy of the bundled project.

The download itself cannot reach Eurostat here: the test checks that the
documented address is the one the indicator pages give, and puts in its place
a bulk TSV made from the bundled lfsa_ergan figures with one figure changed,
one added and one withdrawn (synthetic changes, real format).
"""

from __future__ import annotations

import csv
import json
import re
import shlex
from pathlib import Path

import pytest

from generator.data.instructions import import_help
from generator.model.entities import Indicator
from tests import eurostat_files as ef
from tests.conftest import REPO, run_toolkit, tree_digest

pytestmark = pytest.mark.slow

DOC = REPO / "docs" / "deployment.md"


def refresh_commands() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Refreshing the figures from Eurostat", 1)[1].split("\n## ", 1)[0]
    section = section.split("\n### ", 1)[0]  # the numbered steps
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def bundled_ergan(project: Path) -> list[dict[str, str]]:
    with (project / "data/observations/employment.csv").open(encoding="utf-8", newline="") as stream:
        return [r for r in csv.DictReader(stream) if r["source_dataset"] == "lfsa_ergan"]


def as_download(rows: list[dict[str, str]]) -> list[ef.Row]:
    return [
        {"freq": "A", "unit": r["unit"], "sex": r["sex"], "age": r["age"], "citizen": r["group"],
         "geo": r["geo"], "year": r["year"], "value": r["value"], "flag": r["flag"]}
        for r in rows
    ]  # fmt: skip


def test_refresh_section_walkthrough(bundled_project: Path) -> None:
    commands = refresh_commands()
    assert [c.split()[:2] for c in commands] == [
        ["curl", "-o"], ["toolkit", "data"], ["toolkit", "data"], ["toolkit", "check"], ["toolkit", "build"],
    ], commands  # fmt: skip

    rows = as_download(bundled_ergan(bundled_project))
    changed, withdrawn = rows[0], rows[1]
    changed["value"], changed["flag"] = "99.9", "p"
    withdrawn["value"] = None  # ':' in the newer file
    added = {**rows[2], "year": "2025", "value": "12.3", "flag": ""}
    rows.append(added)
    before = tree_digest(bundled_project / "data")

    for command in commands:
        words = shlex.split(command)
        if words[0] == "curl":
            name, url = words[2], words[3]
            ergan = Indicator(id="employment_rate", domain="employment", title="", definition="", age="",
                              unit="percent", breakdown="citizenship", higher_is_better=True,
                              source="lfsa_ergan")  # fmt: skip
            assert url == import_help(ergan).download_url
            assert name == import_help(ergan).file_name
            ef.write(bundled_project / name, ef.bulk_tsv(rows), compress=True)
            continue
        result = run_toolkit(bundled_project, *words[1:])
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr
        if "--dry-run" in words:
            assert tree_digest(bundled_project / "data") == before  # nothing written
        if words[1] == "data":
            assert "lfsa_ergan: 1 added, 1 changed, 1 withdrawn" in result.stdout, result.stdout
            listed = [line for line in result.stdout.splitlines() if line.startswith("  ")]
            assert len(listed) == 3 and "-> 99.9 p PC" in listed[1] and "(withdrawn)" in listed[2]
        if words[1] == "check":
            assert result.stdout.startswith("check ok")
        if words[1] == "build":
            assert (bundled_project / "site/en/indicators/employment_rate/index.html").is_file()

    after = {(r["geo"], r["year"], r["group"], r["sex"], r["age"]): r for r in bundled_ergan(bundled_project)}
    key = lambda r: (r["geo"], r["year"], r["citizen"], r["sex"], r["age"])  # noqa: E731
    assert (after[key(changed)]["value"], after[key(changed)]["flag"]) == ("99.9", "p")
    assert key(withdrawn) not in after
    assert after[key(added)]["value"] == "12.3"
    descriptor = json.loads((bundled_project / "data/datapackage.json").read_text(encoding="utf-8"))
    sources = [s for r in descriptor["resources"] for s in r["sources"] if s["dataset"] == "lfsa_ergan"]
    assert [s["vintage_basis"] for s in sources] == ["file modification date"]
