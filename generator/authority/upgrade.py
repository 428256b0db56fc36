"""Upgrades of an authority's copy: what changed in the bundled content since
the toolkit release the copy records.

`toolkit init` writes `toolkit-copy.json`: the toolkit version and a SHA-256
of every bundled content file at that version. A newer release simply
rebuilds the copy (local files are never touched); `toolkit check` then warns
about each local override whose bundled original changed since the recorded
version, so the authority can review it, and `toolkit upgrade` records the
review: it lists what is new or changed, then stores the installed version
and its fingerprints (and the pin in requirements.txt).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.problems import Location, Problems, ToolkitError, display_path
from generator.resources import bundled

RECORD = "toolkit-copy.json"
DISTRIBUTION = "european-modules-toolkit"


def toolkit_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # running from a checkout without an install
        from generator import __version__

        return __version__


def bundled_fingerprints() -> dict[str, str]:
    """Relative path (content/…, data/indicators/…) → SHA-256 of every bundled content file."""
    found = {}
    for name, pattern in (("content", "**/*.yml"), ("data", "indicators/*.yml")):
        base = bundled(name)
        for path in sorted(base.glob(pattern)):
            found[f"{name}/{path.relative_to(base).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def record_json(toolkit: str) -> str:
    record = {
        "comment": "Written by `toolkit init` and `toolkit upgrade`: the toolkit release this copy was last "
                   "reviewed against, and its bundled files. Keep it in your repository.",
        "toolkit_version": toolkit,
        "bundled": bundled_fingerprints(),
    }
    return json.dumps(record, indent=2, sort_keys=True) + "\n"


@dataclass
class Record:
    path: Path
    toolkit_version: str
    bundled: dict[str, str]


def read_record(root: Path, problems: Problems) -> Record | None:
    path = root / RECORD
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Record(path, str(data["toolkit_version"]), {str(k): str(v) for k, v in data["bundled"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        problems.error(Location(display_path(path, root)), f"cannot read the copy's record ({exc}); "
                       "run `toolkit upgrade` to write it again")
        return None


def bundled_path(kind_folder: str, key: object) -> str:
    """The record's name for a bundled entry (indicators live under data/)."""
    base = "data" if kind_folder == "indicators" else "content"
    return f"{base}/{kind_folder}/{key}.yml"


def check_overrides(root: Path, overrides: list[tuple[str, object, str]], problems: Problems) -> None:
    """Warn about local overrides whose bundled original changed since the record.

    `overrides`: (type folder, key, local file as shown) for every local entry
    that replaces a bundled one.
    """
    record = read_record(root, problems)
    if record is None:
        return
    installed = toolkit_version()
    current = bundled_fingerprints()
    if record.toolkit_version != installed:
        problems.warning(Location(display_path(record.path, root)),
                         f"this copy records toolkit {record.toolkit_version}; {installed} is installed. "
                         "Review the warnings below, then run `toolkit upgrade`")
    for folder, key, shown in overrides:
        name = bundled_path(folder, key)
        if record.bundled.get(name) != current.get(name):
            problems.warning(
                Location(shown, 1, 1),
                f"overrides the bundled {folder[:-1]} '{key}', which changed since toolkit "
                f"{record.toolkit_version}: compare it with the new version and merge what you need, "
                "then run `toolkit upgrade`",
            )


@dataclass
class UpgradeReport:
    previous: str
    installed: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"upgrade: {self.previous} → {self.installed}"]
        out += [f"  new bundled file: {p}" for p in self.added]
        out += [f"  changed bundled file: {p}" for p in self.changed]
        out += [f"  removed bundled file: {p}" for p in self.removed]
        return out

    def summary(self) -> str:
        return (f"upgrade: recorded toolkit {self.installed} ({len(self.added)} new, {len(self.changed)} changed, "
                f"{len(self.removed)} removed bundled file(s) since {self.previous})")


def upgrade_copy(root: Path) -> UpgradeReport:
    """Record the installed release as reviewed; pin it in requirements.txt."""
    problems = Problems()
    record = read_record(root, problems)
    if problems.errors:
        raise ToolkitError(problems)
    installed = toolkit_version()
    current = bundled_fingerprints()
    previous = record.bundled if record else {}
    report = UpgradeReport(record.toolkit_version if record else "(no record)", installed)
    report.added = sorted(set(current) - set(previous))
    report.removed = sorted(set(previous) - set(current))
    report.changed = sorted(p for p in set(current) & set(previous) if current[p] != previous[p])
    (root / RECORD).write_text(record_json(installed), encoding="utf-8")
    requirements = root / "requirements.txt"
    if requirements.is_file():
        text = requirements.read_text(encoding="utf-8")
        pinned = re.sub(rf"(?m)^{DISTRIBUTION}==\S+", f"{DISTRIBUTION}=={installed}", text)
        if pinned != text:
            requirements.write_text(pinned, encoding="utf-8")
    return report
