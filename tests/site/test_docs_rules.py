"""The pages' rules: every code block is a repo file, every page starts from a fresh terminal, its
commands use only what the reader has met so far, and the zh and en pages say the same things."""
from __future__ import annotations

import re
import shlex
from collections import Counter

import pytest

from tsharness.pages import (
    INCLUDE,
    INLINE_CODE,
    LINK,
    NUMBER,
    Page,
    nav_order,
    pages,
    parse,
    section_exists,
    split_target,
)
from tsharness.paths import DOCS, REPO
from tsharness.walk import working_tree_files

PAGES = pages()
ZH = [p for p in PAGES if not p.path.name.endswith(".en.md")]
ACTIVATE = "source snippets/setup/activate.sh"
BEFORE_YOU_START = {"zh": "## 开始之前", "en": "## Before you start"}


def lang(page: Page) -> str:
    return "en" if page.path.name.endswith(".en.md") else "zh"


def en_of(zh: Page) -> Page:
    en_path = DOCS / f"{zh.name}.en.md"
    if not en_path.exists():
        pytest.fail(f"{en_path.name} is missing")
    return parse(en_path)


# --- every block is a repo file --------------------------------------------------------
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


def test_included_files_are_in_the_repository():
    """What a page shows is in the copy a reader clones: tracked, or new and not git-ignored.
    (That each one ran is the session's closing check, from the ledger.)"""
    files = set(working_tree_files())
    missing = sorted({split_target(t)[0] for p in PAGES for t in p.includes} - files)
    assert not missing, f"shown on a page but not in the repository (git-ignored?): {missing}"


def test_links_to_pages_and_images_exist():
    for page in PAGES:
        for link in page.links:
            target = link.split("#")[0]
            if not target or "://" in target or target.startswith("mailto:"):
                continue
            assert (DOCS / target).exists(), f"{page.path.name}: broken link {link}"


# --- a page is walked from a fresh terminal, in nav order -----------------------------
def before_you_start(page: Page) -> tuple[int, int] | None:
    """The line range of the page's Before-you-start section (1-based, end exclusive), if any."""
    lines = page.path.read_text(encoding="utf-8").splitlines()
    heading = BEFORE_YOU_START[lang(page)]
    starts = [i for i, line in enumerate(lines, 1) if line.split("{")[0].strip() == heading]
    if not starts:
        return None
    nxt = [i for i, line in enumerate(lines, 1) if i > starts[0] and re.match(r"#{1,2}\s", line)]
    return starts[0], nxt[0] if nxt else len(lines) + 1


@pytest.mark.parametrize("page", [p for p in PAGES if p.name != "index"], ids=lambda p: p.path.name)
def test_before_you_start(page):
    """Every page says what a fresh terminal in a fresh clone needs; a page with commands starts
    them there, with the venv activated first (only `make` may come before: it builds the venv)."""
    section = before_you_start(page)
    assert section, f"{page.path.name}: no '{BEFORE_YOU_START[lang(page)]}' section"
    commands = [b for b in page.commands if not b.command.startswith("make ")]
    if not commands:
        return
    first = commands[0]
    assert first.command == ACTIVATE, (
        f"{page.path.name}:{first.line}: the first command is `{first.command}`, not `{ACTIVATE}`")
    assert section[0] < first.line < section[1], (
        f"{page.path.name}:{first.line}: `{ACTIVATE}` is not in the Before-you-start section")
    early = [b.command for b in page.commands if b.line < section[0]]
    assert not early, f"{page.path.name}: commands before the Before-you-start section: {early}"


def named_paths(command: str) -> list[str]:
    """The repository paths a command names (words with a `/` that are not URLs or options; the
    folders of a `NAME=a:b` variable set for the command)."""
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    # PYTHONPATH=a:b python ...: the variable's folders
    words = [w for word in words for w in
             (word.split("=", 1)[1].split(":") if re.match(r"[A-Z_][A-Z0-9_]*=", word) else [word])]
    paths = []
    for word in words:
        word = word.split("=", 1)[1] if word.startswith("-") and "=" in word else word
        if "/" in word and "://" not in word and not word.startswith(("-", "/", "$", "<")):
            paths.append(word.removeprefix("./"))
        elif "/" not in word and (REPO / word).is_file():
            paths.append(word)
    return paths


