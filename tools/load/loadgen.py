"""Shared by load_run.py and fault_run.py: a bounded load on a TorchServe of our own.

- builds the guide's archives (snippets/archive/*.sh) and starts the guide's TorchServe on free
  loopback ports, each model registered with batching (batch_size 8, 10 ms delay);
- a pool of good and bad requests per model, each with the reply its handler gives in-process
  (the same .mar, loaded with TorchServe's own loader): the expected status and JSON;
- sends a fixed number of requests from a fixed number of threads and checks every reply.
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "models"), str(REPO / "handlers")]
from tests import handler_harness as hh  # noqa: E402
from tests.live_server import TorchServe  # noqa: E402
import lade_synth  # noqa: E402

MODELS = ("greedy_time", "greedy_distance", "pointer_net", "mnist")
BATCH = {"batch_size": 8, "max_batch_delay": 10}
TIMEOUT = 30  # seconds; a reply that takes longer counts as lost

# A few kinds of bad input per model family; the full matrix is tests/live/test_bad_input.py.
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


def arguments(doc: str, requests: int, **extra) -> argparse.Namespace:
    """The load scripts' common options (plus `extra`: name -> default)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--requests", type=int, default=requests)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--summary", help="also write the figures as JSON to this file")
    for name, default in extra.items():
        parser.add_argument(f"--{name}", default=default)
    args = parser.parse_args()
    args.models = args.models.split(",")
    return args


def route_bodies(count: int) -> list[bytes]:
    return [json.dumps(lade_synth.request(seed, 2 + seed % 24)).encode() for seed in range(count)] \
        + BAD_ROUTES


def image_bodies() -> list[bytes]:
    return [p.read_bytes() for p in sorted((REPO / "snippets" / "digits").glob("*.png"))] \
        + BAD_IMAGES


def build_pool(models, store: Path, scratch: Path, good_routes: int = 24) -> list[Item]:
    """Build each model's .mar into `store`; the pool with the in-process replies."""
    logging.disable(logging.WARNING)  # the in-process handlers' start-up and bad-JSON chatter
    pool = []
    for model in models:
        mar = hh.build_archive(f"snippets/archive/{model}.sh", store)
        handler = hh.load_handler(hh.unpack_archive(mar, scratch / model))
        image = model == "mnist"
        ctype = "application/octet-stream" if image else "application/json"
        for body in image_bodies() if image else route_bodies(good_routes):
            req = hh.http_raw(body, ctype) if image else hh.http_json(raw=body)
            replies, codes = hh.call(handler, [req])
            pool.append(Item(model, body, ctype, codes[0], replies[0]))
    return pool


def start_server(models, workdir: Path, store: Path) -> TorchServe:
    """The guide's TorchServe with each model registered, one worker, batching on."""
    server = TorchServe(workdir, store).start()
    for model in models:
        r = server.register(f"{model}.mar", workers=1, **BATCH)
        if r.status_code != 200:
            server.stop()
            raise RuntimeError(f"registering {model} failed: {r.text}")
    return server


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


def wait_for_ready_worker(server: TorchServe, model: str, exclude, timeout: float = 120):
    """PIDs of the model's READY workers that are not in `exclude`; None after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = requests.get(f"{server.management}/models/{model}",
                         headers=server.headers("management"), timeout=TIMEOUT)
        ready = [w["pid"] for m in r.json() for w in m["workers"]
                 if w["status"] == "READY" and w["pid"] not in exclude]
        if ready:
            return ready
        time.sleep(0.2)
    return None


def summary(results: list[Result], seconds: float) -> dict:
    lat = sorted(r.seconds for r in results if r.status is not None)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    return {
        "requests": len(results),
        "by_status": dict(sorted(Counter(str(r.status) if r.status else "no reply"
                                         for r in results).items())),
        "lost": sum(r.status is None for r in results),
        "wrong": sum(r.status is not None and not r.right for r in results),
        "p50_ms": round(pct(0.50), 1),
        "p99_ms": round(pct(0.99), 1),
        "per_second": round(len(results) / seconds, 1),
    }


def print_summary(s: dict, models) -> None:
    print(f"models:      {', '.join(models)} (batch_size {BATCH['batch_size']}, "
          f"max_batch_delay {BATCH['max_batch_delay']} ms, 1 worker each)")
    print(f"requests:    {s['requests']}")
    print("by status:   " + ", ".join(f"{k}: {v}" for k, v in s["by_status"].items()))
    print(f"lost:        {s['lost']}")
    print(f"wrong:       {s['wrong']}  (status or body differs from the in-process handler)")
    print(f"latency:     p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms")
    print(f"throughput:  {s['per_second']} requests/s")


@contextmanager
def loaded_server(models):
    """A scratch TorchServe serving `models` and the request pool to send it; always stopped."""
    with tempfile.TemporaryDirectory(prefix="ts-load-") as tmp:
        tmp = Path(tmp)
        pool = build_pool(models, tmp / "model_store", tmp / "reference")
        server = start_server(models, tmp / "ts", tmp / "model_store")
        try:
            yield pool, server
        finally:
            server.stop()
