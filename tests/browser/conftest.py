"""The built site served on loopback and opened in Debian's headless Chromium."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
from urllib.parse import urlparse

import pytest

from tsharness.needs import require
from tsharness.net import free_port, wait_for

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Material draws Mermaid diagrams into a closed shadow root; open it so the test can see the svg.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def serve(site):
    """`python -m http.server` for `site` on a free loopback port, always stopped."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: urllib.request.urlopen(url, timeout=1).close() or True, 10, 0.1, url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def site_url(built_site):
    yield from serve(built_site)


@pytest.fixture(scope="session")
def quiet_site_url(built_site, tmp_path_factory):
    """The site with a search index that has its config but no documents: every page load builds
    the index in a web worker (about a CPU-second each over the real one). Search is tested on the real
    site (site_url)."""
    site = tmp_path_factory.mktemp("quiet") / "site"
    shutil.copytree(built_site, site)
    index = site / "search" / "search_index.json"
    config = json.loads(index.read_text(encoding="utf-8"))
    assert config["docs"], "the built search index has no documents"
    index.write_text(json.dumps({**config, "docs": []}), encoding="utf-8")
    yield from serve(site)


@pytest.fixture(scope="session")
def browser():
    require("chromium", "The browser tests")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        # Anything not on loopback goes to a proxy port reserved for this run where nothing listens,
        # and fails there (loopback never uses a proxy). Routing requests through the test instead
        # would turn the browser's cache off: every page would parse its 3 MB of script anew.
        dead_proxy = f"--proxy-server=http://127.0.0.1:{free_port()}"
        b = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, dead_proxy])
        yield b
        b.close()


class Watched:
    """A page that records console errors, failed requests and any non-loopback request."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: r.status >= 400 and self.problems.append(
            f"HTTP {r.status}: {r.url}"))
        page.on("request", self._only_loopback)

    def _failed(self, request):
        # ERR_ABORTED: cancelled by leaving the page (e.g. the search worker still loading);
        # a missing file shows up as an HTTP 404 response instead.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed: {request.url} ({request.failure})")

    def _only_loopback(self, request):
        host = urlparse(request.url).hostname
        if host not in {"127.0.0.1", "localhost"} and not request.url.startswith(("data:", "blob:")):
            self.problems.append(f"external request: {request.url}")


def watched_page(browser, **context_options):
    """A fresh context's page, in Chinese, shadow roots open, watched; close its context after."""
    context = browser.new_context(locale="zh-CN", **context_options)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    p = context.new_page()
    p.set_default_timeout(15_000)
    return context, Watched(p)


@pytest.fixture
def page(browser):
    context, watched = watched_page(browser)
    yield watched
    context.close()


@pytest.fixture(scope="module")
def wide_page(browser):
    """One page for a whole module, 1280 px wide (a desktop window)."""
    context, watched = watched_page(browser, viewport={"width": 1280, "height": 900})
    yield watched
    context.close()
