"""What a publisher may write in mkdocs.yml, checked before anything is built.

Material prints configuration values into every page without escaping, and
some values are addresses a reader's browser will follow or fetch. So every
value that reaches a page is validated here (a colour is a colour, a contact
is an e-mail address or an https address, a logo is a file of the project,
nothing loads from a third-party host), and `escape_for_theme` turns the text
values into escaped HTML at the one place they enter MkDocs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import os
import re
from pathlib import Path
from typing import Any

import nh3

from generator.content.yamlfile import Node
from generator.countries import country_problem
from generator.mkdocs_plugin.config_file import _locate, plugin_options_path
from generator.problems import Location, Problems
from generator.publish.output_dir import output_dir_problem

MATERIAL_PRIMARY = frozenset(
    "amber black blue-grey blue brown cyan deep-orange deep-purple green grey indigo light-blue light-green "
    "lime orange pink purple red teal white yellow custom".split()
)
MATERIAL_ACCENT = frozenset(
    "amber blue cyan deep-orange deep-purple green indigo light-blue light-green lime orange pink purple red "
    "teal yellow custom".split()
)
_ICON = re.compile(r"[a-z0-9-]+(/[a-z0-9-]+)+")
_MEDIA = re.compile(r"\((prefers-color-scheme: (light|dark))\)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_WEB = re.compile(r"https?://[^\s<>\"'`]+")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_COPYRIGHT_TAGS = {"a", "em", "strong", "br", "span"}


class _Checker:
    def __init__(self, tree: Node, shown: str, problems: Problems):
        self.tree, self.shown, self.problems = tree, shown, problems
        self.plugin = plugin_options_path(tree)

    def at(self, *path: str | int) -> Location:
        return _locate(self.tree, self.shown, list(path))

    def option(self, *path: str | int) -> Location:
        return _locate(self.tree, self.shown, [*self.plugin, *path])

    def text(self, value: Any, where: Location, name: str, limit: int) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            self.problems.error(where, f"'{name}' must be text", field=name)
        elif _CONTROL.search(value.replace("\n", " ")):
            self.problems.error(where, f"'{name}' holds a control character; remove it", field=name)
        elif len(value) > limit:
            self.problems.error(where, f"'{name}' is {len(value)} characters long; at most {limit}", field=name)

    def web(self, value: Any, where: Location, name: str, allow_empty: bool = True) -> None:
        if value in (None, "") and allow_empty:
            return
        if not (isinstance(value, str) and _WEB.fullmatch(value)):
            self.problems.error(where, f"'{name}' must be a web address starting with https:// (found {value!r})",
                                field=name)

    def error(self, where: Location, message: str, name: str) -> None:
        self.problems.error(where, message, field=name)


def check_config(config: Any, options: Any, tree: Node, shown: str, problems: Problems) -> None:
    """Add a located problem for every unsafe or impossible value."""
    check = _Checker(tree, shown, problems)
    root = Path(config.config_file_path).resolve().parent
    check.text(config.site_name, check.at("site_name"), "site_name", 120)
    check.text(config.site_description, check.at("site_description"), "site_description", 300)
    check.text(config.site_author, check.at("site_author"), "site_author", 120)
    check.text(config.copyright, check.at("copyright"), "copyright", 500)
    check.text(config.repo_name, check.at("repo_name"), "repo_name", 120)
    check.web(config.site_url, check.at("site_url"), "site_url")
    check.web(config.repo_url, check.at("repo_url"), "repo_url")
    _theme(config, check, Path(config.docs_dir))
    _extra(config, check)
    _plugin(options, check, root)
    sources = _source_dirs(options, root)
    problem = output_dir_problem(Path(config.site_dir), root, [*sources, Path(config.docs_dir), root / "mkdocs.yml"])
    if problem:
        check.error(check.at("site_dir"), f"site_dir {config.site_dir} {problem}", "site_dir")


def _theme(config: Any, check: _Checker, docs_dir: Path) -> None:
    theme = config.theme
    if theme.name != "material":
        check.error(check.at("theme", "name"), "the toolkit's pages need the 'material' theme", "theme.name")
    font = theme.get("font")
    if font not in (False, None):
        check.error(check.at("theme", "font"),
                    "theme.font loads Google Fonts from a third-party host; set `font: false`", "theme.font")
    palette = theme.get("palette") or []
    for index, option in enumerate(palette if isinstance(palette, list) else [palette]):
        where = check.at("theme", "palette", index)
        if not isinstance(option, dict):
            check.error(where, "each palette entry must be a mapping", "theme.palette")
            continue
        if option.get("scheme", "default") not in ("default", "slate"):
            check.error(where, f"palette scheme must be default or slate, not {option.get('scheme')!r}",
                        "theme.palette.scheme")
        for key, allowed in (("primary", MATERIAL_PRIMARY), ("accent", MATERIAL_ACCENT)):
            value = option.get(key)
            if value is not None and str(value).replace(" ", "-") not in allowed:
                hint = difflib.get_close_matches(str(value), sorted(allowed), n=1)
                check.error(check.at("theme", "palette", index, key),
                            f"palette {key} {value!r} is not one of Material's colours"
                            + (f"; did you mean '{hint[0]}'?" if hint else " (use custom and a colours file)"),
                            f"theme.palette.{key}")
        media = option.get("media")
        if media is not None and not (isinstance(media, str) and _MEDIA.fullmatch(media)):
            check.error(check.at("theme", "palette", index, "media"),
                        'palette media must be "(prefers-color-scheme: light)" or "(prefers-color-scheme: dark)"',
                        "theme.palette.media")
        toggle = option.get("toggle") or {}
        if isinstance(toggle, dict):
            if toggle.get("icon") is not None and not _ICON.fullmatch(str(toggle["icon"])):
                check.error(check.at("theme", "palette", index, "toggle", "icon"),
                            "toggle icon must be an icon name like material/weather-night", "theme.palette.toggle")
            check.text(toggle.get("name"), check.at("theme", "palette", index, "toggle", "name"),
                       "theme.palette.toggle.name", 80)
    for key in ("logo", "favicon"):
        value = theme.get(key)
        written = check.at("theme", key) != check.at("theme")  # the theme's own default is not ours to check
        if value and written:
            _project_file(str(value), docs_dir, check, check.at("theme", key), f"theme.{key}")
    for key, value in (theme.get("icon") or {}).items():
        if isinstance(value, str) and not _ICON.fullmatch(value):
            check.error(check.at("theme", "icon", key), f"theme.icon.{key} must be an icon name like "
                        "material/puzzle-outline", f"theme.icon.{key}")


def _project_file(value: str, docs_dir: Path, check: _Checker, where: Location, name: str) -> None:
    """A file the site serves itself: a relative path to a file inside docs_dir."""
    path = (docs_dir / value).resolve()
    if "://" in value or value.startswith(("/", "data:", "//")) or not path.is_relative_to(docs_dir.resolve()):
        check.error(where, f"{name} must be a file inside docs_dir (e.g. assets/logo.svg), not {value!r}", name)
    elif not path.is_file():
        check.error(where, f"{name}: there is no file {value} in {docs_dir.name}/", name)


def _extra(config: Any, check: _Checker) -> None:
    extra = config.extra or {}
    if "analytics" in extra:
        check.error(check.at("extra", "analytics"),
                    "extra.analytics sends readers' visits to a third-party host; remove it", "extra.analytics")
    for index, link in enumerate(extra.get("social") or []):
        if isinstance(link, dict):
            link_value = str(link.get("link", ""))
            if not (link_value.startswith("mailto:") or _WEB.fullmatch(link_value)):
                check.error(check.at("extra", "social", index, "link"),
                            "a social link must be an https:// or mailto: address", "extra.social")
            check.text(link.get("name"), check.at("extra", "social", index, "name"), "extra.social.name", 80)
    for key in ("extra_css", "extra_javascript"):
        for index, item in enumerate(getattr(config, key) or []):
            value = str(getattr(item, "path", item))
            if "://" in value or value.startswith("//"):
                check.error(check.at(key, index), f"{key} {value!r} loads from another host; serve the file "
                            "from docs_dir instead", key)


def _plugin(options: Any, check: _Checker, root: Path) -> None:
    for key in ("content_dir", "data_dir", "templates_dir", "messages_dir"):
        value = options.get(key)
        if value:
            _folder(value, root, check, check.option(key), key)
    for key in ("extra_content_dirs", "extra_data_dirs"):
        for index, value in enumerate(options.get(key) or []):
            _folder(value, root, check, check.option(key, index), key)
    cache = Path(os.path.normpath(root / options.cache_dir))  # lexically: a link to a shared cache is fine
    if not cache.is_relative_to(root) or cache == root:
        check.error(check.option("cache_dir"), "cache_dir must be a folder inside the project", "cache_dir")
    for index, language in enumerate(options.languages):
        if not _known_language(language):
            check.error(check.option("languages", index), f"'{language}' is not a language code (e.g. en, nl, de)",
                        "languages")
    for index, code in enumerate(options.focus_countries):
        problem = country_problem(code)
        if problem:
            check.error(check.option("focus_countries", index), problem, "focus_countries")
    for index, number in enumerate(options.modules):
        if not 1 <= number <= 99:
            check.error(check.option("modules", index), f"module number {number} is out of range", "modules")
    _accessibility(options.accessibility, check)
    publisher = options.publisher
    check.text(publisher.get("name"), check.option("publisher", "name"), "publisher.name", 200)
    check.web(publisher.get("url"), check.option("publisher", "url"), "publisher.url")
    contact = publisher.get("contact")
    if contact and not (isinstance(contact, str) and (_EMAIL.fullmatch(contact) or _WEB.fullmatch(contact))):
        check.error(check.option("publisher", "contact"),
                    "publisher.contact must be an e-mail address or an https:// address of a web form",
                    "publisher.contact")


def _folder(value: str, root: Path, check: _Checker, where: Location, name: str) -> None:
    """A folder option: relative, inside the project, and existing (a typo is
    never silently an empty folder)."""
    path = (root / value).resolve()
    if Path(value).is_absolute() or not path.is_relative_to(root):
        check.error(where, f"{name}: '{value}' must be a folder inside the project (a relative path)", name)
    elif not path.is_dir():
        candidates = sorted(str(p.relative_to(root)) for p in root.glob("*/*") if p.is_dir())
        candidates += sorted(p.name for p in root.iterdir() if p.is_dir())
        close = difflib.get_close_matches(str(value), candidates, n=1, cutoff=0.6)
        check.error(where, f"{name}: there is no folder '{value}'" + (f"; did you mean '{close[0]}'?" if close else ""),
                    name)


def _source_dirs(options: Any, root: Path) -> list[Path]:
    dirs = [root / options.get(key) for key in ("content_dir", "data_dir", "templates_dir", "messages_dir")
            if options.get(key)]
    dirs += [root / d for key in ("extra_content_dirs", "extra_data_dirs") for d in options.get(key) or []]
    return dirs


def _known_language(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return bool(re.fullmatch(r"[a-z]{2,3}", code))


def _accessibility(settings: Any, check: _Checker) -> None:
    contact = settings.get("contact")
    if contact:
        if not (isinstance(contact, str) and (_EMAIL.fullmatch(contact) or _WEB.fullmatch(contact))):
            check.error(check.option("accessibility", "contact"),
                        "accessibility.contact must be an e-mail address or an https:// address of a web form",
                        "accessibility.contact")
    check.web(settings.get("enforcement_procedure"), check.option("accessibility", "enforcement_procedure"),
              "accessibility.enforcement_procedure")
    check.text(settings.get("organisation"), check.option("accessibility", "organisation"),
               "accessibility.organisation", 200)
    for key in ("statement_date", "last_reviewed"):
        value = settings.get(key)
        if value:
            try:
                date = dt.date.fromisoformat(str(value))
            except ValueError:
                check.error(check.option("accessibility", key), f"accessibility.{key} must be a date as YYYY-MM-DD",
                            f"accessibility.{key}")
                continue
            if date > dt.date.today():
                check.error(check.option("accessibility", key), f"accessibility.{key} {value} is in the future",
                            f"accessibility.{key}")
    for index, issue in enumerate(settings.get("known_issues") or []):
        check.text(issue, check.option("accessibility", "known_issues", index), "accessibility.known_issues", 500)


def escape_for_theme(config: Any) -> None:
    """Text values Material prints as HTML become escaped HTML; the copyright
    line (HTML by Material's design) is sanitized to a few inline tags."""
    for key in ("site_name", "site_description", "site_author", "repo_name"):
        value = config.get(key)
        if isinstance(value, str):
            config[key] = html.escape(value, quote=True)
    if isinstance(config.get("copyright"), str):
        config["copyright"] = nh3.clean(config["copyright"], tags=_COPYRIGHT_TAGS,
                                        attributes={"a": {"href"}}, url_schemes={"https", "http", "mailto"})
    for option in config.theme.get("palette") or []:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            toggle["name"] = html.escape(toggle["name"], quote=True)
