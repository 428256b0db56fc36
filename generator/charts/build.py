"""Indicator charts: the figures of each chart kind, filled into its Altair template.

Each builder selects figures (select.py), turns them into records with
preformatted labels (records.py), and fills the kind's template (kinds.py,
templates.py). Rendering the static SVG is optional here (`cache_dir`), so
building stays cheap and testable.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from generator.data.format import DatasetSource, Observation
from generator.model.entities import Indicator

from . import describe
from .chart import Chart
from .composition import Break, breaks, segment
from .labels import area_label, composition_label, group_label, in_sentence, sex_label
from .locale import axis_title_unit, gap_unit
from .provenance import Sources, for_indicator, provenance
from .records import Pair, difference, difference_record, observation_record
from .render import render_svg
from .select import Series, comparison_year, countries, paired_by_year, select_series
from .style import STATIC_LINE_CHARACTERS, YEAR_LABEL_SPACE
from .table import Compared, data_table, labelled_csv
from .templates import template

Gettext = Callable[[str], str]


def build_indicator_charts(
    indicator: Indicator,
    observations: Sequence[Observation],
    language: str,
    gettext: Gettext,
    focus_countries: tuple[str, ...] = (),
    cache_dir: Path | None = None,
    datasets: Mapping[str, DatasetSource] | None = None,
    with_svg: bool = True,
) -> list[Chart]:
    """The gap over time, the country comparison and (if by_sex) the gap by sex.

    With `cache_dir`, templates are kept there and (`with_svg`) each chart's
    static SVG is rendered; a caller with many charts passes with_svg=False
    and renders them together (render.render_svgs).
    """
    series = select_series(indicator, observations)
    if series is None:
        return []
    kit = Kit(indicator, series, language, gettext, for_indicator(datasets, indicator.source, indicator.provider),
              cache_dir, with_svg)
    made = [_gap_over_time(kit), _country_comparison(kit, focus_countries)]
    if indicator.series and indicator.series.by_sex:
        made.append(_gap_by_sex(kit))
    return [kit.with_svg(chart) for chart in made if chart is not None]


class Kit:
    """What every chart of one indicator in one language shares."""

    def __init__(self, indicator: Indicator, series: Series, language: str, _: Gettext, sources: Sources,
                 cache_dir: Path | None, with_svg: bool = True):
        self.indicator, self.series, self.language, self._ = indicator, series, language, _
        self.sources, self.cache_dir, self.render = sources, cache_dir, with_svg
        self.compared = Compared(series.non_eu, series.reference, series.breakdown, indicator.unit)

    def specs(self, kind: str, datasets: dict[str, list[dict]], *, source: str, notes: list[str],
              **values: Any) -> tuple[dict, dict]:
        """The interactive spec and the static one, filled from the kind's two templates."""
        _ = self._
        inputs = {
            "language": self.language, "year": _("Year"), "group": _("Group"), "area": _("Country or area"),
            "value": _("Value"), "flags": _("Flags"), "highlight": _("Highlight a country"), "sex": _("Sex"),
            "difference": _("Difference"), "break": _("Change of EU composition"),
            "breaks": bool(datasets.get("breaks")),
        }
        folder = self.cache_dir / "templates" if self.cache_dir else None
        made = []
        for interactive in (True, False):
            made.append(template(kind, {**inputs, "interactive": interactive}, partial(make_kind, kind), folder).fill(
                datasets, source=wrap(source), notes=[line for note in notes for line in wrap(note)], **values))
        return made[0], made[1]

    def group(self, group: str) -> str:
        return group_label(group, self.series.breakdown, self._)

    def value_title(self) -> str:
        return f"{self.indicator.title} ({axis_title_unit(self.indicator.unit, self._)})"

    def difference_title(self) -> str:
        """Short, so it fits a phone; the caption names the groups."""
        return self._("Difference ({unit})").format(unit=gap_unit(self.indicator.unit, self._))

    def notes(self, shown: Sequence[Observation], changes: Sequence[Break]) -> list[str]:
        _ = self._
        notes = [describe.low_reliability_note(_)] if any(o.low_reliability for o in shown) else []
        if changes:
            notes.append(_("Dotted line: the EU's composition changes ({change}); lines are not joined across it.").format(  # noqa: E501
                change=change_text(changes, _)))
        return notes

    def chart(self, *, id: str, kind: str, title: str, description: str, specs: tuple[dict, dict],
              notes: list[str], shown: Sequence[Observation], table: tuple[str, str | None],
              computed: bool = False) -> Chart:
        return Chart(
            id=id, kind=kind, title=title, description=description, spec=specs[0], static_spec=specs[1],
            notes=notes, svg="",
            table=data_table(shown, self.compared, self.language, self._, rows=table[0], blocks=table[1]),
            csv=labelled_csv(shown, self.compared, self.language, self._, self.sources),
            provenance=provenance(shown, self.sources, self._, computed=computed),
            has_low_reliability=any(o.low_reliability for o in shown),
            data_file=f"charts/{id}.csv",
        )

    def with_svg(self, chart: Chart) -> Chart:
        if self.cache_dir is not None and self.render:
            chart.svg = render_svg(chart.static_spec, self.cache_dir)
        return chart


