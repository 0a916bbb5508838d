"""The side-by-side plot: throughput over connections, one panel per worker count, one line per
server and batching (dashed: batching off)."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from tools.compare.verdicts import LABELS, in_process, series, worker_counts

plt.rcParams.update({"svg.hashsalt": "compare", "font.size": 9})


def plot(report: dict, path: Path) -> None:
    counts = worker_counts(report)
    fig, axes = plt.subplots(1, len(counts), figsize=(7.5, 3.6), sharey=True, squeeze=False)
    colours = dict(zip(LABELS, plt.rcParams["axes.prop_cycle"].by_key()["color"]))
    xs_all = sorted({c["clients"] for points in series(report).values() for c in points})
    for ax, w in zip(axes[0], counts):
        for (server, workers, batch), points in series(report).items():
            if workers != w:
                continue
            ax.plot([c["clients"] for c in points], [c["rps"] for c in points], marker="o",
                    linestyle="-" if batch > 1 else "--", color=colours[server],
                    label=f"{LABELS[server]}, batch {batch}")
        for batch, style in ((1, ":"), (8, "-.")):
            ax.axhline(in_process(report, w, batch), color="grey", linestyle=style, linewidth=0.8,
                       label=f"in-process ceiling, batch {batch}")
        ax.set_title(f"{w} worker{'s' if w > 1 else ''}")
        if len(xs_all) > 1:
            ax.set_xscale("log", base=2)
        ax.set_xticks(xs_all)
        ax.get_xaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
        ax.set_xlabel("connections (wrk)")
        ax.set_ylim(0, 1.05 * max(in_process(report, x, b) for x in counts for b in (1, 8)))
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("requests / s")
    axes[0][-1].legend(fontsize=6.5, loc="upper left")
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)
