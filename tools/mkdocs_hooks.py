"""MkDocs hooks for the guide's site."""
import os
import re

# `python -m mkdocs` from the repository root: the guide's modules import by name.
from tsharness.cjk import ATOM, GAP, LINE_BREAK

# Material reads each <link rel="alternate" hreflang> and fetches that language's sitemap.xml to
# map the page; without a site_url there is none (a 404), and the switcher then jumps to the
# language's home. Without these links the switcher simply follows its own same-page link.
ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page, config) -> str:
    return ALTERNATE.sub("", output)


# --- Chinese pages: no space where a wrapped source line breaks inside a Chinese sentence ----------
# The Chinese sources are hard-wrapped like the English ones. In HTML a line break is white space, and
# browsers draw it as a space even between two Chinese characters ("调用它。 贯穿全书"). The join works on
# the page's HTML, after Markdown has built its structure (lists, tables, admonitions, code blocks), so
# only prose text changes: a line break between two Chinese characters goes, and so does one beside
# Chinese punctuation, whatever is on the other side (no space after "：" before `code` either). A break
# between a Chinese character and a Latin word stays: there a space is wanted.
# An element kept whole (code, inline or a block, diagrams, scripts, styles), a comment, or a tag.
PIECE = re.compile(r"<(pre|code|kbd|samp|script|style|textarea|svg)\b.*?</\1\s*>|<!--.*?-->"
                   r"""|<(/?)([a-zA-Z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>""", re.DOTALL | re.IGNORECASE)
# Inline elements a sentence runs through; inline ones that are not text (an atom: code, an image);
# any other tag (p, li, td, br, pre, div …) ends the text.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "del", "dfn", "em", "i", "ins", "mark", "q", "s",
          "small", "span", "strong", "sub", "sup", "time", "u", "var"}
ATOMS = {"code", "kbd", "samp", "svg", "img"}


def join_cjk_lines(html: str) -> str:
    """The HTML with each line break inside a Chinese sentence of its text removed."""
    # Pieces: text (kept or joined), inline tags (seen through), atoms and anything else.
    pieces: list[tuple[str, str]] = []   # (what the reader reads there, source)
    pos = 0
    for m in PIECE.finditer(html):
        if m.start() > pos:
            pieces.append((html[pos:m.start()], html[pos:m.start()]))
        name = (m.group(1) or m.group(3) or "").lower()
        pieces.append(("" if name in INLINE else ATOM if name in ATOMS else GAP, m.group(0)))
        pos = m.end()
    if pos < len(html):
        pieces.append((html[pos:], html[pos:]))
    # The text as a reader reads it; where each of its white space characters comes from.
    flat, origin = [], []
    for i, (read, source) in enumerate(pieces):
        flat.append(read)
        origin.extend((i, k) if read == source else None for k in range(len(read)))
    drop: dict[int, set[int]] = {}
    for m in LINE_BREAK.finditer("".join(flat)):
        for at in range(m.start(), m.end()):
            piece, offset = origin[at]
            drop.setdefault(piece, set()).add(offset)
    return "".join("".join(c for k, c in enumerate(source) if k not in drop[i]) if i in drop else source
                   for i, (_, source) in enumerate(pieces))


def on_page_content(html: str, page, config, files) -> str:
    # Chinese pages only: an English page (docs/X.en.md) keeps its line breaks.
    if page.file.src_uri.endswith(".en.md"):
        return html
    return join_cjk_lines(html)


def on_page_markdown(markdown: str, page, config, files) -> str:
    # The page's language, for markdown-exec scripts that print headers (one build per language).
    os.environ["GUIDE_LANG"] = config.theme["language"]
    return markdown
