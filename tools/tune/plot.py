"""The tuning plot: each setting's throughput at 32 connections against the baseline's, HTTP and gRPC
side by side; the band is the two baselines' spread (the run's noise)."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from tools.tune import verdicts

plt.rcParams.update({"svg.hashsalt": "tune", "font.size": 9})


def plot(report: dict, path: Path) -> None:
    n = verdicts.at(report)
    rows = [*verdicts.knobs(report), report["recommended"]]
    labels = [verdicts.shown(r) if r["knob"] != "recommended" else "recommended" for r in rows]
    fig, axes = plt.subplots(1, 2, figsize=(8, 0.32 * len(rows) + 1.4), sharey=True)
    for ax, protocol in zip(axes, verdicts.PROTOCOLS):
        xs = [verdicts.gain(report, r, protocol) * 100 for r in rows]
        colours = ["tab:green" if x > verdicts.noise(report, protocol) * 100 else
                   "tab:red" if x < -verdicts.noise(report, protocol) * 100 else "tab:grey" for x in xs]
        ax.barh(range(len(rows)), xs, color=colours)
        band = verdicts.noise(report, protocol) * 100
        ax.axvspan(-band, band, color="grey", alpha=0.15, label="baseline noise")
        ax.axvline(0, color="black", linewidth=0.8)
        name = {"http": "HTTP", "grpc": "gRPC"}[protocol]
        ax.set_title(f"{name}, {n} connections (baseline {verdicts.base_rps(report, protocol):,.0f} req/s)")
        ax.set_xlabel("throughput vs baseline (%)")
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(range(len(rows)), labels, fontsize=7.5)
    axes[0].invert_yaxis()
    axes[0].legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)
