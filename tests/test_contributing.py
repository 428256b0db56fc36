"""Contributors through pull requests: `toolkit new`, CONTRIBUTING.md followed
step by step, the field reference kept complete, the pre-commit hook and the
example workflow."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from generator.authoring import field_paths, fresh_id, slugify, update_reference
from generator.content.fields import Choice, ListOf, Object
from generator.content.types import CONTENT_TYPES, PRACTICE
from tests.conftest import REPO, run_toolkit

CONTRIBUTING = REPO / "CONTRIBUTING.md"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/practice.schema.json"


def _practices(project: Path) -> set[str]:
    return {p.name for p in (project / "content/practices").iterdir()}


def _comment_text(text: str) -> str:
    """All comments of a file as one line of words (wrapping undone)."""
    words = [re.sub(r"^[\s#]*", "", line) for line in text.splitlines() if line.lstrip().startswith("#")]
    return " ".join(w for w in words if w)


def _all_fields(spec: Object):  # type: ignore[no-untyped-def]
    for child in spec.fields.values():
        yield child
        if isinstance(child, Object):
            yield from _all_fields(child)
        elif isinstance(child, ListOf) and isinstance(child.item, Object):
            yield from _all_fields(child.item)


def _doc() -> str:
    return CONTRIBUTING.read_text(encoding="utf-8")


# ---------------------------------------------------------------- (a) toolkit new


def test_slug_and_fresh_id() -> None:
    assert slugify("València: integration pacts!", "practice") == "valencia-integration-pacts"
    assert slugify("Straße für alle", "practice") == "strasse-fur-alle"
    assert slugify("Ελληνικά", "practice") == "practice"
    assert len(slugify("word " * 40, "practice")) <= 60
    assert fresh_id("a", set()) == "a"
    assert fresh_id("a", {"a", "a-2"}) == "a-3"


def test_new_practice_and_module_pass_check(sample_project: Path) -> None:
    first = run_toolkit(sample_project, "new", "practice", "Language cafés in Testville",
                        "--country", "NO", "--module", "sample-module")
    assert first.returncode == 0, first.stderr
    assert first.stdout == (
        "created content/practices/language-cafes-in-testville.yml — edit it, then run `toolkit check`\n"
    )
    path = sample_project / "content/practices/language-cafes-in-testville.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert 'title: "Language cafés in Testville"' in text
    assert "\ncountry: NO\n" in text and "\nmodules: [sample-module]\n" in text
    assert "summary: |\n  TODO: what it is, in a few sentences\n" in text
    assert "\n# area: " in text  # optional fields are commented out

    # every comment comes from the declarations in types.py, allowed values included
    comments = _comment_text(text)
    for spec in _all_fields(PRACTICE):
        assert spec.description in comments, spec.description
        if isinstance(spec, Choice):
            assert "one of: " + ", ".join(spec.choices) in comments
    assert "one of: EIF, ERF, ESF" in comments  # a list of choices (funding)
    assert "known: sample-component" in comments  # ids a reference may name

    # the same title twice, and a title whose id is taken: a fresh id each time
    again = run_toolkit(sample_project, "new", "practice", "Language cafés in Testville", "--country", "no")
    assert "content/practices/language-cafes-in-testville-2.yml" in again.stdout, again.stderr
    taken = run_toolkit(sample_project, "new", "practice", "Sample practice", "--country", "NO")
    assert "content/practices/sample-practice-2.yml" in taken.stdout, taken.stderr
    assert "\nid: sample-practice-2\n" in (sample_project / "content/practices/sample-practice-2.yml").read_text()

    module = run_toolkit(sample_project, "new", "module", "Civic orientation", "--theme", "active_participation")
    assert module.stdout.startswith("created content/modules/civic-orientation.yml"), module.stderr
    module_text = (sample_project / "content/modules/civic-orientation.yml").read_text()
    assert module_text.startswith("# yaml-language-server: $schema=../../schemas/module.schema.json\n")
    assert "\n  - id: civic-orientation-first-block\n" in module_text

    check = run_toolkit(sample_project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 error(s)," in check.stdout and "in 2 modules, 4 practices" in check.stdout
    # the skeletons' TODO placeholders are flagged until replaced, and fail --strict
    assert "warning: [summary] placeholder 'TODO:' left in the text" in check.stderr
    assert run_toolkit(sample_project, "check", "--strict").returncode == 1


@pytest.mark.parametrize(
    "args, where, message",
    [
        (("--country", "GR"), "--country", "[country] 'GR' is not a Eurostat country code: Eurostat writes Greece as EL; did you mean 'EL'?"),
        (("--country", "GB"), "--country", "did you mean 'UK'?"),
        (("--country", "XY"), "--country", "[country] 'XY' is not a Eurostat country code; use the two-letter ISO code"),
        (("--country", "NO", "--module", "sample-modul"), "--module", "unknown module 'sample-modul'; did you mean 'sample-module'?"),
    ],
)
def test_new_practice_refuses_bad_input(sample_project: Path, args: tuple[str, ...], where: str, message: str) -> None:
    before = _practices(sample_project)
    result = run_toolkit(sample_project, "new", "practice", "Language cafés", *args)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{where}: error: ") and message in first, result.stderr
    assert "new FAILED: nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert _practices(sample_project) == before


def test_new_module_refuses_unknown_theme(sample_project: Path) -> None:
    result = run_toolkit(sample_project, "new", "module", "Civic orientation", "--theme", "active_participaton")
    assert result.returncode == 1
    assert "--theme: error: [theme] 'active_participaton' is not a theme" in result.stderr
    assert "did you mean 'active_participation'?" in result.stderr
    assert not (sample_project / "content/modules/civic-orientation.yml").exists()


def test_contributing_shows_the_real_new_error(sample_project: Path) -> None:
    result = run_toolkit(sample_project, "new", "practice", "Valencia integration pacts", "--country", "GR")
    shown = [line for line in _doc().splitlines() if line.strip().startswith("--country: error:")]
    assert shown and all(line.strip() in result.stderr for line in shown)


# ---------------------------------------------------------------- (b) the walk-through


def _uncomment(text: str, field: str) -> str:
    """Step 4.2 of CONTRIBUTING.md: remove the '# ' in front of a field's lines."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(f"# {field}:"))
    pad = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    lines[start] = pad + lines[start][len(pad) + 2 :]
    index = start + 1
    while index < len(lines) and lines[index].startswith(pad + "#   "):
        lines[index] = pad + lines[index][len(pad) + 2 :]
        index += 1
    return "\n".join(lines) + "\n"


