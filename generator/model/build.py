"""Validated content entries → the typed `SiteModel` of one language.

Three steps, each a pure function of its input: localize every entry (the
overlay of the language, with `Fallback` text where a translation is
missing), keep the publisher's subset of modules (a new set of entries, the
references to dropped modules removed), then construct the frozen objects
with their links in both directions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from generator.content.load import ContentSet, Entry
from generator.data.format import DatasetSource, Observation
from generator.i18n.overlay import localize
from generator.model.entities import (
    BuildingBlock,
    Indicator,
    Module,
    Organisation,
    Period,
    Practice,
    Recommendation,
    SeriesSpec,
    SiteModel,
    Source,
    Untranslated,
)

Data = dict[str, Any]  # one validated YAML document (the content layer's form)


@dataclass(frozen=True)
class _Localized:
    modules: list[Data]
    practices: list[Data]
    recommendations: list[Data]
    indicators: list[Data]


def build_model(
    content: ContentSet,
    language: str,
    observations: Iterable[Observation] = (),
    default_language: str = "en",
    modules: tuple[int, ...] = (),
    datasets: dict[str, DatasetSource] | None = None,
) -> SiteModel:
    """The model of `language`; `modules` (numbers) limits it to a publisher's subset."""
    untranslated: list[Untranslated] = []
    localized = _localize(content, language, default_language, untranslated)
    if modules:
        localized = _subset(localized, modules)
    model = _link(localized, language, tuple(observations), tuple(untranslated))
    return replace(model, datasets=dict(datasets or {}))


def _localize(content: ContentSet, language: str, default: str, untranslated: list[Untranslated]) -> _Localized:
    overlays = content.translations.get(language, {})

    def localized(entry: Entry) -> Data:
        if language == default:
            return entry.data
        overlay = overlays.get(entry.type.name, {}).get(entry.key)
        data, missing = localize(entry.data, overlay.data if overlay else None, entry.type)
        untranslated.extend(Untranslated(entry.path, name, language) for name in missing)
        return data

    def valid(kind: str) -> list[Data]:
        return [localized(e) for e in content.entries[kind].values() if e.data]

    return _Localized(valid("module"), valid("practice"), valid("recommendation"), valid("indicator"))


def _subset(localized: _Localized, numbers: tuple[int, ...]) -> _Localized:
    """A publisher's modules: the others vanish, and so do links to them."""
    modules = [m for m in localized.modules if m["number"] in numbers]
    kept = {m["id"] for m in modules}
    blocks = {c["id"] for m in modules for c in m.get("components", [])}

    def without(data: Data, **wanted: set[str]) -> Data:
        return {**data, **{name: [i for i in data.get(name, []) if i in ids] for name, ids in wanted.items()}}

    return _Localized(
        modules=modules,
        practices=[without(p, modules=kept, components=blocks) for p in localized.practices],
        recommendations=[without(r, modules=kept, components=blocks) for r in localized.recommendations],
        indicators=localized.indicators,
    )


# -- construction with links -------------------------------------------------------------


def _link(src: _Localized, language: str, observations: tuple[Observation, ...],
          untranslated: tuple[Untranslated, ...]) -> SiteModel:
    block_module = {c["id"]: m["id"] for m in src.modules for c in m.get("components", [])}
    practice_ids = {p["id"] for p in src.practices}

    # practice ↔ block: named on either side
    practices_of_block: dict[str, list[str]] = defaultdict(list)
    blocks_of_practice: dict[str, list[str]] = defaultdict(list)
    for module in src.modules:
        for component in module.get("components", []):
            for pid in component.get("sources_of_experience", []):
                if pid in practice_ids:
                    _add(practices_of_block[component["id"]], pid)
                    _add(blocks_of_practice[pid], component["id"])
    for practice in src.practices:
        for block_id in practice.get("components", []):
            if block_id in block_module:
                _add(blocks_of_practice[practice["id"]], block_id)
                _add(practices_of_block[block_id], practice["id"])

    # practice → modules: named, or through its blocks
    modules_of_practice: dict[str, list[str]] = {}
    module_ids = {m["id"] for m in src.modules}
    for practice in src.practices:
        named = [m for m in practice.get("modules", []) if m in module_ids]
        through = [block_module[b] for b in blocks_of_practice[practice["id"]]]
        modules_of_practice[practice["id"]] = list(dict.fromkeys([*named, *through]))

    # recommendation ↔ module and block, keyed by number (never by position)
    recs_of_module: dict[str, list[int]] = defaultdict(list)
    recs_of_block: dict[str, list[int]] = defaultdict(list)
    modules_of_rec: dict[int, list[str]] = defaultdict(list)
    for module in src.modules:
        for number in module.get("recommendations", []):
            _add(recs_of_module[module["id"]], number)
            _add(modules_of_rec[number], module["id"])
    for rec in src.recommendations:
        for module_id in rec.get("modules", []):
            if module_id in module_ids:
                _add(recs_of_module[module_id], rec["number"])
                _add(modules_of_rec[rec["number"]], module_id)
        for block_id in rec.get("components", []):
            if block_id in block_module:
                _add(recs_of_block[block_id], rec["number"])
                _add(recs_of_module[block_module[block_id]], rec["number"])
                _add(modules_of_rec[rec["number"]], block_module[block_id])
    rec_numbers = {r["number"] for r in src.recommendations}

    titles = {p["id"]: str(p["title"]).casefold() for p in src.practices}

    def by_title(ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(dict.fromkeys(ids), key=lambda pid: (titles[pid], pid)))

    blocks_of_module: dict[str, tuple[BuildingBlock, ...]] = {}
    for module in src.modules:
        blocks_of_module[module["id"]] = tuple(
            _block(c, module["id"], tuple(practices_of_block[c["id"]]),
                   tuple(sorted(recs_of_block[c["id"]])))
            for c in module.get("components", [])
        )
    modules = tuple(sorted(
        (_module(m, blocks_of_module[m["id"]],
                 tuple(sorted(n for n in recs_of_module[m["id"]] if n in rec_numbers)),
                 by_title(pid for pid, mods in modules_of_practice.items() if m["id"] in mods))
         for m in src.modules),
        key=lambda m: m.number,
    ))
    indicator_ids = {i["id"] for i in src.indicators}
    indicators_of_module = {m.id: tuple(i for i in m.indicator_ids if i in indicator_ids) for m in modules}
    practices = tuple(sorted(
        (_practice(p, tuple(modules_of_practice[p["id"]]), tuple(blocks_of_practice[p["id"]]),
                   tuple(sorted({n for b in blocks_of_practice[p["id"]] for n in recs_of_block[b]})),
                   tuple(dict.fromkeys(i for m in modules_of_practice[p["id"]] for i in indicators_of_module[m])))
         for p in src.practices),
        key=lambda p: (p.title.casefold(), p.id),
    ))
    recommendations = tuple(sorted(
        (_recommendation(r, tuple(modules_of_rec[r["number"]]),
                         tuple(b for b in r.get("components", []) if b in block_module))
         for r in src.recommendations),
        key=lambda r: r.number,
    ))
    indicators = tuple(sorted(
        (_indicator(i, tuple(m.id for m in modules if i["id"] in m.indicator_ids)) for i in src.indicators),
        key=lambda i: (i.title.casefold(), i.id),
    ))
    return SiteModel(language, modules, practices, recommendations, indicators, observations=observations,
                     untranslated=untranslated)


