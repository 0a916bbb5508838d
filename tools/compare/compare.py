"""TorchServe, the LitServe port and a plain FastAPI endpoint, side by side, like with like.

One run, one machine, one client: wrk (tsharness/wrk.py), every reply checked for its status and
its exact body. Each server runs greedy_time with 1 and with 2 worker processes on the same cores:
TorchServe (`initial_workers`), LitServe (`workers_per_device`, tools/compare/lit.py) and FastAPI on
uvicorn with uvloop and httptools (`--workers`, tools/compare/floor.py). Batching off and on
(TorchServe batch_size 8, LitServe max_batch_size 8, both 5 ms; FastAPI has none), at 1, 8 and 32
connections, each cell bounded in time. Also measured in the same run:

- each server's client ceiling: wrk against its /ping (TorchServe, with the inference key) or
  /health route at the most connections; a figure within a third of it is marked client-bound;
- the in-process ceiling: the handler's work (parse, collate, model, split, the reply's JSON)
  alone in a loop on one core, per request, batch 1 and batch 8; times the workers (at most the
  cores) it is the most any server could serve here.

    python tools/compare/compare.py            # the full run, about 5 minutes
    python tools/compare/compare.py --quick    # 1 worker, 1 connection, 1 s per cell: a smoke test

Results go to tools/compare/results.json, the plot to docs/images/compare-throughput.svg.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

import requests

from tools.compare.servers import PythonServer, guide_env
from tsharness import wrk
from tsharness.archives import build_archive
from tsharness.paths import PYTHON
from tsharness.server import TorchServe
from tsharness.stats import busy_cpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

MODEL = "greedy_time"
TASKS = REPO / "snippets" / "pointer-net" / "tasks25.json"
CLIENTS = (1, 8, 32)      # wrk connections
WORKERS = (1, 2)
BATCHES = (1, 8)
BATCH_DELAY_MS = 5
# LitServe's settings beyond workers_per_device (tools/compare/lit.py): its defaults, fast_queue off
# and num_api_servers one per inference worker.
LITSERVE_OPTIONS: tuple[str, ...] = ()
RESULTS = HERE / "results.json"
JSON = {"Content-Type": "application/json"}


# --- the in-process ceiling -------------------------------------------------------------------
def in_process(batch: int, seconds: float) -> dict:
    """The handler's work for `batch` requests at a time, alone in a loop on one thread: the median
    time per request (ms) and the requests per second one core can do at that pace. Measured by
    ceiling.py in a process of its own, which imports the guide's handlers and models as the servers do."""
    out = subprocess.run([str(PYTHON), str(HERE / "ceiling.py"), str(batch), str(seconds)], env=guide_env(),
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, f"ceiling.py exited {out.returncode}:\n{out.stderr[-3000:]}"
    return json.loads(out.stdout)


# --- one server ---------------------------------------------------------------------------------
def first_reply(base: str, headers: dict) -> bytes:
    r = requests.post(f"{base}/predictions/{MODEL}", data=TASKS.read_bytes(), headers={**headers, **JSON},
                      timeout=60)
    assert r.status_code == 200, f"{base}: HTTP {r.status_code} {r.text[:300]}"
    return r.content


def measure(server: str, workers: int, batch: int, base: str, headers: dict, args,
            replies: dict) -> list[dict]:
    """The model's cells of one configuration, every reply checked against its first one."""
    expect = first_reply(base, headers)
    replies[f"{server}-{workers}-{batch}"] = expect.decode()
    url, body = f"{base}/predictions/{MODEL}", TASKS.read_bytes()
    drive = dict(method="POST", body=body, headers={**headers, **JSON}, expect_body=expect)
    if not args.quick:
        warm = wrk.run(url, connections=max(args.clients), seconds=1, **drive)  # untimed: warm the path
        assert warm.failed == 0, f"{server} warm-up: {warm.first_bad}"
    rows = []
    for n in args.clients:
        load = round(os.getloadavg()[0], 1)
        r = wrk.run(url, connections=n, seconds=args.seconds, **drive)
        assert r.failed == 0 and r.ok > 0, f"{server} {workers}w batch {batch}, {n} connections: {r}"
        rows.append({"server": server, "target": MODEL, "workers": workers, "batch": batch, "clients": n,
                     **{k: v for k, v in r.as_dict().items() if k not in ("connections", "first_bad")},
                     "load_average": load})
        print(f"{server:10} {workers}w batch {batch}  {n:2} conns  {r.rps:8.1f} req/s  "
              f"p50 {r.p50_ms:7.2f} ms  load {load}", flush=True)
    return rows


def ceiling(server: str, workers: int, base: str, route: str, headers: dict, args) -> dict:
    """wrk against the server's own cheapest route: the most this client gets from this server."""
    n = max(args.clients)
    if not args.quick:
        wrk.run(f"{base}{route}", connections=n, seconds=1, headers=headers)  # untimed: warm the path
    r = wrk.run(f"{base}{route}", connections=n, seconds=args.seconds, headers=headers)
    assert r.failed == 0 and r.ok > 0, f"{server} {route}: {r}"
    print(f"{server:10} {workers}w {route:8} {n:2} conns  {r.rps:8.1f} req/s", flush=True)
    return {"server": server, "target": route.strip("/"), "workers": workers, "batch": 0, "clients": n,
            **{k: v for k, v in r.as_dict().items() if k not in ("connections", "first_bad")}}


def run(args) -> dict:
    cells, replies = [], {}
    work = Path(tempfile.mkdtemp(prefix="compare-"))
    ts = TorchServe(work / "ts", work / "store")
    build_archive(MODEL, work / "store")
    with ts:
        key = ts.headers("inference")
        cells.append(ceiling("torchserve", 0, ts.inference, "/ping", key, args))
        for workers in args.workers:
            for batch in BATCHES:
                r = ts.register(f"{MODEL}.mar", workers, batch_size=batch, max_batch_delay=BATCH_DELAY_MS)
                assert r.status_code == 200, r.text
                cells += measure("torchserve", workers, batch, ts.inference, key, args, replies)
                ts.unregister(MODEL)
    for workers in args.workers:
        for batch in BATCHES:
            options = ("--batch", str(batch), "--workers", str(workers), *LITSERVE_OPTIONS)
            with PythonServer("litserve-tuned", work / f"litserve-{workers}-{batch}.log", options, 300) as lit:
                cells.append(ceiling("litserve", workers, lit.inference, "/health", {}, args))
                cells += measure("litserve", workers, batch, lit.inference, {}, args, replies)
        with PythonServer("fastapi", work / f"fastapi-{workers}.log", ("--workers", str(workers)), 300) as fast:
            cells.append(ceiling("fastapi", workers, fast.inference, "/health", {}, args))
            cells += measure("fastapi", workers, 1, fast.inference, {}, args, replies)
    answers = {k: json.loads(v) for k, v in replies.items()}
    ts_answer = answers[next(k for k in answers if k.startswith("torchserve"))]
    wrong = [k for k, a in answers.items() if a != ts_answer]
    assert not wrong, f"answers differ from TorchServe's: {wrong}"
    return {"meta": meta(args), "same_reply": len(set(replies.values())) == 1,
            "same_answer": all(a == next(iter(answers.values())) for a in answers.values()),
            "in_process": [in_process(b, 0.3 if args.quick else 3.0) for b in BATCHES], "cells": cells}


def meta(args) -> dict:
    return {"date": datetime.date.today().isoformat(), "cpus": os.cpu_count(),
            "cores_used": len(os.sched_getaffinity(0)),
            "busy_cpus_at_start": args.busy_at_start, "load_average_at_start": args.load_at_start,
            "load_average_at_end": round(os.getloadavg()[0], 1),
            "python": platform.python_version(), "model": MODEL, "client": "wrk",
            "tasks": len(json.loads(TASKS.read_text())["feature"]), "seconds": args.seconds,
            "batch_delay_ms": BATCH_DELAY_MS, "litserve_options": " ".join(LITSERVE_OPTIONS),
            "fastapi_server": "uvicorn (uvloop, httptools)",
            **{p: version(p) for p in ("torch", "torchserve", "litserve", "fastapi", "uvicorn", "uvloop",
                                       "httptools")}}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 worker, 1 connection, 1 s per cell")
    parser.add_argument("--seconds", type=int, default=None, help="per cell (default 3, quick 1)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--plot", type=Path, default=REPO / "docs" / "images" / "compare-throughput.svg")
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (1 if args.quick else 3)
    args.clients = (1,) if args.quick else CLIENTS
    args.workers = (1,) if args.quick else WORKERS
    args.busy_at_start = busy_cpus()  # other work, before the run's own servers start
    args.load_at_start = round(os.getloadavg()[0], 1)
    report = run(args)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    from tools.compare.plot import plot
    plot(report, args.plot)
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")


if __name__ == "__main__":
    main()
