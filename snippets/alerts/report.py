"""The p99 section's table and sentences, computed from latency.json (written by latency_run.py);
the sentences themselves are in words.yaml beside this file.

Parts: "table" (client and Prometheus percentiles side by side), "close" (how close, and the
handler's share), "edges" (what the bucket edges cost), "ms" (the same latency recorded in
milliseconds). The page's markdown-exec blocks (blocks.py) print them; preview them with
`python -m tsharness.words alerts` (GUIDE_LANG=zh for Chinese).
"""
from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from tsharness.words import Words, lang, tidy

RESULTS = Path(__file__).with_name("latency.json")
WORDS = Words(Path(__file__).with_name("words.yaml"))
# The Prometheus Java client's default buckets, which TorchServe 0.12 gives every histogram.
EDGES = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0]
NAMES = {"0.5": "p50", "0.95": "p95", "0.99": "p99"}


def load(path: str | Path | None = None) -> dict:
    return json.loads(Path(path or RESULTS).read_text(encoding="utf-8"))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def edge(seconds: float) -> str:
    return f"{seconds * 1000:g}"


def bucket(value: float) -> tuple[float, float]:
    """The bucket (lower, upper] that holds `value`."""
    lower = 0.0
    for upper in EDGES:
        if value <= upper:
            return lower, upper
        lower = upper
    return EDGES[-1], float("inf")


def table(r: dict, lg: str) -> str:
    rows = ["| " + " | ".join(WORDS.cells("table_head", lg)) + " |", "|---|---:|---:|---:|---|"]
    for q, name in NAMES.items():
        c, p = r["client"][q], r["prometheus"][q]
        lo, hi = bucket(p)
        rows.append(f"| {name} | {ms(c)} | {ms(p)} | {(p - c) / c:+.0%} | ({edge(lo)}, {edge(hi)}] |")
    return "\n".join(rows)


def close(r: dict, lg: str) -> str:
    gaps = {NAMES[q]: abs(r["prometheus"][q] - r["client"][q]) / r["client"][q] for q in NAMES}
    worst = max(gaps, key=gaps.get)
    return WORDS("close", lg, requests=r["requests"], cpus=r["cpus"], load=r["load"], worst=worst,
                 gap=gaps[worst], share=r["prometheus_mean"] / r["client_mean"],
                 overhead=(r["client_mean"] - r["prometheus_mean"]) * 1000)


def edges(r: dict, lg: str) -> str:
    p99 = r["prometheus"]["0.99"]
    lo, hi = bucket(p99)
    counts = r["route_latency_seconds"]
    inside = counts[str(hi)] - (counts[str(lo)] if lo else 0) if hi != float("inf") else 0
    off = max(p99 - lo, hi - p99)  # the farthest the true value can be, inside the bucket
    a, b = max(pairwise(EDGES), key=lambda e: (e[1] - e[0]) / e[0])
    return WORDS("edges", lg, lo=edge(lo), hi=edge(hi), inside=inside, off=off * 1000,
                 off_share=off / p99, widest=(b - a) / a, a=f"{a:g}", b=f"{b:g}")


def ms_mistake(r: dict, lg: str) -> str:
    counts = r["route_latency_ms"]
    total = counts["+Inf"]
    over = total - counts["10.0"]
    cumulative = sorted((float(le), n) for le, n in counts.items() if le != "+Inf")
    rows = ["| " + " | ".join(WORDS.cells("ms_head", lg)) + " |", "|---:|---:|"]
    previous = 0.0
    for le, n in cumulative:
        if n - previous:
            rows.append(f"| {le:g} | {n - previous:.0f} |")
        previous = n
    rows.append(f"| +Inf | {over:.0f} |")
    text = WORDS("ms_mistake", lg, total=total, over=over, over_share=over / total,
                 p99=f"{r['ms']['p99']:g}")
    return "\n".join(rows) + "\n\n" + text


PARTS = {"table": table, "close": close, "edges": edges, "ms": ms_mistake}


def render(part: str, report: dict | None = None, lg: str | None = None) -> str:
    return tidy(PARTS[part](report or load(), lang(lg)), lang(lg))