def _add(items: list, value: Any) -> None:
    if value not in items:
        items.append(value)


def _sources(items: Iterable[Data]) -> tuple[Source, ...]:
    return tuple(Source(s["title"], s.get("url"), s.get("publisher")) for s in items)


def _block(c: Data, module_id: str, practice_ids: tuple[str, ...], recs: tuple[int, ...]) -> BuildingBlock:
    return BuildingBlock(
        id=c["id"], module_id=module_id, title=c["title"], relevance_and_purpose=c["relevance_and_purpose"],
        target_groups=tuple(c.get("target_groups", ())), preconditions=c.get("preconditions"),
        implementation=tuple(c.get("implementation", ())), follow_up=c.get("follow_up"), costs=c.get("costs"),
        more_information=c.get("more_information"), actors=tuple(c.get("actors", ())),
        governance_levels=tuple(c.get("governance_levels", ())), practice_ids=practice_ids,
        recommendation_numbers=recs,
    )


def _module(m: Data, blocks: tuple[BuildingBlock, ...], recs: tuple[int, ...], practices: tuple[str, ...]) -> Module:
    return Module(
        id=m["id"], number=m["number"], theme=m["theme"], title=m["title"], summary=m["summary"], blocks=blocks,
        context=m.get("context"), recommendation_numbers=recs,
        common_basic_principles=tuple(m.get("common_basic_principles", ())),
        indicator_ids=tuple(m.get("indicators", ())), further_reading=_sources(m.get("further_reading", ())),
        practice_ids=practices,
    )


def _practice(p: Data, modules: tuple[str, ...], blocks: tuple[str, ...], recs: tuple[int, ...],
              indicators: tuple[str, ...]) -> Practice:
    period = p.get("period")
    organisation = p.get("organisation")
    return Practice(
        id=p["id"], title=p["title"], countries=tuple(p["country"]), summary=p["summary"], status=p["status"],
        area=p.get("area"), period=Period(str(period["start"]), period.get("end")) if period else None,
        challenge=p.get("challenge"), how_it_works=p.get("how_it_works"), results=p.get("results"),
        evaluation=p.get("evaluation"), target_groups=tuple(p.get("target_groups", ())),
        organisation=Organisation(organisation["name"], organisation.get("type")) if organisation else None,
        level=p.get("level"), funding=tuple(p.get("funding", ())), sources=_sources(p.get("sources", ())),
        updated=p.get("updated"), module_ids=modules, block_ids=blocks, recommendation_numbers=recs,
        indicator_ids=indicators,
    )


def _recommendation(r: Data, modules: tuple[str, ...], blocks: tuple[str, ...]) -> Recommendation:
    return Recommendation(
        number=r["number"], addressee=r["addressee"], section=r["section"], text=r["text"],
        module_ids=modules, block_ids=blocks, cross_cutting=bool(r.get("cross_cutting", False)),
    )


def _indicator(i: Data, modules: tuple[str, ...]) -> Indicator:
    series = i.get("series")
    return Indicator(
        id=i["id"], domain=i["domain"], title=i["title"], definition=i["definition"], age=i["age"],
        unit=i["unit"], breakdown=i["breakdown"], higher_is_better=i["higher_is_better"], source=i.get("source"),
        provider=i.get("provider", "eurostat"),
        series=SeriesSpec(series["indicator"], series["age"], series["unit"], bool(series.get("by_sex", False)))
        if series else None,
        module_ids=modules,
    )
