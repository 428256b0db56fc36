"""Shared browser-test pieces (registered in conftest.py): one site build per
session served on 127.0.0.1, one Debian Chromium, contexts that record console
errors and requests, and axe-core. Browser tests never skip: a missing
browser is a failure."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path(os.environ.get("EMT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# --------------------------------------------------------------------------- fixtures


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("browser-site") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(target)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"site build failed:\n{result.stdout}\n{result.stderr}"
    assert (target / "en" / "index.html").is_file(), "build wrote no en/index.html"
    return target


@contextmanager
def serving(site_dir: Path, handler: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (port 0: a free port) for the block's duration."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serving_with_policy(site_dir: Path) -> Iterator[str]:
    """Serve a built site with the Content-Security-Policy `toolkit csp` gives for it."""
    from generator.publish.csp import content_security_policy

    policy = content_security_policy(site_dir)

    class Handler(_QuietHandler):
        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", policy)
            super().end_headers()

    with serving(site_dir, Handler) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is None:
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
            "(or set EMT_CHROMIUM to a Chromium binary). Browser tests do not skip.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - the test extra is missing
        pytest.fail(f"playwright is not installed ({error}): pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Recorder:
    """Console errors, page errors and every request of one browser context."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach_page(self, page) -> None:
        page.on(
            "console",
            lambda msg: self.errors.append(f"console.{msg.type}: {msg.text} ({msg.location})")
            if msg.type == "error"
            else None,
        )
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))


@pytest.fixture
def new_context(browser, base_url):
    """Factory: a fresh context (own storage) that records errors and requests."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=base_url, **options)
        recorder = Recorder()
        context.on("request", lambda request: recorder.requests.append(request.url))
        context.on("page", recorder.attach_page)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context, recorder

    yield make
    for context in contexts:
        context.close()


def goto(context, path: str, idle: bool = True):
    """Open path; with idle, also wait until the network is quiet (search index, charts)."""
    page = context.new_page()
    page.goto(path, wait_until="load")
    if idle:
        page.wait_for_load_state("networkidle")
    return page


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


