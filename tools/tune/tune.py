"""Frontend tuning: each of TorchServe's serving knobs side by side against the same baseline, in one run.

The baseline is the guide's config (snippets/setup/config.properties, token auth on) with greedy_time
registered at batch size 8 (5 ms batch delay) and 1 worker. Each variant changes one thing: a key of
config.properties, the frontend's log4j2 config, the JVM's options (`vmargs`), the workers'
environment (OMP_NUM_THREADS) or the worker count. Every variant is a fresh TorchServe, driven at
1, 8, 32 and 128 connections over HTTP (wrk, tsharness/wrk.py) and gRPC (several client processes,
tsharness/grpcload.py), every reply checked for its status and exact body. The baseline runs twice,
first and last: the spread between the two is the run's noise, and a knob is recommended only when it
beats the baseline by more than that (tools/tune/verdicts.py). The recommended configuration is then
measured too, with FastAPI on uvicorn (tools/compare/floor.py) at the same worker counts and the
handler's in-process ceiling, for the goals of the Performance page.

Also measured in the same run: the client's own ceiling (HTTP /ping and gRPC Ping on the first
baseline, at each connection count), the JVM's event-loop threads, collector and heap (jstack, jcmd),
the lines each variant wrote to the access log, and what TorchServe does with bad values (a negative
thread count, a queue of 0, an invalid `vmargs`).

    python tools/tune/tune.py            # the full run, about 15 minutes on 2 cores
    python tools/tune/tune.py --quick    # 3 variants, 8 connections, 1 s per cell: a smoke test

Results go to tools/tune/results.json, the plot to docs/images/tune-knobs.svg.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import tempfile
import time
import zipfile
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import psutil
import requests

from tools.bench.bench import Cell, expected
from tools.compare.compare import in_process
from tools.compare.servers import PythonServer
from tools.tune import verdicts
from tsharness import wrk
from tsharness.archives import build_archive
from tsharness.clients import GRPC_STUBS, grpc_stubs, wait_ready
from tsharness.grpcload import GrpcLoad
from tsharness.server import TorchServe
from tsharness.stats import busy_cpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

MODEL = "greedy_time"
TASKS = REPO / "snippets" / "pointer-net" / "tasks25.json"
BATCH, DELAY_MS = 8, 5
CONNECTIONS = (1, 8, 32, 128)
QUICK_CONNECTIONS = (8,)
PROTOCOLS = ("http", "grpc")
RESULTS = HERE / "results.json"
PLOT = REPO / "docs" / "images" / "tune-knobs.svg"
JAR = Path(__import__("ts").__file__).parent / "frontend" / "model-server.jar"  # TorchServe's frontend
CORES = len(os.sched_getaffinity(0))


def variant(name: str, knob: str, setting: str, config: dict | None = None, env: dict | None = None,
            log_config: str | None = None, workers: int = 1) -> dict:
    """One configuration: `knob` is what it changes, `setting` how the page writes the change."""
    return {"name": name, "knob": knob, "setting": setting, "config": config or {}, "env": env or {},
            "log_config": log_config, "workers": workers}


def variants(quick: bool) -> list[dict]:
    base = [variant("baseline-a", "baseline", "")]
    knobs = [
        variant("netty-1", "number_of_netty_threads", "number_of_netty_threads=1",
                {"number_of_netty_threads": 1}),
        variant(f"netty-{CORES}", "number_of_netty_threads", f"number_of_netty_threads={CORES}",
                {"number_of_netty_threads": CORES}),
        variant("client-1", "netty_client_threads", "netty_client_threads=1", {"netty_client_threads": 1}),
        variant("queue-1000", "job_queue_size", "job_queue_size=1000", {"job_queue_size": 1000}),
        variant("async-logging", "async_logging", "async_logging=true", {"async_logging": "true"}),
        variant("no-access-log", "access_log", "ACCESS_LOG off", log_config="no-access"),
        variant("heap", "vmargs", "vmargs=-Xms512m -Xmx512m", {"vmargs": "-Xms512m -Xmx512m"}),
        variant("parallel-gc", "vmargs", "vmargs=-XX:+UseParallelGC", {"vmargs": "-XX:+UseParallelGC"}),
        variant("omp-1", "OMP_NUM_THREADS", "OMP_NUM_THREADS=1", env={"OMP_NUM_THREADS": "1"}),
        variant("workers-2", "workers", "initial_workers=2", workers=2),
    ]
    last = [variant("baseline-b", "baseline", "")]
    return base + (knobs[:1] if quick else knobs) + last


BAD_VALUES = [
    ("netty-negative", "number_of_netty_threads=-1", {"number_of_netty_threads": -1}),
    ("queue-zero", "job_queue_size=0", {"job_queue_size": 0}),
    ("vmargs-garbage", "vmargs=-Xmxgarbage", {"vmargs": "-Xmxgarbage"}),
]


# --- the frontend's log4j2 config without the access log ------------------------------------------
def log4j2_without_access_log(out: Path) -> Path:
    """TorchServe 0.12's own log4j2.xml (inside model-server.jar) with the ACCESS_LOG logger off."""
    with zipfile.ZipFile(JAR) as jar:
        xml = jar.read("log4j2.xml").decode()
    off, n = re.subn(r'(<Logger name="ACCESS_LOG" level=)"info"', r'\1"off"', xml)
    assert n == 1, "no ACCESS_LOG logger at level info in the jar's log4j2.xml"
    out.write_text(off)
    return out


