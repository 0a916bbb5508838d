"""pointer_net packaged four ways, measured side by side in one run (`make packaging-bench`).

For eager (snippets/pointer-net), torch.jit.script, torch.compile and AOTInductor
(snippets/packaging): the build time
and archive size (built by the pages' own archive scripts), the model's time in process as the
handler runs it (batch 1 and 8, routes of TASKS tasks), and on one TorchServe of its own (token
auth on), each variant registered alone (batch size 8, 5 ms max delay, one worker): cold start
(register -> first correct reply, compiling included), then latency and throughput at 1 and 32
clients, measured by wrk (tsharness.wrk, a load generator written in C; each client one keep-alive
connection sending its next request as soon as its reply arrives). Every reply is checked: the
first against eager's route, every one after it byte for byte against the first. The client's own
ceiling (wrk against /ping) is measured in the same run at 1 and 32 clients, and a figure within a
third of it is marked client-bound. Each stage uses a fresh inductor cache, so no compile is
skipped.

    PYTHONPATH=handlers:models python tools/packaging/bench.py [--out FILE] [--quick] [--variants a,b]

(PYTHONPATH: the guide's handlers and models, which the in-process measurement imports as they are.)
"""
from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import torch

from lade_synth import request
from pointer_net import load
from route_handler import collate_routes, parse_route
from snippets.packaging.fixed_tasks import pad_tasks
from tsharness import wrk
from tsharness.archives import build_archive, unpack_archive
from tsharness.server import TorchServe
from tsharness.stats import busy_cpus

HERE = Path(__file__).resolve().parent

VARIANTS = ("pointer_net", "pointer_net_script", "pointer_net_compiled", "pointer_net_aoti")
FIXED = {"pointer_net_compiled", "pointer_net_aoti"}
TASKS = 10           # tasks per route in every measured request
BATCHES = (1, 8)
CLIENTS = (1, 32)
REGISTER = {"batch_size": 8, "max_batch_delay": 5}
FULL = {"repeats": 200, "seconds": 5}    # seconds: each served cell, whole seconds (wrk)
QUICK = {"repeats": 5, "seconds": 2}  # 1 s on a busy machine can end before the first batch returns


def bodies(count: int = 16) -> list[dict]:
    return [request(seed=9000 + i, tasks=TASKS) for i in range(count)]


def expected_routes(items: list[dict]) -> list[list[int]]:
    model = load()
    with torch.inference_mode():
        return [model(*collate_routes([parse_route(b)]))[0].tolist() for b in items]


def fresh_cache() -> str:
    """A new inductor cache folder: what a new machine or container starts with."""
    path = tempfile.mkdtemp(prefix="inductor-")
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = path
    return path


def in_process(variant: str, unpacked: Path, items: list[dict], repeats: int) -> dict:
    """The model alone, as the variant's handler calls it: median ms per call at each batch size."""
    if variant == "pointer_net_aoti":
        model = torch._inductor.aoti_load_package(str(unpacked / "pointer_net.pt2"))
    elif variant == "pointer_net_script":
        model = torch.jit.load(str(unpacked / "pointer_net_script.pt")).eval()
    else:
        model = load()
        if variant == "pointer_net_compiled":
            model = torch.compile(model, backend="inductor")
    out = {}
    with torch.inference_mode():
        for batch in BATCHES:
            x = collate_routes([parse_route(b) for b in items[:batch]])
            if variant in FIXED:
                x = pad_tasks(*x)
            for _ in range(3):  # warm-up (compiles the compiled variant)
                model(*x)
            times = []
            for _ in range(repeats):
                t = time.perf_counter()
                model(*x)
                times.append((time.perf_counter() - t) * 1000)
            out[str(batch)] = statistics.median(times)
    return out


def drive(ts: TorchServe, model: str, body: bytes, expect: bytes, clients: int, seconds: int,
          ceilings: dict[str, float] | None = None) -> dict:
    """wrk sends `body` over `clients` connections for `seconds`; every reply must be `expect`."""
    run = wrk.run(f"{ts.inference}/predictions/{model}", method="POST", body=body,
                  headers={**ts.headers("inference"), "Content-Type": "application/json"},
                  expect_body=expect, connections=clients, seconds=seconds)
    if run.failed or not run.ok:
        raise AssertionError(f"{model}, {clients} clients: {run.failed} bad replies of "
                             f"{run.requests}, e.g. {run.first_bad}")
    ceiling = (ceilings or {}).get(str(clients))
    return {"client": "wrk", "requests": run.requests, "ok": run.ok, "errors": run.failed,
            "seconds": run.seconds, "rps": run.rps, "p50_ms": run.p50_ms, "p99_ms": run.p99_ms,
            "ceiling_rps": ceiling,
            "client_bound": None if ceiling is None else wrk.client_bound(run.rps, ceiling)}


