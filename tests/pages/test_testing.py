"""The page on how the guide is tested has no commands; its test checks what it says: the tests and
files it names exist, `make outputs` and `--update-outputs` re-capture outputs, `--check-never-run`
exists, norun blocks are listed rather than run, and the placeholders it names are the ones the
captured outputs use."""
from __future__ import annotations

import re

import pytest

from tsharness import capture, walk
from tsharness.pages import INLINE_CODE
from tsharness.paths import DOCS, REPO

PAGE = "testing"
LANGS = [DOCS / "testing.md", DOCS / "testing.en.md"]


def code_spans(path) -> list[str]:
    """Every `code` span of the page's prose and tables (fenced blocks left out)."""
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    return INLINE_CODE.findall(text)


@pytest.mark.parametrize("path", LANGS, ids=lambda p: p.name)
def test_the_files_it_names_exist(path):
    named = {s for s in code_spans(path) if re.fullmatch(r"(tests|tools|models|handlers)/[\w/.-]+", s)}
    assert len(named) > 10
    missing = sorted(s for s in named if not (REPO / s.rstrip("/")).exists())
    assert not missing, f"{path.name} names files that do not exist: {missing}"


def test_refreshing_outputs_is_what_it_says():
    makefile = (REPO / "Makefile").read_text()
    target = re.search(r"^outputs:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert target and re.search(r"pytest .*tests/pages .*--update-outputs", target[1]), target
    conftest = (REPO / "tests" / "conftest.py").read_text()
    for option in ("--update-outputs", "--check-never-run"):
        assert f'"{option}"' in conftest, option
    for path in LANGS:
        spans = code_spans(path)
        assert "make outputs" in spans and "--check-never-run" in spans
        assert "pytest tests/pages/test_quickstart.py --update-outputs" in spans
    assert (REPO / "tests" / "pages" / "test_quickstart.py").exists()


def test_norun_blocks_are_listed_not_run():
    assert isinstance(walk.NOT_RUN, list)
    source = (REPO / "tsharness" / "walk.py").read_text()
    assert "NOT_RUN.append" in source and "if block.norun:" in source


def test_the_placeholders_it_names_are_the_ones_outputs_use():
    normalised = capture.normalise('"pid": 4242, at 2026-01-02T03:04:05Z in /tmp/abc/x', {}, {})
    assert normalised == '"pid": <...>, at <time> in <tmp>', normalised
    source = (REPO / "tsharness" / "walk.py").read_text()
    assert 'f"<{api.lower()}-key>"' in source
    for path in LANGS:
        spans = code_spans(path)
        for placeholder in ("<...>", "<time>", "<inference-key>", "<tmp>"):
            assert placeholder in spans, f"{path.name} does not name {placeholder}"
