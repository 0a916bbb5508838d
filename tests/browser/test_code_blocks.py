"""Shown source fits the code column: at 1280 px no source block on any page scrolls sideways.

Captured output is shown in `text` blocks (`<div class="language-text highlight">`) and keeps its lines,
so a long log line may scroll; every other highlighted block is a file the reader reads (a script, a
handler, a config), which docs/assets/extra.css wraps at the column. Closed `???` boxes are opened
and every tab is shown before measuring, so hidden blocks are measured too."""
from __future__ import annotations

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


def test_no_shown_source_scrolls_sideways_at_1280px(built_site, site_url, browser):
    paths = sorted("/" if d.parts == () else f"/{d.as_posix()}/"
                   for d in (p.parent.relative_to(built_site) for p in built_site.rglob("index.html")))
    assert len(paths) >= 28
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    wide, sources, outputs = [], 0, 0
    try:
        for path in paths:
            page.goto(site_url + path.lstrip("/"), wait_until="load")
            page.evaluate(SHOW_EVERYTHING)
            found = page.evaluate(MEASURE)
            sources += found["sources"]
            outputs += found["outputs"]
            wide += [f"{path}: {w['title']!r} is {w['scroll']} px wide in a {w['client']} px column"
                     for w in found["wide"]]
    finally:
        context.close()
    assert sources > 300 and outputs > 300, (sources, outputs)
    assert not wide, "source blocks that scroll sideways at 1280 px:\n" + "\n".join(wide)
