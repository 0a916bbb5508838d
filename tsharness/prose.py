"""The prose of a built page: the article's text without code, captured outputs or diagrams, as a
reader reads it (generated sentences included)."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

SKIP = {"pre", "code", "script", "style", "svg", "kbd"}
SKIP_CLASSES = {"mermaid", "highlight", "headerlink", "md-clipboard"}
CODE = "⟨⟩"  # where inline code stood
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"}


class _Prose(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []   # per open element: is it skipped
        self.in_article = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        inside = bool(self.stack and self.stack[-1])
        skipped = tag in SKIP or bool(classes & SKIP_CLASSES) or inside
        self.stack.append(bool(skipped))
        if skipped and not inside and self.in_article:
            # Code stands in the sentence as a mark, so “。`x` 是…” is no space after 。.
            self.parts.append(CODE if tag in ("code", "kbd") else "\n")
        if tag == "article":
            self.in_article += 1
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "div", "summary", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack:
            self.stack.pop()
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article and not (self.stack and self.stack[-1]):
            self.parts.append(data)


def prose(html: str) -> str:
    parser = _Prose()
    parser.feed(html)
    return "".join(parser.parts)


def zh_pages(site: Path) -> dict[str, Path]:
    """Page name -> the built zh HTML (the default language), for every page of the site."""
    pages = {"index": site / "index.html"}
    for html in sorted(site.glob("*/index.html")):
        if html.parent.name not in ("en", "search", "assets", "images"):
            pages[html.parent.name] = html
    return pages
