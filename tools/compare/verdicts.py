"""The side-by-side conclusions, worded from tools/compare/results.json when the site builds.

`render(part)` gives one part in GUIDE_LANG (zh or en); blocks.py prints the parts, and
`python -m tsharness.words compare [results.json]` previews them. The sentences are in words.yaml.
Every ratio is taken at equal worker count: against FastAPI (unbatched, the simplest Python server)
and against the in-process ceiling (the handler's own work, one core per worker).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from tsharness.words import Words, direction, lang, other_work, ratio_words, tidy
from tsharness.wrk import client_bound

RESULTS = Path(__file__).resolve().parent / "results.json"
WORDS = Words(Path(__file__).resolve().parent / "words.yaml")
SAME_RATIO = 0.02    # within 2 % of FastAPI: about the same
BUSY_LOAD = 2.0      # a cell started at a load average above twice the cores: other work was running
REACHED = 0.95       # at 95 % of the in-process ceiling or more, a server reaches it
LABELS = {"torchserve": "TorchServe", "litserve": "LitServe", "fastapi": "FastAPI"}
SERVERS = tuple(LABELS)
BASELINE = "fastapi"
ROUTES = {"torchserve": "/ping", "litserve": "/health", "fastapi": "/health"}


def load(path=None) -> dict:
    return json.loads(Path(path or os.environ.get("COMPARE_RESULTS") or RESULTS).read_text())


def model_cells(report: dict) -> list[dict]:
    return [c for c in report["cells"] if c["target"] == report["meta"]["model"]]


def series(report: dict) -> dict:
    """(server, workers, batch) -> the model's cells by connections, in the table's order."""
    out: dict = {}
    for c in model_cells(report):
        out.setdefault((c["server"], c["workers"], c["batch"]), []).append(c)
    order = sorted(out, key=lambda k: (k[1], SERVERS.index(k[0]), k[2]))
    return {k: sorted(out[k], key=lambda c: c["clients"]) for k in order}


def cell(report: dict, server: str, workers: int, batch: int, clients: int | None = None) -> dict:
    clients = clients or most(report)
    [c] = [c for c in model_cells(report) if (c["server"], c["workers"], c["batch"], c["clients"])
           == (server, workers, batch, clients)]
    return c


def rps(report: dict, server: str, workers: int, batch: int, clients: int | None = None) -> float:
    return cell(report, server, workers, batch, clients)["rps"]


def most(report: dict) -> int:
    return max(c["clients"] for c in model_cells(report))


def worker_counts(report: dict) -> list[int]:
    return sorted({c["workers"] for c in model_cells(report)})


def batches(report: dict, server: str, workers: int) -> list[int]:
    return sorted({c["batch"] for c in model_cells(report) if (c["server"], c["workers"]) == (server, workers)})


def client_ceiling(report: dict, server: str, workers: int) -> dict:
    """wrk against the server's own cheapest route (TorchServe's /ping is measured once: workers 0)."""
    found = [c for c in report["cells"] if c["server"] == server and c["target"] != report["meta"]["model"]
             and c["workers"] in (workers, 0)]
    top = max(c["workers"] for c in found)
    return max((c for c in found if c["workers"] == top), key=lambda c: c["rps"])  # the most it reached


def is_client_bound(report: dict, c: dict) -> bool:
    return client_bound(c["rps"], client_ceiling(report, c["server"], c["workers"])["rps"])


def in_process(report: dict, workers: int, batch: int) -> float:
    """The in-process ceiling: one core's requests per second at this batch size, times the workers
    (at most the cores)."""
    [one] = [p for p in report["in_process"] if p["batch"] == batch]
    return one["rps_per_core"] * min(workers, report["meta"]["cores_used"])


def vs_baseline(report: dict, c: dict) -> float:
    return c["rps"] / rps(report, BASELINE, c["workers"], 1, c["clients"])


def vs_ceiling(report: dict, c: dict) -> float:
    return c["rps"] / in_process(report, c["workers"], max(c["batch"], 1))


# --- parts ----------------------------------------------------------------------------------------
def table(report: dict, lg: str) -> str:
    counts = sorted({c["clients"] for c in model_cells(report)})
    n = most(report)
    head = [WORDS("head_server", lg), WORDS("head_workers", lg), WORDS("head_batch", lg),
            *[WORDS("head_one_client" if k == 1 else "head_clients", lg, k=k) for k in counts],
            WORDS("head_ratio", lg, n=n), WORDS("head_ceiling", lg, n=n)]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    marked = False
    for (server, workers, batch), cells in series(report).items():
        shown = []
        for c in cells:
            bound = is_client_bound(report, c)
            marked |= bound
            shown.append(WORDS("figure_bound" if bound else "figure", lg, x=c["rps"]))
        last = cells[-1]
        rows.append(f"| {LABELS[server]} | {workers} | {batch} | " + " | ".join(shown)
                    + " | " + WORDS("ratio_cell", lg, x=vs_baseline(report, last))
                    + " | " + WORDS("pct_cell", lg, x=vs_ceiling(report, last)) + " |")
    text = ["\n".join(rows), WORDS("unit", lg, n=n)]
    text.append(ceilings(report, lg, marked))
    return tidy("\n\n".join(text), lg)


def ceilings(report: dict, lg: str, marked: bool) -> str:
    n = most(report)
    parts = []
    for server in SERVERS:
        found = {w: client_ceiling(report, server, w)["rps"] for w in
                 {c["workers"] for c in report["cells"]
                  if c["server"] == server and c["target"] != report["meta"]["model"]}}
        per = WORDS("ceiling_separator", lg).join(
            WORDS.count("ceiling_workers", w, lg, x=x, w=w) if w else WORDS("ceiling_once", lg, x=x)
            for w, x in sorted(found.items()))
        parts.append(WORDS("ceiling_part", lg, label=LABELS[server], route=ROUTES[server], per=per))
    one = {p["batch"]: p for p in report["in_process"]}
    text = [WORDS("ceilings", lg, n=n, parts=WORDS("ratio_separator", lg).join(parts)),
            WORDS("bound" if marked else "none_bound", lg),
            WORDS("in_process", lg, ms1=one[1]["ms_per_request"], ms8=one[8]["ms_per_request"],
                  r1=one[1]["rps_per_core"], r8=one[8]["rps_per_core"], cores=report["meta"]["cores_used"])]
    return " ".join(text)


def best_torchserve(report: dict, workers: int) -> dict:
    return max((cell(report, "torchserve", workers, b) for b in batches(report, "torchserve", workers)),
               key=lambda c: c["rps"])


def closing(report: dict, lg: str) -> str:
    n = most(report)
    text = []
    for w in worker_counts(report):
        parts = []
        for server in ("torchserve", "litserve"):
            xs = {b: vs_baseline(report, cell(report, server, w, b)) for b in batches(report, server, w)}
            parts.append(WORDS("per_server", lg, label=LABELS[server], x1=xs.get(1), x8=xs.get(8)))
        fastest = max((cell(report, s, w, b) for s in SERVERS for b in batches(report, s, w)),
                      key=lambda c: c["rps"])
        share = vs_ceiling(report, fastest)
        text.append(WORDS.count("workers_line", w, lg, w=w, n=n, parts=WORDS("ratio_separator", lg).join(parts)))
        text.append(WORDS.count("reaches" if share >= REACHED else "share", w, lg, label=LABELS[fastest["server"]],
                          batch=fastest["batch"], x=share, w=w))
        best = best_torchserve(report, w)
        x = vs_baseline(report, best)
        side = direction(x, 1.0, SAME_RATIO)
        key = "ahead" if side > 0 else "level" if side == 0 else "behind"
        text.append(WORDS(key, lg, w=w, batch=best["batch"], x=x))
    worst = min(worker_counts(report), key=lambda w: vs_baseline(report, best_torchserve(report, w)))
    best = best_torchserve(report, worst)
    ping = client_ceiling(report, "torchserve", worst)["rps"]
    if direction(vs_baseline(report, best), 1.0, SAME_RATIO) < 0 and not client_bound(best["rps"], ping):
        fast = rps(report, BASELINE, worst, 1)
        text.append(WORDS("where", lg, ping=ping, work=report["in_process"][0]["ms_per_request"],
                          against=ratio_words(ping, fast, lg, WORDS("fastapi_with_model", lg))))
    return tidy(" ".join(text) + "\n\n" + same(report, lg), lg)


def same(report: dict, lg: str) -> str:
    return WORDS("same_reply" if report["same_reply"] else "different_reply", lg)


def frontend(report: dict, lg: str) -> str:
    """The Migration page's sentence: what the Java frontend alone serves, against the model."""
    n = most(report)
    ping = client_ceiling(report, "torchserve", 0)["rps"]
    best = max((best_torchserve(report, w) for w in worker_counts(report)), key=lambda c: c["rps"])
    words = "frontend_limit" if client_bound(best["rps"], ping) else "frontend"
    return tidy(WORDS(words, lg, n=n, ping=ping, rps=best["rps"], w=best["workers"], batch=best["batch"],
                      share=best["rps"] / ping,
                      workers=WORDS.count("workers", best["workers"], lg, w=best["workers"]),
                      x=vs_baseline(report, best), cpus=report["meta"]["cpus"],
                      date=report["meta"]["date"]), lg)


def run_line(report: dict, lg: str) -> str:
    m = report["meta"]
    busy = other_work(m["busy_cpus_at_start"], m["cpus"])
    text = WORDS("run", lg, **m, a=m["load_average_at_start"], b=m["load_average_at_end"],
                 busy=WORDS("busy", lg) if busy else "")
    peak = max((c.get("load_average", 0) for c in report["cells"]), default=0)
    if peak > BUSY_LOAD * m["cpus"]:
        text += " " + WORDS("busy_during", lg, peak=peak)
    return tidy(text, lg)


def caption(report: dict, lg: str) -> str:
    return tidy(WORDS("caption", lg, **report["meta"]), lg)


PARTS = {"run": run_line, "caption": caption, "table": table, "closing": closing, "frontend": frontend}


def render(part: str, report: dict | None = None, lg: str | None = None) -> str:
    return PARTS[part](report or load(), lang(lg))