def ceilings(ts: TorchServe, seconds: int, quick: bool) -> list[dict]:
    """The client's own limit at each client count: wrk against /ping (with the inference key)."""
    key = ts.headers("inference")
    if not quick:  # the frontend's JIT warms up before the measured ceilings
        wrk.ceiling(ts.inference, connections=max(CLIENTS), seconds=2, headers=key)
    out = []
    for clients in CLIENTS:
        r = wrk.ceiling(ts.inference, connections=clients, seconds=seconds, headers=key)
        if r.failed or not r.ok:
            raise AssertionError(f"/ping, {clients} clients: {r}")
        out.append({"clients": clients, "client": "wrk", "requests": r.requests, "ok": r.ok,
                    "rps": r.rps, "p50_ms": r.p50_ms})
        print(f"client ceiling (/ping): {r.rps:.0f} req/s at {clients} clients", flush=True)
    return out


def served(ts: TorchServe, variant: str, items: list[dict], expected: list, sizes: dict,
           limits: dict[str, float], quick: bool) -> dict:
    began = time.perf_counter()
    # Registering waits for the worker, and the compiled one compiles first: a long timeout.
    r = requests.post(f"{ts.management}/models", headers=ts.headers("management"), timeout=900,
                      params={"url": f"{variant}.mar", "initial_workers": 1, "synchronous": "true",
                              **REGISTER})
    if r.status_code != 200:
        raise AssertionError(f"register {variant}: {r.status_code} {r.text}\n{ts.logs()}")
    while True:  # register returns once the worker is up; the first correct reply ends the cold start
        reply = ts.predict(variant, items[0])
        if reply.ok and reply.json() == expected[0]:
            expect = reply.content  # every later reply must be these bytes
            break
        if time.perf_counter() - began > 600:
            raise AssertionError(f"{variant}: no correct reply: {reply.status_code} {reply.text}")
        time.sleep(0.1)
    out = {"cold_start_s": time.perf_counter() - began}
    body = json.dumps(items[0]).encode()
    if not quick:  # untimed: the frontend's and the worker's warm-up at full load
        drive(ts, variant, body, expect, max(CLIENTS), 1)
    for clients in CLIENTS:
        out[str(clients)] = drive(ts, variant, body, expect, clients, sizes["seconds"], limits)
    ts.unregister(variant)
    return out


def wrk_version() -> str:
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return out[1] if len(out) > 1 else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(HERE / "results.json"))
    parser.add_argument("--quick", action="store_true", help="a few requests each: a smoke test")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    # The archive scripts and the TorchServe this starts get no PYTHONPATH: a worker finds a
    # handler's modules only in its archive.
    os.environ.pop("PYTHONPATH", None)
    sizes = QUICK if args.quick else FULL
    if not wrk.available():
        sys.exit("wrk is not installed: tools/setup.sh wrk")
    variants = args.variants.split(",")
    items = bodies()
    expected = expected_routes(items)
    work = Path(tempfile.mkdtemp(prefix="packaging-bench-"))
    store = work / "model_store"
    results = {"variants": {}, "setup": {
        "date": datetime.date.today().isoformat(), "tasks": TASKS, "torch": torch.__version__,
        "torchserve": importlib.metadata.version("torchserve"), "cpus": os.cpu_count(),
        "machine": platform.machine(), "busy_cpus_at_start": busy_cpus(),
        "load_average_at_start": os.getloadavg()[0],
        "client": f"wrk {wrk_version()} (1 thread, Lua script checking every reply)",
        "client_bound_share": round(wrk.CLIENT_BOUND, 4),
        **sizes, **REGISTER}}
    for variant in variants:
        cache = fresh_cache()
        began = time.perf_counter()
        mar = build_archive(variant, store, env={"TORCHINDUCTOR_CACHE_DIR": cache})
        row = {"build_s": time.perf_counter() - began, "archive_bytes": mar.stat().st_size}
        fresh_cache()
        row["model_ms"] = in_process(variant, unpack_archive(mar, work / "unpacked" / variant),
                                     items, sizes["repeats"])
        results["variants"][variant] = row
        print(f"{variant}: built in {row['build_s']:.0f} s, {row['archive_bytes'] / 1e6:.1f} MB; "
              f"model {row['model_ms']['1']:.2f} / {row['model_ms']['8']:.2f} ms at batch 1 / 8",
              flush=True)
    # The workers compile into a fresh cache of their own too.
    with TorchServe(work / "ts", store, env={"TORCHINDUCTOR_CACHE_DIR": fresh_cache()}) as ts:
        results["ceilings"] = ceilings(ts, sizes["seconds"], args.quick)
        limits = {str(c["clients"]): c["rps"] for c in results["ceilings"]}
        for variant in variants:
            row = results["variants"][variant]
            row["served"] = served(ts, variant, items, expected, sizes, limits, args.quick)
            s = row["served"]
            print(f"{variant}: cold start {s['cold_start_s']:.1f} s; p50 {s['1']['p50_ms']:.1f} ms "
                  f"(1 client), {s['32']['p50_ms']:.1f} ms and {s['32']['rps']:.0f} req/s "
                  f"(32 clients)", flush=True)
    results["setup"]["load_average_at_end"] = os.getloadavg()[0]
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
