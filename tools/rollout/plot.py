"""The long run's plot: RSS against requests served, the JVM and each worker, default heap and -Xmx.

    python tools/rollout/plot.py [results.json] [out.svg]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
plt.rcParams.update({"svg.hashsalt": "rollout", "font.size": 9})


def plot(report: dict, out: Path) -> Path:
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), sharex=True)
    for run, style in zip(report["runs"], ("-", "--")):
        label = run["vmargs"] or "default heap"
        points = run["points"]
        x = [p["requests"] / 1000 for p in points]
        axes[0].plot(x, [p["jvm_mb"] for p in points], style, marker=".", label=f"JVM RSS, {label}")
        heap = [(p["requests"] / 1000, p["heap_used_mb"]) for p in points if p["heap_used_mb"] is not None]
        if heap:
            axes[0].plot(*zip(*heap), style, color="grey", alpha=0.6, label=f"heap used, {label}")
        for i in range(run["workers"]):
            axes[1].plot(x, [p["workers_mb"][i] for p in points], style, marker=".",
                         label=f"worker {i + 1}, {label}")
    axes[0].set_title("frontend (JVM)")
    axes[1].set_title("workers (Python)")
    for ax in axes:
        ax.set_xlabel("requests served (thousands)")
        ax.set_ylim(0, ax.get_ylim()[1] * 1.15)  # room above the highest line for the legend
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    axes[0].set_ylabel("MB")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, metadata={"Date": None})
    plt.close(fig)
    return out


if __name__ == "__main__":
    results = Path(sys.argv[1] if len(sys.argv) > 1 else HERE / "results.json")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else REPO / "docs" / "images" / "rollout-memory.svg")
    print(f"plot in {plot(json.loads(results.read_text()), out)}")
