"""Which indicator a dataset's rows feed, as the indicator definitions say.

An indicator definition (data/indicators/<id>.yml) names its dataset
(`source:`) and the key of its rows (`series.indicator`, else its id). The
importer only writes rows some definition charts; a dataset no definition
names is an error that says which definition to write. It never guesses a
neighbouring dataset or indicator: that would relabel the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.load import load_entry, yaml_files
from generator.content.types import CONTENT_TYPES
from generator.eurostat.datasets import DatasetSpec, spec_for
from generator.problems import Location, Problems, display_path

_INDICATOR_TYPE = next(t for t in CONTENT_TYPES if t.name == "indicator")


@dataclass(frozen=True)
class Definition:
    """What the importer needs from one indicator definition."""

    id: str
    key: str  # the `indicator` column of its rows
    source: str  # dataset code, "" when none
    provider: str
    breakdown: str
    path: str  # as displayed


@dataclass(frozen=True)
class Mapping:
    """How one file's rows are keyed: the dataset's spec and the definitions fed."""

    spec: DatasetSpec
    definitions: dict[str, Definition] = field(default_factory=dict)  # key -> definition


def read_definitions(folders: Sequence[Path], root: Path | None = None) -> list[Definition]:
    """Every indicator definition in `folders` (each an `indicators/` folder); a
    later folder's definition replaces an earlier one with the same id.

    Mistakes in the files are `toolkit check`'s to report; a file that does
    not load is left out here.
    """
    by_id: dict[str, Definition] = {}
    for folder in folders:
        for path in yaml_files(folder):
            entry = load_entry(path, _INDICATOR_TYPE, Problems(), root or Path.cwd())
            if entry is None:
                continue
            data = entry.data
            series = data.get("series") if isinstance(data.get("series"), dict) else {}
            by_id[str(entry.key)] = Definition(
                id=str(entry.key),
                key=str(series.get("indicator") or entry.key),
                source=str(data.get("source") or "").lower(),
                provider=str(data.get("provider") or "eurostat"),
                breakdown=str(data.get("breakdown") or ""),
                path=display_path(path, root),
            )
    return list(by_id.values())


def resolve(
    dataset: str,
    definitions: list[Definition],
    indicator: str | None,
    new_definition_dir: str,
    where: str,
    problems: Problems,
) -> Mapping | None:
    """The mapping for `dataset`, or None after a located error.

    `indicator` (the --indicator option) puts every row under that key
    instead; it must still be a defined indicator, so that `toolkit check`
    and the charts know it.
    """
    at = Location(where, 1)
    base = spec_for(dataset)
    by_key = {d.key: d for d in definitions} | {d.id: d for d in definitions}
    if indicator:
        chosen = by_key.get(indicator)
        if chosen is None:
            problems.error(
                at,
                f"--indicator {indicator}: no indicator definition has this id or series key; "
                f"write {new_definition_dir}/{indicator}.yml first (see data/indicators/"
                "employment_rate.yml for the fields)",
            )
            return None
        spec = DatasetSpec(chosen.key, units=base.units, group_by=base.group_by, groups=base.groups)
        return Mapping(spec, {chosen.key: chosen})
    users = sorted((d for d in definitions if d.source == dataset), key=lambda d: d.id)
    if not users:
        problems.error(at, _no_definition(dataset, new_definition_dir))
        return None
    if base.by:
        fed = {d.key: d for d in users if d.key in base.indicators.values()}
        if not fed:
            names = ", ".join(f"{d.path} ('{d.key}')" for d in users)
            problems.error(
                at,
                f"{names} name {dataset} as source, but its rows are keyed by {base.by} as "
                f"{', '.join(sorted(set(base.indicators.values())))}; set series.indicator to "
                "one of these, or pass --indicator KEY",
            )
            return None
        return Mapping(base, fed)
    keys = sorted({d.key for d in users})
    if len(keys) > 1:
        problems.error(
            at,
            f"{', '.join(d.path for d in users)} all name {dataset} as source with different "
            f"series keys ({', '.join(keys)}); choose one with --indicator KEY",
        )
        return None
    chosen = next(d for d in users if d.key == keys[0])
    spec = DatasetSpec(chosen.key, units=base.units, group_by=base.group_by, groups=base.groups)
    return Mapping(spec, {chosen.key: chosen})


def _no_definition(dataset: str, folder: str) -> str:
    return (
        f"no indicator definition names dataset {dataset} as its source, so the toolkit does "
        f"not know what its figures measure. Write {folder}/{dataset}.yml (id: {dataset}, "
        f"domain, title, definition, age, unit, breakdown, higher_is_better, source: {dataset}, "
        "series: indicator, age, unit; see data/indicators/employment_rate.yml), then import "
        "again; or put the rows under an existing indicator with --indicator KEY"
    )
