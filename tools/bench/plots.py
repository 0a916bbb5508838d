"""The benchmark's plots from results.json, as SVG (matplotlib, no display needed).

    python tools/bench/plots.py   # redraw docs/images/perf-*.svg from tools/bench/results.json

The same results give the same bytes, so a redraw shows whether the images match the data.
"""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent
TARGETS = ("ping", "noop", "greedy_time", "greedy_distance", "pointer_net", "mnist")
CONCURRENCY = (1, 8, 32)
# Stable SVG output: the same results give the same file.
plt.rcParams.update({"svg.hashsalt": "perf", "font.size": 9})


def pick(results: list[dict], **where) -> list[dict]:
    return [r for r in results if all(r.get(k) == v for k, v in where.items())]


def value(results: list[dict], column: str, **where):
    rows = pick(results, **where)
    return rows[0][column] if rows else None


def floors(results: list[dict], out: Path) -> Path:
    """p50 at concurrency 1: the three floors next to each model, HTTP and gRPC."""
    targets = [t for t in TARGETS if pick(results, target=t)]
    threads = value(results, "threads", protocol="http")  # the server's, for a fair comparison
    series = [("in-process model", dict(kind="in-process model", batch_size=1, threads=threads)),
              ("in-process handler", dict(kind="in-process handler", batch_size=1,
                                          threads=threads)),
              ("HTTP", dict(protocol="http", concurrency=1, batch_size=1, workers=1)),
              ("gRPC", dict(protocol="grpc", concurrency=1, batch_size=1, workers=1))]
    fig, ax = plt.subplots(figsize=(7, 0.55 * len(targets) + 1.2))
    height = 0.8 / len(series)
    for i, (label, where) in enumerate(series):
        ys, xs = [], []
        for j, t in enumerate(targets):
            v = value(results, "p50_ms", target=t, **where)
            if v is not None:
                ys.append(j + (i - (len(series) - 1) / 2) * height)
                xs.append(v)
        if xs:
            ax.barh(ys, xs, height=height, label=label)
    ax.set_yticks(range(len(targets)), targets)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("p50 latency at concurrency 1 (ms, log scale)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=len(series), fontsize=8)
    ax.grid(axis="x", which="both", alpha=0.3)
    return save(fig, out / "perf-floors.svg")


def concurrency(results: list[dict], out: Path) -> Path:
    """Throughput against concurrency, one worker, no batching: HTTP solid, gRPC dashed."""
    fig, ax = plt.subplots(figsize=(7, 4))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for t, colour in zip(TARGETS, colours):
        for protocol, style in (("http", "-"), ("grpc", "--")):
            points = [(c, value(results, "rps", target=t, protocol=protocol, concurrency=c,
                                batch_size=1, workers=1)) for c in CONCURRENCY]
            points = [(c, v) for c, v in points if v is not None]
            if points:
                ax.plot(*zip(*points), style, marker="o", color=colour,
                        label=f"{t} ({'HTTP' if protocol == 'http' else 'gRPC'})")
    ax.set_xscale("log", base=2)
    ax.set_xticks(CONCURRENCY, [str(c) for c in CONCURRENCY])
    ax.set_yscale("log")
    ax.set_xlabel("concurrent clients")
    ax.set_ylabel("requests per second (log scale)")
    ax.legend(fontsize=7, ncol=2)
    ax.grid(which="both", alpha=0.3)
    return save(fig, out / "perf-concurrency.svg")


def batching(results: list[dict], out: Path) -> Path:
    """Batch size 1 vs 8 and 1 vs 2 workers over HTTP: throughput (top), p99 latency (bottom)."""
    models = [t for t in TARGETS if pick(results, target=t, batch_size=8, protocol="http")]
    configs = sorted({(r["batch_size"], r["workers"]) for r in results
                      if r["target"] in models and r["protocol"] == "http"})
    fig, axes = plt.subplots(2, max(len(models), 1), figsize=(7, 5.5), squeeze=False,
                             sharex=True)
    for col, model in enumerate(models):
        for row, column in enumerate(("rps", "p99_ms")):
            ax = axes[row][col]
            for batch_size, workers in configs:
                points = [(c, value(results, column, target=model, protocol="http",
                                    concurrency=c, batch_size=batch_size, workers=workers))
                          for c in CONCURRENCY]
                points = [(c, v) for c, v in points if v is not None]
                if points:
                    ax.plot(*zip(*points), marker="o",
                            label=f"batch {batch_size}, {workers} worker{'s' * (workers > 1)}")
            ax.set_xscale("log", base=2)
            ax.set_xticks(CONCURRENCY, [str(c) for c in CONCURRENCY])
            ax.grid(alpha=0.3)
            if row == 0:
                ax.set_title(model)
            else:
                ax.set_xlabel("concurrent clients")
            if col == 0:
                ax.set_ylabel("requests per second" if row == 0 else "p99 latency (ms)")
    axes[0][0].legend(fontsize=7)
    return save(fig, out / "perf-batching.svg")


def save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})  # no timestamp: reruns only differ if data does
    plt.close(fig)
    return path


def plot(report: dict, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    results = report["results"]
    return [floors(results, out), concurrency(results, out), batching(results, out)]


if __name__ == "__main__":
    repo = HERE.parents[1]
    report = json.loads((HERE / "results.json").read_text())
    for image in plot(report, repo / "docs" / "images"):
        print(f"wrote {image.relative_to(repo)}")
