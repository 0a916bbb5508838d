"""The sweep's recommendation and table, worded from tools/sweep/results.json when the site builds.

`render(part, report=None, lg=None)` is the markdown the Model config page shows (GUIDE_LANG by
default); the sentences are in words.yaml beside this file, the numbers and the configuration they
recommend come from the report given, never from the page.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from tsharness import wrk
from tsharness.words import Words, direction, lang, number, other_work, tidy

HERE = Path(__file__).resolve().parent
WORDS = Words(HERE / "words.yaml")
BOUND = "†"  # a figure within a third of the client's ceiling, as on the Performance page


def load(path: str | Path | None = None) -> dict:
    return json.loads(Path(path or os.environ.get("SWEEP_RESULTS") or HERE / "results.json").read_text())


def config(row: dict) -> tuple[int, int, int]:
    return row["batch_size"], row["max_batch_delay_ms"], row["workers"]


def model_rows(report: dict, clients: int) -> list[dict]:
    return [r for r in report["results"] if r["model"] == "pointer_net" and r["clients"] == clients
            and not r["errors"]]


def peak(report: dict) -> int:
    """The most clients the sweep ran (32): where the recommendation is made."""
    return max(r["clients"] for r in report["results"])


def best(report: dict, clients: int | None = None, batch_size: int | None = None) -> dict:
    """The configuration with the most throughput at `clients` (only batch_size, if given)."""
    clients = clients or peak(report)
    rows = [r for r in model_rows(report, clients) if batch_size in (None, r["batch_size"])]
    return max(rows, key=lambda r: r["rps"])


def floors(report: dict) -> tuple[dict | None, dict | None]:
    """The no-op model at the most clients: at batch size 1, and with the best configuration's
    batching (None when the run has no such row)."""
    noop = [r for r in report["results"] if r["model"] == "noop" and r["clients"] == peak(report)]
    top = config(best(report))
    same = next((r for r in noop if config(r) == top), None)
    single = next((r for r in noop if r["batch_size"] == 1 and r is not same), None)
    return single, same


def share(report: dict) -> float:
    return report["meta"].get("client_bound_share", wrk.CLIENT_BOUND)


def bound(report: dict, row: dict) -> bool:
    """A row's throughput close to the client's ceiling at its client count (tsharness.wrk)."""
    return wrk.client_bound(row["rps"], row.get("ceiling_rps"), share(report))


def client(report: dict, lg: str) -> str:
    """The client, its own ceiling at each client count, and whether any figure comes close."""
    limits = sorted(report.get("ceilings", []), key=lambda c: c["clients"])
    if not limits:
        return ""
    text = WORDS("client", lg, conc=" / ".join(str(c["clients"]) for c in limits),
                 ceil=" / ".join(number(c["rps"], "n", lg) for c in limits))
    close = any(bound(report, r) for r in report["results"])
    return text + " " + WORDS("client_bound" if close else "client_free", lg, share=share(report),
                              mark=BOUND)


def verdict(report: dict, lg: str) -> str:
    top, single = best(report), best(report, batch_size=1)
    b, d, w = config(top)
    text = [WORDS("top", lg, n=peak(report), b=b, d=d, w=w, rps=top["rps"],
                  x=top["rps"] / single["rps"], rps1=single["rps"], p99=top["p99_ms"],
                  p991=single["p99_ms"])]
    noop_single, noop_same = floors(report)
    noop = noop_same or noop_single
    if noop:
        parts = [WORDS(k, lg, rps=r["rps"]) for k, r in (("noop_single", noop_single),
                                                         ("noop_same", noop_same)) if r]
        text.append(WORDS("noop", lg, parts=WORDS("noop_separator", lg).join(parts)))
        which = WORDS("latter" if noop_same and noop_single else "it", lg)
        side = {1: "share_above", 0: "share_same", -1: "share_below"}[direction(top["rps"], noop["rps"])]
        text.append(WORDS(side, lg, share=top["rps"] / noop["rps"], which=which))
    text.append(client(report, lg))
    m = report["meta"]
    text.append(WORDS("when", lg, **m))
    if other_work(m["busy_cpus_at_start"], m["cpu_count"]):
        text.append(WORDS("busy", lg))
    return tidy(" ".join(text), lg)


def rps_cell(report: dict, row: dict, lg: str) -> str:
    return number(row["rps"], "n", lg) + (BOUND if bound(report, row) else "")


def table(report: dict, lg: str) -> str:
    clients, top_clients = sorted({r["clients"] for r in report["results"]}), peak(report)
    head = ["batchSize", WORDS("head_delay", lg), "workers",
            *[WORDS("head_clients", lg, c=c) for c in clients],
            WORDS("head_p50", lg, c=top_clients), WORDS("head_p99", lg, c=top_clients)]
    top = config(best(report))
    lines = ["| " + " | ".join(head) + " |", "|" + " ---: |" * len(head)]
    by = {(config(r), r["clients"]): r for r in report["results"] if r["model"] == "pointer_net"}
    for cfg in sorted({c for c, _ in by}):
        cells = [*map(str, cfg), *[rps_cell(report, by[(cfg, c)], lg) if (cfg, c) in by else ""
                                   for c in clients]]
        at_top = by.get((cfg, top_clients))
        cells += [f"{at_top['p50_ms']:.0f}", f"{at_top['p99_ms']:.0f}"] if at_top else ["", ""]
        if cfg == top:
            cells = [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return tidy("\n".join(lines), lg)


PARTS = {"verdict": verdict, "table": table}


def render(part: str, report: dict | None = None, lg: str | None = None) -> str:
    return PARTS[part](report or load(), lang(lg))
