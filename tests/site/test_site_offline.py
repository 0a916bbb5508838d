"""The built site loads nothing from the network: no external script, style, font, image or frame."""
from __future__ import annotations

import re
from html.parser import HTMLParser

# Attributes that make the browser fetch something (plain <a href> only navigates when clicked).
FETCHING = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"),
            ("iframe", "src"), ("source", "src"), ("source", "srcset"), ("video", "src"),
            ("video", "poster"), ("audio", "src"), ("embed", "src"), ("object", "data"),
            ("image", "href"), ("use", "href")}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)""", re.I)
# <link rel> values that are navigation hints, not fetched
NOT_FETCHED_REL = {"canonical", "alternate"}


class Fetches(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set((attrs.get("rel") or "").split()) <= NOT_FETCHED_REL \
                and attrs.get("rel"):
            return
        for name, value in attrs.items():
            if (tag, name) in FETCHING and value:
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
        if style := attrs.get("style"):
            self.urls += css_urls(style)


def css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


def external_fetches(site):
    for html in site.rglob("*.html"):
        parser = Fetches()
        text = html.read_text(encoding="utf-8")
        parser.feed(text)
        parser.urls += [u for block in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S)
                        for u in css_urls(block)]
        for url in parser.urls:
            if EXTERNAL.match(url):
                yield html.relative_to(site), url
    for css in site.rglob("*.css"):
        for url in css_urls(css.read_text(encoding="utf-8", errors="replace")):
            if EXTERNAL.match(url):
                yield css.relative_to(site), url


def test_no_external_resources(built_site):
    found = sorted(set(external_fetches(built_site)))
    assert not found, "the site fetches from the network:\n" + "\n".join(
        f"  {page}: {url}" for page, url in found[:20])


def test_mermaid_is_self_hosted(built_site):
    """Material uses window.mermaid when a mermaid script is loaded before it (not async)."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    tag = re.search(r'<script[^>]*src="[^"]*assets/mermaid/mermaid\.min\.js"[^>]*>', html)
    assert tag, "mermaid.min.js is not loaded by the pages"
    assert "async" not in tag.group(0) and "defer" not in tag.group(0)
    assert (built_site / "assets" / "mermaid" / "LICENSE").is_file()


def test_detector_catches_external_urls(tmp_path):
    """The check itself: a page with a CDN script and a web font is reported."""
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example.org/x.js"></script><a href="https://ok.example.org">ok</a>'
        '<style>@import url("https://fonts.example.org/css");</style>', encoding="utf-8")
    (tmp_path / "a.css").write_text("body{background:url(//img.example.org/b.png)}")
    urls = sorted(url for _, url in external_fetches(tmp_path))
    assert urls == ["//img.example.org/b.png", "https://cdn.example.org/x.js",
                    "https://fonts.example.org/css"]
