"""Render the site model into pages with Jinja (autoescape, StrictUndefined).

Returns plain `Page` objects (a source path and its Markdown with HTML
blocks) and `Asset`s; the MkDocs plugin or the folder exporter writes them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.countries import country_name
from generator.model.build import SiteModel
from generator.render import text, urls
from generator.render.explorer import explorer_context
from generator.render.headline import headline


@dataclass(frozen=True)
class Page:
    src_path: str
    content: str


@dataclass(frozen=True)
class Asset:
    dest_path: str
    content: bytes


@dataclass(frozen=True)
class RenderSettings:
    language: str = "en"
    languages: tuple[str, ...] = ("en",)
    directory_urls: bool = True
    site_name: str = "European Modules Toolkit"
    focus_countries: tuple[str, ...] = ()
    accessibility: dict[str, Any] = field(default_factory=dict)


@dataclass
class RenderResult:
    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)


class Renderer:
    def __init__(
        self,
        model: SiteModel,
        settings: RenderSettings,
        template_dirs: list[Path],
        gettext: Callable[[str], str],
        markdown: Callable[[str], str] = text.render_markdown,
    ):
        self.model = model
        self.settings = settings
        self.gettext = gettext
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            md=lambda value: text.markdown_filter(value, gettext("not yet translated"), markdown),
            inline=lambda value: text.inline_filter(value, gettext("not yet translated")),
            heading=text.md_heading_filter,
            yaml_str=_front_matter_value,
            country=lambda code: country_name(code, settings.language),
        )
        self.env.globals.update(_=self._gettext, model=model, settings=settings, urls=urls)

    def _gettext(self, key: str, **values: Any) -> str:
        translated = self.gettext(key)
        return translated.format(**values) if values else translated

    def page(self, template: str, src_path: str, **context: Any) -> Page:
        def link(to_src: str, anchor: str = "") -> str:
            return urls.relative_url(src_path, to_src, self.settings.directory_urls, anchor)

        try:
            content = self.env.get_template(template).render(
                link=link, src_path=src_path, **context
            )
        except jinja2.TemplateError as exc:
            raise TemplateFailure(template, src_path, exc) from exc
        return Page(src_path, content)

    def render(self) -> RenderResult:
        model = self.model
        result = RenderResult()
        add = result.pages.append
        add(self.page("home.md.j2", urls.HOME, headline=headline(model, self.settings.language, self._gettext)))
        add(self.page("modules.md.j2", urls.MODULES))
        for module in model.modules:
            add(self.page("module.md.j2", urls.MODULE.format(id=module["id"]), module=module))
        add(
            self.page(
                "explorer.md.j2",
                urls.EXPLORER,
                countries=self.practice_countries(),
                **explorer_context(model, self.settings.language, self._gettext),
            )
        )
        add(self.page("by_country.md.j2", urls.BY_COUNTRY, countries=self.practice_countries()))
        for practice in model.practices:
            add(self.page("practice.md.j2", urls.PRACTICE.format(id=practice["id"]), practice=practice))
        add(self.page("recommendations.md.j2", urls.RECOMMENDATIONS))
        add(self.page("target_groups.md.j2", urls.TARGET_GROUPS, groups=self.target_groups()))
        add(self.page("accessibility.md.j2", urls.ACCESSIBILITY))
        return result

    def practice_countries(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """(country code, its practices) sorted by localized country name."""
        by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for practice in self.model.practices:
            for code in practice["country"]:
                by_country[code].append(practice)
        language = self.settings.language
        return sorted(by_country.items(), key=lambda item: country_name(item[0], language).casefold())

    def target_groups(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """Target group label → [(kind, title, src_path + anchor)] across modules and practices."""
        groups: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for module in self.model.modules:
            for component in module["components"]:
                for label in component.get("target_groups", []):
                    groups[str(label)].append(
                        ("component", component["title"], urls.MODULE.format(id=module["id"]), component["id"])
                    )
        for practice in self.model.practices:
            for label in practice.get("target_groups", []):
                groups[str(label)].append(
                    ("practice", practice["title"], urls.PRACTICE.format(id=practice["id"]), "")
                )
        return sorted(groups.items(), key=lambda item: item[0].casefold())


def _front_matter_value(value: object) -> Markup:
    """A front-matter string: a JSON string (valid YAML) of HTML-escaped text.

    MkDocs' theme templates print `page.title` and `page.meta.description`
    without autoescape, so the text must already be safe HTML.
    """
    text = " ".join(str(value).split())
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


class TemplateFailure(Exception):
    """A template raised while rendering a page: names template, page and line."""

    def __init__(self, template: str, src_path: str, exc: jinja2.TemplateError):
        line = getattr(exc, "lineno", None)
        where = f"{template}:{line}" if line else template
        super().__init__(f"{where}: error while rendering {src_path}: {exc}")
