"""The side-by-side conclusions, worded from tools/compare/results.json when the site builds.

`render(part)` gives one part in GUIDE_LANG (zh or en); blocks.py prints the parts, and
`python -m tools.compare.verdicts [results.json]` previews them. Ratios use the FastAPI floor.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from tools.bench.verdicts import other_work, ratio_words

RESULTS = Path(__file__).resolve().parent / "results.json"
LABELS = {"torchserve-http": "TorchServe HTTP", "torchserve-grpc": "TorchServe gRPC",
          "litserve": "LitServe", "fastapi": "FastAPI"}
FLOOR = "fastapi"
TS = ("torchserve-http", "torchserve-grpc")


def lang() -> str:
    return os.environ.get("GUIDE_LANG", "en")


def load(path=None) -> dict:
    return json.loads(Path(path or os.environ.get("COMPARE_RESULTS") or RESULTS).read_text())


def series(report: dict) -> dict:
    """(server, batch) -> the model's cells by clients; /ping cells are not in a series."""
    out: dict = {}
    for c in report["cells"]:
        if c["target"] == report["meta"]["model"]:
            out.setdefault((c["server"], c["batch"]), []).append(c)
    return {k: sorted(v, key=lambda c: c["clients"]) for k, v in out.items()}


def rps(report: dict, server: str, batch: int | None = None, clients: int | None = None,
        target: str | None = None) -> float:
    """One cell's throughput; the largest client count and batch when not given."""
    target = target or report["meta"]["model"]
    cells = [c for c in report["cells"] if c["server"] == server and c["target"] == target
             and (batch is None or c["batch"] == batch)]
    clients = clients or max(c["clients"] for c in cells)
    batch = batch if batch is not None else max(c["batch"] for c in cells)
    [cell] = [c for c in cells if c["clients"] == clients and c["batch"] == batch]
    return cell["rps"]


def most(report: dict) -> int:
    return max(c["clients"] for c in report["cells"])


def table(report: dict, lg: str) -> str:
    zh = lg == "zh"
    counts = sorted({c["clients"] for c in report["cells"] if c["target"] == report["meta"]["model"]})
    n = most(report)
    floor = rps(report, FLOOR, 1, n)
    head = ["服务" if zh else "Server", "批大小" if zh else "Batch",
            *[f"{k} 个客户端" if zh else f"{k} client{'s' * (k != 1)}" for k in counts],
            f"{n} 个客户端时 / FastAPI" if zh else f"at {n} clients / FastAPI"]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for (server, batch), cells in series(report).items():
        by = {c["clients"]: c["rps"] for c in cells}
        rows.append(f"| {LABELS[server]} | {batch} | " + " | ".join(f"{by[k]:,.0f}" for k in counts)
                    + f" | {by[n] / floor:.2f}× |")
    unit = "单位：请求/秒（req/s）。" if zh else "Requests per second."
    return "\n".join(rows) + "\n\n" + unit


def ratios(report: dict) -> dict:
    """Each server's throughput at the most clients, batching on where it has it, / the floor."""
    n = most(report)
    floor = rps(report, FLOOR, 1, n)
    return {s: rps(report, s, None, n) / floor for s in (*TS, "litserve")}


def closing(report: dict, lg: str) -> str:
    zh = lg == "zh"
    n = most(report)
    r = ratios(report)
    parts = [f"{LABELS[s]} {r[s]:.2f}×" for s in (*TS, "litserve")]
    best = max(TS, key=lambda s: r[s])
    if zh:
        text = (f"{n} 个客户端、批处理开启时，以 FastAPI 下限为 1：" + "，".join(parts) + "。")
    else:
        text = (f"At {n} clients with batching on, as multiples of the FastAPI floor: "
                + ", ".join(parts) + ".")
    if r[best] >= 1.0:
        text += (f"TorchServe 最快的配置（{LABELS[best]}）达到了这一下限。" if zh else
                 f" TorchServe's fastest setup ({LABELS[best]}) reaches the floor.")
        return text
    ping = rps(report, best, 0, n, "ping")
    floor = rps(report, FLOOR, 1, n)
    work = report["in_process_ms"]
    if zh:
        text += (f"TorchServe 最快的配置（{LABELS[best]}）也没有达到下限。时间花在哪里："
                 f"同一轮测得它的前端只回答 /ping 就是每秒 {ping:,.0f} 次，"
                 f"{ratio_words(ping, floor, lg, 'FastAPI 端点带着模型的吞吐量')}；"
                 f"而进程内解析请求加运行模型一次只要 {work:.2f} ms。"
                 f"所以瓶颈不是模型，而是请求经过 Java 前端、再经本地套接字到 Python worker 的往返。")
    else:
        text += (f" TorchServe's fastest setup ({LABELS[best]}) stays below it. Where the time goes: "
                 f"in the same run its frontend alone answers /ping {ping:,.0f} times a second, "
                 f"{ratio_words(ping, floor, lg, 'the FastAPI endpoint running the model')}, while "
                 f"parsing the request and running the model in-process takes {work:.2f} ms. "
                 "The cost is not the model but each request's trip through the Java frontend and "
                 "over a local socket to the Python worker and back.")
    return text


def same(report: dict, lg: str) -> str:
    if lg == "zh":
        return "三个服务对测量用的请求返回了逐字节相同的回复。" if report["same_reply"] else \
            "注意：三个服务对测量用的请求返回的回复不同。"
    return "All three servers returned byte-identical replies to the measured request." \
        if report["same_reply"] else "Note: the servers' replies to the measured request differ."


def run_line(report: dict, lg: str) -> str:
    m = report["meta"]
    a, b = m["load_average_at_start"], m["load_average_at_end"]
    busy = other_work(m["busy_cpus_at_start"], m["cpus"])
    if lg == "zh":
        return (f"{m['date']} 在同一台 {m['cpus']} 核机器上的一次运行：{m['model']}，{m['tasks']} 个任务的请求，"
                f"每格 {m['seconds']:g} 秒；TorchServe {m['torchserve']}、LitServe {m['litserve']}、"
                f"FastAPI {m['fastapi']}、torch {m['torch']}。1 分钟负载均值：开始时 {a:g}，结束时 {b:g}"
                + ("（开始时已有其他任务在运行）" if busy else "") + "。只有同一轮内的比值能推广到别的机器。")
    return (f"One run on {m['date']}, one {m['cpus']}-core machine: {m['model']}, the {m['tasks']}-task "
            f"request, {m['seconds']:g} s per cell; TorchServe {m['torchserve']}, LitServe "
            f"{m['litserve']}, FastAPI {m['fastapi']}, torch {m['torch']}. 1-minute load average "
            f"{a:g} at the start" + (" (other work was running)" if busy else "") + f", {b:g} at the "
            "end. Only ratios within the run carry over to another machine.")


PARTS = {"run": run_line, "table": table, "closing": closing, "same": same}


def render(part: str, report: dict | None = None, lg: str | None = None) -> str:
    return PARTS[part](report or load(), lg or lang())


if __name__ == "__main__":
    import sys
    report = load(sys.argv[1] if len(sys.argv) > 1 else None)
    print("\n\n".join(render(part, report) for part in PARTS))
