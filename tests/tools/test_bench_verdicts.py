"""The Performance page's conclusions follow the data: the page's blocks (tools/bench/blocks.py, words
from tools/bench/words.yaml), rendered in both languages from the committed results and from
deliberately altered copies."""
from __future__ import annotations

import copy

import pytest

from tools.bench import verdicts
from tools.bench.table import load
from tsharness import words
from tsharness.pages import parse
from tsharness.paths import DOCS, REPO

COMMITTED = load(REPO / "tools" / "bench" / "results.json")


def render(report: dict, lang: str, tmp_path) -> str:
    """The page's blocks, rendered in a fresh process as the site build renders them, from `report`."""
    return words.preview("bench", report, lang, tmp_path)


def altered(column: str, new: float, **where) -> dict:
    """A copy of the committed results with one cell's `column` set to `new`."""
    report = copy.deepcopy(COMMITTED)
    rows = [r for r in report["results"] if all(r[k] == v for k, v in where.items())]
    assert len(rows) == 1, where
    rows[0][column] = new
    return report


def cell(target, protocol, concurrency, batch_size=1, workers=1) -> dict:
    return dict(target=target, protocol=protocol, concurrency=concurrency,
                batch_size=batch_size, workers=workers)


def model_alone(target, batch_size, threads) -> dict:
    return dict(target=target, kind="in-process model", batch_size=batch_size, threads=threads)


# --- the words ----------------------------------------------------------------------------
@pytest.mark.parametrize("new, old, en, zh", [
    (105, 100, "about the same", "基本相同"),
    (110, 100, "about the same", "基本相同"),
    (111, 100, "11% higher", "高 11%"),
    (89, 100, "11% lower", "低 11%"),
    (603.3, 364.6, "65% higher", "高 65%"),
    (3.495, 1.791, "about 2×", "约 2 倍"),
    (25.078, 9.497, "2.6×", "2.6 倍"),
    (2.52, 3.598, "30% lower", "低 30%"),
])
def test_ratio_words(new, old, en, zh):
    assert words.ratio_words(new, old, "en") == en
    assert words.ratio_words(new, old, "zh") == zh


def test_ratio_words_with_a_reference():
    assert words.ratio_words(3.495, 1.791, "en", "`ping`") == "about 2× that of `ping`"
    assert words.tidy(words.ratio_words(3.495, 1.791, "zh", "`ping`"), "zh") == "约是 `ping` 的 2 倍"
    assert words.ratio_words(2.52, 3.598, "en", "HTTP") == "30% lower than HTTP"
    assert words.tidy(words.ratio_words(1.0, 1.05, "zh", "HTTP"), "zh") == "与 HTTP 基本相同"


# --- the page -------------------------------------------------------------------------------
def test_the_page_shows_every_part_once_in_order():
    for name in ("performance.md", "performance.en.md"):
        exec_blocks = [b for b in parse(DOCS / name).blocks if 'exec="' in b.info]
        assert [t for b in exec_blocks for t in b.includes if t.startswith("tools/bench/")] == \
            [f"tools/bench/blocks.py:{part}" for part in verdicts.PARTS], name


def test_no_fixed_verdicts_in_the_prose():
    """Comparisons live in the generated parts; the prose around them states none of its own."""
    for name, banned in (("performance.en.md", ("several times", "barely", "gains little",
                                               "half again", "faster", "slower", "cheaper")),
                        ("performance.md", ("好几倍", "几乎", "收益很小", "一半左右", "更快", "更慢",
                                            "更省"))):
        text = (DOCS / name).read_text(encoding="utf-8")
        assert not [w for w in banned if w in text], name


