"""The site in a real headless Chromium: every page opened once (clean loads, diagrams, source that
fits the column), then the language switch, search and the copy button."""
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


# Shown source fits the code column: captured output is shown in `text` blocks
# (`<div class="language-text highlight">`) and keeps its lines, so a long log line may scroll; every
# other highlighted block is a file the reader reads (a script, a handler, a config), which
# docs/assets/extra.css wraps at the column. Closed `???` boxes are opened and every tab is shown
# before measuring, so hidden blocks are measured too.
SHOW_EVERYTHING = """() => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const style = document.createElement("style");
  style.textContent = ".tabbed-block { display: block !important; }";
  document.head.appendChild(style);
}"""

MEASURE = """() => {
  const out = [];
  let sources = 0, outputs = 0;
  document.querySelectorAll(".md-content div.highlight").forEach(div => {
    const code = div.querySelector("pre > code");
    if (!code) return;
    if (div.classList.contains("language-text")) { outputs += 1; return; }
    sources += 1;
    if (code.clientWidth === 0 || code.scrollWidth > code.clientWidth) {
      const title = div.querySelector(".filename");
      out.push({title: title ? title.textContent : code.textContent.split("\\n")[0].slice(0, 60),
                scroll: code.scrollWidth, client: code.clientWidth});
    }
  });
  return {sources, outputs, wide: out};
}"""


@pytest.fixture(scope="module")
def visits(built_site, quiet_site_url, wide_page) -> dict[str, dict]:
    """Each page opened once at 1280 px: what went wrong while it loaded, its diagrams, its code blocks."""
    paths = page_paths(built_site)
    assert len(paths) >= 28
    p, seen = wide_page.page, {}
    for path in paths:
        wide_page.problems = []
        p.goto(quiet_site_url + path.lstrip("/"), wait_until="load")
        html = (built_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        expected = html.count('<pre class="mermaid">')
        diagrams = p.locator("div.mermaid svg")
        if expected:
            diagrams.nth(expected - 1).wait_for(state="attached")
        svgs = [diagrams.nth(i).evaluate("e => e.outerHTML") for i in range(diagrams.count())]
        p.wait_for_load_state("networkidle")
        p.evaluate(SHOW_EVERYTHING)
        seen[path] = {"problems": wide_page.problems, "expected": expected, "svgs": svgs,
                      "blocks": p.evaluate(MEASURE)}
    return seen


def test_every_page_loads_cleanly(visits):
    problems = [f"{path}: {problem}" for path, v in visits.items() for problem in v["problems"]]
    assert not problems, "\n".join(problems)


def test_every_page_draws_its_diagrams(visits):
    for path, v in visits.items():
        assert len(v["svgs"]) == v["expected"], f"{path}: {len(v['svgs'])}/{v['expected']} diagrams"
        for i, svg in enumerate(v["svgs"], 1):
            assert "Syntax error" not in svg, f"{path}: diagram {i} does not parse"
    drawn = sum(v["expected"] for v in visits.values())
    assert drawn > 0, "no Mermaid diagram on the site"
    print(f"{len(visits)} pages, {drawn} diagrams")


def test_no_shown_source_scrolls_sideways_at_1280px(visits):
    sources = sum(v["blocks"]["sources"] for v in visits.values())
    outputs = sum(v["blocks"]["outputs"] for v in visits.values())
    assert sources > 300 and outputs > 300, (sources, outputs)
    wide = [f"{path}: {w['title']!r} is {w['scroll']} px wide in a {w['client']} px column"
            for path, v in visits.items() for w in v["blocks"]["wide"]]
    assert not wide, "source blocks that scroll sideways at 1280 px:\n" + "\n".join(wide)


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


def test_a_request_off_loopback_is_reported_and_never_leaves(site_url, page):
    """The watch that every test above relies on: a request to another address is a problem, and it
    fails at the browser's dead proxy instead of going out (192.0.2.1 is a documentation address)."""
    p = page.page
    p.goto(site_url)
    with p.expect_event("requestfailed") as failed:
        p.evaluate("""() => { const i = new Image(); i.src = "http://192.0.2.1/x.png";
                              document.body.appendChild(i); }""")
    assert failed.value.failure == "net::ERR_PROXY_CONNECTION_FAILED", failed.value.failure
    assert "external request: http://192.0.2.1/x.png" in page.problems, page.problems
