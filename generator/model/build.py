"""The validated, cross-linked site model for one language.

Plain data: dictionaries of localized fields plus computed links (both
directions: a component lists the practices that illustrate it, a practice
lists its components and modules). Templates read it; nothing here knows
about MkDocs or HTML.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from generator.content.load import ContentSet, Entry
from generator.data.format import Observation
from generator.i18n.overlay import localize


@dataclass
class Untranslated:
    """A field shown in English because the language has no translation yet."""

    path: str  # content file
    field: str
    language: str


@dataclass
class SiteModel:
    language: str
    modules: list[dict[str, Any]]
    components: dict[str, dict[str, Any]]
    practices: list[dict[str, Any]]
    practice_by_id: dict[str, dict[str, Any]]
    recommendations: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    indicator_by_id: dict[str, dict[str, Any]]
    observations: list[Observation] = field(default_factory=list)
    untranslated: list[Untranslated] = field(default_factory=list)

    @property
    def module_by_id(self) -> dict[str, dict[str, Any]]:
        return {m["id"]: m for m in self.modules}


def build_model(
    content: ContentSet,
    language: str,
    observations: list[Observation] | None = None,
    default_language: str = "en",
) -> SiteModel:
    untranslated: list[Untranslated] = []
    overlays = content.translations.get(language, {})

    def localized(entry: Entry) -> dict[str, Any]:
        if language == default_language:
            # a copy: linking adds fields, and the loaded content is shared by
            # every language's build in one process
            return copy.deepcopy(entry.data)
        overlay = overlays.get(entry.type.name, {}).get(entry.key)
        data, missing = localize(entry.data, overlay.data if overlay else None, entry.type)
        untranslated.extend(Untranslated(entry.path, name, language) for name in missing)
        return data

    modules = sorted(
        (localized(e) for e in content.entries["module"].values()), key=lambda m: m["number"]
    )
    practices = sorted(
        (localized(e) for e in content.entries["practice"].values()),
        key=lambda p: p["title"].casefold(),
    )
    recommendations = sorted(
        (localized(e) for e in content.entries["recommendation"].values()),
        key=lambda r: r["number"],
    )
    indicators = [localized(e) for e in content.entries["indicator"].values()]
    model = SiteModel(
        language=language,
        modules=modules,
        components={},
        practices=practices,
        practice_by_id={p["id"]: p for p in practices},
        recommendations=recommendations,
        indicators=indicators,
        indicator_by_id={i["id"]: i for i in indicators},
        observations=observations or [],
        untranslated=untranslated,
    )
    _link(model)
    return model


def _link(model: SiteModel) -> None:
    """Compute the links in both directions, in a stable order."""
    for module in model.modules:
        for component in module["components"]:
            component["module_id"] = module["id"]
            component["practice_ids"] = list(component.get("sources_of_experience", []))
            model.components[component["id"]] = component
        module["recommendation_numbers"] = list(module.get("recommendations", []))
    for practice in model.practices:
        practice["component_ids"] = list(practice.get("components", []))
        practice["module_ids"] = list(practice.get("modules", []))
    for component in model.components.values():
        for practice_id in component["practice_ids"]:
            practice = model.practice_by_id[practice_id]
            if component["id"] not in practice["component_ids"]:
                practice["component_ids"].append(component["id"])
    for practice in model.practices:
        for component_id in practice["component_ids"]:
            component = model.components[component_id]
            if practice["id"] not in component["practice_ids"]:
                component["practice_ids"].append(practice["id"])
            if component["module_id"] not in practice["module_ids"]:
                practice["module_ids"].append(component["module_id"])
    modules = model.module_by_id
    for recommendation in model.recommendations:
        recommendation["module_ids"] = list(recommendation.get("modules", []))
        for module_id in recommendation["module_ids"]:
            if recommendation["number"] not in modules[module_id]["recommendation_numbers"]:
                modules[module_id]["recommendation_numbers"].append(recommendation["number"])
    for module in model.modules:
        for number in module["recommendation_numbers"]:
            recommendation = model.recommendations[number - 1]
            if module["id"] not in recommendation["module_ids"]:
                recommendation["module_ids"].append(module["id"])
        module["recommendation_numbers"].sort()
        module["practice_ids"] = sorted(
            {pid for c in module["components"] for pid in c["practice_ids"]}
            | {p["id"] for p in model.practices if module["id"] in p["module_ids"]},
            key=lambda pid: model.practice_by_id[pid]["title"].casefold(),
        )
        module["indicator_ids"] = list(module.get("indicators", []))
    for indicator in model.indicators:
        indicator["module_ids"] = [m["id"] for m in model.modules if indicator["id"] in m["indicator_ids"]]
    model.indicators.sort(key=lambda i: i["title"].casefold())
