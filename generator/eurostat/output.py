"""The files an import writes: the resource's CSV with the dataset's rows
replaced, and the descriptor with the dataset declared and its vintage.

Both are made in memory and checked exactly as `toolkit check` would check
them (the whole package, so a key repeated in another file is found) before
anything is written; then both are swapped in atomically.
"""

from __future__ import annotations

import copy
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from generator.data.files import commit, discard, prepare
from generator.data.format import COLUMNS, row_sort_key
from generator.data.load import check_csv_text
from generator.data.package import dump, new_resource, resource_fields, resources, set_codes, set_source
from generator.eurostat.target import Row, Target
from generator.problems import Location, Problems, display_path


@dataclass(frozen=True)
class Plan:
    csv_text: str
    descriptor: dict
    csv_changed: bool
    descriptor_changed: bool


def plan_files(
    target: Target,
    dataset: str,
    new_rows: list[Row],
    source: dict,
    resource_title: str,
    problems: Problems,
    root: Path | None = None,
) -> Plan | None:
    """The new texts; None (after reporting why) if they would not pass the check."""
    kept = [r for r in target.rows if r["source_dataset"] != dataset]
    rows = sorted(kept + new_rows, key=row_sort_key)
    csv_text = rows_text(rows)
    descriptor = copy.deepcopy(target.descriptor)
    resource = _resource(descriptor, target, resource_title)
    set_codes(resource, "indicator", (r["indicator"] for r in rows))
    set_codes(resource, "source_dataset", (r["source_dataset"] for r in rows))
    set_source(resource, source)
    if not _passes_check(target, descriptor, csv_text, problems, root):
        return None
    return Plan(
        csv_text=csv_text,
        descriptor=descriptor,
        csv_changed=csv_text != target.text or not target.csv_path.exists(),
        descriptor_changed=descriptor != target.descriptor or not target.descriptor_path.exists(),
    )


def write_files(plan: Plan, target: Target) -> None:
    """Both files, or neither: each is prepared beside its target, then both moved in."""
    prepared: list[tuple[Path, Path]] = []
    try:
        if plan.csv_changed:
            prepared.append((prepare(target.csv_path, plan.csv_text), target.csv_path))
        if plan.descriptor_changed:
            text = dump(plan.descriptor)
            prepared.append((prepare(target.descriptor_path, text), target.descriptor_path))
    except BaseException:
        for temporary, _ in prepared:
            discard(temporary)
        raise
    for temporary, path in prepared:
        commit(temporary, path)


def rows_text(rows: list[Row]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return stream.getvalue()


def _resource(descriptor: dict, target: Target, title: str) -> dict:
    if not target.new_resource:
        return next(
            r
            for r in descriptor["resources"]
            if isinstance(r, dict) and r.get("path") == target.resource_path
        )
    # A new file lists its codes where the package's other files do (the
    # bundled data); a publisher's package without lists stays open.
    listed = any(
        "indicator" in r.enums for r in resources(descriptor, target.descriptor_path, Problems())
    )
    codes: list[str] | None = [] if listed or not descriptor["resources"] else None
    name = Path(target.resource_path).stem
    resource = new_resource(name, title, target.resource_path, resource_fields(codes, codes))
    descriptor["resources"].append(resource)
    return resource


def _passes_check(
    target: Target, descriptor: dict, csv_text: str, problems: Problems, root: Path | None
) -> bool:
    found = Problems()
    seen: dict[tuple[str, ...], str] = {}
    for resource in resources(descriptor, target.descriptor_path, found, root):
        text = csv_text if resource.path == target.resource_path else target.other_files.get(resource.path)
        if text is not None:
            where = display_path(target.data_dir / resource.path, root)
            check_csv_text(text, where, resource.enums, found, seen)
    if not found.errors:
        return True
    where = display_path(target.csv_path, root)
    problems.error(
        Location(where),
        "nothing written: the data would not pass `toolkit check` after this import "
        f"({len(found.errors)} problem(s), the first below)",
    )
    problems.extend(found.errors[:10])
    return False