# --- what the JVM runs --------------------------------------------------------------------------
def jvm_facts(pid: int) -> dict:
    """The JVM's collector and heap limit (jcmd VM.flags) and its event-loop threads by group
    (jstack: Netty names them <group>-<pool>-<thread>)."""
    facts: dict = {"gc": None, "max_heap_mb": None, "event_loop_threads": {}}
    try:
        flags = subprocess.run(["jcmd", str(pid), "VM.flags"], capture_output=True, text=True, timeout=30).stdout
        gc = re.search(r"-XX:\+Use(\w+)GC\b", flags)
        heap = re.search(r"-XX:MaxHeapSize=(\d+)", flags)
        facts["gc"] = gc and gc.group(1)
        facts["max_heap_mb"] = heap and round(int(heap.group(1)) / 2**20)
        stack = subprocess.run(["jstack", str(pid)], capture_output=True, text=True, timeout=30).stdout
        names = re.findall(r'^"([^"]+)"', stack, re.M)
        groups = Counter(re.sub(r"-\d+$", "", n) for n in names if re.search(r"EventLoopGroup-\d+-\d+$", n)
                         or "ELG" in n)
        facts["event_loop_threads"] = dict(sorted(groups.items()))
    except (OSError, subprocess.SubprocessError):
        pass
    return facts


def lines(path: Path) -> int:
    return sum(1 for _ in open(path, errors="replace")) if path.exists() else 0


# --- one variant ----------------------------------------------------------------------------------
def cell_row(protocol: str, n: int, run, ceiling: float | None) -> dict:
    d = {k: v for k, v in run.as_dict().items() if k != "first_bad"}
    return {"protocol": protocol, **d, "failed": run.failed, "first_bad": run.first_bad[:300],
            "load_average": round(os.getloadavg()[0], 1), "ceiling_rps": ceiling,
            "client_bound": None if ceiling is None else wrk.client_bound(run.rps, ceiling)}


def measure(v: dict, work: Path, store: Path, args, ceilings: dict, with_ceilings: bool) -> dict:
    """Start TorchServe with the variant's settings, register greedy_time, drive every cell."""
    start_args = ()
    if v["log_config"]:
        start_args = ("--log-config", str(log4j2_without_access_log(work / f"log4j2-{v['name']}.xml")))
    env = {"OMP_NUM_THREADS": None, **v["env"]}  # nothing inherited: unset is torch's default
    ts = TorchServe(work / v["name"], store, overrides=v["config"], start_args=start_args)
    ts.extra_env = {k: val for k, val in env.items() if val is not None}
    saved = os.environ.pop("OMP_NUM_THREADS", None)
    load = GrpcLoad(f"127.0.0.1:{ts.ports['grpc_inference']}", GRPC_STUBS, args.grpc_processes)
    row = {k: v[k] for k in ("name", "knob", "setting", "workers")}
    try:
        began = time.monotonic()
        ts.start()
        wait_ready(ts)
        row["start_seconds"] = round(time.monotonic() - began, 1)
        key = ts.headers("inference")
        r = ts.register(f"{MODEL}.mar", v["workers"], batch_size=BATCH, max_batch_delay=DELAY_MS)
        if r.status_code != 200:
            raise RuntimeError(f"{v['name']}: registering {MODEL} failed: {r.text}\n{ts.logs()}")
        expect = {p: expected(ts, Cell(MODEL, p, 1, BATCH, v["workers"]), 3) for p in PROTOCOLS}
        url = f"{ts.inference}/predictions/{MODEL}"
        http = dict(method="POST", body=TASKS.read_bytes(), expect_body=expect["http"],
                    headers={**key, "Content-Type": "application/json"})
        top = max(args.connections)
        if not args.quick:  # untimed: the JIT and the connections warm up
            wrk.run(url, connections=top, seconds=1, **http)
            load.run("Predictions", model=MODEL, body=TASKS.read_bytes(), expect=expect["grpc"],
                     connections=top, seconds=1, headers=key)
        if with_ceilings:  # the client's own ceiling, at each connection count
            for n in args.connections:
                ceilings[("http", n)] = wrk.ceiling(ts.inference, connections=n, seconds=args.seconds,
                                                    headers=key).rps
                ceilings[("grpc", n)] = load.ceiling(connections=n, seconds=args.seconds, headers=key).rps
                print(f"{'ceiling':14} c{n:<3} http {ceilings[('http', n)]:9.1f}  grpc "
                      f"{ceilings[('grpc', n)]:9.1f} req/s", flush=True)
        cells = []
        for n in args.connections:
            for protocol in PROTOCOLS:
                if protocol == "http":
                    run = wrk.run(url, connections=n, seconds=args.seconds, **http)
                else:
                    run = load.run("Predictions", model=MODEL, body=TASKS.read_bytes(), expect=expect["grpc"],
                                   connections=n, seconds=args.seconds, headers=key)
                cells.append(cell_row(protocol, n, run, ceilings.get((protocol, n))))
                c = cells[-1]
                print(f"{v['name']:14} c{n:<3} {protocol:4} {c['rps']:9.1f} req/s  p50 {c['p50_ms']:8.2f} ms"
                      f"  failed {c['failed']}{'  ' + c['first_bad'][:80] if c['failed'] else ''}", flush=True)
        row["cells"] = cells
        row["jvm"] = jvm_facts(ts.pid)
        row["access_log_lines"] = lines(ts.workdir / "logs" / "access_log.log")
    finally:
        load.close()
        ts.stop()
        if saved is not None:
            os.environ["OMP_NUM_THREADS"] = saved
    return row


