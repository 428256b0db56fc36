"""Eurostat datasets the importer knows, and which toolkit indicator each row feeds.

For a dataset not listed here the caller names the indicator (`--indicator KEY`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DatasetSpec:
    """How rows of one dataset become indicator rows.

    `indicator` names the series for every row, or `by` names the dimension whose
    code chooses it through `indicators` (rows with other codes are not used).
    `units` keeps only rows in these units (e.g. rates, not counts).
    `group_by` takes the group from another dimension than citizen/c_birth.
    """

    indicator: str = ""
    by: str = ""
    indicators: dict[str, str] = field(default_factory=dict)
    units: tuple[str, ...] = ()
    group_by: str = ""
    groups: dict[str, str] = field(default_factory=dict)

    def indicator_for(self, dims: dict[str, str]) -> str | None:
        if self.by:
            return self.indicators.get(dims.get(self.by, ""))
        return self.indicator or None


KNOWN_DATASETS: dict[str, DatasetSpec] = {
    "lfsa_ergan": DatasetSpec("employment_rate"),
    "lfsa_ergacob": DatasetSpec("employment_rate"),
    "lfsa_urgan": DatasetSpec("unemployment_rate"),
    "lfsa_urgacob": DatasetSpec("unemployment_rate"),
    "lfsa_argan": DatasetSpec("activity_rate"),
    "lfsa_argacob": DatasetSpec("activity_rate"),
    "ilc_di15": DatasetSpec(
        by="indic_il",
        indicators={"MED_E": "median_net_income", "MEAN_E": "mean_net_income"},
        units=("EUR",),  # the file also has PPS and national currency
    ),
    "edat_lfs_9912": DatasetSpec(
        by="isced11",
        indicators={"ED0-2": "low_educational_attainment", "ED5-8": "tertiary_attainment"},
    ),
    "hlth_silc_24": DatasetSpec(by="levl_hlth", indicators={"VG_G": "self_perceived_health"}),
    # migr_acqs is mostly counts; only the published rate (unit PC, by indic_mg) is an indicator.
    "migr_acqs": DatasetSpec(
        "naturalisation_rate",
        units=("PC",),
        group_by="indic_mg",
        groups={"FOR_P_HHAB": "FOR", "EU_P_HHAB": "EU_FOR", "NEU_P_HHAB": "NEU_FOR"},
    ),
}