def test_named_paths():
    assert named_paths("python snippets/a/b.py --out=models/x.pt http://127.0.0.1:8080/x $HOME/y /tmp/z "
                       "mkdocs.yml model.mar") == ["snippets/a/b.py", "models/x.pt", "mkdocs.yml"]
    assert named_paths("PYTHONPATH=snippets/a:models python x/y.py") == ["snippets/a", "x/y.py"]


ORDER = nav_order()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.name)
def test_commands_use_only_what_the_reader_has_met(page):
    """A command names files of its own page's snippets/, of an earlier page's, or tools/; or runs make."""
    assert page.name in ORDER, f"{page.name}.md is not in mkdocs.yml's nav"
    allowed = ORDER[:ORDER.index(page.name) + 1]
    wrong = []
    for block in page.commands:
        if block.command.startswith("make "):
            continue
        for path in named_paths(block.command):
            parts = path.split("/")
            ok = parts[0] == "tools" or (parts[0] == "snippets" and len(parts) > 1 and parts[1] in allowed)
            if not ok:
                wrong.append(f"line {block.line}: `{block.command}` names {path}")
    assert not wrong, (f"{page.path.name}: commands may name only snippets/ of this page or an earlier "
                       "one (mkdocs.yml's nav), tools/, or run make:\n  " + "\n  ".join(wrong))


# --- a page opens with the reader's path; how it is tested is said once, on its own page -----
TESTING = "testing"
# Scripts a page only runs, explained on the page that introduces them and folded (a closed `???`
# box titled with the command, its output outside it) on every other page.
HELPERS = {"snippets/setup/start.sh": "setup", "snippets/setup/stop.sh": "setup",
           "snippets/quickstart/register.py": "quickstart", "snippets/grpc/gen_stubs.sh": "grpc"}


def first_screen(page: Page) -> str:
    """The page's text up to its second `## ` heading: the opening and Before you start."""
    text = page.path.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"^## ", text, re.M)]
    return text[:starts[1]] if len(starts) > 1 else text


@pytest.mark.parametrize("page", [p for p in PAGES if p.name != TESTING], ids=lambda p: p.path.name)
def test_the_first_screen_names_no_test_file(page):
    named = re.findall(r"tests/[\w/.<>-]+", first_screen(page))
    assert not named, (f"{page.path.name} opens with test files {named}; how a page is tested "
                       f"belongs on docs/{TESTING}.md, linked from the page's end")


@pytest.mark.parametrize("page", [p for p in PAGES if p.name not in ("index", TESTING)],
                         ids=lambda p: p.path.name)
def test_the_page_ends_with_a_link_to_how_it_is_tested(page):
    paragraphs = page.path.read_text(encoding="utf-8").strip().split("\n\n")
    assert f"]({TESTING}.md)" in paragraphs[-1], (
        f"{page.path.name}: its last line does not link to {TESTING}.md")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.name)
def test_helper_scripts_are_folded_where_they_are_not_introduced(page):
    loose = [f"line {b.line}: {b.command}" for b in page.commands
             if b.includes and HELPERS.get(b.includes[0], page.name) != page.name
             and not any(c.lstrip().startswith("???") for c in b.containers)]
    assert not loose, (f"{page.path.name}: helper scripts shown whole; fold each into a closed "
                       "`??? quote \"$ <command>\"` box, its output outside it:\n  " + "\n  ".join(loose))


# --- zh and en say the same things ------------------------------------------------------
def test_every_page_has_both_languages():
    names = {p.path.name for p in PAGES}
    for page in ZH:
        assert f"{page.name}.en.md" in names, f"docs/{page.name}.en.md is missing"
    for name in names:
        if name.endswith(".en.md"):
            assert name.replace(".en.md", ".md") in names, f"docs/{name} has no Chinese page"


@pytest.mark.parametrize("zh", ZH, ids=lambda p: p.name)
def test_zh_en_same_structure(zh):
    en = en_of(zh)
    assert zh.includes == en.includes, "the two languages include different files"
    assert zh.headings == en.headings, f"heading levels differ: zh {zh.headings} en {en.headings}"
    assert [b.lang for b in zh.blocks] == [b.lang for b in en.blocks], "different code blocks"
    strip = lambda links: sorted(link.split("#")[0] for link in links if not link.startswith("#"))
    assert strip(zh.links) == strip(en.links), "the two languages link to different targets"


