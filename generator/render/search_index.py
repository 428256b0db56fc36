"""The site's search index, built from the model for one language.

Material's search cannot stem English for us (it drops results whose text
does not literally hold the typed word) and ships every page's full text, 68
MB at 10,000 practices. This index is the toolkit's own: each practice is
findable by its title, countries, area, organisation, target groups and the
words of its summary; modules, building blocks, recommendations, indicators
and the reader pages by their text. Words are folded (case, accents) and
stemmed with light per-language rules that `assets/search.js` applies to the
query in exactly the same way (a browser test compares the two).

The index is a script (`search/index.js` defining `window.emtSearchIndex`):
it loads under the Content-Security-Policy ('self') and from file:// alike.
Postings are sorted document numbers, delta-encoded in base 36.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.countries import country_name
from generator.model.entities import SiteModel
from generator.render import text, urls

# --- words ----------------------------------------------------------------------------

_SPLIT = re.compile(r"[^0-9a-z]+")
_DOUBLED = re.compile(r"([bcdfghjklmnpqrstvwxz])\1$")
_OPEN = re.compile(r"(^|[^aeiou])[aeou][bcdfghjklmnpqrstvwxz]$")
_VOWELS = re.compile(r"[aeiouy]+")

STOP_WORDS = {
    "en": set("a an and are as at be by for from has have in is it its of on or that the this to was were "
              "which with".split()),
    "nl": set("de het een en van in op te dat die is zijn voor met als aan bij door om of ook er naar "
              "uit tot".split()),
    "de": set("der die das und in den von zu mit ist im dem nicht ein eine als auch es an auf fur".split()),
    "fr": set("le la les de des du et en un une pour dans par sur au aux est".split()),
}


def fold(word: str) -> str:
    """Lowercase without accents: "Malmö" and "malmo" are one word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str, language: str) -> str:
    """Light stemming (plurals and common endings); mirrored in assets/search.js."""
    if language == "en" and len(word) > 3:
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if word.endswith(("sses", "shes", "ches", "xes", "zes")):
            return word[:-2]
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        if word.endswith("ing") and len(word) > 5:
            return word[:-3]
        if word.endswith("ed") and len(word) > 4:
            return word[:-2]
        return word
    if language == "nl" and len(word) > 4:
        if word.endswith("en") and len(word) > 4:
            base = word[:-2]
            if _DOUBLED.search(base):  # lessen → les, cursussen → cursus: a short vowel
                return base[:-1]
            if _OPEN.search(base) and len(_VOWELS.findall(base)) == 1:  # talen → taal, straten → straat
                return base[:-2] + base[-2] + base[-2:]
            return base
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
        return word
    if language == "de" and len(word) > 4:
        for ending in ("en", "er", "es", "e", "n", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)]
        return word
    if language in ("fr", "es", "it", "pt") and len(word) > 4 and word.endswith(("s", "x")):
        return word[:-1]
    return word


def terms(value: str, language: str) -> list[str]:
    stop = STOP_WORDS.get(language, set())
    return [stem(w, language) for w in _SPLIT.split(fold(value)) if len(w) > 1 and w not in stop]


# --- documents --------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchDoc:
    url: str  # relative to the language's root, as MkDocs writes it
    title: str
    kind: str  # "Practice", "Module"… in the page's language
    snippet: str
    title_text: str  # searched with a higher weight
    body_text: str


_TAG = re.compile(r"<[^>]+>")
# not searched: tables of figures, forms, scripts, the page title (searched as
# the title) and the headings' permalink signs
_EXCLUDED_BLOCK = re.compile(r"<(details|form|table|script|h1)\b[^>]*>.*?</\1>|<a class=\"headerlink\"[^>]*>.*?</a>",
                             re.S | re.I)


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", _EXCLUDED_BLOCK.sub(" ", markup))).split())


