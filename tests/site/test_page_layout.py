"""CONTRIBUTING.md's recipe for a page, checked: from a page's name a newcomer finds its twin, its nav
entry, its snippets folder and its walk, and nothing is left without its page."""
from __future__ import annotations

import re

import pytest

from tsharness.pages import nav_order, pages
from tsharness.paths import DOCS, REPO, SNIPPETS

ZH = [p for p in pages() if not p.path.name.endswith(".en.md")]
NAMES = {p.name for p in ZH}
RECIPE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def walk_test(name: str):
    return REPO / "tests" / "pages" / f"test_{name.replace('-', '_')}.py"


@pytest.mark.parametrize("page", ZH, ids=lambda p: p.name)
def test_a_page_has_its_parts(page):
    name = page.name
    assert (DOCS / f"{name}.en.md").exists(), f"docs/{name}.en.md is missing"
    assert name in nav_order(), f"{name}.md is not in mkdocs.yml's nav"
    test = walk_test(name)
    assert test.exists(), f"{name}: no {test.relative_to(REPO)}"
    assert re.search(rf'^PAGE = "{re.escape(name)}"', test.read_text(), re.M), \
        f"{test.name} does not say PAGE = \"{name}\""
    if page.commands:
        assert (SNIPPETS / name).is_dir(), f"{name} has commands but no snippets/{name}/"


def test_nothing_without_its_page():
    folders = {p.name for p in SNIPPETS.iterdir() if p.is_dir()} - NAMES
    assert not folders, f"snippets folders with no page: {sorted(folders)}"
    tests = {p.stem.removeprefix("test_").replace("_", "-")
             for p in (REPO / "tests" / "pages").glob("test_*.py")}
    extra = {t for t in tests if t not in NAMES and t not in {n.replace("-", "_") for n in NAMES}}
    assert not extra - {"one-clone"}, f"page tests with no page: {sorted(extra)}"


def test_the_recipe_names_what_this_test_checks():
    for step in ("docs/<page>.md", "docs/<page>.en.md", "mkdocs.yml", "snippets/<page>/",
                 "tests/pages/test_<page>.py", 'PAGE = "<page>"', "--update-outputs"):
        assert step in RECIPE, f"CONTRIBUTING.md's recipe does not say {step}"