@pytest.mark.parametrize("zh", ZH, ids=lambda p: p.name)
def test_zh_en_same_commands(zh):
    """The same commands, in the same order; the same blocks shown but not run."""
    en = en_of(zh)
    assert [b.command for b in zh.commands] == [b.command for b in en.commands]
    norun = lambda page: [(b.command, b.includes) for b in page.blocks if b.norun]
    assert norun(zh) == norun(en), "different blocks are marked norun"


MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}
# A month name in a date (May 2027, May 5, 2027, 5 May 2027), not the verb "may".
MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b(?=\s+(?:\d{1,2},?\s+)?\d{4}\b)")
CJK_NEXT_TO_DIGIT = re.compile(r"(?<=[\u4e00-\u9fff])(?=\d)|(?<=\d)(?=[\u4e00-\u9fff])")


def prose_facts(page: Page) -> tuple[Counter, Counter]:
    """The page's prose, reduced to what a translation must keep: the multiset of its numbers and
    of its inline-code spans. Numbers inside code spans and link targets don't count; an English
    month name counts as its number, as 2025 年 2 月 gives 2025 and 2; 05 is 5; 1,000 is 1000."""
    numbers, code = Counter(), Counter()
    for para in page.paragraphs:
        code.update(INLINE_CODE.findall(para))
        text = INLINE_CODE.sub(" ", para)
        text = LINK.sub(lambda m: m.group(0)[:m.group(0).index("](")], text)  # keep the link text
        text = MONTH.sub(lambda m: str(MONTHS[m[1]]), text)
        text = CJK_NEXT_TO_DIGIT.sub(" ", text)   # 2025年2月 reads as 2025 年 2 月
        for n in NUMBER.findall(text):
            n = re.sub(r"(?<=\d),(?=\d{3}\b)", "", n)
            numbers[str(int(n)) if n.isdigit() else n] += 1
    return numbers, code


def difference(zh: Counter, en: Counter) -> str:
    only = lambda a, b: ", ".join(f"{k!r}×{v}" if v > 1 else repr(k) for k, v in sorted((a - b).items()))
    return f"only in zh: [{only(zh, en)}]; only in en: [{only(en, zh)}]"


@pytest.mark.parametrize("zh", ZH, ids=lambda p: p.name)
def test_zh_en_same_numbers(zh):
    """Every number in one language's prose is in the other's, as often."""
    zh_numbers, en_numbers = prose_facts(zh)[0], prose_facts(en_of(zh))[0]
    assert zh_numbers == en_numbers, f"{zh.name}: numbers differ: {difference(zh_numbers, en_numbers)}"


@pytest.mark.parametrize("zh", ZH, ids=lambda p: p.name)
def test_zh_en_same_inline_code(zh):
    """Every `code` span in one language's prose is in the other's, as often."""
    zh_code, en_code = prose_facts(zh)[1], prose_facts(en_of(zh))[1]
    assert zh_code == en_code, f"{zh.name}: inline code differs: {difference(zh_code, en_code)}"


def test_prose_facts_reads_numbers_as_a_translation_keeps_them(tmp_path):
    """The rule itself: dates and digits next to Chinese count alike in both languages."""
    zh, en = tmp_path / "x.md", tmp_path / "x.en.md"
    zh.write_text("自 2025年2月 起，`torchserve==0.12.0`（2024-09）。\n\n第 5 条，[见](tips.md#tip-6)，"
                  "共 1,000 次。\n", encoding="utf-8")
    en.write_text("Since February 2025, `torchserve==0.12.0` (2024-09).\n\nTip 5, [see](tips.md#tip-6),"
                  " 1000 times.\n", encoding="utf-8")
    assert prose_facts(parse(zh)) == prose_facts(parse(en))
    assert prose_facts(parse(en)) == (
        Counter({"2": 1, "2025": 1, "2024": 1, "9": 1, "5": 1, "1000": 1}),
        Counter({"torchserve==0.12.0": 1}))
    en.write_text("Since March 2025, you may see `torchserve==0.12.0` (2024-09).\n\nTip 5, 1000 times.\n",
                  encoding="utf-8")
    assert difference(*[prose_facts(parse(f))[0] for f in (zh, en)]) == \
        "only in zh: ['2']; only in en: ['3']"


