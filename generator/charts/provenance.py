"""Where a chart's figures come from, named from the rows it plots.

Each row carries its `source_dataset`; the site model maps that code to a
`DatasetSource` (publisher, title, page, vintage). "Eurostat" is said only
for rows whose source is Eurostat; a publisher's own rows name the source
the publisher declared; a figure the toolkit computes (a difference between
two groups) says it is computed, and from what.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from generator.data.format import DatasetSource, Observation

Gettext = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One dataset in a source line: its text and, when declared, its web page."""

    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    lead: str  # "Source:" or "Differences computed from"
    refs: tuple[SourceRef, ...]

    @property
    def line(self) -> str:
        """As plain text (under the SVG, in print)."""
        return f"{self.lead} {'; '.join(r.text for r in self.refs)}"


@dataclass(frozen=True)
class Sources:
    """Who published each dataset code (the site model's `datasets`).

    `fallback` is the indicator's own dataset at its provider (Eurostat):
    rows that carry that code without a data package declaring it, as
    `toolkit data import` writes them, are Eurostat's. Any other undeclared
    code is named without a publisher.
    """

    datasets: Mapping[str, DatasetSource]
    fallback: DatasetSource | None = None

    def of(self, code: str) -> DatasetSource | None:
        found = self.datasets.get(code)
        if found is None and self.fallback is not None and self.fallback.code == code:
            return self.fallback
        return found

    def ref(self, code: str, _: Gettext) -> SourceRef:
        return _ref(code, self.of(code), _)


def for_indicator(datasets: Mapping[str, DatasetSource] | None, source: str | None,
                  provider: str) -> Sources:
    fallback = DatasetSource(code=source, publisher="Eurostat") if source and provider == "eurostat" else None
    return Sources(datasets or {}, fallback)


def provenance(
    observations: Iterable[Observation], sources: Sources, _: Gettext, *, computed: bool = False,
) -> Provenance:
    """The sources of the plotted rows, in the order they first appear."""
    codes = dict.fromkeys(o.source_dataset for o in observations)
    lead = _("Differences computed from") if computed else _("Source:")
    return Provenance(lead, tuple(sources.ref(code, _) for code in codes))


def _ref(code: str, source: DatasetSource | None, _: Gettext) -> SourceRef:
    if source is None:
        return SourceRef(_("dataset {code} (publisher not declared)").format(code=code))
    if source.is_eurostat:
        name = _("Eurostat ({dataset})").format(dataset=code)
    elif source.title:
        name = _("{publisher}: {title} ({dataset})").format(
            publisher=source.publisher, title=source.title, dataset=code)
    else:
        name = _("{publisher} ({dataset})").format(publisher=source.publisher, dataset=code)
    if source.vintage:
        text = _("{source}, data of {date}").format(source=name, date=source.vintage.isoformat())
    else:
        text = _("{source}, figures as published").format(source=name)
    url = source.url if source.url and source.url.startswith(("https://", "http://")) else None
    return SourceRef(text, url)
