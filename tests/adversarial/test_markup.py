"""Markup written by a contributor, a translator or a publisher never runs.

One site is built with script payloads in every kind of string that reaches a
page: content fields (titles reach the navigation), a translation overlay, a
UI catalogue, configuration values, and attribute-list syntax that a second
Markdown pass would turn into event handlers. The build succeeds; every page
type is then opened in Chromium under the site's own Content-Security-Policy
with a dialog listener and a CSP-violation listener, and the DOM is searched
for event-handler attributes. Each class has more than one payload.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adversarial.conftest import set_text
from tests.browser_support import serving_with_policy
from tests.conftest import FIXTURES, run_toolkit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAYLOADS = {
    # content that reaches the navigation, titles and headings
    "module title": 'Module <img src=x onerror=alert("module")> "><svg onload=alert(2)>',
    "block title": "Block <script>alert('block')</script>",
    "practice title": "Practice ![x](y){: onerror=alert('attr')} <b onmouseover=alert(5)>b</b>",
    # Markdown that a second Markdown pass with attr_list would arm
    "summary": "Text {: onclick=alert('brace')}\n\n![i](https://sources.invalid/i.png){: onerror=alert(7)}\n\n"
               "<details open ontoggle=alert(8)>x</details> <a href='https://sources.invalid/' onclick='alert(9)'>a</a>",
    "target group": "<img src=x onerror=alert('group')>",
    # a translation overlay and a UI catalogue
    "overlay title": "Vertaald <img src=x onerror=alert('overlay')> <iframe src=javascript:alert(11)>",
    "catalogue": "Home <img src=x onerror=alert('catalogue')>",
    # configuration values Material prints as HTML
    "site_name": "Sample <img src=x onerror=alert('site')> & Co",
    "site_description": '"><script>alert("description")</script>',
    "copyright": "<a href=\"javascript:alert('copyright')\">c</a><img src=x onerror=alert(14)>",
    "organisation": "<svg onload=alert('organisation')>",
    "toggle": '"><img src=x onerror=alert("toggle")>',
}


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(FIXTURES / "sample", project)
    module = project / "content/modules/sample-module.yml"
    set_text(module, "title: Sample module for tests", f"title: {_yaml(PAYLOADS['module title'])}")
    set_text(module, "title: Sample building block", f"title: {_yaml(PAYLOADS['block title'])}")
    set_text(module, "target_groups: [test group A, test group B]",
             f"target_groups: [{_yaml(PAYLOADS['target group'])}, test group B]")
    practice = project / "content/practices/sample-practice.yml"
    set_text(practice, "title: Sample practice in Testville", f"title: {_yaml(PAYLOADS['practice title'])}")
    set_text(practice, "summary: |\n  A synthetic practice located in Testville.\n",
             f"summary: {_yaml(PAYLOADS['summary'])}\n")
    overlay = project / "content/translations/nl/modules/sample-module.yml"
    overlay.parent.mkdir(parents=True)
    overlay.write_text(f"id: sample-module\ntitle: {_yaml(PAYLOADS['overlay title'])}\n")
    (project / "messages").mkdir()
    (project / "messages/en.yml").write_text(f'"Home": {_yaml(PAYLOADS["catalogue"])}\n')
    config = project / "mkdocs.yml"
    set_text(config, "site_name: Sample Toolkit", f"site_name: {_yaml(PAYLOADS['site_name'])}")
    set_text(config, "site_description: A flexible", f"copyright: {_yaml(PAYLOADS['copyright'])}\n"
             f"site_description: {_yaml(PAYLOADS['site_description'])}\nx_unused: A flexible")
    config.write_text(config.read_text().replace("\nx_unused: A flexible", "\n# A flexible"))
    set_text(config, "name: Switch to dark mode", f"name: {_yaml(PAYLOADS['toggle'])}")
    set_text(config, "      languages: [en]", "      languages: [en, nl]\n      messages_dir: messages\n"
             f"      accessibility:\n        organisation: {_yaml(PAYLOADS['organisation'])}")
    result = run_toolkit(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serving_with_policy(hostile_site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(browser):  # type: ignore[no-untyped-def]
    return browser  # the session's one Chromium (Playwright allows one per thread)


PAGES = ["en/", "en/modules/sample-module/", "en/practices/sample-practice/", "en/practices/",
         "en/target-groups/", "en/accessibility/", "en/recommendations/", "en/practices/by-country/",
         "nl/", "nl/modules/sample-module/", "nl/practices/sample-practice/"]


def _nothing_runs(chromium, url: str, action=None) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + (e.sample || e.blockedURI)));"
        )
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        if action:
            action(page)
        page.mouse.move(200, 200)
        page.wait_for_timeout(300)
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
            ".filter(a => a.name.startsWith('on')).map(a => e.tagName + '[' + a.name + ']'))"
        )
        assert dialogs == [], (url, dialogs)
        assert page.evaluate("window.__csp") == [], url
        assert handlers == [], (url, handlers)
        assert page.locator("iframe").count() == 0, url
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_any_page(path: str, chromium, hostile_url: str) -> None:  # type: ignore[no-untyped-def]
    _nothing_runs(chromium, hostile_url + path)


@pytest.mark.parametrize("query", ["onerror", "Practice", "script"])
def test_no_payload_runs_in_search_results(query: str, chromium, hostile_url: str) -> None:  # type: ignore[no-untyped-def]
    def search(page) -> None:  # type: ignore[no-untyped-def]
        page.locator("label.md-search__icon[for='__search'], .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially(query, delay=20)
        page.wait_for_timeout(800)

    _nothing_runs(chromium, hostile_url + "en/", search)


def test_payloads_show_as_text(hostile_site: Path) -> None:
    """What the reader sees is the text as written, escaped: nothing was dropped silently."""
    home = (hostile_site / "en/index.html").read_text()
    assert "Sample &lt;img src=x onerror=alert(&#x27;site&#x27;)&gt; &amp; Co" in home  # site name, header
    assert "Home &lt;img src=x onerror=alert(&#x27;catalogue&#x27;)&gt;" in home  # nav label from the catalogue
    module = (hostile_site / "en/modules/sample-module/index.html").read_text()
    assert "Module &lt;img src=x onerror=alert(&#34;module&#34;)&gt;" in module or \
        "Module &lt;img src=x onerror=alert(&quot;module&quot;)&gt;" in module
    practice = (hostile_site / "en/practices/sample-practice/index.html").read_text()
    assert "{: onerror=alert(&#39;attr&#39;)}" in practice or "{: onerror=alert(&#x27;attr&#x27;)}" in practice
    dutch = (hostile_site / "nl/modules/sample-module/index.html").read_text()
    assert "Vertaald &lt;img" in dutch
