"""The bundled practices: coverage of the toolkit, sources, translations, and
links that agree in both directions (model and rendered pages)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

from generator.countries import EU_MEMBER_STATES
from generator.project import Project
from generator.render.site import render_site
from generator.render.urls import MODULE, PRACTICE, relative_url
from generator.sources import load_project, model_for

REPO = Path(__file__).resolve().parents[1]


@cache
def loaded():  # type: ignore[no-untyped-def]
    result = load_project(Project.from_options(REPO, content_dir="content", data_dir="data", languages=("en", "nl"),
                                               cache_dir=str(REPO / ".cache")))
    assert result.ok, [p.format() for p in result.problems.errors]
    return result


@cache
def pages(language: str = "en") -> dict[str, str]:
    return {p.src_path: p.html for p in render_site(loaded(), language).pages}


def test_coverage_of_practices() -> None:
    model = model_for(loaded(), "en")
    assert len(model.practices) >= 30
    per_block = Counter(b for p in model.practices for b in p.block_ids)
    thin = {b.id: per_block[b.id] for m in model.modules for b in m.blocks if per_block[b.id] < 2}
    assert not thin, f"building blocks with fewer than two practices: {thin}"
    member_states = {c for p in model.practices for c in p.countries} & set(EU_MEMBER_STATES)
    assert len(member_states) >= 18, sorted(member_states)
    assert {"national", "regional", "local"} <= {p.level for p in model.practices}
    kinds = {p.organisation.type for p in model.practices if p.organisation}
    assert "public_authority" in kinds and "ngo" in kinds and kinds & {"social_partners", "private"}


def test_every_practice_cites_a_source_anyone_can_open() -> None:
    for practice in model_for(loaded(), "en").practices:
        assert practice.sources, practice.id
        for source in practice.sources:
            assert source.url and source.url.startswith(("https://", "http://")), (practice.id, source)
            assert source.publisher, (practice.id, source)


def test_dutch_is_complete_for_every_practice() -> None:
    missing = [u for u in model_for(loaded(), "nl").untranslated if "practices/" in u.path]
    assert missing == []


def test_practice_and_building_block_list_each_other() -> None:
    model = model_for(loaded(), "en")
    blocks = model.blocks_by_id
    html = pages()
    for practice in model.practices:
        own = html[PRACTICE.format(id=practice.id)]
        for block_id in practice.block_ids:
            block = blocks[block_id]
            assert practice.id in block.practice_ids, (practice.id, block_id)
            module_page = MODULE.format(id=block.module_id)
            # the practice page links to the block's anchor…
            assert f'href="{relative_url(PRACTICE.format(id=practice.id), module_page, True, block_id)}"' in own
            # …and the block's section of the module page links back to the practice, or,
            # past its first twelve, to the explorer filtered on the block
            section = html[module_page].split(f'<h2 id="{block_id}"', 1)[1].split("<h2 ", 1)[0]
            if block.practice_ids.index(practice.id) < 12:
                assert f'href="{relative_url(module_page, PRACTICE.format(id=practice.id))}"' in section
            else:
                assert f"practices/?component={block_id}" in section
    for module in model.modules:
        for block in module.blocks:
            for practice_id in block.practice_ids:
                assert block.id in model.practices_by_id[practice_id].block_ids


def test_every_recommendation_is_linked_or_cross_cutting() -> None:
    model = model_for(loaded(), "en")
    page = pages()["recommendations.md"]
    for rec in model.recommendations:
        assert rec.module_ids or rec.block_ids or rec.cross_cutting, rec.number
        section = page.split(f'id="recommendation-{rec.number}"', 1)[1].split("<h2 ", 1)[0]
        if rec.cross_cutting:
            assert "emt-cross-cutting" in section, rec.number
        for block_id in rec.block_ids:
            assert f"#{block_id}" in section, (rec.number, block_id)
        for module in model.modules:
            if rec.number in module.recommendation_numbers:
                assert module.id in rec.module_ids, (rec.number, module.id)


def test_practice_pages_name_indicators_and_recommendations() -> None:
    model = model_for(loaded(), "en")
    html = pages()
    with_both = 0
    for practice in model.practices:
        own = html[PRACTICE.format(id=practice.id)]
        for indicator_id in practice.indicator_ids:
            assert f"indicators/{indicator_id}/" in own, (practice.id, indicator_id)
        for number in practice.recommendation_numbers:
            assert f"#recommendation-{number}" in own, (practice.id, number)
        with_both += bool(practice.indicator_ids and practice.recommendation_numbers)
    assert with_both >= len(model.practices) // 2


def test_indicator_pages_list_the_practices_and_blocks_of_their_modules() -> None:
    """Each block with its first practices, and the rest one click away in the
    explorer (bounded: the page does not grow with the number of practices)."""
    model = model_for(loaded(), "en")
    html = pages()
    for indicator in model.indicators:
        page = html[f"indicators/{indicator.id}.md"]
        for module_id in indicator.module_ids:
            for block in model.modules_by_id[module_id].blocks:
                assert f"#{block.id}" in page, (indicator.id, block.id)
                for practice_id in block.practice_ids[:6]:
                    assert f"practices/{practice_id}/" in page, (indicator.id, practice_id)
                if len(block.practice_ids) > 6:
                    assert f"practices/?component={block.id}" in page, (indicator.id, block.id)


def test_target_groups_link_to_their_place_on_the_target_groups_page() -> None:
    html = pages()
    anchors = set(re.findall(r'<h2 id="(group-[^"]+)"', html["target-groups.md"]))
    linked = set()
    for _src, page in html.items():
        linked |= set(re.findall(r'target-groups/#(group-[^"]+)"', page))
    assert linked and linked <= anchors, sorted(linked - anchors)
