"""Third-party browser files the site serves itself, shipped inside the package
as the npm registry's own tarball and verified by its published integrity hash
before use (never loaded from a CDN at view time, never fetched at build time)."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile

from generator.problems import Location, ToolkitError
from generator.resources import package_file

# Material's offline plugin would load this shim from unpkg.com; search in a
# file:// copy needs it (workers cannot start from file://). MIT licence: the
# tarball holds it (package/LICENSE) and it is served beside the shim.
IFRAME_WORKER_TARBALL = "iframe-worker-1.0.4.tgz"
IFRAME_WORKER_INTEGRITY = (  # `npm view iframe-worker@1.0.4 dist.integrity`
    "sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q=="
)


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def iframe_worker_files() -> dict[str, bytes]:
    """{"shim.js": …, "LICENSE": …} from the verified tarball."""
    data = package_file("vendor", IFRAME_WORKER_TARBALL).read_bytes()
    if integrity(data) != IFRAME_WORKER_INTEGRITY:
        raise ToolkitError.at(
            Location(IFRAME_WORKER_TARBALL),
            "the bundled iframe-worker tarball does not match its pinned integrity hash; reinstall the toolkit",
            "offline build not possible",
        )
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        return {
            "shim.js": archive.extractfile("package/shim/index.js").read(),  # type: ignore[union-attr]
            "LICENSE": archive.extractfile("package/LICENSE").read(),  # type: ignore[union-attr]
        }