def documents(model: SiteModel, language: str, _: Callable[..., str], render: Callable[[str], str],
              directory_urls: bool, page_html: dict[str, str]) -> list[SearchDoc]:
    def url(src: str, anchor: str = "") -> str:
        return urls.page_url(src, directory_urls) + (f"#{anchor}" if anchor else "")

    def md(value: str | None) -> str:
        return text.plain_text(value, render, limit=100_000) if value else ""

    docs: list[SearchDoc] = []
    for practice in model.practices:
        names = [country_name(c, language) for c in practice.countries]
        facts = [*names, *practice.countries, practice.area or "",
                 practice.organisation.name if practice.organisation else "", *map(str, practice.target_groups)]
        summary = md(practice.summary)
        docs.append(SearchDoc(url(urls.PRACTICE.format(id=practice.id)), str(practice.title), _("Practice"),
                              " · ".join(filter(None, [", ".join(names), practice.area or ""])) + " — "
                              + text.plain_text(practice.summary, render, limit=180),
                              str(practice.title), " ".join([*facts, summary])))
    for module in model.modules:
        docs.append(SearchDoc(url(urls.MODULE.format(id=module.id)), str(module.title), _("Module"),
                              text.plain_text(module.summary, render, limit=180), str(module.title),
                              " ".join([md(module.summary), md(module.context)])))
        for block in module.blocks:
            body = " ".join([md(block.relevance_and_purpose), *map(str, block.target_groups), md(block.preconditions),
                             *(md(step) for step in block.implementation), md(block.follow_up)])
            docs.append(SearchDoc(url(urls.MODULE.format(id=module.id), block.id), str(block.title),
                                  _("Building block"), text.plain_text(block.relevance_and_purpose, render, limit=180),
                                  str(block.title), body))
    for rec in model.recommendations:
        label = _("Recommendation {n}", n=rec.number)
        docs.append(SearchDoc(url(urls.RECOMMENDATIONS, f"recommendation-{rec.number}"), label,
                              _("Recommendations"), text.plain_text(rec.text, render, limit=180), label,
                              " ".join([md(rec.text), str(rec.section)])))
    for indicator in model.indicators:
        docs.append(SearchDoc(url(urls.INDICATOR.format(id=indicator.id)), str(indicator.title), _("Indicator"),
                              text.plain_text(indicator.definition, render, limit=180), str(indicator.title),
                              md(indicator.definition)))
    for src, kind in ((urls.ABOUT, _("About")), (urls.GLOSSARY, _("Glossary")), (urls.PROPOSE, _("About")),
                      (urls.ACCESSIBILITY, _("About")), (urls.TARGET_GROUPS, _("Target groups"))):
        if src in page_html:
            body = _plain(page_html[src])
            title = body.split(" ", 12)
            docs.append(SearchDoc(url(src), _page_title(page_html[src]) or " ".join(title[:6]), kind,
                                  body[:180], _page_title(page_html[src]), body))
    return docs


def _page_title(markup: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.S)
    return " ".join(html.unescape(_TAG.sub("", match.group(1))).split()) if match else ""


# --- the index -------------------------------------------------------------------------


def _postings(numbers: Iterable[int]) -> str:
    out, previous = [], 0
    for number in sorted(set(numbers)):
        out.append(_base36(number - previous))
        previous = number
    return ",".join(out)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if number == 0:
        return "0"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out


def search_index_script(docs: list[SearchDoc], language: str) -> bytes:
    title_terms: dict[str, list[int]] = defaultdict(list)
    body_terms: dict[str, list[int]] = defaultdict(list)
    for number, doc in enumerate(docs):
        for term in set(terms(doc.title_text, language)):
            title_terms[term].append(number)
        for term in set(terms(doc.body_text, language)):
            body_terms[term].append(number)
    index = {
        "lang": language,
        "docs": [[d.url, d.title, d.kind, d.snippet] for d in docs],
        "title": {t: _postings(n) for t, n in sorted(title_terms.items())},
        "body": {t: _postings(n) for t, n in sorted(body_terms.items())},
    }
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    # a script, so "</script>" and U+2028 must not be able to end it or a line
    payload = payload.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.emtSearchIndex={payload};\n".encode()
