"""The long run in words, for the Rollout page: every figure is computed here from results.json
(written by `make rollout-bench`), the sentences are in words.yaml beside this file.

    GUIDE_LANG=zh python -m tsharness.words rollout [results.json]   # every part, as the page shows it
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from tsharness.words import Words, lang, tidy

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

WORDS = Words(HERE / "words.yaml")
WARMUP = 10_000    # requests left out of the growth fit: the JVM and the workers settle first
FLAT = 1.0         # MB per 10,000 requests: below this, memory does not grow
SAME = 0.10        # the two runs' JVM peaks within 10 % of each other: about the same
MI = 64            # the manifest's memory is rounded up to this many MiB


def load(path: str | Path | None = None) -> dict:
    return json.loads(Path(path or HERE / "results.json").read_text())


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of ys against xs."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0


def fitted(run: dict) -> list[dict]:
    """The points the growth is fitted on: after WARMUP requests (all of them in a short run)."""
    later = [p for p in run["points"] if p["requests"] >= WARMUP]
    return later if len(later) >= 3 else run["points"]


def growth(run: dict) -> dict:
    """MB per 10,000 requests for the JVM and each worker, and start/end/peak RSS."""
    pts = fitted(run)
    x = [p["requests"] / 10_000 for p in pts]
    workers = range(run["workers"])
    first, last = run["points"][0], run["points"][-1]
    return {
        "jvm": slope(x, [p["jvm_mb"] for p in pts]),
        "workers": [slope(x, [p["workers_mb"][i] for p in pts]) for i in workers],
        "jvm_start": first["jvm_mb"], "jvm_end": last["jvm_mb"],
        "jvm_peak": max(s["jvm_mb"] for s in run["samples"] + run["points"] if s["jvm_mb"] is not None),
        "workers_start": first["workers_mb"], "workers_end": last["workers_mb"],
        "worker_peak": max(w for s in run["samples"] + run["points"] for w in s["workers_mb"] if w is not None),
        "heap_used_peak": max(p["heap_used_mb"] for p in run["points"] if p["heap_used_mb"] is not None),
        "heap_committed_peak": max(p["heap_committed_mb"] for p in run["points"]
                                   if p["heap_committed_mb"] is not None),
    }


def run_of(r: dict, name: str) -> dict:
    return next(x for x in r["runs"] if x["name"] == name)


def k8s_memory(r: dict) -> dict:
    """The manifest's memory from the -Xmx run: request = the JVM's peak RSS + one worker's peak RSS,
    limit = that + the heap's room up to -Xmx; both rounded up to MI MiB."""
    g = growth(run_of(r, "xmx"))
    up = lambda mb: math.ceil(mb / MI) * MI
    request = up(g["jvm_peak"] + g["worker_peak"])
    limit = up(g["jvm_peak"] + g["worker_peak"] + max(0.0, r["xmx_mb"] - g["heap_committed_peak"]))
    return {"request": request, "limit": limit, "jvm": g["jvm_peak"], "worker": g["worker_peak"],
            "xmx": r["xmx_mb"], "committed": g["heap_committed_peak"]}


def figures(r: dict) -> dict:
    d, x = growth(run_of(r, "default")), growth(run_of(r, "xmx"))
    both = (d, x)
    return {"requests": min(run["requests"] for run in r["runs"]),
            "failed": sum(run["failed"] for run in r["runs"]),
            "jvm_growth": max(abs(g["jvm"]) for g in both),
            "worker_growth": max(abs(w) for g in both for w in g["workers"]),
            "default_jvm_peak": d["jvm_peak"], "xmx_jvm_peak": x["jvm_peak"], "xmx": r["xmx_mb"],
            "default_committed": d["heap_committed_peak"], "xmx_committed": x["heap_committed_peak"],
            "peak_heap": d["heap_used_peak"], "warmup": WARMUP, "flat": FLAT}


def table(r: dict, lg: str) -> str:
    head = WORDS.cells("header", lg)
    rows = []
    for run in r["runs"]:
        g = growth(run)
        name = WORDS("run_default", lg) if run["name"] == "default" else f"`{run['vmargs']}`"
        w_start = " / ".join(f"{v:.0f}" for v in g["workers_start"])
        w_end = " / ".join(f"{v:.0f}" for v in g["workers_end"])
        rows.append([name, f"{run['requests']:,}", f"{run['failed']:,}", f"{run['max_heap_mb']:,.0f}",
                     f"{g['jvm_start']:.0f} → {g['jvm_end']:.0f}", f"{g['jvm']:+.1f}",
                     f"{w_start} → {w_end}", " / ".join(f"{v:+.1f}" for v in g["workers"])])
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def grown_words(f: dict, lg: str) -> str:
    """Whose memory grew by more than FLAT per 10,000 requests (the JVM's, the workers' or both),
    in words; "" when none did."""
    jvm, workers = f["jvm_growth"] > FLAT, f["worker_growth"] > FLAT
    if not (jvm or workers):
        return ""
    return WORDS("grown_both" if jvm and workers else "grown_jvm" if jvm else "grown_workers", lg)


def summary(r: dict, lg: str) -> str:
    f = figures(r)
    grown = grown_words(f, lg)
    if not grown:
        return tidy(WORDS("summary", lg, **f), lg) + "\n"
    return tidy(WORDS("summary_grows", lg, **f, grown=grown, grown_cap=grown[:1].upper() + grown[1:]), lg) + "\n"


def memory(r: dict, lg: str) -> str:
    f = figures(r)
    out = [WORDS("did", lg, connections=r["connections"], workers=r["workers"],
                 default_heap=run_of(r, "default")["max_heap_mb"], mem=r["mem_total_mb"],
                 share=run_of(r, "default")["max_heap_mb"] / r["mem_total_mb"], peak_heap=f["peak_heap"],
                 xmx=r["xmx_mb"],
                 times=r["xmx_times"], step=r["xmx_step_mb"]),
           table(r, lg)]
    grown = grown_words(f, lg)
    out.append(WORDS("grows", lg, **f, grown=grown) if grown else WORDS("flat", lg, **f))
    same = abs(f["xmx_jvm_peak"] / f["default_jvm_peak"] - 1) <= SAME
    out.append(WORDS("xmx_same" if same else "xmx_smaller", lg, **f))
    for run in r["runs"]:
        if run["failed"]:
            out.append(WORDS("failed_some", lg, failed=run["failed"], first_bad=run["first_bad"][:80]))
    return "\n\n".join(tidy(x, lg) for x in out) + "\n"


PARTS = {
    "memory": memory,
    "k8s": lambda r, lg: tidy(WORDS("k8s", lg, **k8s_memory(r)), lg) + "\n",
    "summary": summary,
}


def render(part: str, r: dict | None = None, lg: str | None = None) -> str:
    return PARTS[part](r or load(), lang(lg))


if __name__ == "__main__":
    results = load(sys.argv[1] if len(sys.argv) > 1 else None)
    for part in PARTS:
        print(render(part, results), end="\n\n")