def test_committed_results(tmp_path):
    en, zh = (render(COMMITTED, lang, tmp_path) for lang in ("en", "zh"))
    # Batching pays for greedy_time with 1 worker at 32 clients.
    assert "| `greedy_time` | 1 | 400 → 438: about the same | 365 → 603: 65% higher |" in en
    assert "365 → 603：高 65%" in zh
    assert "batch 8 raised throughput for `greedy_time` (1 worker)" in en
    assert "批大小 8 提高了 `greedy_time`（1 个 worker）" in zh
    # A second worker helps greedy_time at 8 clients.
    assert "| `greedy_time` | 1 | 400 → 609: 52% higher |" in en and "400 → 609：高 52%" in zh
    # noop against ping at one client: about twice, not several times.
    assert "`noop`'s p50 is about 2× that of `ping` over HTTP (3.50 vs 1.79 ms)" in en
    assert "在 HTTP 上约是 `ping` 的 2 倍（3.50 对 1.79 毫秒）" in zh
    # gRPC's lower p50 at one client holds for greedy_time, not for the no-op floor.
    assert "| `greedy_time` | 2.52 vs 3.60 ms: 30% lower |" in en
    assert "| `noop` | 4.09 vs 3.50 ms: 17% higher |" in en
    assert "gRPC's p50 against HTTP's was higher for `noop`" in en
    assert "gRPC 的 p50 与 HTTP 相比：`noop` 更高" in zh
    # A second torch thread: pointer_net batch 8 is slower.
    assert "The largest rise: `pointer_net` batch 8, 25.1 vs 9.50 ms (2.6×)." in en
    assert "变长最多的是 `pointer_net` 批大小 8，25.1 对 9.50 毫秒（2.6 倍）" in zh
    assert "**Handler goal**: met in all 4 cells." in en


@pytest.mark.parametrize("gain, en_cell, zh_cell, en_says, zh_says", [
    (1.0, "365 → 365: about the same", "365 → 365：基本相同",
     "made no measurable difference for `greedy_time` (1 and 2 workers)",
     "对 `greedy_time`（1 和 2 个 worker）没有可测的影响"),
    (3.0, "365 → 1,094: about 3×", "365 → 1,094：约 3 倍",
     "raised throughput for `greedy_time` (1 worker)", "提高了 `greedy_time`（1 个 worker）"),
])
def test_batching_verdict_follows_the_gain(tmp_path, gain, en_cell, zh_cell, en_says, zh_says):
    base = COMMITTED
    single = next(r["rps"] for r in base["results"]
                  if all(r[k] == v for k, v in cell("greedy_time", "http", 32).items()))
    report = altered("rps", round(single * gain, 1), **cell("greedy_time", "http", 32, 8, 1))
    en, zh = render(report, "en", tmp_path), render(report, "zh", tmp_path)
    assert en_cell in en and en_says in en
    assert zh_cell in zh and zh_says in zh


def test_threads_verdict_follows_the_data(tmp_path):
    faster = altered("p50_ms", 4.75, **model_alone("pointer_net", 8, 2))
    en, zh = render(faster, "en", tmp_path), render(faster, "zh", tmp_path)
    assert "| `pointer_net` | 2 | 9.78 | 4.75 | about the same | 50% lower |" in en
    assert "The largest drop: `pointer_net` batch 8, 4.75 vs 9.50 ms (50% lower)." in en
    assert "变短最多的是 `pointer_net` 批大小 8，4.75 对 9.50 毫秒（低 50%）" in zh
    assert "The largest rise: `greedy_time` batch 8" in en and "largest rise: `pointer_net`" not in en


def test_protocol_verdict_follows_the_data(tmp_path):
    report = altered("p50_ms", 2.0, **cell("noop", "grpc", 1))
    en, zh = render(report, "en", tmp_path), render(report, "zh", tmp_path)
    assert "| `noop` | 2.00 vs 3.50 ms: 43% lower |" in en
    assert "higher for `noop`" not in en and "`noop` 更高" not in zh
    assert "gRPC's p50 against HTTP's was about the same for `pointer_net` and lower for `ping`, " \
           "`noop`, `greedy_time`" in en


def test_floor_verdict_follows_the_data(tmp_path):
    report = altered("p50_ms", 1.85, **cell("noop", "http", 1))
    en, zh = render(report, "en", tmp_path), render(report, "zh", tmp_path)
    assert "`noop`'s p50 is about the same as `ping` over HTTP (1.85 vs 1.79 ms)" in en
    assert "在 HTTP 上与 `ping` 基本相同（1.85 对 1.79 毫秒）" in zh


def test_goal_verdict_follows_the_data(tmp_path):
    report = altered("p50_ms", 5.0, **cell("greedy_time", "grpc", 1))
    en, zh = render(report, "en", tmp_path), render(report, "zh", tmp_path)
    assert "| 1.22 (5.00 / 4.09 ms) | ❌ |" in en
    assert "**Handler goal**: met in 3 of 4 cells; not met for `greedy_time` over gRPC (1.22)." in en
    assert "4 个测点中有 3 个达到，没达到的是 `greedy_time` gRPC（1.22）" in zh