def make_kind(kind: str, inputs: Mapping[str, Any]) -> Any:
    """The Altair chart of a kind. Imported here, not above: a build whose
    templates are all on disk never loads Altair (a quarter of a second)."""
    from .kinds import KINDS

    return KINDS[kind](inputs)


def wrap(text: str) -> list[str]:
    """Lines for text drawn under the static chart (Vega does not wrap titles)."""
    return textwrap.wrap(text, STATIC_LINE_CHARACTERS) or [""]


def change_text(changes: Sequence[Break], _: Gettext) -> str:
    """ "EU-28 up to 2019, EU-27 (2020) from 2020" """
    parts = []
    for change in sorted(set(changes), key=lambda b: b.position):
        parts.append(_("{before} up to {year}").format(before=composition_label(change.before, _),
                                                         year=change.before_year))
    last = max(changes, key=lambda b: b.position)
    parts.append(_("{after} from {year}").format(after=composition_label(last.after, _), year=last.after_year))
    return ", ".join(parts)


def year_ticks(years: Sequence[int]) -> str:
    """Tick values counted back from the latest year, as many as the width has room for."""
    first, last = min(years), max(years)
    count = last - first + 1
    return f"sequence({last}, {first - 1}, -max(1, ceil({count} * {YEAR_LABEL_SPACE} / width)))"


def break_rows(changes: Sequence[Break], _: Gettext) -> list[dict]:
    ordered = sorted(set(changes), key=lambda b: b.position)
    return [{"position": b.position, "text": change_text([b], _)} for b in ordered]


def series_breaks(geo: str, groups: tuple[str, ...], years: Sequence[int]) -> list[Break]:
    return breaks({y: segment(geo, groups, y) for y in years})


# -- (a) gap over time ---------------------------------------------------------


def _gap_over_time(kit: Kit) -> Chart | None:
    series, _ = kit.series, kit._
    area = series.eu_aggregate
    shown = series.where(geo=area, sex="T") if area else []
    if not shown:
        return None
    labels = [kit.group(g) for g in series.groups]
    title = _("{indicator}, {area}: {groups} by year").format(
        indicator=kit.indicator.title, area=area_label(area, kit.language, _),
        groups=_(" and ").join([labels[0], *(in_sentence(label, kit.language) for label in labels[1:])]))
    changes = series_breaks(area, series.groups, [o.year for o in shown])
    rows = [observation_record(o, kit.group(o.group), series.groups, kit.indicator.unit, kit.language, _)
            for o in shown]
    notes = kit.notes(shown, changes)
    specs = kit.specs(
        "gap", {"rows": rows, "breaks": break_rows(changes, _)},
        description=title, source=provenance(shown, kit.sources, _).line, notes=notes,
        value_title=kit.value_title(), series_domain=labels, year_ticks=year_ticks([o.year for o in shown]),
    )
    return kit.chart(id=f"{kit.indicator.id}-gap", kind="gap", title=title, specs=specs, notes=notes,
                     shown=shown, table=("year", "geo"),
                     description=describe.describe_gap_over_time(kit.indicator, series, kit.language, _))


