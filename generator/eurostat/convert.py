"""Raw Eurostat records -> the toolkit's `Observation`s (generator.data.format).

Every row written passes the loader's checks (`toolkit check`): a row whose
codes the toolkit does not chart (a euro-area aggregate, one citizenship
among many, a count instead of a rate) is left out and counted in a warning;
a value that is not a plain published number is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from generator.data.format import GROUPS, SEXES, UNITS, Observation, value_problem
from generator.data.load import GEOS
from generator.data.package import AGE_PATTERN, FLAG_PATTERN
from generator.eurostat.datasets import DatasetSpec
from generator.eurostat.mapping import Mapping
from generator.eurostat.records import ParsedFile, RawRecord
from generator.problems import Location, Problems

_FLAG = re.compile(f"(?:{FLAG_PATTERN})?")
_AGE = re.compile(AGE_PATTERN)
_YEAR = re.compile(r"^\d{4}$")
_EXPONENT = re.compile(r"^-?[0-9.]+[eE][-+]?[0-9]+$")
_BREAKDOWNS = {"citizen": "citizenship", "c_birth": "country_of_birth"}
# Dimensions whose meaning the converter knows for every dataset.
_UNDERSTOOD = {"freq", "unit", "sex", "age", "geo", "citizen", "c_birth"}
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


def check_cells(parsed: ParsedFile, where: str, problems: Problems) -> None:
    """Report every value and flag that is not as Eurostat publishes them; keep the rest.

    Runs before anything else is decided, so one run lists every bad cell.
    Values written with an exponent (`1.5E-3`) are written out exactly.
    """
    kept = []
    for record in parsed.records:
        at = Location(where, record.line, record.column)
        value = _plain_value(record.value_text)
        if (why := value_problem(value)) is not None:
            problems.error(at, why)
        elif not _FLAG.fullmatch(record.flag):
            problems.error(at, f"flag {record.flag!r} is not Eurostat flag letters (b, u, e, ...)")
        else:
            kept.append(record if value == record.value_text else replace(record, value_text=value))
    parsed.records = kept


def convert(parsed: ParsedFile, mapping: Mapping, where: str, problems: Problems) -> Conversion:
    """Observations for every usable record (cells checked by `check_cells`)."""
    result = Conversion()
    spec = mapping.spec
    if not parsed.records:
        return result
    if not _dimensions_understood(parsed, spec, where, problems):
        return result
    skips = _Skips(where)
    first_of: dict[Key, RawRecord] = {}
    duplicates = 0
    for record in parsed.records:
        o = _observation(record, spec, parsed.dataset, skips)
        if o is None:
            continue
        if o.indicator not in mapping.definitions:
            skips.add(_unused(o.indicator, spec, record, parsed.dataset), record.line)
            continue
        key: Key = (o.indicator, o.geo, o.year, o.breakdown, o.group, o.sex, o.age)
        if key in first_of:
            duplicates += 1
            if duplicates <= _MAX_DUPLICATE_ERRORS:
                _duplicate(record, first_of[key], where, problems)
            continue
        first_of[key] = record
        result.observations.append(o)
    if duplicates > _MAX_DUPLICATE_ERRORS:
        problems.error(Location(where, 1), f"{duplicates} rows repeat an earlier row's key in all")
    _check_breakdowns(result.observations, first_of, mapping, where, problems)
    result.skipped = skips.report(problems)
    return result


def _dimensions_understood(
    parsed: ParsedFile, spec: DatasetSpec, where: str, problems: Problems
) -> bool:
    """Every dimension must have a known meaning, or a single value.

    A dimension the toolkit does not know, with several values, would put
    different figures under one key (or one of them under the whole
    population): it is an error, never read as "total".
    """
    header = Location(where, 1)
    values: dict[str, dict[str, int]] = {}
    for record in parsed.records:
        for dim, code in record.dims.items():
            values.setdefault(dim, {}).setdefault(code, record.line)
    if {"citizen", "c_birth"} <= values.keys():
        problems.error(header, "file has both citizen and c_birth dimensions; import one")
        return False
    if not ({"citizen", "c_birth", spec.group_by} - {""}) & values.keys():
        problems.error(
            header,
            f"no citizen or c_birth dimension (the file has {', '.join(sorted(values))}): the "
            "toolkit compares groups of people by citizenship or country of birth, and will "
            "not label these figures as the whole population",
        )
        return False
    ok = True
    known = _UNDERSTOOD | {spec.by, spec.group_by} - {""}
    for dim in sorted(values.keys() - known):
        codes = values[dim]
        if len(codes) == 1:
            (code,) = codes
            problems.warning(header, f"dimension {dim!r} has the one value {code!r}: rows kept")
            continue
        (first, _), (second, line) = list(codes.items())[:2]
        problems.error(
            Location(where, line),
            f"dimension {dim!r} has several values ({first!r}, {second!r}, ...) and the "
            "toolkit does not know which one the indicator means; download the dataset "
            f"filtered to one {dim} value",
        )
        ok = False
    return ok


def _observation(record: RawRecord, spec: DatasetSpec, dataset: str, skips: _Skips) -> Observation | None:
    dims, line, value = record.dims, record.line, record.value_text
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
    if unit not in UNITS:
        skips.add(f"unit {unit!r} is not one the site charts ({', '.join(UNITS)})", line)
        return None
    breakdown, group = _breakdown_group(dims, spec)
    if group not in GROUPS:
        skips.add(f"group {group!r} is not one the toolkit compares", line)
        return None
    geo = dims.get("geo", "")
    if geo not in GEOS:
        skips.add(f"geo {geo!r} is not a country or EU aggregate the toolkit charts", line)
        return None
    sex = dims.get("sex", "T")  # no sex dimension: the figure is for both sexes
    if sex not in SEXES:
        skips.add(f"sex {sex!r} is not T, F or M", line)
        return None
    age = dims.get("age", "TOTAL")  # no age dimension (e.g. migr_acqs rates)
    if not _AGE.fullmatch(age):
        skips.add(f"age {age!r} is not an age band the toolkit charts", line)
        return None
    return Observation(
        indicator=indicator,
        geo=geo,
        year=int(record.time),
        breakdown=breakdown,
        group=group,
        sex=sex,
        age=age,
        value=float(value),
        value_text=value,
        unit=unit,
        flag=record.flag,
        source_dataset=dataset,
    )


def _plain_value(text: str) -> str:
    """`1.5E-3` written out as `0.0015` (exactly; no rounding); other text unchanged."""
    if not _EXPONENT.match(text):
        return text
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if not number.is_finite() or abs(number.adjusted()) > 30:
        return text  # reported as it was written
    return format(number, "f")


def _breakdown_group(dims: dict[str, str], spec: DatasetSpec) -> tuple[str, str]:
    if spec.group_by and spec.group_by in dims:
        code = dims[spec.group_by]
        return "citizenship", spec.groups.get(code, code)
    for dimension, breakdown in _BREAKDOWNS.items():
        if dimension in dims:
            return breakdown, dims[dimension]
    raise AssertionError("checked by _dimensions_understood")


def _unused(key: str, spec: DatasetSpec, record: RawRecord, dataset: str) -> str:
    chosen = f" ({spec.by} {record.dims.get(spec.by, '')})" if spec.by else ""
    return (
        f"rows of indicator {key!r}{chosen}: no indicator definition charts them "
        f"(one with source: {dataset} and series.indicator: {key} would)"
    )


def _check_breakdowns(
    observations: list[Observation],
    first_of: dict[Key, RawRecord],
    mapping: Mapping,
    where: str,
    problems: Problems,
) -> None:
    """Rows by country of birth must not feed an indicator defined by citizenship."""
    reported: set[str] = set()
    for o in observations:
        definition = mapping.definitions[o.indicator]
        if definition.breakdown and o.breakdown != definition.breakdown and o.indicator not in reported:
            reported.add(o.indicator)
            record = first_of[(o.indicator, o.geo, o.year, o.breakdown, o.group, o.sex, o.age)]
            problems.error(
                Location(where, record.line),
                f"the rows are by {o.breakdown.replace('_', ' ')}, but {definition.path} "
                f"compares by {definition.breakdown.replace('_', ' ')}; a chart never mixes "
                "the two: write a definition of its own for this dataset",
            )


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