# --- bad values -----------------------------------------------------------------------------------
NOISE = re.compile(r"nvidia-smi|xpu-smi|getCallerClass|^\s+at |^\s*$")


def messages(text: str) -> list[str]:
    """The lines that say what went wrong."""
    return [ln.strip() for ln in text.splitlines() if not NOISE.search(ln)
            and re.search(r"Invalid|Error|Exception|exception", ln)][:4]


def try_bad(name: str, setting: str, config: dict, work: Path, store: Path) -> dict:
    """`torchserve --start` with one bad value: does it start, and what happens to a registration and
    a request? Started by hand (not start.sh), so a JVM that never answers costs seconds, not minutes."""
    ts = TorchServe(work / name, store, overrides=config)
    ts.workdir.mkdir(parents=True)
    ts.tmpdir.mkdir()
    ts.config.write_text("".join(f"{k}={v}\n" for k, v in ts.props.items()))
    out = ts.workdir / "start.out"
    row = {"name": name, "setting": setting}
    try:
        began = time.monotonic()
        with open(out, "w") as f:
            rc = subprocess.run(["torchserve", "--start", "--ncs", "--model-store", str(store), "--ts-config",
                                 str(ts.config)], cwd=ts.workdir, env=ts.env(), stdout=f,
                                stderr=subprocess.STDOUT, timeout=60).returncode
        row["torchserve_start_exit"] = rc
        up = False
        while time.monotonic() - began < 30:
            pid = ts.pid
            alive = pid is not None and psutil.pid_exists(pid) and \
                psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
            if not alive and time.monotonic() - began > 2:
                break
            try:
                up = (ts.workdir / "key_file.json").exists() and requests.get(
                    f"{ts.inference}/ping", headers=ts.headers("inference"), timeout=2).status_code == 200
            except (requests.RequestException, ValueError):
                pass
            if up:
                break
            time.sleep(0.3)
        row["seconds"] = round(time.monotonic() - began, 1)
        row["started"] = up
        pid = ts.pid
        row["jvm_running"] = bool(pid and psutil.pid_exists(pid)
                                  and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE)
        row["messages"] = messages(out.read_text(errors="replace"))
        if up:
            r = ts.register(f"{MODEL}.mar", 1, batch_size=BATCH, max_batch_delay=DELAY_MS)
            row["register"] = {"status": r.status_code, "type": r.json().get("type") if r.content else None,
                               "message": (r.json().get("message") or r.json().get("status") or "")[:200]}
            p = ts.predict(MODEL, TASKS.read_bytes())
            row["predict"] = {"status": p.status_code,
                              "type": p.json().get("type") if p.headers.get("content-type", "").startswith(
                                  "application/json") else None}
            log = ts.workdir / "logs" / "ts_log.log"
            row["log"] = [m for m in messages(log.read_text(errors="replace") if log.exists() else "")
                          if "IllegalArgument" in m or "Invalid" in m][:2]
    finally:
        ts.stop()
    print(f"bad value {setting:30} started {row.get('started')}  {row.get('messages') or row.get('register')}",
          flush=True)
    return row


