"""The pages' rules: every code block is a tested repo file, zh and en pages match."""
from __future__ import annotations

import subprocess
from collections import Counter

import pytest

from tests.docs_pages import DOCS, INCLUDE, REPO, pages, parse, section_exists, split_target

PAGES = pages()
ZH = [p for p in PAGES if not p.path.name.endswith(".en.md")]
TESTS_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("*.py"))


def tracked() -> set[str]:
    out = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True)
    return set(out.stdout.splitlines())


def included_files() -> set[str]:
    return {split_target(t)[0] for p in PAGES for t in p.includes}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.name)
def test_no_inline_code(page):
    """A fence holds only includes, or is a Mermaid diagram."""
    for block in page.blocks:
        if block.lang == "mermaid":
            continue
        code = [line for line in block.body if line.strip()]
        assert code, f"{page.path.name}:{block.line}: empty code block"
        inline = [line for line in code if not INCLUDE.match(line)]
        assert not inline, (f"{page.path.name}:{block.line}: inline code; put it in a repo file "
                            f"and include it with --8<--: {inline[:2]}")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.name)
def test_exec_blocks_only_run_repo_files(page):
    for block in page.blocks:
        if 'exec="' in block.info:
            assert block.lang in {"python", "bash"}, f"{page.path.name}:{block.line}: {block.info}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.name)
def test_includes_resolve(page):
    for target in page.includes:
        path, section = split_target(target)
        file = REPO / path
        assert file.is_file(), f"{page.path.name}: included file missing: {path}"
        if section:
            assert section_exists(file.read_text(encoding="utf-8"), section), (
                f"{page.path.name}: no section [start:{section}] … [end:{section}] in {path}")


def test_every_page_has_both_languages():
    names = {p.path.name for p in PAGES}
    for page in ZH:
        assert f"{page.name}.en.md" in names, f"docs/{page.name}.en.md is missing"
    for name in names:
        if name.endswith(".en.md"):
            assert name.replace(".en.md", ".md") in names, f"docs/{name} has no Chinese page"


@pytest.mark.parametrize("zh", ZH, ids=lambda p: p.name)
def test_zh_en_parity(zh):
    en_path = DOCS / f"{zh.name}.en.md"
    if not en_path.exists():
        pytest.fail(f"{en_path.name} is missing")
    en = parse(en_path)
    assert zh.includes == en.includes, "the two languages include different files"
    assert Counter(zh.headings) == Counter(en.headings), (
        f"headings per level differ: zh {Counter(zh.headings)} en {Counter(en.headings)}")
    assert [b.lang for b in zh.blocks] == [b.lang for b in en.blocks], "different code blocks"
    strip = lambda links: sorted(link.split("#")[0] for link in links if not link.startswith("#"))
    assert strip(zh.links) == strip(en.links), "the two languages link to different targets"


def test_links_to_pages_and_images_exist():
    for page in PAGES:
        for link in page.links:
            target = link.split("#")[0]
            if not target or "://" in target or target.startswith("mailto:"):
                continue
            assert (DOCS / target).exists(), f"{page.path.name}: broken link {link}"


def test_included_files_are_tracked_and_tested():
    """Every shown file is in git and a test runs it (by path, name, module or its folder)."""
    files = tracked()
    untracked, untested = [], []
    for path in sorted(included_files()):
        if path not in files:
            untracked.append(path)
        source = path.removesuffix(".out")   # an output is tested with the snippet that made it
        parts = source.split("/")
        stem = parts[-1].rsplit(".", 1)[0]
        folder = parts[-2] if len(parts) > 1 else ""
        mentioned = (source in TESTS_TEXT or parts[-1] in TESTS_TEXT
                     or f"import {stem}" in TESTS_TEXT or f"from {stem} " in TESTS_TEXT
                     or f'"{folder}"' in TESTS_TEXT or f"'{folder}'" in TESTS_TEXT)
        if not mentioned:
            untested.append(path)
    assert not untracked, f"shown on a page but not committed: {untracked}"
    assert not untested, f"shown on a page but no test under tests/ runs them: {untested}"
