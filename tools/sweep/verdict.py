"""The sweep's recommendation and table, worded from tools/sweep/results.json when the site builds.

`render(report, lang)` is the markdown the Model config page shows (lang "zh" or "en"); the numbers
and the configuration it recommends come from the report it is given, never from the page.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from tools.bench.verdicts import other_work

HERE = Path(__file__).resolve().parent


def load(path: str | Path | None = None) -> dict:
    return json.loads(Path(path or os.environ.get("SWEEP_RESULTS") or HERE / "results.json").read_text())


def config(row: dict) -> tuple[int, int, int]:
    return row["batch_size"], row["max_batch_delay_ms"], row["workers"]


def model_rows(report: dict, clients: int) -> list[dict]:
    return [r for r in report["results"] if r["model"] == "pointer_net" and r["clients"] == clients
            and not r["errors"]]


def peak(report: dict) -> int:
    """The most clients the sweep ran (32): where the recommendation is made."""
    return max(r["clients"] for r in report["results"])


def best(report: dict, clients: int | None = None, batch_size: int | None = None) -> dict:
    """The configuration with the most throughput at `clients` (only batch_size, if given)."""
    clients = clients or peak(report)
    rows = [r for r in model_rows(report, clients) if batch_size in (None, r["batch_size"])]
    return max(rows, key=lambda r: r["rps"])


def floors(report: dict) -> tuple[dict | None, dict | None]:
    """The no-op model at the most clients: at batch size 1, and with the best configuration's
    batching (None when the run has no such row)."""
    noop = [r for r in report["results"] if r["model"] == "noop" and r["clients"] == peak(report)]
    top = config(best(report))
    same = next((r for r in noop if config(r) == top), None)
    single = next((r for r in noop if r["batch_size"] == 1 and r is not same), None)
    return single, same


WORDS = {
    "en": {"top": "At {n} clients the most throughput came from **batchSize {b}, maxBatchDelay {d} ms, "
                  "{w} worker(s)**: {rps:.0f} requests/s, {x:.1f}× the best configuration with "
                  "batchSize 1 ({rps1:.0f} requests/s); its p95 was {p95:.0f} ms (batchSize 1: "
                  "{p951:.0f} ms).",
           "single": "{:.0f} requests/s at batchSize 1", "same": "{:.0f} requests/s with the same batching",
           "floor": " The no-op model's floor in the same run: {parts}; this configuration reached "
                    "{share:.0%} of {which}.", "join": ", ", "latter": "the latter", "it": "it",
           "when": " Measured {date} on {cpu_count} CPU cores (1-minute load average "
                   "{load_average_1m_at_start} at the start, {load_average_1m_at_end} at the end).",
           "busy": " Other work was running when it began: read the figures as rough."},
    "zh": {"top": "在 {n} 个客户端时，吞吐量最高的配置是 **batchSize {b}、maxBatchDelay {d} ms、{w} 个 "
                  "worker**：{rps:.0f} 请求/秒，是 batchSize 1 最好配置（{rps1:.0f} 请求/秒）的 "
                  "{x:.1f} 倍；p95 为 {p95:.0f} ms（batchSize 1：{p951:.0f} ms）。",
           "single": "batchSize 1 时 {:.0f} 请求/秒", "same": "用同样的批处理设置时 {:.0f} 请求/秒",
           "floor": "同一次运行中 no-op 模型的下限：{parts}；这一配置达到{which}的 {share:.0%}。",
           "join": "，", "latter": "后者", "it": "它",
           "when": "测量于 {date}，{cpu_count} 个 CPU 核（1 分钟平均负载：开始时 "
                   "{load_average_1m_at_start}，结束时 {load_average_1m_at_end}）。",
           "busy": "开始时已有其他任务在运行：这些数字只能作粗略参考。"},
}


def verdict(report: dict, lang: str) -> str:
    words = WORDS[lang]
    top, single = best(report), best(report, batch_size=1)
    b, d, w = config(top)
    text = words["top"].format(n=peak(report), b=b, d=d, w=w, rps=top["rps"],
                               x=top["rps"] / single["rps"], rps1=single["rps"],
                               p95=top["p95_ms"], p951=single["p95_ms"])
    noop_single, noop_same = floors(report)
    floor = noop_same or noop_single
    if floor:
        parts = [words[k].format(r["rps"]) for k, r in (("single", noop_single), ("same", noop_same)) if r]
        which = words["latter"] if noop_same and noop_single else words["it"]
        text += words["floor"].format(parts=words["join"].join(parts), share=top["rps"] / floor["rps"],
                                      which=which)
    m = report["meta"]
    busy = other_work(m["busy_cpus_at_start"], m["cpu_count"])
    return text + words["when"].format(**m) + (words["busy"] if busy else "")


def table(report: dict, lang: str) -> str:
    clients, top_clients = sorted({r["clients"] for r in report["results"]}), peak(report)
    head = ["batchSize", "maxBatchDelay (ms)", "workers",
            *[(f"{c} 个客户端 请求/秒" if lang == "zh" else f"req/s at {c}") for c in clients],
            f"p50 @{top_clients} (ms)", f"p95 @{top_clients} (ms)"]
    top = config(best(report))
    lines = ["| " + " | ".join(head) + " |", "|" + " ---: |" * len(head)]
    by = {(config(r), r["clients"]): r for r in report["results"] if r["model"] == "pointer_net"}
    for cfg in sorted({c for c, _ in by}):
        cells = [*map(str, cfg), *[f"{by[(cfg, c)]['rps']:.0f}" if (cfg, c) in by else "" for c in clients]]
        at_top = by.get((cfg, top_clients))
        cells += [f"{at_top['p50_ms']:.0f}", f"{at_top['p95_ms']:.0f}"] if at_top else ["", ""]
        if cfg == top:
            cells = [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render(part: str, lang: str | None = None, report: dict | None = None) -> str:
    lang = lang or ("zh" if os.environ.get("GUIDE_LANG", "en").startswith("zh") else "en")
    report = report or load()
    return {"verdict": verdict, "table": table}[part](report, lang)
