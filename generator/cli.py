"""`toolkit`: the command line. User mistakes become located messages here,
at the boundary, and never tracebacks; every command ends with a one-line
summary of what it did."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from generator.problems import Problems, ToolkitError, safe_text


def say(text: object, err: bool = False) -> None:
    """Print one line: anything a user wrote (a path, a title) may be in it,
    so control characters are escaped and no line can become a CI command."""
    click.echo(safe_text(text), err=err)


class _SafeFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return safe_text(super().format(record))


def _configure_logging(level: int = logging.WARNING) -> None:
    """MkDocs and its plugins log messages that quote content (link targets,
    file names); they are printed through the same escaping."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_SafeFormatter("%(levelname)-7s -  %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("mkdocs").propagate = True


def _print_problems(problems: Problems, style: str, strict: bool = False) -> None:
    for problem in problems.sorted():
        click.echo(problem.format(style), err=style != "github")


def _project(config: Path):  # type: ignore[no-untyped-def]
    from generator.mkdocs_plugin.config_file import project_from_mkdocs

    return project_from_mkdocs(config)


class _Toolkit(click.Group):
    """Turns a user's mistake (a ToolkitError) into located lines and exit 1."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            _print_problems(exc.problems, "text")
            say(f"{ctx.invoked_subcommand or 'toolkit'} FAILED: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Toolkit)
@click.version_option(package_name="european-modules-toolkit")
def main() -> None:
    """European Modules Toolkit: validate, build and preview the site."""
    _configure_logging()


config_option = click.option(
    "--config", "-f", "config", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
    show_default=True, help="The site's mkdocs.yml.",
)


@main.command()
@config_option
@click.option("--format", "style", type=click.Choice(["text", "github"]), default="text",
              help="github prints GitHub Actions annotations shown on the changed lines.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(config: Path, style: str, strict: bool) -> None:
    """Validate all content, translations and data; list every problem."""
    from generator.sources import load_project

    project = _project(config)
    loaded = load_project(project)
    problems = loaded.problems
    _print_problems(problems, style)
    errors, warnings = len(problems.errors), len(problems.warnings)
    failed = errors or (strict and warnings)
    counts = ", ".join(f"{len(v)} {k}s" for k, v in loaded.content.entries.items())
    verdict = "FAILED" if failed else "ok"
    click.echo(
        f"check {verdict}: {errors} error(s), {warnings} warning(s) in {counts}, "
        f"{len(loaded.observations)} observations",
        err=style == "github",
    )
    sys.exit(1 if failed else 0)


@main.command()
@config_option
@click.option("--site-dir", type=click.Path(path_type=Path), default=None,
              help="Where to put the site (default: site_dir of mkdocs.yml).")
@click.option("--offline", is_flag=True, help="A copy that works from file:// or a USB stick.")
@click.option("--force", is_flag=True, help="Build even when nothing changed since the last build.")
def build(config: Path, site_dir: Path | None, offline: bool, force: bool) -> None:
    """Validate, then build every language; the site is swapped in atomically."""
    from generator.publish.build import build_site

    try:
        report = build_site(config, site_dir, progress=lambda m: say(m, err=True), offline=offline, force=force)
    except ToolkitError as exc:
        _print_problems(exc.problems, "text")
        say(f"build FAILED: {exc}; the previous site was left untouched", err=True)
        sys.exit(1)
    say(report.summary())


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@config_option
@click.option("--language", default=None, help="Language to export (default: the default language).")
def export(directory: Path, config: Path, language: str | None) -> None:
    """Write the generated site as a plain MkDocs project (builds with `mkdocs
    build` or `zensical build`, without the toolkit)."""
    from generator.publish.export import export_site

    say(export_site(config, directory, language).summary())


@main.command()
@config_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.option("--language", default=None, help="Language to preview (default: the default language).")
def serve(config: Path, dev_addr: str, language: str | None) -> None:
    """Live preview: an edit to a practice rebuilds only the pages it changes
    (about a second); other changes in content/, data/ or site_templates/
    rebuild the whole preview."""
    from generator.preview import serve as preview

    _project(config)  # configuration mistakes as located errors, before serving
    _configure_logging(logging.INFO)
    # practices are reached through the explorer, not the nav: not news
    logging.getLogger("mkdocs.structure.nav").setLevel(logging.WARNING)
    preview(config, dev_addr=dev_addr, language=language)


@main.command()
@click.option("--output", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True)
def schemas(output: Path) -> None:
    """Write the JSON Schemas of the content types (for editors)."""
    from generator.content.schemas import rendered_schemas, write_schemas

    written = write_schemas(output)
    say(f"schemas: {len(written)} of {len(rendered_schemas())} file(s) updated in {output}/")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--name", default="Integration toolkit", show_default=True, help="Site name.")
@click.option("--language", "languages", multiple=True, help="Language(s) to publish (repeat); default en.")
@click.option("--country", default="NL", show_default=True, help="Country of the example practice and figures.")
def init(directory: Path, name: str, languages: tuple[str, ...], country: str) -> None:
    """Scaffold a tailored copy for an authority (one config file, local content and data)."""
    from generator.authority.scaffold import InitOptions, init_project

    report = init_project(directory, InitOptions(name, languages or ("en",), country))
    for path in report.kept:
        say(f"  kept {path} (it exists; not overwritten)")
    say(report.summary())


@main.command()
@config_option
def upgrade(config: Path) -> None:
    """After installing a newer toolkit: list what changed in the bundled
    content, and record the release as reviewed (toolkit-copy.json, requirements.txt)."""
    from generator.authority.upgrade import upgrade_copy

    _project(config)  # a broken configuration is reported first
    report = upgrade_copy(config.resolve().parent)
    for line in report.lines():
        say(line)
    say(report.summary())


@main.command()
@click.option("--site-dir", type=click.Path(path_type=Path), default=Path("site"), show_default=True)
@click.option("--nginx", is_flag=True, help="Print nginx add_header lines instead of the bare policy.")
def csp(site_dir: Path, nginx: bool) -> None:
    """Print the Content-Security-Policy of a built site (no unsafe-eval, no unsafe-inline scripts)."""
    from generator.publish.csp import content_security_policy, inline_script_hashes, nginx_snippet

    if not site_dir.is_dir():
        raise ToolkitError(Problems(), f"{site_dir} does not exist: run `toolkit build` first")
    click.echo(nginx_snippet(site_dir) if nginx else content_security_policy(site_dir))
    say(f"csp: {len(inline_script_hashes(site_dir))} inline script hash(es) from {site_dir}", err=True)


@main.group()
def i18n() -> None:
    """Translation tools."""


@i18n.command("status")
@config_option
def i18n_status(config: Path) -> None:
    """Per language: translated content fields and UI strings, and what is missing."""
    from generator.i18n.status import language_status
    from generator.sources import load_project

    loaded = load_project(_project(config))
    statuses = language_status(loaded.content, loaded.catalogues, loaded.project)
    for status in statuses:
        say(status.summary())
        for item in status.fields_missing:
            say(f"  missing field: {item}")
        for key in status.ui_missing:
            say(f"  missing UI string: {key!r}")
    say(f"i18n status: {len(statuses)} language(s) checked")


@main.group()
def data() -> None:
    """Import Eurostat downloads, or a publisher's own figures, into the data package."""


