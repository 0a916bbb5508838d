"""The sweep's plot: throughput at each client count, one line per configuration.

    python tools/sweep/plot.py   # redraw docs/images/sweep-throughput.svg from results.json
"""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent
plt.rcParams.update({"svg.hashsalt": "sweep", "font.size": 9})


def plot(report: dict, images: Path) -> Path:
    rows = report["results"]
    workers = sorted({r["workers"] for r in rows if r["model"] == "pointer_net"})
    fig, axes = plt.subplots(1, len(workers), figsize=(5 * len(workers), 3.8), sharey=True,
                             squeeze=False)
    noop = sorted({(r["batch_size"], r["max_batch_delay_ms"], r["workers"]) for r in rows
                   if r["model"] == "noop"})
    floors = {cfg: sorted((r["clients"], r["rps"]) for r in rows if r["model"] == "noop"
                          and (r["batch_size"], r["max_batch_delay_ms"], r["workers"]) == cfg)
              for cfg in noop}
    for ax, w in zip(axes[0], workers):
        configs = sorted({(r["batch_size"], r["max_batch_delay_ms"]) for r in rows
                          if r["model"] == "pointer_net" and r["workers"] == w})
        for batch, delay in configs:
            line = sorted((r["clients"], r["rps"]) for r in rows if r["model"] == "pointer_net"
                          and (r["workers"], r["batch_size"], r["max_batch_delay_ms"]) == (w, batch, delay))
            ax.plot(*zip(*line), marker="o", label=f"batch {batch}, {delay} ms")
        for (batch, delay, _), style in zip(floors, ("k--", "k:")):
            ax.plot(*zip(*floors[(batch, delay, _)]), style, label=f"no-op, batch {batch}, {delay} ms")
        ax.set_xscale("log", base=2)
        ax.set_xticks(sorted({r["clients"] for r in rows}), [str(c) for c in sorted({r["clients"] for r in rows})])
        ax.set_title(f"pointer_net, {w} worker(s)")
        ax.set_xlabel("clients")
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("requests / s")
    axes[0][-1].legend(fontsize=7, ncol=2)
    fig.tight_layout()
    images.mkdir(parents=True, exist_ok=True)
    out = images / "sweep-throughput.svg"
    fig.savefig(out, metadata={"Date": None})
    plt.close(fig)
    return out


if __name__ == "__main__":
    plot(json.loads((HERE / "results.json").read_text()), HERE.parents[1] / "docs" / "images")
