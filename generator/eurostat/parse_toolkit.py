"""A publisher's own figures, already in the toolkit's row format.

The rows are checked exactly as `toolkit check` checks a data file; they
must all carry one `source_dataset` code (the publisher's name for the
series, declared with its publisher, title, address and date on import).
"""

from __future__ import annotations

from generator.data.format import Observation
from generator.data.load import check_csv_text
from generator.eurostat.mapping import Definition
from generator.problems import Location, Problems

FORMAT_NAME = "toolkit CSV"


def parse_toolkit(text: str, where: str, problems: Problems) -> tuple[str, list[Observation]] | None:
    """(dataset code, rows) of the file; None after located errors."""
    found = Problems()
    observations = check_csv_text(text, where, {}, found)
    problems.extend(found)
    if found.errors:
        return None
    codes = sorted({o.source_dataset for o in observations})
    if not codes:
        problems.error(Location(where), "no rows to import")
        return None
    if len(codes) > 1:
        problems.error(
            Location(where, 1),
            f"the rows name several datasets ({', '.join(codes)}); import one dataset per file",
        )
        return None
    return codes[0], observations


def check_keys(
    observations: list[Observation],
    definitions: list[Definition],
    new_definition_dir: str,
    where: str,
    problems: Problems,
) -> bool:
    """Every row's indicator must be a defined indicator's key, with its breakdown."""
    by_key = {d.key: d for d in definitions}
    unknown = sorted({o.indicator for o in observations} - by_key.keys())
    for key in unknown:
        problems.error(
            Location(where, 1),
            f"indicator {key!r}: no indicator definition has this series key; write "
            f"{new_definition_dir}/{key}.yml (see data/indicators/employment_rate.yml) first",
        )
    mixed = sorted(
        {o.indicator for o in observations if o.indicator in by_key and o.breakdown != by_key[o.indicator].breakdown}
    )
    for key in mixed:
        problems.error(
            Location(where, 1),
            f"rows of {key!r} are not by {by_key[key].breakdown.replace('_', ' ')}, as "
            f"{by_key[key].path} defines it; a chart never mixes the two",
        )
    return not unknown and not mixed
