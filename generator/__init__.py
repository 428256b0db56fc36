"""European Modules Toolkit: YAML content and Eurostat data to a static site.

The package is plain Python; only `generator.mkdocs_plugin` and
`generator.publish.build` import MkDocs.
"""

__version__ = "0.1.0"
