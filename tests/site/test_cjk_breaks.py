"""Chinese pages render without a stray space where a hard-wrapped source line breaks between two
Chinese characters, or beside Chinese punctuation: in HTML such a line break is white space, and
Chromium draws it as a space.

The count reads the built HTML with the standard library's parser, on its own (it shares nothing with
the build's join but the idea), so the join is checked from outside."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown

from tools import mkdocs_hooks

# Chinese punctuation: CJK symbols (。、「」《》), fullwidth forms (，：；！？（）), and the quotes and
# dashes Chinese text uses (“”‘’ —— ……); Chinese characters: ideographs (and kana, bopomofo).
PUNCT = "\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
CJK = PUNCT + "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3200-\u9fff\uf900-\ufaff"
GAP, ATOM = "\x00", "\x01"   # where a text ends (a block, <br>); inline code or an image within it
# A line break between two Chinese characters, or beside Chinese punctuation (a break between a
# Chinese character and a Latin word is a space Chinese text wants).
WHITE = r"[ \t]*\n\s*"
BREAK = re.compile(rf"(?<=[{CJK}]){WHITE}(?=[{CJK}])|(?<=[{PUNCT}]){WHITE}(?=[^\s{GAP}])"
                   rf"|(?<=[^\s{GAP}]){WHITE}(?=[{PUNCT}])")
# Where a reader reads prose; what is inside the others (code, diagrams) is not prose.
TEXT = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "summary",
        "figcaption", "blockquote", "caption"}
NOT_PROSE = {"pre", "code", "kbd", "samp", "script", "style", "svg", "textarea"}
INLINE_ATOMS = {"code", "kbd", "samp", "svg", "img"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
        "wbr"}


class Prose(HTMLParser):
    """The text of every prose element in the page's <article>, innermost element first."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0            # inside <article>
        self.skip = 0             # inside code, pre, …
        self.open: list[list] = []  # [tag, text] of the prose elements being read
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if not self.depth or tag in VOID:
            if self.open and tag in VOID and not self.skip:
                self.open[-1][1].append(ATOM if tag in INLINE_ATOMS else GAP)
            return
        if tag in NOT_PROSE:
            if self.open and not self.skip:
                self.open[-1][1].append(ATOM if tag in INLINE_ATOMS else GAP)
            self.skip += 1
        elif tag in TEXT and not self.skip:
            if self.open:
                self.open[-1][1].append(GAP)
            self.open.append([tag, []])

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        elif tag in NOT_PROSE and self.skip:
            self.skip -= 1
        elif tag in TEXT and not self.skip and self.open and self.open[-1][0] == tag:
            self.texts.append("".join(self.open.pop()[1]))
            if self.open:
                self.open[-1][1].append(GAP)

    def handle_data(self, data):
        if self.depth and not self.skip and self.open:
            self.open[-1][1].append(data)


def cjk_breaks(html: str) -> list[str]:
    """Each line break inside a Chinese sentence of the prose, with a few characters around it (…: code,
    |: where the element's text ends)."""
    reader = Prose()
    reader.feed(html)
    reader.close()
    found = []
    for text in reader.texts:
        for m in BREAK.finditer(text):
            before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 12]
            around = re.sub(r"\s+", " ", f"{before}⏎{after}")
            found.append(around.replace(GAP, "|").replace(ATOM, "…"))
    return found


def zh_pages(site: Path) -> list[Path]:
    """Every Chinese page of the built site (the English ones live under en/)."""
    return sorted(p for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "en")


def test_no_line_break_inside_a_chinese_sentence(built_site):
    pages = zh_pages(built_site)
    assert len(pages) >= 14
    found = {str(p.relative_to(built_site)): cjk_breaks(p.read_text(encoding="utf-8")) for p in pages}
    found = {page: breaks for page, breaks in found.items() if breaks}
    assert not found, f"{sum(map(len, found.values()))} line breaks inside Chinese sentences:\n" + \
        "\n".join(f"  {page}: {b}" for page, breaks in found.items() for b in breaks)


def test_english_pages_keep_their_line_breaks(built_site):
    """The join is for Chinese only: an English page's wrapped paragraph still has its line breaks."""
    html = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<p>[^<]*[a-z,]\n[a-z]", html), "en/index.html: no wrapped paragraph left"


# A hard-wrapped Chinese page in the shapes the guide's pages use: a paragraph, a list, a table, an
# admonition, bold and links at the break, inline code after a colon, a Latin word after a Chinese
# one (that break stays: it is the space wanted there), and code (inline and fenced) that keeps its
# own breaks.
PLANTED = """\
第一句话写到行尾，
第二句接着写。**加粗**
的字和[链接](x.md)
也一样。

- 列表项的第一行，
  第二行。

| 列 | 说明 |
| --- | --- |
| a | 表格里的一格 |

!!! note "提示"
    提示框里的第一行，
    第二行。

地址里的名字：
`/predict`
由它回答，
再用
TorchServe 运行。

`代码里的换行
保持原样`，English text
stays wrapped。

```
代码块里
也保持原样
```
"""
EXTENSIONS = ["admonition", "tables", "pymdownx.superfences"]


def test_the_count_finds_a_planted_break_and_the_join_removes_it():
    """The rule itself: the planted page, rendered without the join, has its breaks counted (and
    only the prose ones); the build's join removes every one and leaves code and English alone."""
    raw = "<article>" + markdown.markdown(PLANTED, extensions=EXTENSIONS) + "</article>"
    # each break: the characters either side of it
    assert [re.search(r"(.)⏎(.)", b).groups() for b in cjk_breaks(raw)] == [
        ("，", "第"), ("粗", "的"), ("接", "也"), ("，", "第"), ("，", "第"), ("：", "…"), ("，", "再")]
    joined = mkdocs_hooks.join_cjk_lines(raw)
    assert cjk_breaks(joined) == []
    assert ("<p>第一句话写到行尾，第二句接着写。<strong>加粗</strong>的字和"
            "<a href=\"x.md\">链接</a>也一样。</p>") in joined
    assert "<code>代码里的换行\n保持原样</code>" in joined and "代码块里\n也保持原样" in joined
    assert "地址里的名字：<code>/predict</code>\n由它回答，再用\nTorchServe 运行。" in joined
    assert "English text\nstays wrapped" in joined
    assert joined.replace("\n", "").count("第二行") == 2
