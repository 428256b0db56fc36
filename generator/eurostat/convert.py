"""Raw Eurostat records -> the toolkit's `Observation`s (generator.data.format)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.data.format import GROUPS, SEXES, UNITS, Observation
from generator.eurostat.datasets import KNOWN_DATASETS, DatasetSpec
from generator.eurostat.records import ParsedFile, RawRecord
from generator.problems import Location, Problems

_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_FLAG = re.compile(r"^[a-z]*$")
_YEAR = re.compile(r"^\d{4}$")
_INDICATOR_KEY = re.compile(r"^[A-Za-z0-9_\-]+$")
_BREAKDOWNS = {"citizen": "citizenship", "c_birth": "country_of_birth"}
_MAX_DUPLICATE_ERRORS = 10  # one mis-filtered download would otherwise list every row

Key = tuple[str, str, int, str, str, str, str]


@dataclass
class Conversion:
    observations: list[Observation] = field(default_factory=list)
    skipped: int = 0  # rows the toolkit does not use or cannot place (warned)


@dataclass
class _Skips:
    """Rows left out for one reason: counted, warned once at the first line."""

    where: str
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add(self, reason: str, line: int) -> None:
        first, count = self.seen.get(reason, (line, 0))
        self.seen[reason] = (first, count + 1)

    def report(self, problems: Problems) -> int:
        for reason, (line, count) in self.seen.items():
            problems.warning(Location(self.where, line), f"{reason}: {count} row(s) skipped")
        return sum(count for _, count in self.seen.values())


def convert(
    parsed: ParsedFile, indicator: str | None, where: str, problems: Problems
) -> Conversion:
    """Observations for every usable record; problems are reported, not raised."""
    result = Conversion()
    spec = _spec(parsed, indicator, where, problems)
    if spec is None:
        return result
    header = Location(where, 1)
    dims_seen = set().union(*(r.dims for r in parsed.records)) if parsed.records else set()
    if {"citizen", "c_birth"} <= dims_seen:
        problems.error(header, "file has both citizen and c_birth dimensions; import one")
        return result
    if not (dims_seen & {"citizen", "c_birth", spec.group_by} - {""}) and parsed.records:
        problems.warning(header, "no citizen or c_birth dimension: rows imported as group TOTAL")
    skips = _Skips(where)
    first_of: dict[Key, RawRecord] = {}
    duplicates = 0
    other_units: dict[str, int] = {}
    for record in parsed.records:
        observation = _observation(record, spec, parsed.dataset, where, problems, skips)
        if observation is None:
            continue
        o = observation
        key: Key = (o.indicator, o.geo, o.year, o.breakdown, o.group, o.sex, o.age)
        if key in first_of:
            duplicates += 1
            if duplicates <= _MAX_DUPLICATE_ERRORS:
                _duplicate(record, first_of[key], where, problems)
            continue
        first_of[key] = record
        if o.unit not in UNITS:
            other_units.setdefault(o.unit, record.line)
        result.observations.append(o)
    if duplicates > _MAX_DUPLICATE_ERRORS:
        problems.error(header, f"{duplicates} rows repeat an earlier row's key in all")
    for unit, line in other_units.items():
        problems.warning(
            Location(where, line),
            f"unit {unit!r} is not one the site charts ({', '.join(UNITS)}); rows kept",
        )
    result.skipped = skips.report(problems)
    return result


def _spec(
    parsed: ParsedFile, indicator: str | None, where: str, problems: Problems
) -> DatasetSpec | None:
    known = KNOWN_DATASETS.get(parsed.dataset)
    if indicator:
        if not _INDICATOR_KEY.match(indicator):
            problems.error(Location(where), f"indicator key {indicator!r} is not a valid key")
            return None
        # The caller's key wins, but a known dataset still picks its group and units.
        base = known or DatasetSpec()
        return DatasetSpec(indicator, units=base.units, group_by=base.group_by, groups=base.groups)
    if known is None:
        problems.error(
            Location(where, 1),
            f"dataset {parsed.dataset!r} has no default indicator; name one (--indicator KEY); "
            f"known datasets: {', '.join(sorted(KNOWN_DATASETS))}",
        )
    return known


def _observation(
    record: RawRecord,
    spec: DatasetSpec,
    dataset: str,
    where: str,
    problems: Problems,
    skips: _Skips,
) -> Observation | None:
    dims, line = record.dims, record.line
    at = Location(where, line, record.column)
    if not _NUMBER.match(record.value_text):
        problems.error(at, f"value {record.value_text!r} is not a number")
        return None
    if not _FLAG.match(record.flag):
        problems.error(at, f"flag {record.flag!r} is not Eurostat flag letters (b, u, e, ...)")
        return None
    if dims.get("freq", "A") != "A" or not _YEAR.match(record.time):
        skips.add("not annual data", line)
        return None
    indicator = spec.indicator_for(dims)
    if indicator is None:
        skips.add(f"{spec.by} {dims.get(spec.by, '')!r} feeds no toolkit indicator", line)
        return None
    unit = dims.get("unit", "")
    if spec.units and unit not in spec.units:
        skips.add(f"unit {unit!r} not used for this dataset ({', '.join(spec.units)})", line)
        return None
    breakdown, group = _breakdown_group(dims, spec)
    if group not in GROUPS:
        skips.add(f"group {group!r} is not one the toolkit compares", line)
        return None
    sex = dims.get("sex", "T")  # no sex dimension: the figure is for both sexes
    if sex not in SEXES:
        skips.add(f"sex {sex!r} is not T, F or M", line)
        return None
    return Observation(
        indicator=indicator,
        geo=dims["geo"],
        year=int(record.time),
        breakdown=breakdown,
        group=group,
        sex=sex,
        age=dims.get("age", "TOTAL"),  # no age dimension (e.g. migr_acqs rates)
        value=float(record.value_text),
        value_text=record.value_text,
        unit=unit,
        flag=record.flag,
        source_dataset=dataset,
    )


def _breakdown_group(dims: dict[str, str], spec: DatasetSpec) -> tuple[str, str]:
    if spec.group_by and spec.group_by in dims:
        code = dims[spec.group_by]
        return "citizenship", spec.groups.get(code, code)
    for dimension, breakdown in _BREAKDOWNS.items():
        if dimension in dims:
            return breakdown, dims[dimension]
    return "citizenship", "TOTAL"  # no breakdown: the whole population


def _duplicate(record: RawRecord, first: RawRecord, where: str, problems: Problems) -> None:
    differing = sorted(
        d for d in record.dims.keys() | first.dims.keys() if record.dims.get(d) != first.dims.get(d)
    )
    why = (
        f"the rows differ only in {', '.join(differing)}: filter the download to one "
        "series or pass a different --indicator"
        if differing
        else "the row is repeated"
    )
    problems.error(
        Location(where, record.line, record.column),
        f"same indicator, geo, year, group, sex and age as line {first.line}; {why}",
    )
