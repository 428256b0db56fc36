"""Packaging layout (the metadata is in pyproject.toml).

The bundled folders stay at the repository's top level, where contributors
edit them; in the wheel and sdist they become `generator/bundled/<name>`,
which `generator.resources` finds through importlib.resources. Every folder
is declared as a (data) package, so nothing depends on setuptools' implicit
"data folder" fallback.
"""

import os

from setuptools import find_namespace_packages, setup

BUNDLED = ("content", "data", "site_templates", "schemas")

packages = find_namespace_packages(include=["generator", "generator.*"], exclude=["*.__pycache__"])
package_dir = {}
for folder in BUNDLED:
    for dirpath, dirnames, _files in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        name = "generator.bundled." + dirpath.replace(os.sep, ".")
        packages.append(name)
        package_dir[name] = dirpath

setup(
    packages=packages,
    package_dir=package_dir,
    package_data={name: ["*.yml", "*.csv", "*.json", "*.j2", "*.html", "*.css", "*.js", "*.tgz", "*.tmpl", "*.md"]
                  for name in packages},
    exclude_package_data={"generator.bundled.data": ["curate.py"]},
)
