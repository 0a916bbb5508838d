"""What the Security and Troubleshooting pages say about the load and fault runs comes from the runs'
figures (tools/load/*.json), never from typed prose: the pages' exec blocks print a part of
tools/load/blocks.py (words from tools/load/words.yaml), rendered here as the site build renders
them, on the stored figures and on deliberately altered ones, in both languages."""
from __future__ import annotations

import json
import re

import pytest

from tsharness import words
from tsharness.pages import INLINE_CODE, NUMBER, parse
from tsharness.paths import DOCS, REPO

LOAD = REPO / "tools" / "load"
FILES = {"zh": "{}.md", "en": "{}.en.md"}
# The page, the heading anchor of its section about a run, and the run it renders.
SECTIONS = {"security": ("load", "load_run"), "troubleshooting": ("worker-killed-under-load", "fault_run")}
PART = {"security": "load", "troubleshooting": "fault"}


def stored(run: str) -> dict:
    return json.loads((LOAD / f"{run}.json").read_text())


@pytest.mark.parametrize("lang", FILES)
@pytest.mark.parametrize("page", PART)
def test_the_page_prints_its_part(page, lang):
    doc = parse(DOCS / FILES[lang].format(page))
    blocks = [b for b in doc.blocks if 'exec="on"' in b.info]
    assert [b.includes for b in blocks] == [[f"tools/load/blocks.py:{PART[page]}"]], page


def render(page: str, lang: str, tmp_path, **figures: dict) -> str:
    """The page's part from `figures` (run -> dict; runs not given are the stored ones), rendered in
    a fresh process as the site build renders it."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    runs = {run: figures.get(run) or stored(run) for run in ("load_run", "fault_run")}
    out = words.preview("load", runs, lang, tmp_path)
    load_part, fault_part = out.split("\n\n\n", 1)
    return load_part if PART[page] == "load" else fault_part


@pytest.mark.parametrize("lang", FILES)
def test_load_sentences_are_the_stored_figures(lang, tmp_path):
    f = stored("load_run")
    out = render("security", lang, tmp_path)
    for shown in (f"{f['requests']:,}", f"{f['concurrency']} ", words.sig(f["p50_ms"]),
                  words.sig(f["p99_ms"]), f"{f['per_second']:,.0f}", f"{f['good_in_pool']} ",
                  f"{f['bad_in_pool']} "):
        assert shown in out, (shown, out)
    assert ("the run passed" if lang == "en" else "本次运行通过") in out


@pytest.mark.parametrize("lang", FILES)
def test_load_sentences_follow_an_altered_run(lang, tmp_path):
    f = {**stored("load_run"), "lost": 5, "wrong": 2, "p50_ms": 10.0, "p99_ms": 55.0}
    before = render("security", lang, tmp_path / "stored")
    after = render("security", lang, tmp_path / "altered", load_run=f)
    assert before != after
    if lang == "en":
        assert "No request was lost" in before and "No request was lost" not in after
        assert "5 requests were lost, 2 replies were wrong: the run failed." in after
        assert "(5.5× the median)" in after
    else:
        assert "没有请求丢失" in before and "没有请求丢失" not in after
        assert "5 个请求丢失，2 个响应有误：本次运行未通过。" in after
        assert "是中位数的 5.5 倍" in after


@pytest.mark.parametrize("lang", FILES)
def test_fault_sentences_are_the_stored_figures(lang, tmp_path):
    f, base = stored("fault_run"), stored("load_run")
    out = render("troubleshooting", lang, tmp_path)
    for shown in (f"`{f['victim']}`", f"{f['killed_at_request']:,}", f"{f['requests']:,}",
                  words.sig(f["p99_ms"]), words.sig(base["p99_ms"]), str(f["after_recovery"]),
                  str(f["recovery_s"])):
        assert shown in out, (shown, out)
    for x in f["failures"]:
        times = "×" if lang == "en" else "个"
        assert f"{x['count']} {times} {x['status']} `{x['message']}`" in out


@pytest.mark.parametrize("lang", FILES)
def test_fault_sentences_follow_an_altered_run(lang, tmp_path):
    base = stored("load_run")
    f = {**stored("fault_run"), "failed": 7, "failed_other_models": 3, "lost": 1,
         "worker_replaced": False, "recovery_s": None, "after_recovery_wrong": 4,
         "p99_ms": base["p99_ms"]}
    before = render("troubleshooting", lang, tmp_path / "stored")
    after = render("troubleshooting", lang, tmp_path / "altered", fault_run=f)
    assert before != after
    if lang == "en":
        assert "7 requests failed, 3 of them to other models." in after
        assert "1 of them got no reply within" in after and "none hung" not in after
        assert "No new `pointer_net` worker became ready." in after
        assert "did not stretch the tail much" in after
        assert f"4 of {f['after_recovery']} requests were answered wrongly" in after
    else:
        assert "7 个请求失败，其中 3 个发往其他模型。" in after
        assert "其中 1 个在" in after and "没有一个挂起" not in after
        assert "没有新的 `pointer_net` worker 就绪。" in after
        assert "并没有明显拉长尾部" in after
        assert "{} 个请求中有 4 个回答错误".format(f["after_recovery"]) in after


def section_prose(page: str, lang: str, anchor: str) -> str:
    """The typed prose of a page's section (fenced blocks and inline code left out)."""
    text = (DOCS / FILES[lang].format(page)).read_text(encoding="utf-8")
    start = text.index(f"{{#{anchor}}}")
    end = text.find("\n## ", start)
    section = text[start:end if end > 0 else None].split("\n", 1)[1]
    section = re.sub(r"^```.*?^```", "", section, flags=re.S | re.M)
    return INLINE_CODE.sub(" ", section)


@pytest.mark.parametrize("lang", FILES)
@pytest.mark.parametrize("page", SECTIONS)
def test_the_prose_types_no_figure_of_the_runs(page, lang):
    """Every number about a run is in the exec block's output, none in the typed prose."""
    anchor, _ = SECTIONS[page]
    numbers = NUMBER.findall(section_prose(page, lang, anchor))
    assert not numbers, f"{page} ({lang}) types numbers about the run: {numbers}"
