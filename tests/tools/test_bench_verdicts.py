"""The Performance page's conclusions follow the data: the page's blocks (tools/bench/blocks.py, words
from tools/bench/words.yaml), rendered in both languages from the committed results and from
deliberately altered copies."""
from __future__ import annotations

import copy

import pytest

from tools.bench import table, verdicts
from tools.bench.table import load, ms, rps
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


def at(report: dict, column: str, **where):
    rows = [r for r in report["results"] if all(r[k] == v for k, v in where.items())]
    assert len(rows) == 1, where
    return rows[0][column]


def test_committed_results(tmp_path):
    en, zh = (render(COMMITTED, lang, tmp_path) for lang in ("en", "zh"))
    # Batching greedy_time with 1 worker at 8 and 32 connections, worded from the data.
    one, eight = (at(COMMITTED, "rps", **cell("greedy_time", "http", c, b, 1))
                  for c, b in ((32, 1), (32, 8)))
    assert f"{rps(one)} → {rps(eight)}: {words.ratio_words(eight, one, 'en')} |" in en
    assert f"{rps(one)} → {rps(eight)}：{words.ratio_words(eight, one, 'zh')}" in zh
    # The clients' ceilings, each protocol at each concurrency, from the `ping` rows.
    for protocol, name in (("http", "HTTP `/ping`"), ("grpc", "gRPC `Ping`")):
        ceilings = " / ".join(rps(at(COMMITTED, "rps", **cell("ping", protocol, c))) for c in (1, 8, 32))
        assert f"{name} {ceilings} req/s" in en and name + " 为 " + ceilings + " 请求/秒" in zh
    bound = [r for r in COMMITTED["results"] if r["target"] != "ping" and r["client_bound"]]
    assert ("Apart from `ping` itself, no figure comes that close" in en) is (not bound)
    assert ("† |" in en or "† /" in en) is bool(bound)  # marked in the results table
    met = sum(a / b <= table.HANDLER_GOAL for _, _, a, b in table.handler_goal(COMMITTED))
    assert (f"**Handler goal**: met in all {met} cells." in en) is (met == 4)


def test_client_bound_figures_are_named_and_marked(tmp_path):
    report = altered("client_bound", True, **cell("noop", "grpc", 32))
    en, zh = render(report, "en", tmp_path), render(report, "zh", tmp_path)
    assert "Close to it: `noop` over gRPC at 32 connections." in en
    assert "接近上限的有：`noop` 通过 gRPC，32 个连接。" in zh
    assert "The gRPC figures marked † are still limited by this client" in en
    assert "标了 † 的 gRPC 数字仍然受这个客户端限制" in zh
    assert f"{rps(at(report, 'rps', **cell('noop', 'grpc', 32)))}† |" in en


@pytest.mark.parametrize("gain, en_cell, zh_cell, en_says, zh_says", [
    (1.0, "about the same", "基本相同", "made no measurable difference for `greedy_time` (1",
     "对 `greedy_time`（1"),
    (3.0, "about 3×", "约 3 倍", "raised throughput for `greedy_time` (1", "提高了 `greedy_time`（1"),
])
def test_batching_verdict_follows_the_gain(tmp_path, gain, en_cell, zh_cell, en_says, zh_says):
    single = at(COMMITTED, "rps", **cell("greedy_time", "http", 32))
    new = round(single * gain, 1)
    report = altered("rps", new, **cell("greedy_time", "http", 32, 8, 1))
    en, zh = render(report, "en", tmp_path), render(report, "zh", tmp_path)
    assert f"{rps(single)} → {rps(new)}: {en_cell}" in en and en_says in en
    assert f"{rps(single)} → {rps(new)}：{zh_cell}" in zh and zh_says in zh


def test_threads_verdict_follows_the_data(tmp_path):
    old = at(COMMITTED, "p50_ms", **model_alone("pointer_net", 8, 1))
    new = round(old / 2, 3)
    faster = altered("p50_ms", new, **model_alone("pointer_net", 8, 2))
    en, zh = render(faster, "en", tmp_path), render(faster, "zh", tmp_path)
    assert f"| {ms(new)} | " in en and "| 50% lower |" in en
    assert f"The largest drop: `pointer_net` batch 8, {ms(new)} vs {ms(old)} ms (50% lower)." in en
    assert "变短最多的是 `pointer_net` 批大小 8，" + ms(new) + " 对 " + ms(old) + " 毫秒（低 50%）" in zh


def test_protocol_verdict_follows_the_data(tmp_path):
    http = at(COMMITTED, "p50_ms", **cell("noop", "http", 1))
    new = round(http * 0.57, 3)
    report = altered("p50_ms", new, **cell("noop", "grpc", 1))
    en, zh = render(report, "en", tmp_path), render(report, "zh", tmp_path)
    assert f"| `noop` | {ms(new)} vs {ms(http)} ms: 43% lower |" in en
    latency_en = en.split("At one client, gRPC's p50 against HTTP's was")[1].split(".")[0]
    latency_zh = zh.split("一个客户端时，gRPC 的 p50 与 HTTP 相比，")[1].split("。")[0]
    assert "`noop`" in latency_en.split("lower for")[1]
    lower_zh = [part for part in latency_zh.split("，") if part.endswith("更低")]
    assert len(lower_zh) == 1 and "`noop`" in lower_zh[0]


def test_floor_verdict_follows_the_data(tmp_path):
    ping = at(COMMITTED, "p50_ms", **cell("ping", "http", 1))
    report = altered("p50_ms", round(ping * 1.03, 3), **cell("noop", "http", 1))
    en, zh = render(report, "en", tmp_path), render(report, "zh", tmp_path)
    assert "`noop`'s p50 is about the same as `ping` over HTTP (" in en
    assert "在 HTTP 上与 `ping` 基本相同（" in zh


def test_goal_verdict_follows_the_data(tmp_path):
    floor = at(COMMITTED, "p50_ms", **cell("noop", "grpc", 1))
    report = altered("p50_ms", round(floor * 1.5, 3), **cell("greedy_time", "grpc", 1))
    en, zh = render(report, "en", tmp_path), render(report, "zh", tmp_path)
    assert "| 1.50 (" in en and "not met for `greedy_time` over gRPC (1.50)" in en
    assert "没达到的是 `greedy_time` gRPC（1.50）" in zh or "`greedy_time` gRPC（1.50）" in zh
