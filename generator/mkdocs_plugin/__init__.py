"""The thin MkDocs adapter (registered as the `european-modules` plugin)."""

from generator.mkdocs_plugin.plugin import EuropeanModulesPlugin

__all__ = ["EuropeanModulesPlugin"]
