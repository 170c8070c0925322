"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Every page a test opens is watched: console errors and any request that leaves
127.0.0.1 fail the test at teardown.
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    pw_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (.ci/run does)")
    with pw_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


class PageWatch:
    def __init__(self):
        self.console_errors: list[str] = []
        self.external: list[str] = []
        self.failed: list[str] = []
        self.expected: list[str] = []  # substrings of console errors a test expects (e.g. a 404 it asked for)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.console_errors if not any(x in e for x in self.expected)]


@pytest.fixture()
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    watch = PageWatch()

    def on_console(msg):
        if msg.type == "error":
            watch.console_errors.append(msg.text)

    def on_request(req):
        host = urlparse(req.url).hostname
        if req.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            watch.external.append(req.url)

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: watch.console_errors.append(f"pageerror: {exc}"))
    pg.on("request", on_request)
    pg.watch = watch
    pg.base = live_server
    yield pg
    context.close()
    assert not watch.external, f"requests left the server: {watch.external[:5]}"
    assert not watch.unexpected_errors(), f"console errors: {watch.unexpected_errors()[:5]}"
