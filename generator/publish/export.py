"""`toolkit export DIR`: the generated site as a plain MkDocs project.

The folder holds every page as Markdown (metadata as JSON front matter, the
HTML as one raw block), every file, our Material overrides and a mkdocs.yml
with the theme, the navigation and search; it builds with plain `mkdocs
build` (no plugin) and with Zensical, Material's successor, which runs no
MkDocs plugins. This is the door out when mkdocs-material's support ends.

Links are written so that both engines resolve them alike: MkDocs leaves
links in raw HTML alone (the browser resolves them against the page's final
address), Zensical rewrites them relative to the source file. With
`use_directory_urls: false` a page's final address mirrors its source path
(`practices/x.md` → `practices/x.html`), so the two readings are the same.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.mkdocs_plugin.nav import escaped, navigation
from generator.problems import Location, Problems, ToolkitError
from generator.publish.output_dir import output_dir_problem
from generator.render.site import render_site
from generator.sources import load_project_once

EXPORT_HEADER = "# Exported by `toolkit export`: a plain MkDocs/Zensical project (no toolkit plugin)."


@dataclass
class ExportReport:
    target: Path
    language: str
    pages: int
    files: int

    def summary(self) -> str:
        return (f"export: {self.pages} pages and {self.files} files ({self.language}) in {self.target}; "
                f"build it with `mkdocs build` or `zensical build` there")


def export_site(config_file: Path, target: Path, language: str | None = None) -> ExportReport:
    from generator.mkdocs_plugin.config_file import load_mkdocs_config

    config = load_mkdocs_config(config_file)
    plugin = config.plugins["european-modules"]
    project = plugin._project(config)
    language = language or project.default_language
    problems = Problems()
    if language not in project.languages:
        problems.error(Location(str(config_file)), f"'{language}' is not one of the site's languages "
                       f"({', '.join(project.languages)})")
        raise ToolkitError(problems, "nothing was exported")
    target = Path(target).resolve()
    problem = output_dir_problem(target, project.root, [*project.source_dirs(), Path(config_file).resolve()],
                                 replaceable=_earlier_export)
    if problem:
        problems.error(Location(str(target)), f"cannot export here: this folder {problem}")
        raise ToolkitError(problems, "nothing was exported")
    loaded = load_project_once(project)
    if loaded.problems.errors:
        raise ToolkitError(loaded.problems, f"{len(loaded.problems.errors)} error(s) in content or data")
    site = render_site(loaded, language, directory_urls=False)

    if target.exists():
        shutil.rmtree(target)  # an earlier export (it has our mkdocs.yml): replaced whole
    docs = target / "docs"
    docs.mkdir(parents=True)
    for page in site.pages:
        _write(docs / page.src_path, page.exported_markdown().encode("utf-8"))
    for generated in site.files:
        _write(docs / generated.dest_path, generated.content)
    _copy_publisher_files(config, docs)
    shutil.copytree(project.templates_dir / "overrides", target / "overrides")
    catalogue = loaded.catalogues.get(language)
    made_with = catalogue.gettext("Made with") if catalogue else "Made with"
    (target / "mkdocs.yml").write_text(_mkdocs_yml(config, site, language, made_with), encoding="utf-8")
    return ExportReport(target, language, len(site.pages), len(site.files))


def _earlier_export(folder: Path) -> bool:
    config = folder / "mkdocs.yml"
    return config.is_file() and config.read_text(encoding="utf-8", errors="replace").startswith(EXPORT_HEADER)


def _copy_publisher_files(config, docs: Path) -> None:  # type: ignore[no-untyped-def]
    """The publisher's own files of docs_dir (colours, logo, reader pages), as MkDocs would include them."""
    source = Path(config.docs_dir)
    excluded = config.exclude_docs
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if path.is_file() and not relative.startswith(".") and not (excluded and excluded.match_file(relative)):
            _write(docs / relative, path.read_bytes())


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _escaped_toggle(option: dict) -> dict:
    option = json.loads(json.dumps(option))
    if isinstance(option.get("toggle"), dict) and isinstance(option["toggle"].get("name"), str):
        option["toggle"]["name"] = escaped(option["toggle"]["name"])
    return option


def _mkdocs_yml(config, site, language: str, made_with: str = "Made with") -> str:  # type: ignore[no-untyped-def]
    """JSON is YAML: every value is written as JSON, so no text can change the structure."""
    theme = {
        "name": "material",
        "custom_dir": "overrides",
        "language": language,
        "font": False,
        "features": list(config.theme.get("features") or ["navigation.prune"]),
        "palette": [_escaped_toggle(option) for option in config.theme.get("palette") or []],
    }
    if config.theme.get("icon"):
        theme["icon"] = dict(config.theme["icon"])
    document = {
        "site_name": escaped(config.site_name),  # Material prints it as HTML
        "site_description": escaped(config.site_description or ""),
        "use_directory_urls": False,
        "theme": theme,
        "extra_css": [*site.stylesheets, *(str(getattr(c, "path", c)) for c in config.extra_css)],
        "extra_javascript": ["assets/search.js"],
        "extra": {"emt_search_page": "search.html", "emt_made_with": made_with},
        "nav": navigation(site.nav),
        "plugins": [{"search": {"lang": [language]}}],
    }
    lines = [EXPORT_HEADER, "# Regenerate it rather than editing it; the sources are the toolkit copy's."]
    lines += [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in document.items()]
    return "\n".join(lines) + "\n"
