"""Facets of the practice explorer, computed at build time.

The page carries the full list grouped by country (readable without
JavaScript); each item has `data-<facet>` attributes holding value codes,
which `explorer.js` filters on and keeps in the URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.countries import country_name
from generator.model.entities import Practice, SiteModel


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    options: list[tuple[str, str]]  # (value code, label)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).casefold()).strip("-")


def _period_bucket(practice: Practice) -> list[str]:
    period = practice.period
    if not period:
        return ["unknown"]
    buckets = [f"{period.start[:3]}0s"]
    if period.ongoing:
        buckets.append("ongoing")
    return buckets


def explorer_context(model: SiteModel, language: str, _: Callable[[str], str]) -> dict[str, Any]:
    practices = model.practices
    values: dict[str, dict[str, list[str]]] = {}
    labels: dict[str, dict[str, str]] = {
        k: {} for k in ("country", "module", "component", "group", "org", "funding", "status", "period")
    }
    for practice in practices:
        facets = {
            "country": list(practice.countries),
            "module": list(practice.module_ids),
            "component": list(practice.block_ids),
            "group": [slug(g) for g in practice.target_groups],
            "org": [practice.organisation.type] if practice.organisation and practice.organisation.type else [],
            "funding": list(practice.funding),
            "status": [practice.status],
            "period": _period_bucket(practice),
        }
        values[practice.id] = facets
        for code in facets["country"]:
            labels["country"][code] = country_name(code, language)
        for module_id in facets["module"]:
            module = model.modules_by_id[module_id]
            labels["module"][module_id] = f"{module.number}. {module.title}"
        for component_id in facets["component"]:
            labels["component"][component_id] = str(model.blocks_by_id[component_id].title)
        for label in practice.target_groups:
            labels["group"][slug(label)] = str(label)
        for code in facets["org"]:
            labels["org"][code] = _(code.replace("_", " ").capitalize())
        for code in facets["funding"]:
            labels["funding"][code] = code if code.isupper() else _(code.replace("_", " ").capitalize())
        labels["status"][practice.status] = _(practice.status.capitalize())
        for bucket in facets["period"]:
            labels["period"][bucket] = _("Ongoing") if bucket == "ongoing" else (
                _("Unknown") if bucket == "unknown" else _("Started in the {decade}s").format(decade=bucket[:-1])
            )
    titles = {
        "country": _("Country"),
        "module": _("Module"),
        "component": _("Building block"),
        "group": _("Target group"),
        "org": _("Organisation type"),
        "funding": _("Funding"),
        "status": _("Status"),
        "period": _("Period"),
    }
    facets = [
        Facet(key, titles[key], sorted(labels[key].items(), key=lambda kv: kv[1].casefold()))
        for key in titles
        if labels[key]
    ]
    # One line of lowercase words per practice for the text filter: no line
    # breaks, which would end the raw HTML block in Markdown.
    texts = {
        p.id: " ".join(
            " ".join(str(x).split()) for x in (p.title, p.area or "", p.summary, *p.target_groups)
        ).casefold()
        for p in practices
    }
    return {"facets": facets, "practice_facets": values, "practice_text": texts}
