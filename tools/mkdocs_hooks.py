"""MkDocs hooks for the guide's site."""
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# markdown-exec blocks import the guide's own modules while the site builds.
for folder in (REPO, REPO / "models", REPO / "handlers"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

# Material reads each <link rel="alternate" hreflang> and fetches that language's sitemap.xml to
# map the page; without a site_url there is none (a 404), and the switcher then jumps to the
# language's home. Without these links the switcher simply follows its own same-page link.
ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page, config) -> str:
    return ALTERNATE.sub("", output)


# --- Chinese pages: no space where a wrapped source line breaks between two Chinese characters ---
# The Chinese sources are hard-wrapped like the English ones. In HTML a line break is white space, and
# browsers draw it as a space even between two Chinese characters ("调用它。 贯穿全书"). The join works on
# the page's HTML, after Markdown has built its structure (lists, tables, admonitions, code): only the
# white space of prose text, between two Chinese characters or Chinese punctuation, is removed.
# Chinese characters and punctuation: CJK symbols (。、「」《》), fullwidth forms (，：；！？（）),
# ideographs, and the quotes and dashes Chinese text uses (“”‘’ —— ……).
CJK = ("\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u9fff\uf900-\ufaff"
       "\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026")
CJK_BREAK = re.compile(rf"(?<=[{CJK}])[ \t]*\n\s*(?=[{CJK}])")
# An element kept whole (code, inline or a block, diagrams, scripts, styles), a comment, or a tag.
PIECE = re.compile(r"<(pre|code|kbd|samp|script|style|textarea|svg)\b.*?</\1\s*>|<!--.*?-->"
                   r"""|<(/?)([a-zA-Z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>""", re.DOTALL | re.IGNORECASE)
# Inline elements a sentence runs through; any other tag (p, li, td, br, img, div …) ends the text.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "del", "dfn", "em", "i", "ins", "mark", "q", "s",
          "small", "span", "strong", "sub", "sup", "time", "u", "var"}
GAP = "\x00"


def join_cjk_lines(html: str) -> str:
    """The HTML with each line break between two Chinese characters in its text removed."""
    # Pieces: text (kept or joined), inline tags (seen through), anything else (a gap in the text).
    pieces: list[tuple[str, str]] = []   # (kind, source): kind "text", "inline" or "gap"
    pos = 0
    for m in PIECE.finditer(html):
        if m.start() > pos:
            pieces.append(("text", html[pos:m.start()]))
        name = m.group(3)
        pieces.append(("inline" if name and name.lower() in INLINE else "gap", m.group(0)))
        pos = m.end()
    if pos < len(html):
        pieces.append(("text", html[pos:]))
    # The text as a reader reads it, each character's piece and offset remembered.
    flat, origin = [], []
    for i, (kind, source) in enumerate(pieces):
        if kind == "text":
            flat.append(source)
            origin.extend((i, k) for k in range(len(source)))
        elif kind == "gap":
            flat.append(GAP)
            origin.append(None)
    drop: dict[int, set[int]] = {}
    for m in CJK_BREAK.finditer("".join(flat)):
        for at in range(m.start(), m.end()):
            piece, offset = origin[at]
            drop.setdefault(piece, set()).add(offset)
    return "".join("".join(c for k, c in enumerate(source) if k not in drop[i]) if i in drop else source
                   for i, (kind, source) in enumerate(pieces))


def on_page_content(html: str, page, config, files) -> str:
    # Chinese pages only: an English page (docs/X.en.md) keeps its line breaks.
    if page.file.src_uri.endswith(".en.md"):
        return html
    return join_cjk_lines(html)


def on_page_markdown(markdown: str, page, config, files) -> str:
    # The page's language, for markdown-exec scripts that print headers (one build per language).
    os.environ["GUIDE_LANG"] = config.theme["language"]
    return markdown
