"""Hostile or careless content: located errors (never a traceback, never a
silent acceptance), the same in `toolkit check` and `toolkit build`, and
messages that no CI runner can read as a command."""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest

from tests.adversarial.conftest import assert_refused, build, digest, set_text
from tests.conftest import REPO, bundled_project, run_toolkit  # noqa: F401 - fixture

pytestmark = pytest.mark.slow

PRACTICE = "content/practices/sample-practice.yml"
MODULE = "content/modules/sample-module.yml"
SUMMARY = "summary: |\n  A synthetic practice located in Testville.\n"


def _summary(value: str) -> tuple[str, str, str]:
    return (PRACTICE, SUMMARY, f"summary: {value}\n")


# (file, old text, new text, expected message); every class has two payloads or more
REFUSED = {
    # nesting and size
    "deep flow nesting": (PRACTICE, SUMMARY, "summary: " + "[" * 300 + "]" * 300 + "\n",
                          r"sample-practice\.yml:9:\d+: error: nested more than 16 levels deep"),
    "deep block nesting": (PRACTICE, SUMMARY, "summary:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(40))
                           + "  " * 41 + "x\n", r"sample-practice\.yml:\d+:\d+: error: nested more than 16 levels"),
    "huge list": (PRACTICE, "target_groups:", "target_groups: [" + ", ".join(f"g{i}" for i in range(100_000))
                  + "]\nx_old_groups:", r"error: \[target_groups\] has 100,000 items; at most 100"),
    "long list": (PRACTICE, "target_groups:", "target_groups: [" + ", ".join(f"g{i}" for i in range(101))
                  + "]\nx_old_groups:", r"error: \[target_groups\] has 101 items; at most 100"),
    "huge field": (PRACTICE, SUMMARY, "summary: |\n" + ("  " + "x" * 99 + "\n") * 300,
                   r"error: \[summary\] is 30,000 characters long; at most 20,000"),
    "huge title": (PRACTICE, "title: Sample practice in Testville", "title: " + "T" * 400,
                   r"error: \[title\] is 400 characters long; at most 300"),
    "huge number": (MODULE, "number: 1", "number: " + "9" * 400, r"error: \[number\] expected a whole number"),
    "number out of range": (MODULE, "number: 1", "number: 10000000000", r"error: \[number\] expected a whole number"),
    # control characters that break other tools (front matter, terminals)
    "escaped control character": (*_summary('"text\\x01more"')[:2], 'summary: "text\\x01more"\n',
                                  r"error: control character U\+0001 in the text"),
    "line separator": (*_summary('"a\\u2028b"')[:2], 'summary: "a\\u2028b"\n', r"error: control character U\+2028"),
    "escape character": ("content/practices/sample-practice.yml", "title: Sample practice in Testville",
                         'title: "Sample \\e[31mpractice"', r"error: control character U\+001B"),
    # dates and periods
    "period ends before it starts": (PRACTICE, "period:\n  start: 2010", "period:\n  start: 2010\n  end: 2005",
                                     r"error: \[period\.end\] the period ends \(2005\) before it starts \(2010\)"),
    "period ends before it starts (dates)": (PRACTICE, "period:\n  start: 2010", "period:\n  start: 2010-05-01\n  end: 2010-01-31",
                                             r"error: \[period\.end\] the period ends"),
    "period starts in the future": (PRACTICE, "period:\n  start: 2010", "period:\n  start: 2099",
                                    r"error: \[period\.start\] the period starts in 2099, in the future"),
    "updated in the future": (PRACTICE, "updated: 2024-02-28", "updated: 2099-01-01",
                              r"error: \[updated\] 2099-01-01 is in the future"),
    # ids that look alike
    "indicator id with an accent": ("data/indicators/sample_rate.yml", "id: sample_rate", "id: sample_raté",
                                    r"error: \[id\] 'sample_raté' is not a valid id"),
    "practice id with a decomposed accent": (PRACTICE, "id: sample-practice",
                                             "id: " + unicodedata.normalize("NFD", "sample-pratiqué"),
                                             r"error: \[id\] 'sample-pratiqué' is not a valid id"),
    # links that check must catch, not the build
    "relative link": (*_summary("x")[:2], "summary: See [this](../no-such-page/).\n",
                      r"sample-practice\.yml:9:1: error: \[summary\] broken link '\.\./no-such-page/'"),
    "toolkit link to nothing": (*_summary("x")[:2], "summary: See [this](practice:no-such-practice).\n",
                                r"error: \[summary\] broken link 'practice:no-such-practice'.*names no practice"),
    "anchor to no block": (*_summary("x")[:2], "summary: See [this](module:sample-module#nope).\n",
                           r"error: \[summary\] broken anchor 'module:sample-module#nope'"),
    "script link": (*_summary("x")[:2], "summary: '[x](javascript:alert(1))'\n",
                    r"error: \[summary\] broken link 'javascript:alert\(1\)'"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_hostile_content_is_a_located_error_in_check_and_build(case: str, project: Path) -> None:
    path, old, new, message = REFUSED[case]
    before = digest(project)
    set_text(project / path, old, new)
    started = time.monotonic()
    assert_refused(project, run_toolkit(project, "check"), message)
    assert_refused(project, build(project), message, before=before)
    assert time.monotonic() - started < 60, "refusing took too long"


def test_a_translation_of_nothing_is_an_error(project: Path) -> None:
    overlay = project / "content/translations/nl/practices/sample-practise.yml"
    overlay.parent.mkdir(parents=True)
    overlay.write_text("id: sample-practise\ntitle: Voorbeeld\n")
    set_text(project / "mkdocs.yml", "      languages: [en]", "      languages: [en, nl]")
    before = digest(project)
    message = (r"sample-practise\.yml:1:\d+: error: \[id\] translation \(nl\) of practice 'sample-practise', "
               r"which does not exist; did you mean 'sample-practice'\?")
    assert_refused(project, run_toolkit(project, "check"), message)
    assert_refused(project, build(project), message, before=before)


@pytest.mark.parametrize("shape", ["link outside", "folder named like a file"])
def test_odd_files_in_a_content_folder_are_named(shape: str, project: Path, tmp_path: Path) -> None:
    target = project / "content/practices/odd.yml"
    if shape == "link outside":
        outside = tmp_path / "secret.yml"
        outside.write_text("id: odd\n")
        target.symlink_to(outside)
        message = r"odd\.yml: error: is a link to a file outside its folder"
    else:
        target.mkdir()
        message = r"odd\.yml: error: is a folder, not a YAML file"
    before = digest(project)
    assert_refused(project, run_toolkit(project, "check"), message)
    assert_refused(project, build(project), message, before=before)


def test_a_deleted_recommendation_is_named_not_replaced_by_another(bundled_project: Path) -> None:  # noqa: F811
    (bundled_project / "content/recommendations/recommendation-05.yml").unlink()
    (bundled_project / "content/translations/nl/recommendations/recommendation-05.yml").unlink()
    result = run_toolkit(bundled_project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "host-society-commitment.yml:44:" in result.stderr and "unknown recommendation '5'" in result.stderr


def test_recommendations_are_shown_by_number_whatever_is_missing(bundled_project: Path) -> None:  # noqa: F811
    """A recommendation that no module names can go; every module still shows
    each number with its own text (the list is never indexed by position)."""
    from generator.project import Project
    from generator.render.site import render_site
    from generator.sources import load_project

    for path in ("content/recommendations/recommendation-01.yml",
                 "content/translations/nl/recommendations/recommendation-01.yml"):
        (bundled_project / path).unlink()
    config = bundled_project / "content/modules/introduction-and-language-courses.yml"
    set_text(config, "recommendations: [1, 2, 3, 16]", "recommendations: [2, 3, 16]")
    loaded = load_project(Project.from_options(bundled_project, content_dir="content", data_dir="data",
                                               cache_dir=str(REPO / ".cache")))
    assert loaded.ok, [p.format() for p in loaded.problems.errors]
    page = next(p.html for p in render_site(loaded, "en").pages
                if p.src_path == "modules/introduction-and-language-courses.md")
    section = page.split('id="recommendations"', 1)[1]
    assert "Recommendation 2</a>: <p>organise programmes for newcomers" in section
    assert "Recommendation 16</a>: <p>within the dialogue" in section


# ---------------------------------------------------------------- messages printed safely

INJECTIONS = [
    "content/practices/x\n::error file=a::pwned.yml",
    "content/practices/x\r::warning::pwned.yml",
]


@pytest.mark.parametrize("name", INJECTIONS)
@pytest.mark.parametrize("style", ["text", "github"])
def test_no_output_line_is_a_workflow_command(name: str, style: str, project: Path) -> None:
    (project / name).write_text("id: x\n")  # a hostile file name, with a bad id inside
    set_text(project / PRACTICE, SUMMARY, "summary: 'See [x](../y%0A::error::pwned/) and <x\\n::error>'\n")
    result = run_toolkit(project, "check", "--format", style)
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    if style == "text":
        assert not [line for line in lines if line.startswith("::")]
    else:
        # exactly one annotation per problem, and no line an injected command
        problems = [line for line in run_toolkit(project, "check").stderr.splitlines() if ": error:" in line]
        commands = [line for line in lines if line.startswith("::")]
        assert len(commands) == len(problems) >= 2, commands
        properties = [c.split("::", 2)[1] for c in commands]  # "error file=…,line=…" of each command
        assert all(p.startswith(("error file=content/", "warning file=content/")) for p in properties), properties
        assert not [p for p in properties if "file=a" in p.split(",")[0][-7:]], properties
    assert "Traceback" not in result.stderr


def test_a_build_prints_hostile_text_escaped(project: Path) -> None:
    os.rename(project / PRACTICE, project / "content/practices/sample-practice.yml")
    set_text(project / PRACTICE, "title: Sample practice in Testville", 'title: "Sample\\u0085practice"')
    result = build(project)
    assert result.returncode == 1
    assert all(not line.startswith("::") for line in result.stderr.splitlines())
    assert "\x85" not in result.stderr
