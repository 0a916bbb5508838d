"""The benchmark's results: reading them, and the Performance page's tables of numbers.

Headers follow GUIDE_LANG (zh or en) and come from words.yaml beside this file; verdicts.py words
the conclusions and blocks.py prints both while the site builds.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from tsharness.words import Words, lang, number, sig  # noqa: F401  (lang: the page's language)

HERE = Path(__file__).resolve().parent
WORDS = Words(HERE / "words.yaml")
MODELS = ("greedy_time", "greedy_distance", "pointer_net", "mnist")
TARGETS = ("ping", "noop", *MODELS)
GREEDY = ("greedy_time", "greedy_distance")
PROTOCOL = {"http": "HTTP", "grpc": "gRPC"}
# The page's two goals: a greedy model's p50 at most this times the no-op floor's (one client),
# and batch 8 multiplying pointer_net's throughput at 32 clients at least this much.
HANDLER_GOAL = 1.2
BATCHING_GOAL = 3.0


def load(path: str | Path | None = None) -> dict:
    """The committed results, or the file $BENCH_RESULTS names (another run's)."""
    return json.loads(Path(path or os.environ.get("BENCH_RESULTS") or HERE / "results.json")
                      .read_text(encoding="utf-8"))


def value(report: dict, column: str, **where):
    rows = [r for r in report["results"] if all(r.get(k) == v for k, v in where.items())]
    return rows[0][column] if rows else None


def levels(report: dict, column: str, **where) -> list:
    """The distinct values of `column` in the run (e.g. its concurrency levels), sorted."""
    return sorted({r[column] for r in report["results"]
                   if all(r.get(k) == v for k, v in where.items())})


def served(target: str, protocol: str, concurrency: int, batch_size: int = 1,
           workers: int = 1) -> dict:
    """The filter for one server cell."""
    return dict(target=target, protocol=protocol, concurrency=concurrency,
                batch_size=batch_size, workers=workers)


def local(target: str, scope: str, batch_size: int, threads: int) -> dict:
    """The filter for one in-process row ("model" or "handler")."""
    return dict(target=target, kind=f"in-process {scope}", batch_size=batch_size, threads=threads)


def ms(x) -> str:
    """Three significant digits or so: 0.087, 3.60, 25.1, 436 (a table cell, its unit in the header)."""
    return "—" if x is None else sig(x)


def rps(x) -> str:
    return "—" if x is None else number(x, "n", "en")


BOUND = "†"  # a figure within a third of its client's ceiling


def bound(report: dict, **where) -> bool:
    """True when the cell's throughput is within a third of its client's ceiling (not `ping`, the
    ceiling itself)."""
    rows = [r for r in report["results"] if all(r.get(k) == v for k, v in where.items())]
    return bool(rows) and rows[0]["target"] != "ping" and bool(rows[0].get("client_bound"))


def bound_rows(report: dict) -> list[dict]:
    return [r for r in report["results"] if r["target"] != "ping" and r.get("client_bound")]


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines) + "\n"


def results_table(report: dict, lg: str) -> str:
    """One row per target and configuration: the floors, then latency and throughput."""
    conc = levels(report, "concurrency", protocol="http")
    header = WORDS.cells("results_head", lg, cs=" / ".join(map(str, conc)))
    configs = dict.fromkeys((r["target"], r["batch_size"], r["workers"])
                            for r in report["results"] if r["protocol"] != "in-process")
    threads = report["meta"]["server_threads"]
    rows = []
    for target, batch, workers in sorted(configs, key=lambda c: (TARGETS.index(c[0]), c[1:])):
        floors = [ms(value(report, "p50_ms", **local(target, scope, batch, threads)))
                  for scope in ("model", "handler")]
        def at(p, c, target=target, batch=batch, workers=workers):
            return served(target, p, c, batch, workers)
        latency = [f"{ms(value(report, 'p50_ms', **at(p, 1)))} / "
                   f"{ms(value(report, 'p99_ms', **at(p, 1)))}" for p in PROTOCOL]
        throughput = [" / ".join(rps(value(report, "rps", **at(p, c)))
                                 + (BOUND if bound(report, **at(p, c)) else "") for c in conc)
                      for p in PROTOCOL]
        rows.append([f"`{target}`", str(batch) if target != "ping" else "—",
                     str(workers) if target != "ping" else "—", *floors, *latency, *throughput])
    return markdown(header, rows)


# --- the goals ---------------------------------------------------------------------
def handler_goal(report: dict) -> list[tuple[str, str, float, float]]:
    """(model, protocol, its p50, the no-op p50) at one client, for each greedy model."""
    rows = []
    for model in GREEDY:
        for protocol in PROTOCOL:
            mine, floor = (value(report, "p50_ms", **served(t, protocol, 1))
                           for t in (model, "noop"))
            if mine and floor:
                rows.append((model, protocol, mine, floor))
    return rows


def batching_goal(report: dict) -> list[tuple[int, float, float]]:
    """(workers, req/s with batch 8, req/s with batch 1) for pointer_net, HTTP, most clients."""
    rows = []
    top = max(levels(report, "concurrency", protocol="http"), default=None)
    for workers in (1, 2):
        batched, single = (value(report, "rps", **served("pointer_net", "http", top, b, workers))
                           for b in (8, 1))
        if batched and single:
            rows.append((workers, batched, single))
    return rows


def model_batch_gain(report: dict, target: str = "pointer_net"):
    """(ms for batch 1, ms per request in batch 8): the model alone, the server's threads."""
    threads = report["meta"]["server_threads"]
    one, eight = (value(report, "p50_ms", **local(target, "model", b, threads)) for b in (1, 8))
    return (one, eight / 8) if one and eight else None


def goals_table(report: dict, lg: str) -> str:
    """The page's two goals, each with the measurement that decides it."""
    rows = []
    for model, protocol, mine, floor in handler_goal(report):
        rows.append([WORDS("goal_handler_label", lg, model=model, protocol=PROTOCOL[protocol]),
                     f"≤ {HANDLER_GOAL:g}",
                     WORDS("goal_handler_measured", lg, r=mine / floor, mine=mine, floor=floor),
                     "✅" if mine / floor <= HANDLER_GOAL else "❌"])
    top = max(levels(report, "concurrency", protocol="http"), default=None)
    for workers, batched, single in batching_goal(report):
        rows.append([WORDS.count("goal_batching_label", workers, lg, top=top, workers=workers),
                     f"≥ {BATCHING_GOAL:g}",
                     WORDS("goal_batching_measured", lg, r=batched / single, batched=batched,
                           single=single),
                     "✅" if batched / single >= BATCHING_GOAL else "❌"])
    return markdown(WORDS.cells("goals_head", lg), rows)
