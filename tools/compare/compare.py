"""TorchServe (HTTP and gRPC), the LitServe port and a plain FastAPI endpoint, side by side.

One run, one machine, the same client (tsharness.clients, through tools/bench's drive): greedy_time
on the 25-task request, 1, 8 and 32 clients, batching off (1) and on (8 requests, 5 ms). Each cell
is bounded in time and in requests. Also measured: TorchServe's /ping at 32 clients (its frontend
alone) and the request's own work in-process (parsing + model, no server).

    python tools/compare/compare.py            # the full run, about 3 minutes on 2 cores
    python tools/compare/compare.py --quick    # 1 client, 1 s per cell: a smoke test

Results go to tools/compare/results.json, the plot to docs/images/compare-throughput.svg.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from tools.bench.bench import TASKS, Cell, drive  # noqa: E402
from tools.compare.servers import PythonServer  # noqa: E402
from tsharness.archives import build_archive  # noqa: E402
from tsharness.clients import wait_ready  # noqa: E402
from tsharness.server import TorchServe  # noqa: E402
from tsharness.stats import busy_cpus  # noqa: E402

MODEL = "greedy_time"
CLIENTS = (1, 8, 32)
BATCHES = (1, 8)
BATCH_DELAY_MS = 5
RESULTS = HERE / "results.json"


def in_process_ms(repeat: int = 300) -> float:
    """Median time to parse the request and run the model once, no server (ms)."""
    sys.path[:0] = [str(REPO / "handlers"), str(REPO / "models")]
    import torch

    from greedy_time import GreedyTime
    from route_handler import collate_routes, parse_route
    model, body = GreedyTime().eval(), TASKS.read_bytes()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        with torch.inference_mode():
            model(*collate_routes([parse_route(body)])).tolist()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times) * 1000, 3)


def cells_for(server: str, protocol: str, batch: int, clients, args, target=MODEL, ts=None):
    rows = []
    for n in clients:
        figures, errors = drive(ts, Cell(target, protocol, n, batch), args.seconds, args.max_requests,
                                args.warmup)
        assert not errors, f"{server} batch {batch}, {n} clients: {errors}"
        rows.append({"server": server, "target": target, "batch": batch, "clients": n, **figures})
        print(f"{server:16} {target:12} batch {batch}  {n:2} clients  {figures['rps']:8.1f} req/s",
              flush=True)
    return rows


def reply_of(server, headers) -> bytes:
    import requests
    return requests.post(f"{server.inference}/predictions/{MODEL}", data=TASKS.read_bytes(),
                         headers={**headers, "Content-Type": "application/json"}, timeout=60).content


def run(args) -> dict:
    clients = (1,) if args.quick else CLIENTS
    cells, replies = [], {}
    work = Path(tempfile.mkdtemp(prefix="compare-"))
    ts = TorchServe(work / "ts", work / "store")
    build_archive(MODEL, work / "store")
    with ts:
        wait_ready(ts)
        for batch in BATCHES:
            r = ts.register(f"{MODEL}.mar", batch_size=batch, max_batch_delay=BATCH_DELAY_MS)
            assert r.status_code == 200, r.text
            replies["torchserve"] = reply_of(ts, ts.headers("inference"))
            for protocol in ("http", "grpc"):
                cells += cells_for(f"torchserve-{protocol}", protocol, batch, clients, args, ts=ts)
            ts.unregister(MODEL)
        for protocol in ("http", "grpc"):
            cells += cells_for(f"torchserve-{protocol}", protocol, 0, clients[-1:], args, "ping", ts)
    for batch in BATCHES:
        with PythonServer("litserve", work / f"litserve-{batch}.log", ("--batch", str(batch))) as lit:
            replies["litserve"] = reply_of(lit, {})
            cells += cells_for("litserve", "http", batch, clients, args, ts=lit)
    with PythonServer("fastapi", work / "fastapi.log") as floor:
        replies["fastapi"] = reply_of(floor, {})
        cells += cells_for("fastapi", "http", 1, clients, args, ts=floor)
    return {"meta": meta(args), "same_reply": len(set(replies.values())) == 1,
            "in_process_ms": in_process_ms(), "cells": cells}


def meta(args) -> dict:
    return {"date": datetime.date.today().isoformat(), "cpus": os.cpu_count(),
            "busy_cpus_at_start": args.busy_at_start, "load_average_at_start": args.load_at_start,
            "load_average_at_end": round(os.getloadavg()[0], 1),
            "python": platform.python_version(), "model": MODEL,
            "tasks": len(json.loads(TASKS.read_text())["feature"]), "seconds": args.seconds,
            "max_requests": args.max_requests, "batch_delay_ms": BATCH_DELAY_MS,
            **{p: version(p) for p in ("torch", "torchserve", "litserve", "fastapi", "uvicorn")}}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seconds", type=float, default=None, help="per cell (default 4, quick 1)")
    parser.add_argument("--max-requests", type=int, default=20000, help="per cell")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per client")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--plot", type=Path, default=REPO / "docs" / "images" / "compare-throughput.svg")
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (1.0 if args.quick else 4.0)
    args.busy_at_start = busy_cpus()  # other work, before the run's own servers start
    args.load_at_start = round(os.getloadavg()[0], 1)
    report = run(args)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    from tools.compare.plot import plot
    plot(report, args.plot)
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")


if __name__ == "__main__":
    main()
