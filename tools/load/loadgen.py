"""Shared by load_run.py and fault_run.py: a bounded load on a TorchServe of our own.

- builds the guide's archives with the pages' own scripts and starts the guide's TorchServe on free
  loopback ports (tsharness), each model registered with batching (batch_size 8, 10 ms delay);
- a pool of good and bad requests per model, each with the reply its handler gives in-process
  (the same .mar, loaded by TorchServe's own loader): the expected status and JSON;
- sends a fixed number of requests from a fixed number of threads and checks every reply.

The figures of a run are a plain dict (written as JSON next to the run's output); figures.py turns
them into the run's report and the pages' sentences.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
import requests

import lade_synth  # models/lade_synth.py, from the command's PYTHONPATH (see load_run.py)
from tsharness import worker
from tsharness.archives import Archives
from tsharness.server import TorchServe
from tsharness.stats import percentile

REPO = Path(__file__).resolve().parents[2]

MODELS = ("greedy_time", "greedy_distance", "pointer_net", "mnist")
BATCH = {"batch_size": 8, "max_batch_delay": 10}
TIMEOUT = 30  # seconds; a reply that takes longer counts as lost
DIGITS = REPO / "snippets" / "quickstart" / "digits"

# A few kinds of bad input per model family; the full matrix is in tests/pages/test_security.py.
BAD_ROUTES = [b"", b"{not json", b"[1, 2]", b'{"feature": [], "start": 0}',
              b'{"feature": [[1, 2, 3]], "start": 0}', b'{"feature": [[1,1,1,1,1,1,1,1]], "start": 5}',
              b'{"feature": [[NaN,1,1,1,1,1,1,1]], "start": 0}', b'{"start": 0}']
BAD_IMAGES = [b"", b"not an image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"]


@dataclass
class Item:
    """One request of the pool and the reply the handler gives in-process."""
    model: str
    body: bytes
    content_type: str
    code: int
    reply: object


@dataclass
class Result:
    item: Item
    status: int | None  # None: no reply (connection error or timeout)
    reply: object
    seconds: float

    @property
    def right(self) -> bool:
        return self.status == self.item.code and self.reply == self.item.reply


# --- the pool and the server ---------------------------------------------------------------
def route_bodies(count: int) -> list[bytes]:
    return [json.dumps(lade_synth.request(seed, 2 + seed % 24)).encode() for seed in range(count)] \
        + BAD_ROUTES


def image_bodies() -> list[bytes]:
    return [p.read_bytes() for p in sorted(DIGITS.glob("*.png"))] + BAD_IMAGES


def build_pool(archives: Archives, models, good_routes: int = 24) -> list[Item]:
    """Each request of the pool with the reply the model's handler gives in-process."""
    logging.disable(logging.WARNING)  # the in-process handlers' start-up and bad-JSON chatter
    pool = []
    for model in models:
        handler = archives.handler(model)
        image = model == "mnist"
        ctype = "application/octet-stream" if image else "application/json"
        for body in image_bodies() if image else route_bodies(good_routes):
            req = worker.http_raw(body, ctype) if image else worker.http_json(raw=body)
            replies, codes = worker.call(handler, [req])
            pool.append(Item(model, body, ctype, codes[0], replies[0]))
    return pool


def start_server(archives: Archives, models, workdir: Path) -> TorchServe:
    """The guide's TorchServe with each model registered, one worker, batching on."""
    server = TorchServe(workdir, archives.root / "store").start()
    for model in models:
        r = server.register(f"{model}.mar", workers=1, **BATCH)
        if r.status_code != 200:
            server.stop()
            raise RuntimeError(f"registering {model} failed: {r.text}")
    return server


@contextmanager
def loaded_server(models, root: Path | None = None):
    """A scratch TorchServe serving `models` and the request pool to send it; always stopped."""
    with tempfile.TemporaryDirectory(prefix="ts-load-") as tmp:
        root = Path(root or tmp)
        archives = Archives(root / "archives")
        pool = build_pool(archives, models)
        server = start_server(archives, models, root / "ts")
        try:
            yield pool, server
        finally:
            server.stop()


# --- sending -------------------------------------------------------------------------------
def send(session: requests.Session, server: TorchServe, item: Item) -> Result:
    headers = {"Content-Type": item.content_type, **server.headers("inference")}
    t = time.perf_counter()
    try:
        r = session.post(f"{server.inference}/predictions/{item.model}", data=item.body,
                         headers=headers, timeout=TIMEOUT)
    except requests.RequestException as e:
        return Result(item, None, type(e).__name__, time.perf_counter() - t)
    try:
        reply = r.json()
    except ValueError:
        reply = r.text
    return Result(item, r.status_code, reply, time.perf_counter() - t)


