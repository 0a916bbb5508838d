"""Reading the guide's pages: code fences, includes, headings and links (for the docs tests)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
INCLUDE = re.compile(r'^\s*-{1,2}8<-{1,2}\s+"(?P<target>[^"]+)"\s*$')
HEADING = re.compile(r"^(?P<level>#{1,6})\s+\S")
# [text](target) and ![alt](target); the target ends at whitespace or ")"
LINK = re.compile(r"!?\[[^\]]*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass
class Block:
    """A fenced block: its info string (language and options) and its body lines."""
    info: str
    body: list[str]
    line: int

    @property
    def lang(self) -> str:
        return (self.info.split() or [""])[0].strip("{.")


@dataclass
class Page:
    path: Path
    blocks: list[Block] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)   # every --8<-- target, in order
    headings: list[int] = field(default_factory=list)   # heading levels, in order
    links: list[str] = field(default_factory=list)      # link targets outside fences

    @property
    def name(self) -> str:
        """`setup` for both docs/setup.md and docs/setup.en.md."""
        return self.path.name.removesuffix(".md").removesuffix(".en")


def parse(path: Path) -> Page:
    page = Page(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:
            close = re.compile(r"^\s*" + re.escape(m["fence"][0]) + "{" + str(len(m["fence"])) + r",}\s*$")
            body, j = [], i + 1
            while j < len(lines) and not close.match(lines[j]):
                body.append(lines[j])
                j += 1
            page.blocks.append(Block(m["info"].strip(), body, i + 1))
            page.includes += [inc["target"] for b in body if (inc := INCLUDE.match(b))]
            i = j + 1
            continue
        if inc := INCLUDE.match(line):
            page.includes.append(inc["target"])
        elif h := HEADING.match(line):
            page.headings.append(len(h["level"]))
        else:
            page.links += [l["target"] for l in LINK.finditer(line)]
        i += 1
    return page


def pages() -> list[Page]:
    return [parse(p) for p in sorted(DOCS.glob("*.md"))]


def split_target(target: str) -> tuple[str, str | None]:
    """`file:section` or `file:3:9` -> (file, section or None); line ranges count as no section."""
    path, _, rest = target.partition(":")
    if not rest or re.fullmatch(r"[\d:,-]*", rest):
        return path, None
    return path, rest


def section_exists(text: str, name: str) -> bool:
    return (re.search(r"--8<--\s*\[start:" + re.escape(name) + r"\]", text) is not None
            and re.search(r"--8<--\s*\[end:" + re.escape(name) + r"\]", text) is not None)