def _doc_command(doc: str) -> list[str]:
    """The `toolkit new practice` command of step 3, as a contributor types it."""
    block = re.search(r"```sh\n(\.venv/bin/toolkit new practice .*?)```", doc, re.S)
    assert block, "step 3 shows no `toolkit new practice` command"
    return shlex.split(block.group(1).replace("\\\n", " "))[1:]


def test_contributing_walkthrough(sample_project: Path) -> None:
    doc = _doc()
    for step in ("make site", "toolkit new practice", "toolkit check", "toolkit build",
                 "content/translations/nl/practices/", "pull request"):
        assert step in doc, step

    # Step 3: the command as shown; the sample project has one module, so its
    # module ids are replaced by that one.
    args = _doc_command(doc)
    modules = [args[i + 1] for i, arg in enumerate(args) if arg == "--module"]
    assert modules and set(modules) <= {"introduction-and-language-courses", "host-society-commitment",
                                        "active-participation"}
    args = [a for i, a in enumerate(args) if a != "--module" and (i == 0 or args[i - 1] != "--module")]
    created = run_toolkit(sample_project, *args, "--module", "sample-module")
    assert created.returncode == 0, created.stderr
    expected = re.search(r"^created content/practices/\S+\.yml — edit it.*$", doc, re.M)
    assert expected and created.stdout.strip() == expected.group(0)
    ident = re.search(r"content/practices/(\S+)\.yml", created.stdout).group(1)
    path = sample_project / "content/practices" / f"{ident}.yml"
    assert path.resolve().is_relative_to(sample_project.resolve())

    # Step 4: replace every TODO, uncomment what can be sourced, delete the rest.
    text = path.read_text(encoding="utf-8")
    for field in ("area", "period"):
        text = _uncomment(text, field)
    edits = {
        'area: "TODO: city or region"': "area: Valencia region (Comunitat Valenciana)",
        "start: TODO": "start: 2008",
        "TODO: what it is, in a few sentences": "Three agreements between the regional government, "
        "the social partners and local authorities.",
        "status: evaluated  # TODO: choose one of: evaluated, innovative": "status: innovative",
        '"TODO: title of the document or web page"': '"European Agenda for the Integration of '
        'Third-Country Nationals, COM(2011) 455 final"',
        "url: https://example.org/TODO  # TODO: the address of the source\n":
        "url: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52011DC0455\n",
        'publisher: "TODO: who published it (a proper name: not translated)"': "publisher: European Commission",
    }
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new)
    lines = text.splitlines()
    text = "\n".join([lines[0]] + [line for line in lines[1:] if not line.lstrip().startswith("#")]) + "\n"
    assert "TODO" not in text
    path.write_text(text, encoding="utf-8")

    # Step 5: the check passes.
    check = run_toolkit(sample_project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("check ok: 0 error(s)")

    # Step 6: the site builds; the practice has its page and is in the explorer.
    build = run_toolkit(sample_project, "build")
    assert build.returncode == 0, build.stderr
    page = sample_project / "site/practices" / ident / "index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert "Valencia integration pacts" in html and "Valencia region (Comunitat Valenciana)" in html
    explorer = (sample_project / "site/practices/index.html").read_text(encoding="utf-8")
    assert f'data-id="{ident}"' in explorer
    assert f'href="{ident}/"' in explorer


def test_contributing_check_output_is_real(sample_project: Path) -> None:
    """Step 5 shows the errors the bundled Valencia practice gets with two typos."""
    doc = _doc()
    shown = [line for line in doc.splitlines()
             if line.startswith("content/practices/valencia-integration-pacts.yml:") and ": error: [" in line
             and "unknown module" not in line]
    assert len(shown) == 2
    text = (REPO / "content/practices/valencia-integration-pacts.yml").read_text(encoding="utf-8")
    assert "\ncountry: ES\n" in text and "\nstatus: innovative\n" in text
    text = text.replace("\ncountry: ES\n", "\ncountry: GR\n").replace("\nstatus: innovative\n", "\nstatus: evaluted\n")
    (sample_project / "content/practices/valencia-integration-pacts.yml").write_text(text, encoding="utf-8")
    result = run_toolkit(sample_project, "check")
    assert result.returncode == 1
    for line in shown:
        assert line in result.stderr.splitlines(), (line, result.stderr)


def test_contributing_example_is_the_bundled_practice() -> None:
    doc = _doc()
    example = doc.split("### A complete example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    real = (REPO / "content/practices/valencia-integration-pacts.yml").read_text(encoding="utf-8")
    for line in example.splitlines():
        if "…" not in line and not line.lstrip().startswith("#"):
            assert line in real.splitlines(), line


# ---------------------------------------------------------------- (c) field coverage


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda t: t.name)
def test_contributing_mentions_every_field(content_type) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    missing = [path for path in field_paths(content_type.spec) if f"`{path}`" not in doc]
    assert not missing, f"CONTRIBUTING.md does not mention {missing}; run `python -m generator.authoring`"


def test_contributing_explains_every_practice_field_by_hand() -> None:
    section = _doc().split("### The fields of a practice", 1)[1].split("### ", 1)[0]
    missing = [name for name in PRACTICE.fields if f"| `{name}` |" not in section]
    assert not missing, f"the table 'The fields of a practice' lacks {missing}"


def test_contributing_field_reference_is_current() -> None:
    doc = _doc()
    assert update_reference(doc) == doc, "the field reference is stale: run `python -m generator.authoring`"


# ---------------------------------------------------------------- hook and workflow


def test_pre_commit_hook_runs_check_on_content_yaml() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    (hook,) = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    assert hook["entry"].endswith("toolkit check") and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for changed in ("content/practices/x.yml", "content/translations/nl/practices/x.yml", "data/indicators/x.yaml"):
        assert files.search(changed), changed
    for other in ("generator/cli.py", "site/content/x.yml", "data/observations/x.csv", "README.md"):
        assert not files.search(other), other


def test_workflow_checks_with_annotations_then_builds() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/toolkit.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers
    (job,) = workflow["jobs"].values()
    python = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert runs[:3] == ["pip install -e .", "toolkit check --format github", "toolkit build"]
