"""Where the toolkit's bundled files are: content, data, templates, schemas.

The repository keeps them at its top level (`content/`, `data/`,
`site_templates/`, `schemas/`); the build backend maps those folders into the
package as `generator/bundled/<name>` (see `pyproject.toml`), so an installed
wheel finds them through `importlib.resources` wherever it is installed.

An editable install or a source checkout has no `generator/bundled/`: the
same folders are then the repository's own, next to the package. That is the
only place a checkout path is used, and only when the package itself lives in
that checkout.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

BUNDLED = ("content", "data", "site_templates", "schemas")


@cache
def bundled_root() -> Path:
    """The folder holding the bundled `content/`, `data/`, `site_templates/`, `schemas/`."""
    package = Path(str(files("generator")))
    installed = package / "bundled"
    if (installed / "content").is_dir():
        return installed
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "content").is_dir():
        return checkout
    raise RuntimeError(  # a broken installation, not a user's mistake
        f"the toolkit's bundled files are missing from {installed}; reinstall the package"
    )


def bundled(name: str) -> Path:
    if name not in BUNDLED:
        raise ValueError(f"unknown bundled folder {name!r}")
    return bundled_root() / name


def package_file(*parts: str) -> Path:
    """A file shipped inside the Python package itself (authority templates, vendor files)."""
    return Path(str(files("generator").joinpath(*parts)))
