"""The troubleshooting page runs no commands: it quotes outputs. Walked anyway (nothing to run, every
block read), and each quoted output is checked to exist, to be compared by the page that makes it
(or, for the fault run, by the tools' tests), and that page to be linked from the page."""
from __future__ import annotations

import pytest

from tests.tools.test_load import STORED
from tsharness.pages import Page, pages, parse
from tsharness.paths import DOCS, REPO

PAGE = "troubleshooting"
DOC = parse(DOCS / f"{PAGE}.md")
QUOTED = [b.output for b in DOC.blocks if b.output]


def compares(page: Page, output: str) -> bool:
    """Whether the walk of `page` compares `output`: an output block right after a command it
    runs, or the output of a command it ran in the background."""
    background = set()
    for previous, block in zip([None, *page.blocks], page.blocks):
        if block.command and block.command.endswith("&") and not block.norun:
            background |= set(block.command.split())
        if block.output != output or block.norun:
            continue
        if previous is not None and previous.command and not previous.norun \
                and not previous.command.endswith("&"):
            return True
        if output.removesuffix(".out") in background:
            return True
    return False


def test_the_page_runs_nothing(walk):
    assert DOC.commands == [] and parse(DOCS / f"{PAGE}.en.md").commands == []
    walk.finish()
    assert walk.results == []


@pytest.mark.parametrize("output", QUOTED)
def test_each_quoted_output_is_compared_where_it_is_made(output):
    assert (REPO / output).is_file(), output
    if output.startswith("tools/"):
        assert output in STORED, f"{output}: no test compares it with its run's figures"
        return
    makers = [p.name for p in pages() if p.name != PAGE and p.path.name.endswith(".en.md")
              and compares(p, output)]
    assert makers, f"{output}: no page runs the command that makes it"
    assert any(link.split("#")[0] == f"{name}.md" for name in makers for link in DOC.links), \
        f"{output}: the page does not link {makers}"
