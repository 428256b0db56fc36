"""Static SVG rendering (vl-convert), safe JSON embedding and the offline bundle.

SVGs are cached on disk by the hash of the canonical spec plus the renderer
version, so an unchanged chart costs a file read instead of ~55 ms of Vega.
The cache holds the finished (accessible) SVG, so a cached chart is one read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from html import escape
from multiprocessing import get_context
from pathlib import Path

import vl_convert

from .style import STATIC_WIDTH, VL_VERSION

RENDER_STATS = {"rendered": 0, "cached": 0}

# Exposes the globals charts.js needs. vega-embed 7 carries vega-interpreter
# and uses it whenever `ast: true` is passed, so no eval/Function is needed
# for expressions; `vega.expressionInterpreter` is left unset on purpose
# (vega-embed would prefer it over its own copy).
_BUNDLE_SNIPPET = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"

_RENDERER = f"vl-convert {getattr(vl_convert, '__version__', '?')} vega-lite {VL_VERSION}"
_SVG_FORMAT = "accessible-6"  # bump when accessible_svg changes what it writes


def spec_key(spec: dict) -> str:
    canonical = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{_RENDERER} {_SVG_FORMAT}\n{canonical}".encode()).hexdigest()


def render_svg(spec: dict, cache_dir: Path) -> str:
    """The chart as an accessible static SVG, rendered once per distinct spec.

    Give it a chart's `static_spec`: a browser spec ("container" width) gets
    the static width here, so it still renders.
    """
    return render_svgs([spec], cache_dir)[0]


def render_svgs(specs: list[dict], cache_dir: Path, workers: int | None = None) -> list[str]:
    """Many charts at once: cached ones are read, the others rendered, in
    parallel processes when there are enough of them (vl-convert renders one
    chart at a time per process, ~40 ms each)."""
    specs = [{**s, "width": STATIC_WIDTH} if s.get("width") == "container" else s for s in specs]
    keys = [spec_key(s) for s in specs]
    found: dict[str, str] = {}
    missing: dict[str, dict] = {}
    for key, spec in zip(keys, specs, strict=True):
        if key in found or key in missing:
            continue
        cached = _read_cached(Path(cache_dir) / f"{key}.svg")
        if cached is None:
            missing[key] = spec
        else:
            found[key] = cached
            RENDER_STATS["cached"] += 1
    workers = min(workers or max(1, (os.cpu_count() or 1) // _side_by_side), len(missing) // _PER_WORKER)
    # Beside another language's build, even one worker is a process of its
    # own: vl-convert's runtime in a small fresh process, not in this large one.
    separate = workers > 1 or (workers == 1 and _side_by_side > 1)
    rendered = _in_processes(list(missing.values()), list(missing), workers) if separate else None
    if rendered is None:
        rendered = [_render_one(spec, key) for key, spec in missing.items()]
    for key, svg in zip(missing, rendered, strict=True):
        if not is_plain_picture(svg):
            raise RuntimeError(f"vl-convert wrote an SVG with active content for chart {key[:8]}")
        _write_cache(Path(cache_dir) / f"{key}.svg", svg)
        found[key] = svg
        RENDER_STATS["rendered"] += 1
    return [found[key] for key in keys]


def _read_cached(path: Path) -> str | None:
    """A cached SVG, or None when it is absent, unreadable or not a plain
    picture: the cache folder is only a file system, so what it gives back
    is checked like any other input before it goes into a page."""
    try:
        svg = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if is_plain_picture(svg):
        return svg
    path.unlink(missing_ok=True)  # rendered again and replaced below
    return None


def _write_cache(path: Path, text: str) -> None:
    """Caching is an optimisation: a read-only or full disk costs speed only."""
    try:
        atomic_write(path, text)
    except OSError:
        pass


# What a static chart is made of. Anything else (script, foreignObject,
# event handlers, links out, style sheets that could load things) means the
# file is not one of ours.
_PICTURE_ELEMENTS = frozenset({
    "svg", "g", "path", "line", "rect", "circle", "ellipse", "polygon", "polyline",
    "text", "tspan", "title", "desc", "defs", "clipPath", "linearGradient",
    "radialGradient", "stop",
})
_PICTURE_ATTRIBUTE = re.compile(
    r"(?:[a-z][a-z0-9-]*|xmlns(?::xlink)?|xml:space|viewBox|clip-path|clipPathUnits|"
    r"gradientUnits|gradientTransform|stop-color|stop-opacity)\Z")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+=\"[^\"<]*\")*)\s*(/?)>")
_ATTRIBUTE = re.compile(r'\s+([^\s=>/]+)="([^"<]*)"')


def is_plain_picture(svg: str) -> bool:
    """True for an SVG made only of drawing elements with inert attributes:
    no script, no event handler, no link other than to its own ids."""
    if not (svg.startswith("<svg") and svg.rstrip().endswith("</svg>")):
        return False  # also catches a file cut short
    tags = _ANY_TAG.findall(svg)
    if svg.count("<") != len(tags):
        return False  # a "<" that starts no plain tag: comment, CDATA, doctype, broken markup
    return all(_plain_tag(tag) for tag in set(tags))  # a chart repeats a few hundred distinct tags


_ANY_TAG = re.compile(r"<[^<>]*>")


def _plain_tag(tag: str) -> bool:
    match = _TAG.fullmatch(tag)
    if match is None or match.group(2) not in _PICTURE_ELEMENTS:
        return False
    for name, value in _ATTRIBUTE.findall(match.group(3)):
        if name.lower().startswith("on") or name == "style" or not _PICTURE_ATTRIBUTE.match(name):
            return False
        if name == "href" and not value.startswith("#"):
            return False
        if "url(" in value and not re.fullmatch(r"url\(#[\w.-]+\)", value):
            return False
    return True


# Starting a process with vl-convert costs about a second; below this many
# charts per extra process, one process is faster.
_PER_WORKER = 40
_side_by_side = 1  # builds running at once, each rendering with its share of the cores


def share_cores(processes: int) -> None:
    """Called before `processes` builds run side by side, so a first build does
    not start a vl-convert worker per core in every language (the memory of
    processes that wait, no speed)."""
    global _side_by_side
    _side_by_side = max(1, processes)


def _in_processes(specs: list[dict], keys: list[str], workers: int) -> list[str] | None:
    """None when worker processes cannot start here (a __main__ that cannot be
    imported again, a sandbox without processes): then one process renders all."""
    try:
        # "spawn": vl-convert runs threads, which a forked child must not inherit.
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            return list(pool.map(_render_one, specs, keys, chunksize=8))
    except (BrokenProcessPool, OSError):
        return None


def _render_one(spec: dict, key: str) -> str:
    raw = vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION)
    return accessible_svg(raw, name=str(spec.get("description") or ""), prefix=f"c{key[:8]}")


def accessible_svg(svg: str, *, name: str, prefix: str) -> str:
    """Root gets role="img" and an accessible name; ids are made page-unique.

    Several inline SVGs on one page would otherwise share vl-convert's
    `clip1`-style ids and clip each other's marks.
    """
    svg = re.sub(r"<script\b.*?</script\s*>", "", svg, flags=re.S | re.I)  # never expected
    # Vega's empty hit-testing paths: nothing to see, and every tag costs the
    # search indexer and the reader's browser some time.
    svg = re.sub(r'<path class="(?:background|foreground)"[^>]*d="(?:M0,0h0v0h0Z|)"[^>]*/>', "", svg)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    title_id = f"{prefix}-title"
    open_tag = re.match(r"<svg\b[^>]*>", svg)
    if open_tag is None:
        raise ValueError("vl-convert returned no <svg> element")
    tag = re.sub(r'\s(role|aria-label|aria-labelledby|aria-roledescription)="[^"]*"', "",
                 open_tag.group(0))
    tag = tag[:-1].rstrip("/") + (
        f' role="img" aria-labelledby="{title_id}" aria-label="{escape(name)}">'
    )
    title = f'<title id="{title_id}">{escape(name, quote=False)}</title>'
    # Inside an image, Vega's roles of mark groups ("graphics-object", no
    # name once its English descriptions are off) would be unnamed objects;
    # its class names and pointer events serve interaction, which a static
    # picture has none of (a tenth of the page's weight).
    body = _flatten_groups(_INNER_ATTRIBUTES.sub("", svg[open_tag.end():]))
    return tag + title + body


_TOKEN = re.compile(r"<g( [^>]*)?>|</g>|[^<]+|<[^>]+>")


def _flatten_groups(svg: str) -> str:
    """Unwrap <g> elements that do nothing (no attributes, or a zero translation);
    the picture is pixel for pixel the same, with half the elements."""
    out, kept = [], []
    for match in _TOKEN.finditer(svg):
        token = match.group(0)
        if token.startswith("<g") and not token.endswith("/>"):
            attributes = (match.group(1) or "").strip()
            keep = attributes not in ("", 'transform="translate(0,0)"')
            kept.append(keep)
            if keep:
                out.append(token)
        elif token == "</g>":
            if kept.pop():
                out.append(token)
        else:
            out.append(token)
    return "".join(out)


_INNER_ATTRIBUTES = re.compile(
    r'\s(?:role|aria-roledescription|aria-label|aria-hidden|class|pointer-events)="[^"]*"')


_UNSAFE_IN_SCRIPT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                     "\u2028": "\\u2028", "\u2029": "\\u2029"}
_UNSAFE_PATTERN = re.compile("[<>&\u2028\u2029]")


def spec_json(spec: dict) -> str:
    """JSON safe inside <script type="application/json">: no `</script>`, `<!--`, `]]>`.

    The escapes are valid JSON, so JSON.parse returns the original strings.
    """
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _UNSAFE_PATTERN.sub(lambda m: _UNSAFE_IN_SCRIPT[m.group(0)], text)


def vega_bundle(cache_dir: Path) -> str:
    """Vega, Vega-Lite and vega-embed as one self-hosted script (~900 KB).

    Defines window.vegaEmbed, window.vega and window.vegaLite. Cached on disk:
    bundling takes over a second.
    """
    version = hashlib.sha256(f"{_RENDERER}\n{_BUNDLE_SNIPPET}".encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"vega-bundle-{version}.js"
    checksum = path.with_suffix(".sha256")
    try:
        bundle = path.read_text(encoding="utf-8")
        if hashlib.sha256(bundle.encode()).hexdigest() == checksum.read_text(encoding="ascii").strip():
            return bundle
    except (OSError, UnicodeDecodeError):
        pass  # absent, unreadable or cut short: bundle it again
    bundle = vl_convert.javascript_bundle(_BUNDLE_SNIPPET, vl_version=VL_VERSION)
    _write_cache(path, bundle)
    _write_cache(checksum, hashlib.sha256(bundle.encode()).hexdigest())
    return bundle


def atomic_write(path: Path, text: str) -> None:
    """Write beside the target, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
