"""Plugin options, declared as typed MkDocs config options that validate
themselves. This is the one place an authority tailors its copy; every
option is documented in docs/configuration.md (a test keeps them in step)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class AccessibilityConfig(base.Config):
    """Facts for the accessibility statement the EU Web Accessibility
    Directive requires of each public body."""

    organisation = c.Optional(c.Type(str))
    contact = c.Optional(c.Type(str))  # e-mail address or web form address
    compliance = c.Choice(("fully", "partially", "not"), default="partially")
    statement_date = c.Optional(c.Type(str))  # YYYY-MM-DD
    last_reviewed = c.Optional(c.Type(str))
    known_issues = c.ListOfItems(c.Type(str), default=[])
    enforcement_procedure = c.Optional(c.Type(str))  # web address of the national body


class PublisherConfig(base.Config):
    """Who publishes this copy: shown on the About and Propose-a-practice pages."""

    name = c.Optional(c.Type(str))
    url = c.Optional(c.Type(str))  # https:// address of the publisher
    contact = c.Optional(c.Type(str))  # e-mail address or https:// form where readers propose practices


class PluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Default: the toolkit's bundled content and data.
    content_dir = c.Optional(c.Type(str))
    data_dir = c.Optional(c.Type(str))
    # Default: the toolkit's own templates (an authority's copy needs none of its own).
    templates_dir = c.Optional(c.Type(str))
    # Your own UI catalogues (<lang>.yml), added to the toolkit's: a new language needs no template copy.
    messages_dir = c.Optional(c.Type(str))
    # The language this build renders; `toolkit build` runs one build per language.
    language = c.Optional(c.Type(str))
    languages = c.ListOfItems(c.Type(str), default=["en"])
    default_language = c.Type(str, default="en")
    extra_content_dirs = c.ListOfItems(c.Type(str), default=[])
    extra_data_dirs = c.ListOfItems(c.Type(str), default=[])
    modules = c.ListOfItems(c.Type(int), default=[])
    focus_countries = c.ListOfItems(c.Type(str), default=[])
    cache_dir = c.Type(str, default=".cache")
    accessibility = c.SubConfig(AccessibilityConfig)
    publisher = c.SubConfig(PublisherConfig)
