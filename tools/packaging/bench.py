"""pointer_net packaged four ways, measured side by side in one run (`make packaging-bench`).

For eager (snippets/pointer-net), torch.jit.script, torch.compile and AOTInductor
(snippets/packaging): the build time
and archive size (built by the pages' own archive scripts), the model's time in process as the
handler runs it (batch 1 and 8, routes of TASKS tasks), and on one TorchServe of its own, each
variant registered alone (batch size 8, 5 ms max delay, one worker): cold start (register ->
first correct reply, compiling included) and latency at 1 and 32 clients. Every reply is checked
against eager's route. Each stage uses a fresh inductor cache, so no compile is skipped.

    python tools/packaging/bench.py [--out FILE] [--quick] [--variants a,b]
"""
from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
for p in (REPO, REPO / "models", REPO / "handlers", REPO / "snippets" / "packaging"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))
import requests  # noqa: E402
import torch  # noqa: E402
from fixed_tasks import pad_tasks  # noqa: E402

from lade_synth import request  # noqa: E402
from pointer_net import load  # noqa: E402
from route_handler import collate_routes, parse_route  # noqa: E402
from tsharness.archives import build_archive, unpack_archive  # noqa: E402
from tsharness.clients import HttpClient  # noqa: E402
from tsharness.server import TorchServe  # noqa: E402
from tsharness.stats import busy_cpus, percentile  # noqa: E402

VARIANTS = ("pointer_net", "pointer_net_script", "pointer_net_compiled", "pointer_net_aoti")
FIXED = {"pointer_net_compiled", "pointer_net_aoti"}
TASKS = 10           # tasks per route in every measured request
BATCHES = (1, 8)
CLIENTS = (1, 32)
REGISTER = {"batch_size": 8, "max_batch_delay": 5}
FULL = {"repeats": 200, "requests_1": 300, "requests_32": 40}    # requests_32: per client
QUICK = {"repeats": 5, "requests_1": 5, "requests_32": 2}


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


def drive(ts: TorchServe, model: str, items: list[dict], expected: list, clients: int,
          per_client: int) -> dict:
    """`clients` threads, each with its own session, sending `per_client` requests in turn."""
    latencies, wrong = [], []
    lock = threading.Lock()
    payloads = [json.dumps(b).encode() for b in items]

    def client(c: int) -> None:
        with HttpClient(ts) as http:
            for i in range(per_client):
                k = (c + i) % len(items)
                t = time.perf_counter()
                reply = http.predict(model, payloads[k])
                ms = (time.perf_counter() - t) * 1000
                ok = reply.ok and json.loads(reply.body) == expected[k]
                with lock:
                    latencies.append(ms)
                    if not ok:
                        wrong.append(reply.error() or "wrong route")

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - began
    if wrong:
        raise AssertionError(f"{model}, {clients} clients: {len(wrong)} bad replies, e.g. {wrong[0]}")
    return {"requests": len(latencies), "p50_ms": percentile(latencies, 50),
            "p99_ms": percentile(latencies, 99), "rps": len(latencies) / seconds}


def served(ts: TorchServe, variant: str, items: list[dict], expected: list, sizes: dict) -> dict:
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
            break
        if time.perf_counter() - began > 600:
            raise AssertionError(f"{variant}: no correct reply: {reply.status_code} {reply.text}")
        time.sleep(0.1)
    out = {"cold_start_s": time.perf_counter() - began}
    drive(ts, variant, items, expected, 1, 10)  # connection and allocator warm-up
    out["1"] = drive(ts, variant, items, expected, 1, sizes["requests_1"])
    out["32"] = drive(ts, variant, items, expected, 32, sizes["requests_32"])
    ts.unregister(variant)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(HERE / "results.json"))
    parser.add_argument("--quick", action="store_true", help="a few requests each: a smoke test")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
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
        for variant in variants:
            row = results["variants"][variant]
            row["served"] = served(ts, variant, items, expected, sizes)
            s = row["served"]
            print(f"{variant}: cold start {s['cold_start_s']:.1f} s; p50 {s['1']['p50_ms']:.1f} ms "
                  f"(1 client), {s['32']['p50_ms']:.1f} ms (32 clients)", flush=True)
    results["setup"]["load_average_at_end"] = os.getloadavg()[0]
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
