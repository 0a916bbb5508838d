"""Chinese pages render without a stray space where a hard-wrapped source line breaks between two
Chinese characters, or beside Chinese punctuation: in HTML such a line break is white space, and
Chromium draws it as a space.

The count reads the built HTML with the standard library's parser (tsharness.prose), not with the
build's own tokenizer, so the join is checked from outside."""
from __future__ import annotations

import re

import markdown

from tools import mkdocs_hooks
from tsharness.cjk import ATOM, GAP, LINE_BREAK
from tsharness.prose import texts, zh_pages


def cjk_breaks(html: str) -> list[str]:
    """Each line break inside a Chinese sentence of the prose, with a few characters around it (…: code,
    |: where the element's text ends)."""
    found = []
    for text in texts(html):
        for m in LINE_BREAK.finditer(text):
            before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 12]
            around = re.sub(r"\s+", " ", f"{before}⏎{after}")
            found.append(around.replace(GAP, "|").replace(ATOM, "…"))
    return found


def test_no_line_break_inside_a_chinese_sentence(built_site):
    pages = list(zh_pages(built_site).values())
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
