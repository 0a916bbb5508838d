"""The batching sweep: pointer_net over HTTP, batch size x max batch delay x workers x clients.

One TorchServe of its own (tsharness.server: the guide's config, free loopback ports); pointer_net
(the Pointer network page's archive) is registered once per (batch size, delay, workers) through the
management API, whose parameters set all three for an archive without model-config.yaml; then 1, 8
and 32 clients (tsharness.clients, one keep-alive session each) send the 25-task request back to back
for a few seconds. The no-op archive, in the same run, is the floor: at batch size 1 first, and
again at the end with the batching that served pointer_net best.

    python tools/sweep/sweep.py            # the full sweep (make sweep), about 6 minutes on 2 cores
    python tools/sweep/sweep.py --batch 1 4 --delay 5 --workers 1 --clients 2 --duration 0.5

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
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:  # run as a script: tsharness and tools from the repo root
    sys.path.insert(0, str(REPO))
from tsharness.archives import build_archive  # noqa: E402
from tsharness.clients import HttpClient  # noqa: E402
from tsharness.server import TorchServe  # noqa: E402
from tsharness.stats import busy_cpus, percentile  # noqa: E402

REQUEST = REPO / "snippets" / "pointer-net" / "tasks25.json"
FIELDS = ("model", "batch_size", "max_batch_delay_ms", "workers", "clients", "requests", "errors",
          "seconds", "rps", "p50_ms", "p95_ms")


def load_clients(ts: TorchServe, model: str, clients: int, duration: float) -> dict:
    """`clients` threads send back to back for `duration` s; every reply is checked."""
    body = REQUEST.read_bytes()
    latencies, errors, lock = [], [], threading.Lock()
    go = threading.Barrier(clients + 1)

    def client():
        with HttpClient(ts) as conn:
            conn.predict(model, body)  # untimed: opens the connection
            go.wait()
            end = time.perf_counter() + duration
            while time.perf_counter() < end:
                t0 = time.perf_counter()
                reply = conn.predict(model, body)
                with lock:
                    (errors.append(reply.error()) if reply.error() else
                     latencies.append((time.perf_counter() - t0) * 1000))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    go.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - began
    return {"requests": len(latencies) + len(errors), "errors": len(errors),
            "seconds": round(seconds, 2), "rps": round(len(latencies) / seconds, 1),
            "p50_ms": round(percentile(latencies, 50), 2), "p95_ms": round(percentile(latencies, 95), 2),
            "first_error": errors[0] if errors else None}


def run_config(ts: TorchServe, model: str, batch: int, delay: int, workers: int, args) -> list[dict]:
    """Register `model` with this batching and workers; one row per client count."""
    r = ts.register(f"{model}.mar", workers=workers, batch_size=batch, max_batch_delay=delay)
    if r.status_code != 200:
        raise RuntimeError(f"registering {model} failed: {r.text}\n{ts.logs()}")
    rows = []
    for clients in args.clients:
        row = {"model": model, "batch_size": batch, "max_batch_delay_ms": delay,
               "workers": workers, "clients": clients,
               **load_clients(ts, model, clients, args.duration)}
        print(" ".join(f"{k}={row[k]}" for k in FIELDS), flush=True)
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
            configs = [("noop", 1, args.delay[0], 1)] if args.noop else []
            configs += [("pointer_net", b, d, w)
                        for b, d, w in itertools.product(args.batch, args.delay, args.workers)]
            for config in configs:
                rows += run_config(ts, *config, args)
            if args.noop:  # the floor again, with the batching that served pointer_net best
                top = max((r for r in rows if r["model"] == "pointer_net"
                           and r["clients"] == max(args.clients)), key=lambda r: r["rps"])
                rows += run_config(ts, "noop", top["batch_size"], top["max_batch_delay_ms"],
                                   top["workers"], args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"meta": meta(args), "results": rows}


def meta(args) -> dict:
    import torch
    import ts as ts_pkg
    return {"date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "cpu_count": os.cpu_count(), "busy_cpus_at_start": args.busy_at_start,
            "load_average_1m_at_start": args.load_at_start,
            "load_average_1m_at_end": round(os.getloadavg()[0], 2),
            "torchserve": ts_pkg.__version__, "torch": torch.__version__,
            "seconds_per_cell": args.duration, "torch_threads_per_worker": 1,
            "request": str(REQUEST.relative_to(REPO))}


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
    p.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    p.add_argument("--duration", type=float, default=3.0, help="seconds per cell (default 3)")
    p.add_argument("--no-noop", dest="noop", action="store_false", help="skip the no-op floor")
    p.add_argument("--out", type=Path, default=HERE, help="where results.json/.csv go")
    p.add_argument("--images", type=Path, default=REPO / "docs" / "images", help="where the plot goes")
    args = p.parse_args(argv)
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
