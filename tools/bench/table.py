"""The benchmark's results as Markdown tables; the Performance page runs it while the site builds.

    python tools/bench/table.py [results.json]   # from the repo root
"""
# --8<-- [start:defs]
import json
import sys
from pathlib import Path

MODELS = ("greedy_time", "greedy_distance", "pointer_net", "mnist")
TARGETS = ("ping", "noop", *MODELS)
PROTOCOL = {"http": "HTTP", "grpc": "gRPC"}


def load() -> dict:
    # The site builds from the repo root; a reader may pass another results file.
    given = sys.argv[1:] if __name__ == "__main__" else []
    return json.loads(Path(given[0] if given else "tools/bench/results.json").read_text())


def value(report: dict, column: str, **where):
    rows = [r for r in report["results"] if all(r.get(k) == v for k, v in where.items())]
    return rows[0][column] if rows else None


def ms(x) -> str:
    return "—" if x is None else f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def rps(x) -> str:
    return "—" if x is None else f"{x:.0f}"


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines) + "\n"


def results_table(report: dict) -> str:
    """One row per target and configuration: the floors, then latency and throughput."""
    header = ["target", "batch", "workers", "in-process model p50 ms",
              "in-process handler p50 ms", "HTTP p50 / p99 ms, c=1", "gRPC p50 / p99 ms, c=1",
              "HTTP req/s, c=1 / 8 / 32", "gRPC req/s, c=1 / 8 / 32"]
    configs = dict.fromkeys((r["target"], r["batch_size"], r["workers"])
                            for r in report["results"] if r["protocol"] != "in-process")
    rows = []
    for target, batch, workers in sorted(configs, key=lambda c: (TARGETS.index(c[0]), c[1:])):
        net = dict(target=target, batch_size=batch, workers=workers)
        local = [ms(value(report, "p50_ms", target=target, kind=f"in-process {scope}",
                          batch_size=batch, threads=report["meta"]["server_threads"]))
                 for scope in ("model", "handler")]
        latency = [f"{ms(value(report, 'p50_ms', protocol=p, concurrency=1, **net))} / "
                   f"{ms(value(report, 'p99_ms', protocol=p, concurrency=1, **net))}"
                   for p in ("http", "grpc")]
        throughput = [" / ".join(rps(value(report, "rps", protocol=p, concurrency=c, **net))
                                 for c in (1, 8, 32)) for p in ("http", "grpc")]
        rows.append([f"`{target}`", str(batch) if target != "ping" else "—",
                     str(workers) if target != "ping" else "—", *local, *latency, *throughput])
    return markdown(header, rows)


def threads_table(report: dict) -> str:
    """The model alone, in-process: the server's torch thread count against torch's default."""
    header = ["target", "torch threads", "model p50 ms, batch 1", "model p50 ms, batch 8",
              "ms per request, batch 8"]
    rows = []
    counts = sorted({r["threads"] for r in report["results"] if r["protocol"] == "in-process"})
    for target in MODELS:
        for threads in counts:
            at = dict(target=target, kind="in-process model", threads=threads)
            one, eight = (value(report, "p50_ms", batch_size=b, **at) for b in (1, 8))
            if one is not None:
                rows.append([f"`{target}`", str(threads), ms(one), ms(eight),
                             ms(eight / 8 if eight is not None else None)])
    return markdown(header, rows)


def conditions(report: dict) -> str:
    """When and where the numbers were taken: they hold for this machine and this load only."""
    m = report["meta"]
    return (f"*{m['date']} · {m['machine']} · TorchServe {m['torchserve']} · torch {m['torch']}"
            f" · load average {m['load_average_1m_at_start']} → {m['load_average_1m_at_end']}"
            f" · {m['server_threads']} torch thread(s) per worker"
            f" · {m['duration_per_cell_s']:g} s per cell*\n")


def goals_table(report: dict) -> str:
    """The page's two goals, each with the measurement that decides it."""
    rows = []
    for model in ("greedy_time", "greedy_distance"):
        for protocol in ("http", "grpc"):
            at = dict(protocol=protocol, concurrency=1, batch_size=1, workers=1)
            mine, floor = (value(report, "p50_ms", target=t, **at) for t in (model, "noop"))
            if mine and floor:
                rows.append([f"`{model}` p50 ÷ `noop` p50 ({PROTOCOL[protocol]}, c=1)", "≤ 1.2",
                             f"{mine / floor:.2f} ({ms(mine)} / {ms(floor)} ms)",
                             "✅" if mine / floor <= 1.2 else "❌"])
    for workers in (1, 2):
        at = dict(target="pointer_net", protocol="http", concurrency=32, workers=workers)
        batched, single = (value(report, "rps", batch_size=b, **at) for b in (8, 1))
        if batched and single:
            rows.append([f"`pointer_net` req/s, batch 8 ÷ batch 1 (HTTP, c=32, {workers} "
                         f"worker{'s' * (workers > 1)})", "≥ 3",
                         f"{batched / single:.2f} ({rps(batched)} / {rps(single)} req/s)",
                         "✅" if batched / single >= 3 else "❌"])
    # What bounds the batching gain: the model's own gain, and how far the server floor is.
    threads = report["meta"]["server_threads"]
    at = dict(target="pointer_net", kind="in-process model", threads=threads)
    one, eight = (value(report, "p50_ms", batch_size=b, **at) for b in (1, 8))
    if one and eight:
        rows.append([f"`pointer_net` model alone (in-process, {threads} thread): ms per request, "
                     "batch 1 ÷ batch 8", "—", f"{one / (eight / 8):.2f} ({ms(one)} / "
                     f"{ms(eight / 8)} ms)", ""])
    at = dict(protocol="http", concurrency=32, batch_size=1, workers=1)
    floor, model = (value(report, "rps", target=t, **at) for t in ("noop", "pointer_net"))
    if floor and model:
        rows.append(["`noop` req/s ÷ `pointer_net` req/s (HTTP, c=32, batch 1)", "—",
                     f"{floor / model:.2f} ({rps(floor)} / {rps(model)} req/s)", ""])
    return markdown(["measure", "goal", "measured", ""], rows)
# --8<-- [end:defs]


# --8<-- [start:goals]
print(goals_table(load()))
# --8<-- [end:goals]
# --8<-- [start:results]
print(conditions(load()))
print(results_table(load()))
# --8<-- [end:results]
# --8<-- [start:threads]
print(threads_table(load()))
# --8<-- [end:threads]
