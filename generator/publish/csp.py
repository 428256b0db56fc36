"""The site's Content-Security-Policy, from an allow-list of known scripts.

Our own code has no inline script: explorer.js, charts.js and the Vega
bundle are files, and chart specs are inline *JSON* data (never executed).
Material for MkDocs inlines three small bootstrap scripts; they are listed
here, exactly (the only part that varies is the relative path to the site's
root), and the policy allows their SHA-256 hashes one by one.

The output is checked against the same list: any other inline script, any
inline event handler and any script from another host fails the build. A
policy derived from whatever the output holds would allow-list an injected
script too. After a Material upgrade changes its scripts, the build says so,
and the list below is reviewed.

Vega runs in interpreter mode (`ast: true`), so no 'unsafe-eval' is needed.
Styles keep 'unsafe-inline': Vega's SVG output and tooltips set style
attributes, which hashes cannot cover.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from generator.problems import Location, Problems

# "." at the root, "../.." two levels down; on 404.html the site's absolute path ("/", "/toolkit/")
_ROOT_PATH = r'(?:\.\.(?:/\.\.)*|\.|/[A-Za-z0-9._~%/-]*)'

# mkdocs-material 9.x, templates/base.html
KNOWN_INLINE_SCRIPTS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(re.escape(text).replace(re.escape("ROOT"), _ROOT_PATH))
    for text in (
        '__md_scope=new URL("ROOT",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
        'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color'
        '.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?'
        '"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media=\'(prefers-color-scheme: '
        'dark)\']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.'
        'getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),'
        'palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries('
        'palette.color))document.body.setAttribute("data-md-color-"+key,value)}',
        'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked='
        'target.name.startsWith("__tabbed_"))',
    )
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)
_DATA_TYPES = ("application/json", "application/ld+json")
# A start tag with its attributes (quoted values may hold spaces and '>'),
# and the attributes in it: an inline handler is an attribute named on…
_START_TAG = re.compile(r"""<[a-zA-Z][\w:-]*((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")
# One attribute with its value. _START_TAG guarantees the attributes are a
# run of well-formed ones, so matching them in turn never starts inside a value.
_ATTRIBUTE = re.compile(r"""\s([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_ADDRESS_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})
_ATTRIBUTE_NAME = re.compile(r"""\s([^\s=>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _is_data(attributes: str) -> bool:
    match = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attributes, re.I)
    return bool(match) and match.group(1).lower() in _DATA_TYPES


def known(body: str) -> bool:
    return any(pattern.fullmatch(body) for pattern in KNOWN_INLINE_SCRIPTS)


def page_script_problems(text: str) -> list[list]:
    """[line, message] for each script of one page that the site must not run."""
    found: list[list] = []
    for match in _SCRIPT.finditer(text):
        attributes, body = match.group(1), match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        source = _SRC.search(attributes)
        if source:
            parts = urlsplit(html.unescape(source.group(1)).strip())
            if parts.scheme or parts.netloc:
                found.append([line, f"script that is not a file of the site: {source.group(1)[:80]}"])
            continue
        if not (_is_data(attributes) or known(body.strip())):
            found.append([line, f"inline script that neither the toolkit nor Material writes: {body.strip()[:80]!r}"])
    for match in _START_TAG.finditer(text):
        attributes = match.group(1).lower()
        if "script:" in attributes or "&" in attributes:
            for attribute in _ATTRIBUTE.finditer(match.group(1)):
                if attribute.group(1).lower() not in _ADDRESS_ATTRIBUTES:
                    continue
                # a browser drops tabs and newlines in an address, and decodes entities first
                value = re.sub(r"[\s\x00-\x1f]", "", html.unescape("".join(v for v in attribute.groups()[1:] if v)))
                if value.lower().startswith(("javascript:", "vbscript:")):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append([line, f"script address in {match.group(0)[:60]!r}"])
        if " on" not in attributes:
            continue
        for name in _ATTRIBUTE_NAME.findall(match.group(1)):
            if name.lower().startswith("on"):
                line = text.count("\n", 0, match.start()) + 1
                found.append([line, f"inline event handler {name}= in {match.group(0)[:60]!r}"])
    return found


def check_scripts(site_dir: Path, known_pages: dict[str, dict[str, list]] | None = None) -> Problems:
    """Every script of the output is a file of the site, data, or a known inline
    script. `known_pages`: what was found on pages already (by path in the site)."""
    problems = Problems()
    for page in sorted(site_dir.rglob("*.html")):
        where = page.relative_to(site_dir).as_posix()
        cached = (known_pages or {}).get(where)
        found = cached["scripts"] if cached and "scripts" in cached else page_script_problems(
            page.read_text(encoding="utf-8", errors="replace"))
        for line, message in found:
            problems.error(Location(where, line), message)
    return problems


def inline_script_hashes(site_dir: Path) -> list[str]:
    """Hashes of the known inline scripts the output holds (only those)."""
    hashes: set[str] = set()
    for page in site_dir.rglob("*.html"):
        for match in _SCRIPT.finditer(page.read_text(encoding="utf-8", errors="replace")):
            attributes, body = match.group(1), match.group(2)
            if _SRC.search(attributes) or _is_data(attributes) or not known(body.strip()):
                continue
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


def content_security_policy(site_dir: Path) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(site_dir)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def nginx_snippet(site_dir: Path) -> str:
    policy = content_security_policy(site_dir)
    return f"""\
# Generated by `toolkit csp` for the site in {site_dir}; regenerate after each
# toolkit or Material upgrade (Material's inline scripts may change).
add_header Content-Security-Policy "{policy}" always;
add_header X-Content-Type-Options "nosniff" always;
add_header Referrer-Policy "same-origin" always;
"""