def run_load(server: TorchServe, pool: list[Item], total: int, concurrency: int,
             seed: int = 0, on_sent=None) -> tuple[list[Result], float]:
    """Send `total` requests drawn from the pool (seeded) from `concurrency` threads."""
    order = random.Random(seed).choices(pool, k=total)
    local = threading.local()

    def one(i: int) -> Result:
        if not hasattr(local, "session"):
            local.session = requests.Session()
        if on_sent:
            on_sent(i)
        return send(local.session, server, order[i])

    t = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as ex:
        results = list(ex.map(one, range(total)))
    return results, time.perf_counter() - t


def worker_pids(server: TorchServe, models) -> dict[str, list[int]]:
    return {m: server.worker_pids(m) for m in models}


def ready_workers(server: TorchServe, model: str, exclude) -> list[int]:
    r = requests.get(f"{server.management}/models/{model}",
                     headers=server.headers("management"), timeout=TIMEOUT)
    return [w["pid"] for m in r.json() for w in m["workers"]
            if w["status"] == "READY" and w["pid"] not in exclude]


# --- figures -------------------------------------------------------------------------------
def measure(results: list[Result], seconds: float) -> dict:
    """Counts and latency of one load; the percentiles are tsharness.stats.percentile's."""
    latency_ms = [r.seconds * 1000 for r in results if r.status is not None]
    return {
        "requests": len(results),
        "by_status": dict(sorted(Counter(str(r.status) if r.status else "no reply"
                                         for r in results).items())),
        "lost": sum(r.status is None for r in results),
        "wrong": sum(r.status is not None and not r.right for r in results),
        "p50_ms": round(percentile(latency_ms, 50), 1),
        "p99_ms": round(percentile(latency_ms, 99), 1),
        "per_second": round(len(results) / seconds, 1),
    }


def setup(pool: list[Item], models, concurrency: int) -> dict:
    """What a run was: the same for the load and the fault run. Clients and server share the
    machine; its load average says how busy it was (the timings depend on it)."""
    return {"models": list(models), **BATCH, "workers_per_model": 1, "concurrency": concurrency,
            "timeout_s": TIMEOUT, "good_in_pool": sum(i.code == 200 for i in pool),
            "bad_in_pool": sum(i.code != 200 for i in pool), "cpus": os.cpu_count(),
            "load_average_start": round(os.getloadavg()[0], 1)}


def finished(figures: dict) -> dict:
    return {**figures, "load_average_end": round(os.getloadavg()[0], 1)}


def load_run(server: TorchServe, pool: list[Item], models, total: int, concurrency: int) -> dict:
    """`total` requests, every reply checked; no worker may be replaced."""
    before, what = worker_pids(server, models), setup(pool, models, concurrency)
    results, seconds = run_load(server, pool, total, concurrency)
    after = worker_pids(server, models)
    return finished({**what, **measure(results, seconds),
                     "workers_replaced": sum(b != after[m] for m, b in before.items())})


def fault_run(server: TorchServe, pool: list[Item], models, total: int, concurrency: int,
              victim: str) -> dict:
    """Kill the victim's worker (SIGKILL) once a third of the requests are sent; record what the
    clients saw, how long until a new worker was ready, and check every request afterwards."""
    old, what = server.worker_pids(victim), setup(pool, models, concurrency)
    kill_at = total // 3
    killed = threading.Event()
    recovery: dict[str, float] = {}

    def watch(t_kill: float) -> None:
        deadline = t_kill + 120
        while time.monotonic() < deadline:
            try:
                if ready_workers(server, victim, exclude=old):
                    recovery["seconds"] = time.monotonic() - t_kill
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)

    watcher: threading.Thread | None = None

    def on_sent(i: int) -> None:
        nonlocal watcher
        # The thread sending request number `kill_at` kills the worker first.
        if i == kill_at and not killed.is_set():
            for pid in old:
                psutil.Process(pid).kill()
            watcher = threading.Thread(target=watch, args=(time.monotonic(),))
            watcher.start()
            killed.set()

    results, seconds = run_load(server, pool, total, concurrency, on_sent=on_sent)
    if watcher is not None:
        watcher.join()
    # After recovery: every request of the pool twice over, to every model.
    after, _ = run_load(server, pool, len(pool) * 2, concurrency, seed=1)

    failed = [r for r in results if not r.right]
    seen = Counter((r.item.model, str(r.status) if r.status else "no reply",
                    r.reply.get("message", "") if isinstance(r.reply, dict) else str(r.reply)[:80])
                   for r in failed)
    return finished({
        **what, **measure(results, seconds),
        "victim": victim,
        "killed_at_request": kill_at,
        "failed": len(failed),
        "failed_other_models": sum(r.item.model != victim for r in failed),
        "failures": [{"model": m, "status": s, "message": msg, "count": n}
                     for (m, s, msg), n in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))],
        "worker_replaced": "seconds" in recovery,
        "recovery_s": round(recovery["seconds"], 1) if recovery else None,
        "after_recovery": len(after),
        "after_recovery_wrong": sum(not r.right for r in after),
    })


