"""Where an import writes: the data package's resource that holds the dataset.

The resource whose `sources` name the dataset, else one whose schema lists
its code, else one whose file has its rows; none: a new resource
`observations/<dataset>.csv` is declared. `--into FILE` chooses the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from generator.data.format import COLUMNS
from generator.data.package import DESCRIPTOR, Resource, read_descriptor, resources
from generator.eurostat.source import read_text
from generator.problems import Location, Problems, display_path

Row = dict[str, str]


@dataclass
class Target:
    data_dir: Path
    descriptor: dict  # parsed; edited by the import
    resource_path: str  # relative to data_dir
    new_resource: bool
    rows: list[Row]  # the resource file's current rows (all datasets)
    text: str  # the resource file's current text ("" when new)
    other_files: dict[str, str]  # every other declared resource: path -> text (for the check)

    @property
    def csv_path(self) -> Path:
        return self.data_dir / self.resource_path

    @property
    def descriptor_path(self) -> Path:
        return self.data_dir / DESCRIPTOR


def find_target(
    data_dir: Path, dataset: str, into: Path | None, problems: Problems, root: Path | None = None
) -> Target | None:
    """The resource for `dataset` in `data_dir`'s package; None after a located error."""
    descriptor_path = data_dir / DESCRIPTOR
    if descriptor_path.exists() or descriptor_path.is_symlink():
        descriptor = read_descriptor(descriptor_path, problems, root)
    else:
        descriptor = {"profile": "tabular-data-package", "name": "figures", "resources": []}
    if descriptor is None:
        return None
    found = Problems()
    declared = list(resources(descriptor, descriptor_path, found, root))
    if found.errors:
        problems.extend(found)
        return None
    texts = _resource_texts(data_dir, declared, problems, root)
    if texts is None:
        return None
    chosen = _choose(data_dir, dataset, into, declared, texts, descriptor_path, problems, root)
    if chosen is None:
        return None
    path, new = chosen
    if path not in texts and (data_dir / path).is_file():  # --into an undeclared file: adopt it
        text = read_text(data_dir / path, display_path(data_dir / path, root), problems)
        if text is None:
            return None
        texts[path] = text
    rows = _rows(texts.get(path, ""), display_path(data_dir / path, root), problems)
    if rows is None:
        return None
    others = {p: t for p, t in texts.items() if p != path}
    return Target(data_dir, descriptor, path, new, rows, texts.get(path, ""), others)


def _resource_texts(
    data_dir: Path, declared: list[Resource], problems: Problems, root: Path | None
) -> dict[str, str] | None:
    texts: dict[str, str] = {}
    for resource in declared:
        path = data_dir / resource.path
        if not path.exists():
            continue  # the import may be what creates it; the check reports it otherwise
        text = read_text(path, display_path(path, root), problems)
        if text is None:
            return None
        texts[resource.path] = text
    return texts


def _choose(
    data_dir: Path,
    dataset: str,
    into: Path | None,
    declared: list[Resource],
    texts: dict[str, str],
    descriptor_path: Path,
    problems: Problems,
    root: Path | None,
) -> tuple[str, bool] | None:
    where = display_path(descriptor_path, root)
    holding = [
        r.path
        for r in declared
        if dataset in r.datasets
        or dataset in r.enums.get("source_dataset", ())
        or _has_dataset(texts.get(r.path, ""), dataset)
    ]
    holding = list(dict.fromkeys(holding))
    if into is not None:
        try:
            wanted = (Path.cwd() / into).resolve().relative_to(data_dir.resolve()).as_posix()
        except ValueError:
            problems.error(
                Location(str(into)),
                f"--into must be a file inside the data folder {display_path(data_dir, root)}",
            )
            return None
        others = [p for p in holding if p != wanted]
        if others:
            problems.error(
                Location(where),
                f"dataset {dataset} is kept in {', '.join(others)}; import it there "
                "(leave out --into) or move its rows first",
            )
            return None
        return wanted, wanted not in {r.path for r in declared}
    if len(holding) > 1:
        problems.error(
            Location(where),
            f"dataset {dataset} is in several files ({', '.join(holding)}); keep it in one, "
            "or choose one with --into",
        )
        return None
    if holding:
        return holding[0], False
    path = f"observations/{dataset}.csv"
    if (data_dir / path).exists():
        problems.error(
            Location(display_path(data_dir / path, root), 1),
            f"exists but {DESCRIPTOR} does not declare it; declare it or move it away, "
            "then import again",
        )
        return None
    return path, True


def _has_dataset(text: str, dataset: str) -> bool:
    if f",{dataset}" not in text:
        return False
    return any(
        row.get("source_dataset") == dataset for row in csv.DictReader(io.StringIO(text, newline=""))
    )


def _rows(text: str, where: str, problems: Problems) -> list[Row] | None:
    """The file's rows as written; a file not in the toolkit format is left alone."""
    if not text.strip():
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = next(reader)
        if tuple(header) != COLUMNS:
            problems.error(
                Location(where, 1),
                f"existing file's header is not the toolkit format ({','.join(COLUMNS)}); "
                "refusing to merge into it",
            )
            return None
        for cells in reader:
            if not cells:
                continue
            if len(cells) != len(COLUMNS):
                problems.error(
                    Location(where, reader.line_num),
                    "malformed row in the existing file (wrong cell count); fix it first "
                    "(`toolkit check` lists every problem)",
                )
                return None
            rows.append(dict(zip(COLUMNS, cells, strict=True)))
    except csv.Error as exc:
        problems.error(Location(where, reader.line_num), f"existing file is malformed CSV ({exc})")
        return None
    return rows