# --- the run --------------------------------------------------------------------------------------
def fastapi(workers: int, work: Path, args) -> dict:
    with PythonServer("fastapi", work / f"fastapi-{workers}.log", ("--workers", str(workers)), 300) as fast:
        base = fast.inference
        r = requests.post(f"{base}/predictions/{MODEL}", data=TASKS.read_bytes(),
                          headers={"Content-Type": "application/json"}, timeout=60)
        assert r.status_code == 200, r.text
        drive = dict(method="POST", body=TASKS.read_bytes(), headers={"Content-Type": "application/json"},
                     expect_body=r.content)
        url = f"{base}/predictions/{MODEL}"
        if not args.quick:
            wrk.run(url, connections=max(args.connections), seconds=1, **drive)
        top = wrk.run(f"{base}/health", connections=max(args.connections), seconds=args.seconds).rps
        cells = []
        for n in args.connections:
            run = wrk.run(url, connections=n, seconds=args.seconds, **drive)
            cells.append(cell_row("http", n, run, top))
            print(f"fastapi-{workers}w      c{n:<3} http {run.rps:9.1f} req/s  failed {run.failed}", flush=True)
    return {"workers": workers, "health_rps": top, "cells": cells}


def run(args) -> dict:
    work = Path(tempfile.mkdtemp(prefix="tune-"))
    store = work / "store"
    build_archive(MODEL, store)
    grpc_stubs()
    ceilings: dict = {}
    rows = []
    for i, v in enumerate(variants(args.quick)):
        rows.append(measure(v, work, store, args, ceilings, with_ceilings=i == 0))
    report = {"meta": {}, "ceilings": [{"protocol": p, "connections": n, "rps": x}
                                       for (p, n), x in sorted(ceilings.items())],
              "variants": rows}
    report["meta"]["quick"] = args.quick
    # The recommendation, from this run's data, measured as one configuration.
    chosen = verdicts.recommended(report)
    rec = variant("recommended", "recommended", "", workers=1)
    for name in chosen:
        v = next(x for x in variants(False) if x["name"] == name)
        rec["config"].update(v["config"])
        rec["env"].update(v["env"])
        rec["log_config"] = rec["log_config"] or v["log_config"]
        rec["workers"] = max(rec["workers"], v["workers"])
    rec["setting"] = ", ".join(next(x for x in variants(False) if x["name"] == n)["setting"] for n in chosen)
    if chosen:
        report["recommended"] = {"variants": chosen, **measure(rec, work, store, args, ceilings, False)}
    else:  # the guide's config as it is: its figures are the last baseline's
        report["recommended"] = {**rows[-1], "name": "recommended", "knob": "recommended", "variants": [],
                                 "same_as": rows[-1]["name"]}
    report["bad_values"] = [try_bad(name, setting, config, work, store) for name, setting, config in
                            (BAD_VALUES[::2] if args.quick else BAD_VALUES)]
    report["fastapi"] = [fastapi(w, work, args) for w in sorted({1, rec["workers"]})]
    report["in_process"] = [in_process(b, 0.3 if args.quick else 2.0) for b in (1, BATCH)]
    report["meta"] = meta(args)
    return report


def meta(args) -> dict:
    return {"date": datetime.date.today().isoformat(), "cpus": os.cpu_count(), "cores_used": CORES,
            "busy_cpus_at_start": args.busy_at_start, "load_average_at_start": args.load_at_start,
            "load_average_at_end": round(os.getloadavg()[0], 1), "quick": args.quick,
            "python": platform.python_version(), "model": MODEL, "batch_size": BATCH,
            "batch_delay_ms": DELAY_MS, "tasks": len(json.loads(TASKS.read_text())["feature"]),
            "seconds": args.seconds, "connections": list(args.connections),
            "grpc_processes": args.grpc_processes, "http_client": "wrk", "minutes": None,
            "java": java_version(), **{p: version(p) for p in ("torch", "torchserve", "fastapi", "uvicorn")}}


def java_version() -> str:
    out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "([^"]+)"', out)
    return m.group(1) if m else "?"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 variants, 8 connections, 1 s per cell")
    parser.add_argument("--seconds", type=int, default=None, help="per cell (default 3, quick 1)")
    parser.add_argument("--grpc-processes", type=int, default=CORES, help="gRPC client processes")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--plot", type=Path, default=PLOT)
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (1 if args.quick else 3)
    args.connections = QUICK_CONNECTIONS if args.quick else CONNECTIONS
    args.busy_at_start = busy_cpus()  # other work, before the run's own servers start
    args.load_at_start = round(os.getloadavg()[0], 1)
    began = time.monotonic()
    report = run(args)
    report["meta"]["minutes"] = round((time.monotonic() - began) / 60, 1)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    from tools.tune.plot import plot
    plot(report, args.plot)
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out} "
          f"in {report['meta']['minutes']} minutes")


if __name__ == "__main__":
    main()