@data.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@config_option
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.option("--data-dir", type=click.Path(path_type=Path),
              help="Data folder to write (default: the project's own, the last of extra_data_dirs).")
@click.option("--into", "into", type=click.Path(path_type=Path),
              help="CSV inside the data folder to write (default: the one holding the dataset).")
@click.option("--dataset", help="Dataset code (default: from the file, or from Eurostat's file name).")
@click.option("--indicator", help="Indicator key for every row (default: from the indicator definitions).")
@click.option("--vintage", metavar="YYYY-MM-DD",
              help="Eurostat's last-update date (default: from the file, else its modification date).")
@click.option("--publisher", help="Who published the figures (default: Eurostat).")
@click.option("--title", help="The dataset's title in the data package.")
@click.option("--url", help="The dataset's web page.")
def data_import(file: Path, config: Path, dry_run: bool, data_dir: Path | None, into: Path | None,
                dataset: str | None, indicator: str | None, vintage: str | None, publisher: str | None,
                title: str | None, url: str | None) -> None:
    """Replace one dataset's figures with a downloaded file: a Eurostat bulk TSV
    (.tsv or .tsv.gz), SDMX-CSV 1.0/2.0, legacy CSV or JSON-stat, or a
    publisher's own figures in the toolkit's CSV format. Prints the diff (added,
    changed, withdrawn, unchanged); writes nothing on error or with --dry-run."""
    from generator.eurostat import ImportOptions, import_file
    from generator.eurostat.folders import folders_for

    project = _project(config) if config.exists() or data_dir is None else None
    folders = folders_for(project, data_dir)
    options = ImportOptions(dataset=dataset, indicator=indicator, into=into, vintage=vintage,
                            publisher=publisher, title=title, url=url, dry_run=dry_run)
    problems = Problems()
    report = import_file(file, folders, options, problems)
    _print_problems(problems, "text")
    if report is None:
        say(f"import FAILED: {len(problems.errors)} error(s); nothing was written", err=True)
        sys.exit(1)
    for line in report.lines():
        say(line)


@main.group()
def new() -> None:
    """Start a practice or a module from a commented skeleton."""


@new.command("practice")
@click.argument("title")
@click.option("--country", "countries", multiple=True, required=True,
              help="Country code where it runs, as Eurostat writes it (Greece EL); repeat for several.")
@click.option("--module", "modules", multiple=True, help="Id of a module it illustrates; repeat for several.")
@config_option
def new_practice(title: str, countries: tuple[str, ...], modules: tuple[str, ...], config: Path) -> None:
    """Write content/practices/<id>.yml: a skeleton with every field explained."""
    from generator.authoring import new_practice as scaffold_practice

    say(scaffold_practice(_project(config), title, countries, modules).summary())


@new.command("module")
@click.argument("title")
@click.option("--theme", required=True, help="introduction_and_language_courses, host_society_commitment "
              "or active_participation.")
@config_option
def new_module(title: str, theme: str, config: Path) -> None:
    """Write content/modules/<id>.yml: a skeleton with one building block."""
    from generator.authoring import new_module as scaffold_module

    say(scaffold_module(_project(config), title, theme).summary())


if __name__ == "__main__":  # pragma: no cover
    main()
