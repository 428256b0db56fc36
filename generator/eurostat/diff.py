"""A refresh as a reviewer reads it: per dataset, the rows added, changed
(old -> new value or flag), withdrawn and unchanged."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.data.format import KEY_COLUMNS, row_sort_key

Row = dict[str, str]
_COMPARED = ("value", "flag", "unit")
ADDED_SHOWN = 20  # added rows are many on a first import; the file itself lists them


@dataclass
class Diff:
    dataset: str
    added: list[Row] = field(default_factory=list)
    changed: list[tuple[Row, Row]] = field(default_factory=list)  # (old, new)
    withdrawn: list[Row] = field(default_factory=list)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.withdrawn)

    def counts(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.withdrawn)} withdrawn, {self.unchanged} unchanged"
        )

    def lines(self, added_shown: int = ADDED_SHOWN) -> list[str]:
        """Every change and every withdrawal, and the first added rows.

        A series with many rows added or withdrawn is one line with its years,
        so a whole withdrawn series stays readable.
        """
        out = [f"{self.dataset}: {self.counts()}"]
        added = _grouped(self.added, "+", "added")
        out += added[:added_shown]
        if len(added) > added_shown:
            out.append(f"  + ... and {len(added) - added_shown} more lines of added rows")
        for old, new in self.changed:
            out.append(f"  ~ {describe(new)}: {figure(old)} -> {figure(new)}")
        out += _grouped(self.withdrawn, "-", "withdrawn")
        return out


def compare(dataset: str, old: Iterable[Row], new: Iterable[Row]) -> Diff:
    """What replacing `old` by `new` (both one dataset's rows) changes."""
    before = {_key(r): r for r in old}
    after = {_key(r): r for r in new}
    diff = Diff(dataset)
    for key, row in sorted(after.items(), key=lambda item: row_sort_key(item[1])):
        previous = before.get(key)
        if previous is None:
            diff.added.append(row)
        elif any(previous[c] != row[c] for c in _COMPARED):
            diff.changed.append((previous, row))
        else:
            diff.unchanged += 1
    diff.withdrawn = sorted((r for k, r in before.items() if k not in after), key=row_sort_key)
    return diff


def _grouped(rows: list[Row], sign: str, what: str) -> list[str]:
    """One line per row, or per series (every key but the year) of more than three rows."""
    series: dict[tuple[str, ...], list[Row]] = {}
    for row in rows:
        series.setdefault(tuple(row[c] for c in KEY_COLUMNS if c != "year"), []).append(row)
    out = []
    for members in series.values():
        if len(members) <= 3:
            out += [f"  {sign} {describe(r)}: {figure(r)} ({what})" for r in members]
            continue
        first = members[0]
        name = " ".join(first[c] for c in ("indicator", "geo", "breakdown", "group", "sex", "age"))
        years = f"{members[0]['year']}-{members[-1]['year']}"
        out.append(f"  {sign} {name}: {len(members)} figures, {years} ({what})")
    return out


def describe(row: Row) -> str:
    """`employment_rate AT 2021 citizenship NAT T Y20-64`: the row's key, readable."""
    return " ".join(row[c] for c in ("indicator", "geo", "year", "breakdown", "group", "sex", "age"))


def figure(row: Row) -> str:
    flag = f" {row['flag']}" if row["flag"] else ""
    return f"{row['value']}{flag} {row['unit']}"


def _key(row: Row) -> tuple[str, ...]:
    return tuple(row[c] for c in KEY_COLUMNS)
