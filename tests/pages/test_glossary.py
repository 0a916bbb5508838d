"""The glossary page, and what it promises: every zh page's prose (generated sentences included,
code and outputs not) uses one term per concept and the guide's units and number style."""
from __future__ import annotations

import pytest

from tsharness.glossary import problems, terms
from tsharness.paths import DOCS
from tsharness.prose import prose, zh_pages

PAGE = "glossary"


@pytest.fixture(scope="module")
def zh_prose(built_site) -> dict[str, str]:
    return {name: prose(html.read_text(encoding="utf-8"))
            for name, html in zh_pages(built_site).items()}


def test_every_zh_page_keeps_to_the_glossary(zh_prose):
    assert len(zh_prose) > 20
    found = {name: problems(text) for name, text in zh_prose.items() if name != PAGE}
    found = {name: p for name, p in found.items() if p}
    report = "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
    assert not found, f"{sum(map(len, found.values()))} departures from the glossary:\n{report}"


@pytest.mark.parametrize("planted, what", [
    ("请求头里带上令牌。", "令牌 (use 密钥)"),
    ("每条路线都一样。", "路线 (use 路径)"),
    ("延迟是 3.2 ms。", "ms instead of 毫秒"),
    ("快了 2.4×。", "× (use 倍)"),
    ("占 12 %。", "a space before %"),
    ("第一句。 第二句。", "a space after 。"),
    ("共 1200 个请求。", "a four-digit quantity without its ,"),
    ("发了 50000 次。", "a five-or-more-digit number without ,"),
    ('叫"有限维护"。', "straight or corner quotes"),
])
def test_a_planted_departure_is_caught(zh_prose, planted, what):
    text = zh_prose["quickstart"] + "\n" + planted
    assert any(p.startswith(what) for p in problems(text)), problems(text)


def test_ports_years_and_code_are_not_departures():
    assert problems("默认端口 8080，2025 年起。吞吐量 1,200 请求/秒，12%，3.2 毫秒，2.4 倍。") == []


def test_the_page_lists_every_term(zh_prose, built_site):
    page = zh_prose[PAGE]
    en = prose((built_site / "en" / PAGE / "index.html").read_text(encoding="utf-8"))
    for term in terms():
        assert term["zh"] in page and term["en"] in en, term["en"]
        assert term["zh_note"].split("`")[0][:6] in page


def test_not_run_boxes_are_titled_one_way():
    """A box of commands not run here says so the same way on every page, in each language."""
    opening = {"zh": '!!! norun "这里不运行：', "en": '!!! norun "Not run here: '}
    for page in sorted(DOCS.glob("*.md")):
        lang = "en" if page.name.endswith(".en.md") else "zh"
        for line in page.read_text(encoding="utf-8").splitlines():
            if "!!! norun" in line:
                assert line.strip().startswith(opening[lang]), f"{page.name}: {line.strip()}"