# --- a list has the items its sentence announces -------------------------------------------------
# Python-Markdown starts a new item on any line of a list that begins like one (up to 3 spaces in),
# a wrapped line of the item before included: "… would become a⏎  500. The …" is an item of its own.
LIST_ITEM = re.compile(r"^ {0,3}(\d+\.|[-*+])[ \t]+\S")
COUNT_WORDS = {w: n for n, words in enumerate(
    ["", "", "two 两 二", "three 三", "four 四", "five 五", "six 六", "seven 七", "eight 八", "nine 九",
     "ten 十"]) for w in words.split()}
# "Three details …:", "有三个细节…：", "这五个："
ANNOUNCES = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten)\b|([两二三四五六七八九十])"
                       r"(?=[个件处条种点句项步类])", re.IGNORECASE)


def lists(page: Page) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """Each list that starts a line of the page's source (outside fences): the paragraph just before
    it, and every line Python-Markdown reads as one of its items (line number, line)."""
    lines = page.path.read_text(encoding="utf-8").splitlines()
    for block in page.blocks:   # fence bodies are not Markdown
        for k in range(block.line, min(block.line + len(block.body) + 1, len(lines))):
            lines[k] = "```"
    found, i = [], 0
    while i < len(lines):
        if not (LIST_ITEM.match(lines[i]) and lines[i][0] != " " and (i == 0 or not lines[i - 1].strip())):
            i += 1
            continue
        before = []
        for j in range(i - 2, -1, -1):
            if not lines[j].strip():
                break
            before.insert(0, lines[j].strip())
        items, j = [], i
        while j < len(lines):
            line = lines[j]
            if not line.strip():   # a blank line ends the list unless it goes on (indented or an item)
                if j + 1 < len(lines) and (lines[j + 1].startswith(" ") or LIST_ITEM.match(lines[j + 1])):
                    j += 1
                    continue
                break
            if line.startswith("```"):
                break
            if LIST_ITEM.match(line):
                items.append((j + 1, line))
            j += 1
        found.append((i + 1, " ".join(before), items))
        i = j
    return found


def list_problems(page: Page) -> list[str]:
    problems = []
    for line, before, items in lists(page):
        kinds = {"ordered" if m[1][0].isdigit() else "bullet"
                 for m in (LIST_ITEM.match(text) for _, text in items)}
        if len(kinds) > 1:
            problems.append(f"{page.path.name}:{line}: bullets and numbers in one list; a wrapped line "
                            "that starts with a number and a dot is an item of its own: "
                            + "; ".join(f"{n}: {text.strip()[:40]}" for n, text in items))
        sentence = re.split(r"(?<=[.。!?！？])\s+|(?<=[。！？])", before.strip())[-1] if before else ""
        counts = [COUNT_WORDS[(m[1] or m[2]).lower()] for m in ANNOUNCES.finditer(sentence)]
        if sentence.endswith((":", "：")) and counts and counts[-1] != len(items):
            problems.append(f"{page.path.name}:{line}: \"{sentence}\" announces {counts[-1]}, the list "
                            f"has {len(items)} items")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.name)
def test_lists_have_the_items_they_announce(page):
    """A list has as many items as its sentence says, and no wrapped line becomes an item."""
    problems = list_problems(page)
    assert not problems, "\n".join(problems)


def test_list_rule_catches_a_wrapped_number(tmp_path):
    """The rule itself, on the text that once turned three details into four bullets."""
    old = tmp_path / "x.en.md"
    old.write_text("Three details keep the answers identical:\n\n- A bad request fails alone.\n"
                   "- A body that is not JSON would become a\n  500. The middleware hands the bytes"
                   " through.\n- Even the bytes match.\n", encoding="utf-8")
    assert [p.split(": ")[0] for p in list_problems(parse(old))] == ["x.en.md:3", "x.en.md:3"]
    old.write_text(old.read_text(encoding="utf-8").replace("a\n  500.", "a 500.\n "), encoding="utf-8")
    assert list_problems(parse(old)) == []
    zh = tmp_path / "x.md"
    zh.write_text("有三个细节：\n\n- 一\n- 二\n", encoding="utf-8")
    assert list_problems(parse(zh)) == ["x.md:3: \"有三个细节：\" announces 3, the list has 2 items"]
