"""Third-party browser files the site serves itself, fetched from the npm
registry at a pinned version and verified by their published integrity hash
(never loaded from a CDN at view time)."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from generator.problems import Location, Problems, ToolkitError

# Material's offline plugin would load this shim from unpkg.com; search in a
# file:// copy needs it (workers cannot start from file://).
IFRAME_WORKER = "iframe-worker@1.0.4"
IFRAME_WORKER_INTEGRITY = (
    "sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q=="
)


def iframe_worker_shim(cache_dir: Path) -> bytes:
    cached = cache_dir / "vendor" / "iframe-worker-1.0.4-shim.js"
    if cached.exists():
        return cached.read_bytes()
    npm = shutil.which("npm")
    if npm is None:
        _fail("the offline build needs npm to fetch the pinned iframe-worker shim from the npm registry")
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [npm, "pack", IFRAME_WORKER, "--pack-destination", tmp],
            capture_output=True, text=True, timeout=120,
        )
        tarballs = list(Path(tmp).glob("*.tgz"))
        if result.returncode != 0 or not tarballs:
            _fail(f"`npm pack {IFRAME_WORKER}` failed: {result.stderr.strip()[:300]}")
        data = tarballs[0].read_bytes()
        digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
        if digest != IFRAME_WORKER_INTEGRITY:
            _fail(f"{IFRAME_WORKER} does not match its pinned integrity hash")
        with tarfile.open(tarballs[0]) as archive:
            member = archive.extractfile("package/shim/index.js")
            shim = member.read() if member else b""
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(shim)
    return shim


def _fail(message: str) -> None:
    problems = Problems()
    problems.error(Location("mkdocs.yml"), message)
    raise ToolkitError(problems, "offline build not possible")
