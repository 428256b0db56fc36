"""Plugin options, declared as typed MkDocs config options that validate themselves."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    content_dir = c.Type(str, default="content")
    data_dir = c.Type(str, default="data")
    # Default: the toolkit's own templates (an authority's copy needs none of its own).
    templates_dir = c.Optional(c.Type(str))
    # The language this build renders; `toolkit build` runs one build per language.
    language = c.Optional(c.Type(str))
    languages = c.ListOfItems(c.Type(str), default=["en"])
    default_language = c.Type(str, default="en")
    extra_content_dirs = c.ListOfItems(c.Type(str), default=[])
    extra_data_dirs = c.ListOfItems(c.Type(str), default=[])
    modules = c.ListOfItems(c.Type(int), default=[])
    focus_countries = c.ListOfItems(c.Type(str), default=[])
    cache_dir = c.Type(str, default=".cache")
