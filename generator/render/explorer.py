"""The practice explorer: its facets, its pages and its data, computed at build time.

Without JavaScript the explorer is a list of every practice by title, in
pages of `PAGE_SIZE` (so a page's size, and what one edit re-renders, stays
bounded at any number of practices). With JavaScript, `explorer.js` loads
`practices/explorer-data.js` (every practice with its facet values and
words) and filters all of them at once, keeping the state in the URL.
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
    # The words the text filter looks in, lowercase, on one line
    texts = {
        p.id: " ".join(
            " ".join(str(x).split())
            for x in (p.title, p.area or "", p.organisation.name if p.organisation else "",
                      " ".join(str(t) for t in p.summary.split()[:60]), *p.target_groups)
        ).casefold()
        for p in practices
    }
    return {"facets": facets, "practice_facets": values, "practice_text": texts}


PAGE_SIZE = 100


def explorer_pages(model: SiteModel) -> list[tuple[str, list[Practice]]]:
    """(source path, practices) of each page of the no-JavaScript list, by title."""
    from generator.render import urls

    practices = list(model.practices)
    chunks = [practices[i:i + PAGE_SIZE] for i in range(0, len(practices), PAGE_SIZE)] or [[]]
    return [(urls.EXPLORER if n == 1 else urls.EXPLORER_PAGE.format(n=n), chunk)
            for n, chunk in enumerate(chunks, start=1)]


def explorer_data_script(model: SiteModel, context: dict[str, Any], language: str, status: Callable[[str], str],
                         directory_urls: bool) -> bytes:
    """`window.emtExplorer`: every practice with what the explorer filters on."""
    import json

    from generator.render import urls

    keys = [facet.key for facet in context["facets"]]
    rows = []
    for p in model.practices:
        rows.append([
            p.id, str(p.title), urls.page_url(urls.PRACTICE.format(id=p.id), directory_urls),
            ", ".join(country_name(c, language) for c in p.countries), str(p.area or ""), status(p.status),
            [context["practice_facets"][p.id][key] for key in keys], context["practice_text"][p.id],
        ])
    payload = json.dumps({"keys": keys, "practices": rows}, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.emtExplorer={payload};\n".encode()
