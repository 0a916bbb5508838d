"""The batching sweep: pointer_net over HTTP, batch size x max batch delay x workers x clients.

One TorchServe of its own (tsharness.server: the guide's config, token auth on, free loopback
ports); pointer_net (the Pointer network page's archive) is registered once per (batch size, delay,
workers) through the management API, whose parameters set all three for an archive without
model-config.yaml; then wrk (tsharness.wrk, a load generator written in C) sends the 25-task request
over 1, 8 and 32 keep-alive connections (the clients), each sending its next request as soon as its
reply arrives, for a few seconds. Every reply is checked: its status, and its body byte for byte
against the reply the model gave before the cell. The client's own ceiling (wrk against /ping, where
the server does almost nothing) is measured in the same run at each client count; a figure within
a third of it is marked client-bound. The no-op archive, in the same run, is the baseline: at batch
size 1 first, and again at the end with the batching that served pointer_net best.

    python tools/sweep/sweep.py            # the full sweep (make sweep), about 10 minutes on 2 cores
    python tools/sweep/sweep.py --quick    # two cells, one client count, 2 s each: a smoke test

Writes tools/sweep/results.json and results.csv and docs/images/sweep-throughput.svg.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tsharness import wrk
from tsharness.archives import build_archive
from tsharness.clients import HttpClient
from tsharness.server import TorchServe
from tsharness.stats import busy_cpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

REQUEST = REPO / "snippets" / "pointer-net" / "tasks25.json"
FIELDS = ("model", "batch_size", "max_batch_delay_ms", "workers", "clients", "client", "requests",
          "ok", "errors", "seconds", "rps", "p50_ms", "p99_ms", "ceiling_rps", "client_bound")
WARMUP = 3  # requests sent one by one after each registration: the expected reply, and a warm worker


def expected(ts: TorchServe, model: str) -> bytes:
    """The reply every request of the cells must get: the same from WARMUP requests in a row."""
    replies = set()
    with HttpClient(ts) as conn:
        for _ in range(WARMUP):
            reply = conn.predict(model, REQUEST.read_bytes())
            if reply.error():
                raise RuntimeError(f"{model}: {reply.error()}\n{ts.logs()}")
            replies.add(bytes(reply.body))
    if len(replies) != 1:
        raise RuntimeError(f"{model}: different replies to one request {sorted(replies)[:2]}")
    return replies.pop()


def cell(run: wrk.WrkRun, ceiling: float | None) -> dict:
    """One row's measured part: wrk's figures, and whether the client may be what limits it."""
    return {"client": "wrk", "requests": run.requests, "ok": run.ok, "errors": run.failed,
            "seconds": run.seconds,
            "rps": run.rps, "p50_ms": run.p50_ms, "p99_ms": run.p99_ms, "ceiling_rps": ceiling,
            "client_bound": None if ceiling is None else wrk.client_bound(run.rps, ceiling),
            "first_error": run.first_bad or None}


def ceilings(ts: TorchServe, args) -> list[dict]:
    """wrk against /ping at each client count (the inference key: token auth is on)."""
    key = ts.headers("inference")
    if not args.quick:  # the frontend's JIT warms up before the first measured cell
        wrk.ceiling(ts.inference, connections=max(args.clients), seconds=2, headers=key)
    out = []
    for clients in args.clients:
        r = wrk.ceiling(ts.inference, connections=clients, seconds=args.duration, headers=key)
        if r.failed or not r.ok:
            raise RuntimeError(f"/ping at {clients} connections: {r}")
        out.append({"clients": clients, "client": "wrk", "requests": r.requests, "ok": r.ok,
                    "errors": r.failed, "rps": r.rps, "p50_ms": r.p50_ms})
        print(f"ceiling /ping clients={clients} rps={r.rps}", flush=True)
    return out


def run_config(ts: TorchServe, model: str, batch: int, delay: int, workers: int, args,
               ceiling: dict[int, float]) -> list[dict]:
    """Register `model` with this batching and workers; one row per client count."""
    r = ts.register(f"{model}.mar", workers=workers, batch_size=batch, max_batch_delay=delay)
    if r.status_code != 200:
        raise RuntimeError(f"registering {model} failed: {r.text}\n{ts.logs()}")
    expect, rows = expected(ts, model), []
    for clients in args.clients:
        run = wrk.run(f"{ts.inference}/predictions/{model}", method="POST", body=REQUEST.read_bytes(),
                      headers={**ts.headers("inference"), "Content-Type": "application/json"},
                      expect_body=expect, connections=clients, seconds=args.duration)
        row = {"model": model, "batch_size": batch, "max_batch_delay_ms": delay, "workers": workers,
               "clients": clients, **cell(run, ceiling.get(clients))}
        print(" ".join(f"{k}={row[k]}" for k in FIELDS), flush=True)
        if row["errors"]:
            print(f"    error: {row['first_error']}", flush=True)
        rows.append(row)
    ts.unregister(model)
    return rows


def sweep(args) -> dict:
    work = Path(tempfile.mkdtemp(prefix="sweep-"))
    rows = []
    try:
        store = work / "model_store"
        for model in ("pointer_net", "noop"):
            build_archive(model, store)
        with TorchServe(work / "ts", store) as ts:
            limits = ceilings(ts, args)
            ceiling = {c["clients"]: c["rps"] for c in limits}
            configs = [("noop", 1, args.delay[0], 1)] if args.noop else []
            configs += [("pointer_net", b, d, w)
                        for b, d, w in itertools.product(args.batch, args.delay, args.workers)]
            for config in configs:
                rows += run_config(ts, *config, args, ceiling)
            if args.noop:  # the baseline again, with the batching that served pointer_net best
                top = max((r for r in rows if r["model"] == "pointer_net"
                           and r["clients"] == max(args.clients)), key=lambda r: r["rps"])
                rows += run_config(ts, "noop", top["batch_size"], top["max_batch_delay_ms"],
                                   top["workers"], args, ceiling)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"meta": meta(args), "ceilings": limits, "results": rows}


def wrk_version() -> str:
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return out[1] if len(out) > 1 else "?"


def meta(args) -> dict:
    import torch
    import ts as ts_pkg
    return {"date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "cpu_count": os.cpu_count(), "busy_cpus_at_start": args.busy_at_start,
            "load_average_1m_at_start": args.load_at_start,
            "load_average_1m_at_end": round(os.getloadavg()[0], 2),
            "torchserve": ts_pkg.__version__, "torch": torch.__version__,
            "client": f"wrk {wrk_version()} (1 thread, Lua script checking every reply)",
            "client_bound_share": round(wrk.CLIENT_BOUND, 4),
            "seconds_per_cell": args.duration, "warmup_requests": WARMUP,
            "torch_threads_per_worker": 1, "request": str(REQUEST.relative_to(REPO)),
            "quick": args.quick}


def save(report: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(report, indent=1) + "\n")
    with open(out / "results.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(report["results"])


def main(argv=None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--batch", type=int, nargs="+", default=[1, 4, 8, 16])
    p.add_argument("--delay", type=int, nargs="+", default=[1, 5, 20], help="max batch delay, ms")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32], help="wrk connections")
    p.add_argument("--duration", type=int, default=3, help="whole seconds per cell (default 3)")
    p.add_argument("--no-noop", dest="noop", action="store_false", help="skip the no-op baseline")
    p.add_argument("--quick", action="store_true",
                   help="batch 1 and 4, delay 5 ms, 1 worker, 2 clients, 2 s per cell, no no-op")
    p.add_argument("--out", type=Path, default=HERE, help="where results.json/.csv go")
    p.add_argument("--images", type=Path, default=REPO / "docs" / "images", help="where the plot goes")
    args = p.parse_args(argv)
    if args.quick:
        args.batch, args.delay, args.workers, args.clients = [1, 4], [5], [1], [2]
        args.duration, args.noop = 2, False  # 1 s on a busy machine can end before a reply
    if not wrk.available():
        sys.exit("wrk is not installed: tools/setup.sh wrk")
    os.environ["OMP_NUM_THREADS"] = "1"  # the workers inherit it: one torch thread each
    args.busy_at_start = busy_cpus()  # other work, before the run's own server starts
    args.load_at_start = round(os.getloadavg()[0], 2)
    report = sweep(args)
    save(report, args.out)
    from tools.sweep.plot import plot
    print(f"wrote {args.out / 'results.json'}, results.csv and {plot(report, args.images)}")
    return report


if __name__ == "__main__":
    main()
