"""The "adding the figures" block of an empty indicator in a real browser:
WCAG 2.1 AA (axe-core) in both colour schemes, and a phone-width page that the
long command does not widen."""

from __future__ import annotations

import pytest

from tests.browser_support import AXE_TAGS, goto
from tests.test_browser import _format_violations

pytestmark = pytest.mark.slow

EMPTY_PAGES = {"activity": "en/indicators/activity_rate/", "pisa-nl": "nl/indicators/low_achievers/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(EMPTY_PAGES))
def test_adding_the_figures_block_passes_axe(name, scheme, new_context, axe):
    context, recorder = new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = goto(context, EMPTY_PAGES[name], idle=False)
    assert page.locator("#adding-figures").is_visible()
    assert page.locator("pre.emt-command code").inner_text().startswith("toolkit data import ")
    page.wait_for_timeout(150)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, f"{name} ({scheme}): axe violations\n{_format_violations(violations)}"
    assert not recorder.errors


@pytest.mark.parametrize("name", list(EMPTY_PAGES))
def test_command_does_not_widen_a_phone_page(name, new_context):
    context, _ = new_context(viewport={"width": 360, "height": 740})
    page = goto(context, EMPTY_PAGES[name], idle=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
