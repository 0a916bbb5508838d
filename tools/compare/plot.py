"""The side-by-side plot: throughput over clients, one line per server and batching."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from tools.compare.verdicts import LABELS, series

plt.rcParams.update({"svg.hashsalt": "compare", "font.size": 9})


def plot(report: dict, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(7, 3.6))
    colours = dict(zip(LABELS, plt.rcParams["axes.prop_cycle"].by_key()["color"]))
    for (server, batch), points in series(report).items():  # one colour per server; dashed: batch 1
        xs = [c["clients"] for c in points]
        ax.plot(xs, [c["rps"] for c in points], marker="o", linestyle="-" if batch > 1 else "--",
                color=colours[server], label=f"{LABELS[server]}, batch {batch}")
    ax.set_xscale("log", base=2)
    ax.set_xticks(sorted({c["clients"] for c in report["cells"]}))
    ax.get_xaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.set_xlabel("clients")
    ax.set_ylabel("requests / s")
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)
