"""The side-by-side conclusions, worded from tools/compare/results.json when the site builds.

`render(part)` gives one part in GUIDE_LANG (zh or en); blocks.py prints the parts, and
`python -m tsharness.words compare [results.json]` previews them. The sentences are in words.yaml;
ratios are taken against FastAPI without batching.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from tsharness.words import Words, direction, lang, number, other_work, ratio_words, tidy

RESULTS = Path(__file__).resolve().parent / "results.json"
WORDS = Words(Path(__file__).resolve().parent / "words.yaml")
SAME_RATIO = 0.02   # TorchServe within 2 % of FastAPI: about the same
LABELS = {"torchserve-http": "TorchServe HTTP", "torchserve-grpc": "TorchServe gRPC",
          "litserve": "LitServe", "fastapi": "FastAPI"}
FLOOR = "fastapi"
TS = ("torchserve-http", "torchserve-grpc")


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
    counts = sorted({c["clients"] for c in report["cells"] if c["target"] == report["meta"]["model"]})
    n = most(report)
    floor = rps(report, FLOOR, 1, n)
    head = [WORDS("head_server", lg), WORDS("head_batch", lg),
            *[WORDS("head_one_client" if k == 1 else "head_clients", lg, k=k) for k in counts],
            WORDS("head_ratio", lg, n=n)]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for (server, batch), cells in series(report).items():
        by = {c["clients"]: c["rps"] for c in cells}
        rows.append(f"| {LABELS[server]} | {batch} | " + " | ".join(number(by[k], "n", lg) for k in counts)
                    + f" | {number(by[n] / floor, 'times', lg, 2)} |")
    return tidy("\n".join(rows) + "\n\n" + WORDS("unit", lg), lg)


def ratios(report: dict) -> dict:
    """Each server's throughput at the most clients, batching on where it has it, / the baseline."""
    n = most(report)
    floor = rps(report, FLOOR, 1, n)
    return {s: rps(report, s, None, n) / floor for s in (*TS, "litserve")}


def closing(report: dict, lg: str) -> str:
    n = most(report)
    r = ratios(report)
    parts = [WORDS("ratio_part", lg, label=LABELS[s], x=r[s]) for s in (*TS, "litserve")]
    best = max(TS, key=lambda s: r[s])
    text = [WORDS("ratios", lg, n=n, parts=WORDS("ratio_separator", lg).join(parts))]
    side = direction(r[best], 1.0, SAME_RATIO)
    if side >= 0:
        text.append(WORDS("ahead" if side > 0 else "level", lg, label=LABELS[best], x=r[best]))
    else:
        ping = rps(report, best, 0, n, "ping")
        floor = rps(report, FLOOR, 1, n)
        text.append(WORDS("behind", lg, label=LABELS[best], ping=ping, work=report["in_process_ms"],
                          against=ratio_words(ping, floor, lg, WORDS("fastapi_with_model", lg))))
    return tidy(" ".join(text) + "\n\n" + same(report, lg), lg)


def same(report: dict, lg: str) -> str:
    return WORDS("same_reply" if report["same_reply"] else "different_reply", lg)


def run_line(report: dict, lg: str) -> str:
    m = report["meta"]
    busy = other_work(m["busy_cpus_at_start"], m["cpus"])
    return tidy(WORDS("run", lg, **m, a=m["load_average_at_start"], b=m["load_average_at_end"],
                      busy=WORDS("busy", lg) if busy else ""), lg)


def caption(report: dict, lg: str) -> str:
    return tidy(WORDS("caption", lg, **report["meta"]), lg)


PARTS = {"run": run_line, "caption": caption, "table": table, "closing": closing}


def render(part: str, report: dict | None = None, lg: str | None = None) -> str:
    return PARTS[part](report or load(), lang(lg))
