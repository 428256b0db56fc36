"""A `toolkit build` with nothing to do stops after checking, as `make` does.

The last successful build records two digests in the cache folder: one of
its inputs, one of the site it wrote. A build whose inputs have the same
digest, into a site folder that is still exactly as written, would produce
the same bytes again, so it is skipped.

Inputs are taken widely, because a missed one would leave a stale site: every
file of the project folder except hidden folders, Python byte code and the
output itself (mkdocs.yml, anything it inherits or points at, templates,
logos), every source folder wherever it lies, the toolkit's bundled files and
code, every installed package's version, the build's options, the source date
and the environment variables mkdocs.yml reads. Files are compared by size,
modification and change time (the change time cannot be set back by tools),
so nothing large is read. The site is compared the same way, so a page edited,
added or deleted in the output by hand is rebuilt.

The record is untrusted input: anything unreadable or malformed means
"build". Whoever can forge it can also write the site folder itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path
from typing import Any

from generator.resources import bundled_root

_LAYOUT = 1
_RECORD = "last-build.json"
_BUNDLED = ("content", "data", "site_templates", "schemas")  # the toolkit's own files (see pyproject.toml)
_ENV = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)")


@dataclass(frozen=True)
class LastBuild:
    inputs: str
    site: str
    pages: int


def _walk(top: Path, skip: set[Path]) -> list[str]:
    """One line per file under `top`: path, size, mtime and ctime in ns.
    Hidden folders below it (.git, .venv, .cache) are left out."""
    lines = []
    if top.is_file():
        return [_stat_line(top, top)]
    for folder, dirs, names in os.walk(top):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__"
                         and (here / d) not in skip)
        for name in sorted(names):
            if not name.endswith((".pyc", ".pyo")):
                lines.append(_stat_line(here / name, top))
    return lines


def _stat_line(path: Path, top: Path) -> str:
    rel = path.relative_to(top).as_posix() if path != top else path.name
    try:
        s = path.stat()
    except OSError:  # a dangling link, a file removed meanwhile: still part of the picture
        return f"{rel}\0missing"
    return f"{rel}\0{s.st_size}\0{s.st_mtime_ns}\0{s.st_ctime_ns}"


def _digest(parts: list[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def inputs_digest(project: Any, config_file: Path, extra_folders: list[Path], target: Path,
                  options: dict[str, Any]) -> str:
    """Everything a build reads, as one digest (see the module docstring)."""
    import generator

    root = project.root.resolve()
    skip = {target.resolve(), Path(project.cache_dir).resolve()}
    config_text = config_file.read_text(encoding="utf-8", errors="replace") if config_file.is_file() else ""
    variables = sorted({name.strip() for group in _ENV.findall(config_text) for name in group.split(",")})
    parts = [
        f"layout {_LAYOUT}", f"python {sys.version}", f"config {config_file.resolve()}", f"target {target.resolve()}",
        json.dumps(options, sort_keys=True, default=str),
        "env " + json.dumps({name: os.environ.get(name) for name in [*variables, "SOURCE_DATE_EPOCH"]},
                            sort_keys=True),
        "packages " + "|".join(sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())),
    ]
    inherited = re.findall(r"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", config_text, flags=re.M)
    bundled = [bundled_root() / name for name in _BUNDLED]
    folders = [root, config_file, *(config_file.parent / name for name in inherited), *project.source_dirs(),
               *extra_folders, *bundled, Path(generator.__file__).parent]
    distinct = list(dict.fromkeys(Path(folder).resolve() for folder in folders))
    for folder in distinct:
        # each file once: a listed folder inside another (content/ in the project) is pruned there
        parts.append(f"folder {folder}")
        parts.extend(_walk(folder, skip | (set(distinct) - {folder})))
    return _digest(parts)


def site_digest(target: Path) -> str:
    return _digest(_walk(target, set())) if target.is_dir() else ""


def _record_path(project: Any) -> Path:
    return Path(project.cache_dir) / _RECORD


def unchanged_since_last_build(project: Any, inputs: str, target: Path) -> LastBuild | None:
    """The last build's record when nothing it depended on has changed, else None."""
    try:
        data = json.loads(_record_path(project).read_text(encoding="utf-8"))
        last = LastBuild(inputs=data["inputs"], site=data["site"], pages=int(data["pages"]))
        if data.get("layout") != _LAYOUT:
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if last.inputs != inputs or not last.site or last.site != site_digest(target):
        return None
    return last


def record_build(project: Any, inputs: str, target: Path, pages: int) -> None:
    """Written after the swap; a cache folder that cannot be written costs the
    next build its shortcut, nothing else."""
    record = {"layout": _LAYOUT, "inputs": inputs, "site": site_digest(target), "pages": pages}
    path = _record_path(project)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(record), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass
