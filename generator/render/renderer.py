"""The Jinja environment that turns the model into pages (HTML, autoescaped).

Templates (`site_templates/pages/*.html.j2`) write HTML only, with Jinja's
autoescape and StrictUndefined: every value is text unless it went through
the `md` filter (contributor Markdown, sanitized by nh3). A template sets
the page's metadata with top-level `{% set title = … %}` (and `description`,
`hide`), which are read from the rendered template module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.countries import country_name
from generator.model.entities import SiteModel
from generator.render import text, urls
from generator.render.explorer import slug
from generator.render.output import GeneratedPage, headings_of


@dataclass(frozen=True)
class RenderSettings:
    language: str = "en"
    languages: tuple[str, ...] = ("en",)
    directory_urls: bool = True
    site_name: str = "European Modules Toolkit"
    focus_countries: tuple[str, ...] = ()
    accessibility: dict[str, Any] = field(default_factory=dict)
    publisher: dict[str, Any] = field(default_factory=dict)  # name, url, contact
    repo_url: str = ""


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
        self.markdown = markdown
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        untranslated = gettext("not yet translated")
        self._page_src = urls.HOME
        self.env.filters.update(
            md=lambda value: text.markdown_filter(value, untranslated, self._markdown_for_page),
            inline=lambda value: text.inline_filter(value, untranslated),
            plain=lambda value: text.plain_text(value, markdown),
            country=lambda code: country_name(code, settings.language),
            slug=slug,
        )
        self.env.globals.update(_=self._gettext, model=model, settings=settings, urls=urls)

    def _gettext(self, key: str, **values: Any) -> str:
        translated = self.gettext(key)
        return translated.format(**values) if values else translated

    def _markdown_for_page(self, source: str) -> str:
        return text.resolve_links(self.markdown(source), self._address)

    def _address(self, scheme: str, ident: str, anchor: str) -> str:
        """Where a toolkit link points, from the page being rendered."""
        if scheme == "recommendation":
            target, anchor = urls.RECOMMENDATIONS, f"recommendation-{ident}"
        elif scheme == "country":
            target = urls.COUNTRY.format(code=ident.lower())
        else:
            target = {"practice": urls.PRACTICE, "module": urls.MODULE, "indicator": urls.INDICATOR}[scheme]
            target = target.format(id=ident)
        return urls.relative_url(self._page_src, target, self.settings.directory_urls, anchor)

    def page(self, template: str, src_path: str, **context: Any) -> GeneratedPage:
        def link(to_src: str, anchor: str = "") -> str:
            return urls.relative_url(src_path, to_src, self.settings.directory_urls, anchor)

        self._page_src = src_path
        try:
            module = self.env.get_template(template).make_module({"link": link, "src_path": src_path, **context})
            body = str(module)
            title = getattr(module, "title", None)
            description = getattr(module, "description", None)
            hide = tuple(getattr(module, "hide", ()))
        except jinja2.TemplateError as exc:
            raise TemplateFailure(template, src_path, exc) from exc
        return GeneratedPage(
            src_path=src_path,
            html=body,
            title=_one_line(title),
            description=_one_line(description),
            hide=hide,
            toc=headings_of(body),
        )


def _one_line(value: object) -> str | None:
    if value is None or value == "":
        return None
    return " ".join(str(value).split())


class TemplateFailure(Exception):
    """A template raised while rendering a page: names template, page and line."""

    def __init__(self, template: str, src_path: str, exc: jinja2.TemplateError):
        line = getattr(exc, "lineno", None)
        where = f"{template}:{line}" if line else template
        super().__init__(f"{where}: error while rendering {src_path}: {exc}")
