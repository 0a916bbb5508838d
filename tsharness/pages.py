"""Reading the guide's pages: code fences (with their titles and containers), includes, headings,
links, and the commands a reader is told to type.

A command block is a fence whose title starts with `$ `: the title is what the reader types from the
repository root, the body includes the file it runs. The first block after it that includes a
`.out` file, with only files shown for reading in between, is that command's captured output.
Blocks inside a `!!! norun "reason"` admonition are shown but not run here; the reason says why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tsharness.paths import DOCS, REPO

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
INCLUDE = re.compile(r'^\s*-{1,2}8<-{1,2}\s+"(?P<target>[^"]+)"\s*$')
HEADING = re.compile(r"^(?P<level>#{1,6})\s+\S")
CONTAINER = re.compile(r'^(?P<indent>\s*)(?P<kind>!!!|\?\?\?\+?|===)\s*(?P<rest>.*)$')
TITLE = re.compile(r'title="(?P<title>[^"]*)"')
# [text](target) and ![alt](target); the target ends at whitespace or ")"
LINK = re.compile(r"!?\[[^\]]*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
INLINE_CODE = re.compile(r"`([^`]+)`")
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")


@dataclass
class Block:
    """A fenced block: its info string (language and options), body lines, where it is."""
    info: str
    body: list[str]
    line: int
    containers: list[str] = field(default_factory=list)  # enclosing `!!! …` / `=== …` lines

    @property
    def lang(self) -> str:
        return (self.info.split() or [""])[0].strip("{.")

    @property
    def title(self) -> str:
        m = TITLE.search(self.info)
        return m["title"] if m else ""

    @property
    def includes(self) -> list[str]:
        return [m["target"] for b in self.body if (m := INCLUDE.match(b))]

    @property
    def command(self) -> str | None:
        """What the reader types, for a command block."""
        return self.title[2:].strip() if self.title.startswith("$ ") else None

    @property
    def output(self) -> str | None:
        """The captured output this block shows, for an output block."""
        inc = self.includes
        return inc[0] if len(inc) == 1 and inc[0].endswith(".out") else None

    @property
    def norun(self) -> str | None:
        """Why the block is not run here, when it sits in a `!!! norun "why"` admonition."""
        for c in self.containers:
            m = re.match(r'\s*(?:!!!|\?\?\?\+?)\s*norun\b\s*"?([^"]*)"?', c)
            if m:
                return m[1] or "not run"
        return None

    @property
    def tab(self) -> str | None:
        for c in reversed(self.containers):
            m = re.match(r'\s*===\s*"([^"]*)"', c)
            if m:
                return m[1]
        return None


@dataclass
class Page:
    path: Path
    blocks: list[Block] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)   # every --8<-- target, in order
    headings: list[int] = field(default_factory=list)   # heading levels, in order
    links: list[str] = field(default_factory=list)      # link targets outside fences
    paragraphs: list[str] = field(default_factory=list)  # prose outside fences, one per paragraph

    @property
    def name(self) -> str:
        """`setup` for both docs/setup.md and docs/setup.en.md."""
        return self.path.name.removesuffix(".md").removesuffix(".en")

    @property
    def commands(self) -> list[Block]:
        return [b for b in self.blocks if b.command is not None]


def _containers(lines: list[str], i: int, indent: int) -> list[str]:
    """The admonition / tab lines that enclose line i (indented `indent`), outermost first."""
    found = []
    for j in range(i - 1, -1, -1):
        line = lines[j]
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        if lead < indent:
            if CONTAINER.match(line):
                found.append(line)
            indent = lead
            if indent == 0:
                break
    return found[::-1]


def parse(path: Path) -> Page:
    page = Page(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    para: list[str] = []

    def end_paragraph():
        if para:
            page.paragraphs.append(" ".join(para))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:
            end_paragraph()
            close = re.compile(r"^\s*" + re.escape(m["fence"][0]) + "{" + str(len(m["fence"])) + r",}\s*$")
            body, j = [], i + 1
            while j < len(lines) and not close.match(lines[j]):
                body.append(lines[j])
                j += 1
            block = Block(m["info"].strip(), body, i + 1, _containers(lines, i, len(m["indent"])))
            page.blocks.append(block)
            page.includes += block.includes
            i = j + 1
            continue
        if inc := INCLUDE.match(line):
            end_paragraph()
            page.includes.append(inc["target"])
        elif h := HEADING.match(line):
            end_paragraph()
            page.headings.append(len(h["level"]))
        elif not line.strip() or CONTAINER.match(line) or line.lstrip().startswith("|"):
            end_paragraph()
            page.links += [m["target"] for m in LINK.finditer(line)]
        else:
            page.links += [m["target"] for m in LINK.finditer(line)]
            para.append(line.strip())
        i += 1
    end_paragraph()
    return page


def pages() -> list[Page]:
    return [parse(p) for p in sorted(DOCS.glob("*.md"))]


def nav_order() -> list[str]:
    """Page names in the order of mkdocs.yml's nav."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text[text.index("\nnav:"):]
    return [m[1] for m in re.finditer(r"\b([\w-]+)\.md\b", nav)]


def split_target(target: str) -> tuple[str, str | None]:
    """`file:section` or `file:3:9` -> (file, section or None); line ranges count as no section."""
    path, _, rest = target.partition(":")
    if not rest or re.fullmatch(r"[\d:,-]*", rest):
        return path, None
    return path, rest


def section_exists(text: str, name: str) -> bool:
    return (re.search(r"--8<--\s*\[start:" + re.escape(name) + r"\]", text) is not None
            and re.search(r"--8<--\s*\[end:" + re.escape(name) + r"\]", text) is not None)
