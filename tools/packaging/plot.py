"""The packaging page's plot from tools/packaging/results.json, as SVG (matplotlib, no display).

    python tools/packaging/plot.py   # redraw docs/images/packaging-latency.svg

The same results give the same bytes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "docs" / "images" / "packaging-latency.svg"
plt.rcParams.update({"svg.hashsalt": "packaging", "font.size": 9})
PANELS = (("model, batch 8, in process", lambda r: r["model_ms"]["8"]),
          ("served p50, 1 client", lambda r: r["served"]["1"]["p50_ms"]),
          ("served p50, 32 clients", lambda r: r["served"]["32"]["p50_ms"]))


def draw(results: dict, out: Path = OUT) -> Path:
    variants = list(results["variants"])
    fig, axes = plt.subplots(1, len(PANELS), figsize=(9, 2.8))
    for ax, (title, get) in zip(axes, PANELS):
        values = [get(results["variants"][v]) for v in variants]
        bars = ax.barh(variants, values, color=["#888888", "#55a868", "#4c72b0", "#dd8452"][:len(variants)])
        ax.bar_label(bars, labels=[f"{v:.1f}" if v >= 10 else f"{v:.2f}" for v in values], padding=2)
        ax.set_title(title)
        ax.set_xlabel("ms")
        ax.invert_yaxis()
        ax.margins(x=0.25)
        if ax is not axes[0]:
            ax.set_yticklabels([])
    fig.tight_layout()
    fig.savefig(out, format="svg", metadata={"Date": None})
    plt.close(fig)
    return out


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "results.json"
    print(draw(json.loads(src.read_text()), Path(sys.argv[2]) if len(sys.argv) > 2 else OUT))
