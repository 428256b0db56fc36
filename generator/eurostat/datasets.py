"""How the rows of a Eurostat dataset become indicator rows.

Which indicator a dataset feeds is said by the indicator definitions
(`source:` and `series.indicator` in data/indicators/*.yml, see
generator.eurostat.mapping). This table adds what the definitions cannot
say: a dataset that publishes several indicators picks them by one
dimension's code (ilc_di15's `indic_il`), keeps only some units, or holds
its groups in another dimension (migr_acqs). A dataset not listed here
feeds one indicator with all its rows.
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
    title: str = ""  # Eurostat's English title (names a JSON-stat answer that lacks its code)
    indicators: dict[str, str] = field(default_factory=dict)
    units: tuple[str, ...] = ()
    group_by: str = ""
    groups: dict[str, str] = field(default_factory=dict)

    def indicator_for(self, dims: dict[str, str]) -> str | None:
        if self.by:
            return self.indicators.get(dims.get(self.by, ""))
        return self.indicator or None


# Titles as Eurostat writes them in its files (SDMX-CSV STRUCTURE_NAME,
# JSON-stat label, the legacy _Label.csv), where a file gave one.
KNOWN_DATASETS: dict[str, DatasetSpec] = {
    "lfsa_ergan": DatasetSpec("employment_rate", title="Employment rates by sex, age and citizenship (%)"),
    "lfsa_ergacob": DatasetSpec(
        "employment_rate", title="Employment rates by sex, age and country of birth (%)"
    ),
    "lfsa_urgan": DatasetSpec(
        "unemployment_rate", title="Unemployment rates by sex, age and citizenship (%)"
    ),
    "lfsa_urgacob": DatasetSpec("unemployment_rate"),
    "lfsa_argan": DatasetSpec("activity_rate"),
    "lfsa_argacob": DatasetSpec("activity_rate"),
    "ilc_di15": DatasetSpec(
        by="indic_il",
        indicators={"MED_E": "median_net_income", "MEAN_E": "mean_net_income"},
        units=("EUR",),  # the file also has PPS and national currency
        title="Mean and median income by broad group of citizenship (population aged 18 and over)",
    ),
    "edat_lfs_9912": DatasetSpec(
        by="isced11",
        indicators={"ED0-2": "low_educational_attainment", "ED5-8": "tertiary_attainment"},
    ),
    "hlth_silc_24": DatasetSpec(by="levl_hlth", indicators={"VG_G": "self_perceived_health"}),
    # Tenure status: the owners' share is the Zaragoza indicator (tenants are not).
    "ilc_lvps15": DatasetSpec(by="tenure", indicators={"OWN": "property_ownership"}),
    # migr_acqs is mostly counts; only the published rate (unit PC, by indic_mg) is an indicator.
    "migr_acqs": DatasetSpec(
        "naturalisation_rate",
        units=("PC",),
        group_by="indic_mg",
        groups={"FOR_P_HHAB": "FOR", "EU_P_HHAB": "EU_FOR", "NEU_P_HHAB": "NEU_FOR"},
        title="Residents who acquired citizenship as a share of resident non-citizens by former "
        "citizenship and sex",
    ),
}


def dataset_for_title(title: str) -> str:
    """The code of the known dataset with exactly this title (case and spacing aside), or ""."""
    wanted = " ".join(title.split()).casefold()
    found = [code for code, spec in KNOWN_DATASETS.items() if spec.title.casefold() == wanted]
    return found[0] if len(found) == 1 else ""


def spec_for(dataset: str) -> DatasetSpec:
    return KNOWN_DATASETS.get(dataset, DatasetSpec())
