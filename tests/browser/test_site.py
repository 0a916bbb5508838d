"""The site in a real headless Chromium: clean loads, diagrams, language switch, search, copy."""
from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def page_paths(site) -> list[str]:
    """Every page's URL path, zh and en (404.html excluded)."""
    dirs = (p.parent.relative_to(site) for p in site.rglob("index.html"))
    return sorted("/" if d.parts == () else f"/{d.as_posix()}/" for d in dirs)


def test_every_page_loads_cleanly_and_draws_its_diagrams(built_site, site_url, page):
    paths = page_paths(built_site)
    assert len(paths) >= 28
    drawn = 0
    for path in paths:
        url = site_url + path.lstrip("/")
        page.page.goto(url, wait_until="load")
        html = (built_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        expected = html.count('<pre class="mermaid">')
        if expected:
            diagrams = page.page.locator("div.mermaid svg")
            diagrams.nth(expected - 1).wait_for(state="attached")
            assert diagrams.count() == expected, f"{path}: {diagrams.count()}/{expected} diagrams"
            for i in range(expected):
                svg = diagrams.nth(i).evaluate("e => e.outerHTML")
                assert "Syntax error" not in svg, f"{path}: diagram {i + 1} does not parse"
            drawn += expected
        page.page.wait_for_load_state("networkidle")
        assert not page.problems, f"{path}:\n" + "\n".join(page.problems)
    assert drawn > 0, "no Mermaid diagram on the site"
    print(f"{len(paths)} pages, {drawn} diagrams")


def switch_language(page, name: str):
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f'.md-select__link[hreflang="{name}"]').first.click()
    page.wait_for_load_state("load")


def test_language_switcher_stays_on_the_page(site_url, page):
    p = page.page
    p.goto(site_url + "base-handler/")
    assert p.locator("html").get_attribute("lang") == "zh"
    switch_language(p, "en")
    assert p.url.rstrip("/").endswith("/en/base-handler"), p.url
    assert p.locator("html").get_attribute("lang") == "en"
    switch_language(p, "zh")
    assert re.search(r":\d+/base-handler/?$", p.url), p.url
    assert not page.problems, "\n".join(page.problems)


def search(p, query: str, wait_s: float = 30) -> list[str]:
    """Type a query into Material's search box; the result links once there are any.

    The index is built in a web worker after the page loads, and Material searches on key
    events: retype the query until results appear (or give up and return none).
    """
    box = p.locator("input.md-search__input")
    box.click()
    links = p.locator(".md-search-result__item a.md-search-result__link")
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        box.fill(query)
        box.press("End")
        try:
            links.first.wait_for(timeout=1_000)
            return [links.nth(i).get_attribute("href") for i in range(links.count())]
        except PlaywrightTimeout:
            box.fill("")
    return []


@pytest.mark.parametrize("start, query, expect", [
    ("", "张量", "why-handler/"),
    ("en/", "handler", "en/why-handler/"),
])
def test_search_finds_the_handler_page(site_url, page, start, query, expect):
    p = page.page
    p.goto(site_url + start)
    hrefs = search(p, query)
    assert any(urlparse(h).path.endswith("/" + expect) for h in hrefs), (query, hrefs)
    # The index is ready now: a word on no page finds nothing.
    assert search(p, "zebrafish", wait_s=3) == []
    assert not page.problems, "\n".join(page.problems)


def test_code_blocks_have_a_copy_button(site_url, page):
    p = page.page
    for path in ("setup/", "en/setup/", "base-handler/"):
        p.goto(site_url + path)
        blocks = p.locator("div.highlight pre")
        assert blocks.count() > 0, f"{path}: no code block"
        for i in range(blocks.count()):
            copy = blocks.nth(i).locator('button[data-md-type="copy"]')
            assert copy.count() == 1, f"{path}: code block {i + 1} has no copy button"
            target = copy.get_attribute("data-clipboard-target")
            assert p.locator(target).count() == 1, f"{path}: copy button {i + 1} targets nothing"