# --- the scripts -----------------------------------------------------------------------------
def arguments(doc: str, argv, requests: int, figures: Path, **extra) -> argparse.Namespace:
    """The load scripts' common options (plus `extra`: name -> default), from `argv` or sys.argv."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--requests", type=int, default=requests)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--summary", type=Path, default=figures,
                        help=f"where the figures go as JSON (default {figures.relative_to(REPO)})")
    for name, default in extra.items():
        parser.add_argument(f"--{name}", default=default)
    args = parser.parse_args(argv)
    args.models = args.models.split(",")
    return args


def write_figures(path: Path, figures: dict) -> None:
    path.write_text(json.dumps(figures, indent=2) + "\n")


# --- the runs' reports (what load_run.py and fault_run.py print) -------------------------------
def _common_report(f: dict) -> list[str]:
    return [
        f"models:      {', '.join(f['models'])} (batch_size {f['batch_size']}, "
        f"max_batch_delay {f['max_batch_delay']} ms, {f['workers_per_model']} worker each)",
        f"clients:     {f['concurrency']} concurrent; request pool: {f['good_in_pool']} good, "
        f"{f['bad_in_pool']} bad",
        f"requests:    {f['requests']}",
        "by status:   " + ", ".join(f"{k}: {v}" for k, v in f["by_status"].items()),
        f"lost:        {f['lost']}  (no reply within {f['timeout_s']} s)",
        f"wrong:       {f['wrong']}  (status or body differs from the in-process handler)",
        f"latency:     p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms",
        f"throughput:  {f['per_second']} requests/s",
        f"machine:     {f['cpus']} CPUs shared by clients and server, load average "
        f"{f['load_average_start']} -> {f['load_average_end']}",
    ]


def load_report(f: dict) -> str:
    return "\n".join([*_common_report(f), f"workers replaced: {f['workers_replaced']}"]) + "\n"


def fault_report(f: dict) -> str:
    lines = [f"killed the {f['victim']} worker (SIGKILL) at request {f['killed_at_request']} "
             f"of {f['requests']}", *_common_report(f),
             f"failed:      {f['failed']} requests, {f['failed_other_models']} of them to other models"]
    lines += [f"  {x['count']:4d} x {x['model']}: {x['status']} {x['message']}" for x in f["failures"]]
    lines.append("new worker:  " + (f"ready (new PID) {f['recovery_s']} s after the kill"
                                    if f["worker_replaced"] else "NOT READY within the timeout"))
    lines.append(f"after recovery: {f['after_recovery']} requests, {f['after_recovery_wrong']} wrong")
    return "\n".join(lines) + "\n"


def load_passed(f: dict) -> bool:
    return not (f["lost"] or f["wrong"] or f["workers_replaced"])


def fault_passed(f: dict) -> bool:
    return bool(f["worker_replaced"] and not f["lost"] and not f["failed_other_models"]
                and not f["after_recovery_wrong"])


# What the pages show of each run: its output, the figures it was printed from, how they are printed
# and what passing means.
OUTPUTS = {
    "tools/load/load_run.py.out": ("tools/load/load_run.json", load_report, load_passed),
    "tools/load/fault_run.py.out": ("tools/load/fault_run.json", fault_report, fault_passed),
}


def main(options, run, passed) -> None:
    """A load script's entry: its options, a scratch server with the pool, its run; exit status 1
    unless `passed(figures)`."""
    args = options()
    # The archive scripts and the TorchServe started here get no PYTHONPATH: a worker finds a
    # handler's modules only in its archive.
    os.environ.pop("PYTHONPATH", None)
    with loaded_server(args.models) as (pool, server):
        figures = run(server, pool, args)
    raise SystemExit(0 if passed(figures) else 1)
