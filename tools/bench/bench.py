"""Latency and throughput of the guide's models on a live TorchServe, over HTTP and gRPC.

Builds the archives it needs with the pages' own snippets/<page>/archive_<model>.sh, starts one
TorchServe of its own (the guide's config, token auth on, free loopback ports), registers each
model with the batch size and worker count of a cell, and drives it with a client that is not one
Python thread: wrk (C) over HTTP (tsharness.wrk), and several client processes with their own
grpc.aio channels over gRPC (tsharness.grpcload). Every reply is checked, status and exact body.
Each client's own ceiling is measured in the same run, at each concurrency: the `ping` cells
(HTTP /ping, gRPC Ping), where the server does almost nothing. A figure within a third of its
ceiling is marked client-bound. Three floors are measured too: /ping (the frontend alone), the
no-op archive (frontend + worker round trip) and the handler called in-process (no server), loaded
as a worker loads it (tsharness.worker).

    python tools/bench/bench.py           # the full matrix, about 10 minutes on 2 cores
    python tools/bench/bench.py --quick   # one cell per dimension, a smoke test

Results go to tools/bench/results.json and .csv, plots to docs/images/perf-*.svg.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import itertools
import json
import multiprocessing
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from tsharness import wrk
from tsharness.archives import build_archive, unpack_archive
from tsharness.clients import CLIENTS, GRPC_STUBS, grpc_stubs, wait_ready
from tsharness.grpcload import GrpcLoad
from tsharness.server import TorchServe
from tsharness.stats import busy_cpus, percentile

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

TASKS = REPO / "snippets" / "pointer-net" / "tasks25.json"
DIGITS = REPO / "snippets" / "quickstart" / "digits"
ROUTE_MODELS = ("greedy_time", "greedy_distance", "pointer_net")
MODELS = (*ROUTE_MODELS, "mnist")
# Batching and worker variations run on these two; every model runs the base (1, 1).
VARIED = ("greedy_time", "pointer_net")
CONFIGS = ((1, 1), (8, 1), (1, 2), (8, 2))  # (batch_size, workers)
CONCURRENCY = (1, 8, 32)
MAX_BATCH_DELAY_MS = 5
FIELDS = ("target", "kind", "protocol", "concurrency", "batch_size", "workers", "threads",
          "client", "requests", "errors", "seconds", "rps", "p50_ms", "p99_ms", "mean_ms",
          "ceiling_rps", "client_bound")


@dataclass(frozen=True)
class Cell:
    target: str          # "ping" or a model name
    protocol: str        # "http" or "grpc"
    concurrency: int
    batch_size: int = 1
    workers: int = 1


def kind(target: str) -> str:
    return {"ping": "frontend", "noop": "no-op worker"}.get(target, "model")


# --- what to send ------------------------------------------------------------
def payload(target: str) -> tuple[bytes, str]:
    """The request body and its content type: the 25-task request, or a digit image."""
    if target == "mnist":
        return sorted(DIGITS.glob("*.png"))[0].read_bytes(), "image/png"
    # The no-op model gets the same body as the route models: equal frontend work.
    return TASKS.read_bytes(), "application/json"


def available(model: str) -> bool:
    return any(DIGITS.glob("*.png")) if model == "mnist" else TASKS.exists()


def summary(latencies: list[float], errors: int, seconds: float) -> dict:
    """A cell's figures; p50 and p99 are tsharness.stats.percentile's (numpy's linear default)."""
    ms = [s * 1000 for s in latencies]
    stat = (lambda x: round(x, 3)) if ms else (lambda x: None)
    return {"requests": len(ms) + errors, "errors": errors, "seconds": round(seconds, 3),
            "rps": round(len(ms) / seconds, 1) if seconds > 0 else None,
            "p50_ms": stat(percentile(ms, 50)), "p99_ms": stat(percentile(ms, 99)),
            "mean_ms": stat(statistics.fmean(ms) if ms else 0)}


# --- one cell against the server ---------------------------------------------
def expected(ts: TorchServe, cell: Cell, warmup: int) -> bytes | None:
    """The reply every request of the cell must get, from `warmup` requests sent one by one (a
    route model answers the same request the same way): also the worker's warm-up."""
    if cell.target == "ping":
        return None
    body, content_type = payload(cell.target)
    replies = set()
    with CLIENTS[cell.protocol](ts) as client:
        for _ in range(max(1, warmup)):
            reply = client.predict(cell.target, body, content_type)
            if reply.error():
                raise RuntimeError(f"{cell.target} over {cell.protocol}: {reply.error()}\n{ts.logs()}")
            replies.add(bytes(reply.body))
    if len(replies) != 1:
        raise RuntimeError(f"{cell.target} over {cell.protocol}: different replies to one request "
                           f"{sorted(replies)[:2]}")
    return replies.pop()


def drive(ts: TorchServe, load: GrpcLoad, cell: Cell, seconds: float, expect: bytes | None):
    """Run one cell for `seconds`: wrk over HTTP, the gRPC client processes over gRPC; `concurrency`
    connections each send their next request as soon as the previous reply arrives."""
    key = ts.headers("inference")
    if cell.protocol == "http":
        if cell.target == "ping":
            return wrk.ceiling(ts.inference, connections=cell.concurrency, seconds=seconds,
                               headers=key), "wrk"
        body, content_type = payload(cell.target)
        return wrk.run(f"{ts.inference}/predictions/{cell.target}", method="POST", body=body,
                       headers={**key, "Content-Type": content_type}, expect_body=expect,
                       connections=cell.concurrency, seconds=seconds), "wrk"
    if cell.target == "ping":
        r = load.ceiling(connections=cell.concurrency, seconds=seconds, headers=key)
    else:
        r = load.run("Predictions", model=cell.target, body=payload(cell.target)[0], expect=expect,
                     connections=cell.concurrency, seconds=seconds, headers=key)
    return r, f"grpc.aio x{r.processes}"


# --- the in-process floor ----------------------------------------------------
def in_process(model_dir: str, target: str, batch_sizes: tuple[int, ...], thread_counts: tuple[int, ...],
               duration: float, max_requests: int) -> list[dict]:
    """Load the unpacked archive as a worker does and time it without a server (own process).

    "handler": a batch through the worker's codec and Service.predict (tsharness.worker.call_raw),
    the worker's whole predict path without the socket; "model": only the handler's inference()
    on an already preprocessed batch. Each of `thread_counts` in turn (torch.set_num_threads).
    """
    import logging

    import torch

    from tsharness.worker import call_raw, http_json, http_raw, load_handler

    logging.disable(logging.WARNING)  # metrics are logged per call; keep the console quiet
    body, content_type = payload(target)
    request = http_json(raw=body) if content_type == "application/json" else \
        http_raw(body, content_type)
    # What the worker hands preprocess(): JSON already parsed, anything else as bytes.
    value = json.loads(body) if content_type == "application/json" else bytearray(body)
    rows = []
    for batch_size in batch_sizes:
        handler = load_handler(model_dir, batch_size=batch_size)
        batch = [request] * batch_size
        codes = [r.code for r in call_raw(handler, batch)]  # warm-up, and a check
        assert codes == [200] * batch_size, f"{target}: in-process replies {codes}"
        inputs = handler.preprocess([{"body": value} for _ in range(batch_size)])
        for threads, (scope, call) in itertools.product(
                thread_counts, (("handler", lambda h=handler, b=batch: call_raw(h, b)),
                                ("model", lambda h=handler, i=inputs: h.inference(i)))):
            torch.set_num_threads(threads)
            call()  # untimed: the first call after a change of threads
            latencies, t_start = [], time.perf_counter()
            while len(latencies) < max_requests and time.perf_counter() - t_start < duration:
                t0 = time.perf_counter()
                call()
                latencies.append(time.perf_counter() - t0)
            seconds = time.perf_counter() - t_start
            stats = summary(latencies, 0, seconds)
            # Throughput in requests: a batch answers batch_size of them.
            stats["rps"] = round(len(latencies) * batch_size / seconds, 1)
            rows.append({"target": target, "kind": f"in-process {scope}",
                         "protocol": "in-process", "concurrency": 1,
                         "batch_size": batch_size, "workers": 0, "threads": threads, **stats})
    return rows


# --- the matrix ----------------------------------------------------------------
def matrix(models: list[str], quick: bool) -> list[Cell]:
    if quick:  # every dimension once: both protocols, c > 1, batching, two workers
        model = models[0]
        return [Cell("ping", "http", 1), Cell("ping", "grpc", 2),
                Cell("noop", "http", 1), Cell("noop", "grpc", 2),
                Cell(model, "http", 1, batch_size=8, workers=2),
                Cell(model, "grpc", 2, batch_size=8, workers=2)]
    cells = []
    for target in ("ping", "noop", *models):
        for batch_size, workers in (CONFIGS if target in VARIED else CONFIGS[:1]):
            base = (batch_size, workers) == (1, 1)
            for protocol in (("http", "grpc") if base else ("http",)):
                for concurrency in CONCURRENCY:
                    cells.append(Cell(target, protocol, concurrency, batch_size, workers))
    return cells


def torch_default_threads() -> int:
    """What torch uses when nothing is set: one intra-op thread per core."""
    return os.cpu_count() or 1


def serve(ts: TorchServe, load: GrpcLoad, cells: list[Cell], args) -> tuple[list[dict], list[dict]]:
    """Every cell against the one server; cells sharing a registration run together. The `ping`
    cells come first: they are each client's ceiling at each concurrency, for the rows after them."""
    results, failures, ceilings = [], [], {}
    key = lambda c: (c.target, c.batch_size, c.workers)
    for (target, batch_size, workers), group in itertools.groupby(cells, key):
        if target != "ping":
            r = ts.register(f"{target}.mar", workers=workers, batch_size=batch_size,
                            max_batch_delay=MAX_BATCH_DELAY_MS)
            if r.status_code != 200:
                raise RuntimeError(f"registering {target} failed: {r.text}\n{ts.logs()}")
        expect = {}
        for cell in group:
            if cell.protocol not in expect:
                expect[cell.protocol] = expected(ts, cell, args.warmup)
            run, client = drive(ts, load, cell, args.duration, expect[cell.protocol])
            if target == "ping":
                ceilings[(cell.protocol, cell.concurrency)] = run.rps
            ceiling = ceilings.get((cell.protocol, cell.concurrency))
            row = {**asdict(cell), "kind": kind(target), "threads": args.threads, "client": client,
                   "requests": run.requests, "errors": run.failed, "seconds": run.seconds,
                   "rps": run.rps, "p50_ms": run.p50_ms, "p99_ms": run.p99_ms, "mean_ms": run.mean_ms,
                   "ceiling_rps": ceiling,
                   "client_bound": None if ceiling is None else wrk.client_bound(run.rps, ceiling)}
            results.append(row)
            print(f"{target:16} b{batch_size} w{workers} {cell.protocol:4} c{cell.concurrency:<3}"
                  f" p50 {row['p50_ms']} ms  p99 {row['p99_ms']} ms  {row['rps']} req/s"
                  f"  errors {row['errors']}{'  client-bound' if row['client_bound'] else ''}",
                  flush=True)
            if run.failed:
                print(f"    error: {run.first_bad}", flush=True)
                failures.append({**asdict(cell), "error": run.first_bad, "count": run.failed})
        if target != "ping":
            ts.unregister(target)
    return results, failures


def run(args) -> dict:
    cells = matrix(args.models, args.quick)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    store = work / "model_store"
    try:
        targets = list(dict.fromkeys(c.target for c in cells if c.target != "ping"))
        mars = {t: build_archive(t, store) for t in targets}
        grpc_stubs()  # generated once, before any client process needs them
        ts = TorchServe(work / "ts", store)
        # The gRPC client processes start (and import grpc) while TorchServe starts.
        load = GrpcLoad(f"127.0.0.1:{ts.ports['grpc_inference']}", GRPC_STUBS, args.grpc_processes)
        try:  # stopped even when the start fails half-way (a server left running)
            ts.start()
            wait_ready(ts)
            print(f"TorchServe started: {ts.inference} (HTTP), "
                  f"127.0.0.1:{ts.ports['grpc_inference']} (gRPC)", flush=True)
            if not args.quick:  # the frontend's JIT warms up before the first (ceiling) cells
                wrk.ceiling(ts.inference, connections=max(CONCURRENCY), seconds=2,
                            headers=ts.headers("inference"))
                load.ceiling(connections=max(CONCURRENCY), seconds=2, headers=ts.headers("inference"))
            results, failures = serve(ts, load, cells, args)
        finally:
            load.close()
            ts.stop()

        # The in-process floor, each model in a fresh process (as its own worker would be), with
        # the server's thread count and, for comparison, torch's default (one per core).
        spawn = multiprocessing.get_context("spawn")
        counts = tuple(dict.fromkeys((args.threads, torch_default_threads())))
        for target in (t for t in targets if kind(t) == "model"):
            model_dir = unpack_archive(mars[target], work / "unpacked" / target)
            with ProcessPoolExecutor(1, mp_context=spawn) as pool:
                rows = pool.submit(in_process, str(model_dir), target,
                                   (1,) if args.quick else (1, 8), counts,
                                   args.duration, args.max_requests).result()
            for row in rows:
                print(f"{target:16} {row['kind']:22} b{row['batch_size']} threads {row['threads']}"
                      f" p50 {row['p50_ms']} ms", flush=True)
                row["client"] = "in-process"
            results.extend(rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    # Each client's ceiling at each concurrency: its `ping` cells.
    ceilings = [{k: r[k] for k in ("protocol", "concurrency", "client", "rps", "p50_ms")}
                for r in results if r["target"] == "ping"]
    return {"meta": meta(args), "ceilings": ceilings,
            "results": [{k: r.get(k) for k in FIELDS} for r in results],
            "failures": failures}  # the first wrong reply of each cell, if any


def meta(args) -> dict:
    import torch
    import ts as ts_pkg
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU cores, client and server on "
                   "the same machine",
        "http_client": f"wrk {wrk_version()} (1 thread, Lua script checking every reply)",
        "grpc_client": f"{args.grpc_processes} Python processes, grpc.aio {grpc_version()}, "
                       "one channel per connection",
        "grpc_processes": args.grpc_processes,
        "client_bound_share": round(wrk.CLIENT_BOUND, 4),
        "busy_cpus_before": args.busy_before,
        "cpu_count": os.cpu_count(),
        "load_average_1m_at_start": args.load_at_start,
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "torchserve": ts_pkg.__version__, "torch": torch.__version__,
        "python": platform.python_version(),
        "duration_per_cell_s": args.duration, "max_requests_in_process": args.max_requests,
        "warmup_requests": args.warmup, "max_batch_delay_ms": MAX_BATCH_DELAY_MS,
        "server_threads": args.threads,
        "quick": args.quick,
    }


def wrk_version() -> str:
    import subprocess
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return out[1] if len(out) > 1 else "?"


def grpc_version() -> str:
    import grpc
    return grpc.__version__


def save(report: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(report, indent=1) + "\n")
    with open(out / "results.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, FIELDS)
        writer.writeheader()
        writer.writerows(report["results"])


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", nargs="+", default=list(MODELS), choices=MODELS)
    p.add_argument("--duration", type=float, default=5.0, help="seconds per cell (default 5)")
    p.add_argument("--max-requests", type=int, default=20000,
                   help="calls per in-process measurement at most")
    p.add_argument("--warmup", type=int, default=3,
                   help="untimed requests after each registration (they also give the expected reply)")
    p.add_argument("--grpc-processes", type=int, default=os.cpu_count() or 1,
                   help="gRPC client processes (default: one per core)")
    p.add_argument("--threads", type=int, default=1,
                   help="torch threads per worker, via OMP_NUM_THREADS (default 1)")
    p.add_argument("--quick", action="store_true", help="one cell per dimension (a smoke test)")
    p.add_argument("--out", type=Path, default=HERE, help="where results.json/.csv go")
    p.add_argument("--images", type=Path, default=REPO / "docs" / "images",
                   help="where the perf-*.svg plots go")
    args = p.parse_args(argv)
    if args.quick:
        args.models = args.models[:1]
    missing = [m for m in args.models if not available(m)]
    if missing:
        sys.exit(f"no request for {', '.join(missing)}: {TASKS} or {DIGITS}/*.png is missing")
    # TorchServe passes its environment on to the workers; torch reads this when it starts.
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    args.load_at_start = round(os.getloadavg()[0], 2)  # other work on the machine skews it all
    args.busy_before = busy_cpus()  # CPUs' worth of other work in the 2 s before the run
    report = run(args)
    save(report, args.out)
    from tools.bench.plots import plot
    for image in plot(report, args.images):
        print(f"wrote {image}")
    print(f"wrote {args.out / 'results.json'} and results.csv")


if __name__ == "__main__":
    main()
