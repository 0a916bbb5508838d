"""The prose of a built page as a reader reads it: the text of each prose element of the article
(paragraphs, list items, table cells, headings, admonitions; generated sentences included), without
code, captured outputs or diagrams."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from tsharness.cjk import ATOM, GAP

# Where a reader reads prose; what is inside the others (code, diagrams) is not prose.
TEXT = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "summary",
        "figcaption", "blockquote", "caption"}
NOT_PROSE = {"pre", "code", "kbd", "samp", "script", "style", "svg", "textarea"}
NOT_PROSE_CLASSES = {"mermaid", "headerlink", "md-clipboard"}
INLINE_ATOMS = {"code", "kbd", "samp", "svg", "img"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
        "wbr"}
CODE = "⟨⟩"  # where inline code stood, in `prose`


class _Texts(HTMLParser):
    """The text of every prose element in the page's <article>, innermost element first: GAP where an
    inner element or a <br> ends the text, ATOM where inline code or an image stands in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0               # inside <article>
        self.skipped: list[str] = []  # the open elements that are not prose
        self.open: list[list] = []    # [tag, text] of the prose elements being read
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in VOID:
            if self.open and not self.skipped:
                self.open[-1][1].append(ATOM if tag in INLINE_ATOMS else GAP)
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self.skipped or tag in NOT_PROSE or classes & NOT_PROSE_CLASSES:
            if self.open and not self.skipped:
                self.open[-1][1].append(ATOM if tag in INLINE_ATOMS else GAP)
            self.skipped.append(tag)
        elif tag in TEXT:
            if self.open:
                self.open[-1][1].append(GAP)
            self.open.append([tag, []])

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID:
            return
        if self.skipped:
            if self.skipped[-1] == tag:
                self.skipped.pop()
        elif tag == "article":
            self.depth -= 1
        elif tag in TEXT and self.open and self.open[-1][0] == tag:
            self.texts.append("".join(self.open.pop()[1]))
            if self.open:
                self.open[-1][1].append(GAP)

    def handle_data(self, data):
        if self.depth and not self.skipped and self.open:
            self.open[-1][1].append(data)


def texts(html: str) -> list[str]:
    """Each prose element's text (GAP and ATOM marks in it)."""
    reader = _Texts()
    reader.feed(html)
    reader.close()
    return reader.texts


def prose(html: str) -> str:
    """The page's prose as one text: a line per element, CODE where inline code stood (so “。`x`” is
    no space after 。)."""
    return "\n".join(t.replace(GAP, "\n").replace(ATOM, CODE) for t in texts(html))


def zh_pages(site: Path) -> dict[str, Path]:
    """Page name -> the built zh HTML (the default language), for every page of the site."""
    pages = {"index": site / "index.html"}
    for html in sorted(site.glob("*/index.html")):
        if html.parent.name not in ("en", "search", "assets", "images"):
            pages[html.parent.name] = html
    return pages