# -- (b) country comparison, one year -----------------------------------------


def _country_comparison(kit: Kit, focus: tuple[str, ...]) -> Chart | None:
    series, _, language = kit.series, kit._, kit.language
    year = comparison_year(series)
    if year is None or series.reference is None:
        return None
    pairs: dict[str, Pair] = {}
    for geo in countries(series):
        pair = paired_by_year(series, geo).get(year)
        if pair:
            pairs[geo] = pair
    gaps = {geo: difference(p, series.non_eu, series.reference) for geo, p in pairs.items()}
    # Largest disadvantage for the non-EU group first; focus countries on top.
    sign = 1 if kit.indicator.higher_is_better else -1
    ordered = sorted(gaps, key=lambda geo: (sign * gaps[geo], geo))
    focus_present = [geo for geo in focus if geo in gaps]
    ordered = focus_present + [geo for geo in ordered if geo not in focus_present]
    shown = [pairs[geo][g] for geo in ordered for g in series.groups]
    names = [area_label(geo, language, _) for geo in ordered]
    focus_names = [area_label(geo, language, _) for geo in focus_present]
    title = _("{indicator} by country, {year}").format(indicator=kit.indicator.title, year=year)
    rows = [observation_record(o, kit.group(o.group), series.groups, kit.indicator.unit, language, _)
            for o in shown]
    notes = kit.notes(shown, ())
    specs = kit.specs(
        "countries", {"rows": rows},
        description=title, source=provenance(shown, kit.sources, _).line, notes=notes,
        value_title=kit.value_title(), series_domain=[kit.group(g) for g in series.groups], order=names,
        focus_test=f"indexof({json.dumps(focus_names, ensure_ascii=False)}, datum.value) >= 0",
        options=[None, *sorted(names)], option_labels=[_("All countries"), *sorted(names)],
    )
    description = describe.describe_countries(kit.indicator, series, year, {g: pairs[g] for g in ordered},
                                              tuple(focus_present), language, _)
    return kit.chart(id=f"{kit.indicator.id}-countries", kind="countries", title=title,
                     description=description, specs=specs, notes=notes, shown=shown, table=("geo", None))


# -- (c) gap by sex ------------------------------------------------------------


def _gap_by_sex(kit: Kit) -> Chart | None:
    series, _, language = kit.series, kit._, kit.language
    area = series.eu_aggregate
    if area is None or series.reference is None:
        return None
    records, shown, years = [], [], []
    for sex in ("F", "M"):
        for year, pair in paired_by_year(series, area, sex).items():
            shown.extend(pair[g] for g in series.groups)
            years.append(year)
            records.append(difference_record(
                pair, geo=area, year=year, series=sex_label(sex, _), non_eu=series.non_eu,
                reference=series.reference, unit=kit.indicator.unit, language=language, _=_))
    if not records:
        return None
    group, reference = kit.group(series.non_eu), kit.group(series.reference)
    title = _("{indicator}, {area}: difference between {group} and {reference} by sex").format(
        indicator=kit.indicator.title, area=area_label(area, language, _),
        group=in_sentence(group, language), reference=in_sentence(reference, language))
    changes = series_breaks(area, series.groups, years)
    notes = kit.notes(shown, changes)
    specs = kit.specs(
        "gap_by_sex", {"rows": records, "breaks": break_rows(changes, _)},
        description=title, source=provenance(shown, kit.sources, _, computed=True).line,
        notes=notes, value_title=kit.difference_title(),
        series_domain=[sex_label(s, _) for s in ("F", "M")], year_ticks=year_ticks(years),
        group=group, reference=reference,
    )
    return kit.chart(id=f"{kit.indicator.id}-gap-by-sex", kind="gap_by_sex", title=title, specs=specs,
                     notes=notes, shown=shown, table=("year", "sex"), computed=True,
                     description=describe.describe_gap_by_sex(kit.indicator, series, language, _))
