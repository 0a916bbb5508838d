"""The Rollout page's long run (`make rollout-bench`): greedy_time 1.0 on a TorchServe of its own,
called at least 50,000 times by wrk with every reply checked, while the frontend JVM's RSS and each
worker's RSS are read once a second from /proc/<pid>/status (VmRSS). It runs twice: the JVM's
default heap (no `vmargs`), then `vmargs=-Xmx<N>m`, N four times the most heap the first run used
(read with jstat), rounded up to 64 MB. Writes the results file (tools/rollout/results.json).

    python tools/rollout/longrun.py [--out FILE] [--requests N] [--segment S] [--runs default,xmx]
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tsharness import wrk
from tsharness.paths import SNIPPETS, venv_env
from tsharness.server import TorchServe
from tsharness.stats import busy_cpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

MODEL = "greedy_time"
BODY = (SNIPPETS / "greedy-time" / "four_tasks.json").read_bytes()
ANSWER = [2, 1, 3, 0]       # 1.0's order of four_tasks.json (accept time)
CONNECTIONS = 16
WORKERS = 2
XMX_TIMES = 4               # -Xmx = this many times the most heap the default run used
XMX_STEP = 64               # MB, what -Xmx is rounded up to
MAX_SECONDS = 600           # per run: the run stops here even short of its requests
MB = 1024 * 1024


def rss_mb(pid: int) -> float | None:
    """VmRSS of a process in MB, or None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def heap_mb(pid: int) -> tuple[float, float] | None:
    """The JVM's heap (used, committed) in MB from `jstat -gc`, or None when jstat cannot attach."""
    try:
        out = subprocess.run(["jstat", "-gc", str(pid)], capture_output=True, text=True, timeout=30).stdout
        head, values = out.split("\n")[:2]
        gc = dict(zip(head.split(), map(float, values.split())))
    except (subprocess.SubprocessError, ValueError, OSError):
        return None
    used = gc["S0U"] + gc["S1U"] + gc["EU"] + gc["OU"]
    committed = gc["S0C"] + gc["S1C"] + gc["EC"] + gc["OC"]
    return round(used / 1024, 1), round(committed / 1024, 1)


def mem_total_mb() -> float:
    """The machine's memory (MemTotal) in MB: the JVM's default heap is a share of it."""
    kb = next(int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
              if ln.startswith("MemTotal:"))
    return round(kb / 1024, 1)


def max_heap_mb(pid: int) -> float | None:
    """The JVM's MaxHeapSize (its -Xmx, or the default the JVM chose) from `jcmd VM.flags`."""
    try:
        out = subprocess.run(["jcmd", str(pid), "VM.flags"], capture_output=True, text=True, timeout=30).stdout
    except (subprocess.SubprocessError, OSError):
        return None
    for word in out.split():
        if word.startswith("-XX:MaxHeapSize="):
            return round(int(word.split("=", 1)[1]) / MB, 1)
    return None


class Sampler(threading.Thread):
    """Reads the JVM's and each worker's VmRSS every `every` seconds until stop()."""

    def __init__(self, jvm: int, workers: list[int], began: float, every: float = 1.0):
        super().__init__(daemon=True)
        self.jvm, self.workers, self.began, self.every = jvm, workers, began, every
        self.samples: list[dict] = []
        self._done = threading.Event()

    def read(self) -> dict:
        return {"t": round(time.monotonic() - self.began, 2), "jvm_mb": rss_mb(self.jvm),
                "workers_mb": [rss_mb(p) for p in self.workers]}

    def run(self) -> None:
        while not self._done.is_set():
            self.samples.append(self.read())
            self._done.wait(self.every)

    def stop(self) -> list[dict]:
        self._done.set()
        self.join()
        return self.samples


def build_archive(store: Path) -> None:
    """greedy_time.mar by the page's own archive script."""
    subprocess.run(["bash", "snippets/greedy-time/archive_greedy_time.sh"], cwd=REPO, check=True,
                   env={**venv_env(), "MODEL_STORE": str(store)}, capture_output=True, timeout=300)


def one_run(name: str, vmargs: str | None, store: Path, work: Path, target: int, segment: int) -> dict:
    """One TorchServe (vmargs or the JVM's defaults), wrk segments until `target` requests."""
    overrides = {"vmargs": vmargs} if vmargs else {}
    ts = TorchServe(work / name, store, overrides=overrides, config=SNIPPETS / "rollout" / "config.a.properties")
    ts.start(timeout=180)
    try:
        reply = ts.register(f"{MODEL}.mar", workers=WORKERS)
        if reply.status_code != 200:
            raise RuntimeError(f"register: HTTP {reply.status_code} {reply.text}")
        first = ts.predict(MODEL, BODY)
        if first.status_code != 200 or first.json() != ANSWER:
            raise RuntimeError(f"first reply: HTTP {first.status_code} {first.text}")
        jvm, workers = ts.pid, ts.worker_pids(MODEL)
        url = f"{ts.inference}/predictions/{MODEL}"
        headers = {**ts.headers("inference"), "Content-Type": "application/json"}
        began = time.monotonic()
        sampler = Sampler(jvm, workers, began)
        sampler.start()

        def point(requests: int) -> dict:
            used = heap_mb(jvm)
            return {**sampler.read(), "requests": requests,
                    "heap_used_mb": used[0] if used else None, "heap_committed_mb": used[1] if used else None}

        points, segments = [point(0)], []
        total = ok = failed = 0
        first_bad = ""
        while total < target and time.monotonic() - began < MAX_SECONDS:
            r = wrk.run(url, method="POST", body=BODY, headers=headers, connections=CONNECTIONS,
                        seconds=segment, expect_body=first.content)
            total += r.requests + r.socket_errors
            ok += r.ok
            failed += r.failed
            first_bad = first_bad or r.first_bad
            segments.append({"requests": r.requests, "ok": r.ok, "failed": r.failed, "seconds": r.seconds,
                             "rps": r.rps, "p50_ms": r.p50_ms, "p99_ms": r.p99_ms})
            points.append(point(total))
        seconds = time.monotonic() - began
        samples = sampler.stop()
        replaced = ts.worker_pids(MODEL) != workers
        max_heap = max_heap_mb(jvm)
    finally:
        ts.stop()
    return {"name": name, "vmargs": vmargs or "", "max_heap_mb": max_heap, "workers": len(workers),
            "requests": total, "ok": ok, "failed": failed, "first_bad": first_bad,
            "workers_replaced": int(replaced), "seconds": round(seconds, 1),
            "rps": round(ok / seconds, 1), "segments": segments, "points": points, "samples": samples}


def xmx_for(run: dict) -> int:
    """-Xmx in MB: XMX_TIMES the most heap the run used, rounded up to XMX_STEP."""
    peak = max(p["heap_used_mb"] for p in run["points"] if p["heap_used_mb"] is not None)
    return math.ceil(XMX_TIMES * peak / XMX_STEP) * XMX_STEP


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(HERE / "results.json"))
    ap.add_argument("--requests", type=int, default=50_000, help="at least this many requests per run")
    ap.add_argument("--segment", type=int, default=5, help="seconds per wrk segment (a point of the curve)")
    ap.add_argument("--runs", default="default,xmx", help="default, xmx, or both")
    args = ap.parse_args(argv)
    names = args.runs.split(",")
    report = {"started": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
              "cpus": os.cpu_count(), "mem_total_mb": mem_total_mb(),
              "busy_cpus_at_start": round(busy_cpus(), 2),
              "connections": CONNECTIONS, "workers": WORKERS, "segment_seconds": args.segment,
              "target_requests": args.requests, "xmx_times": XMX_TIMES, "xmx_step_mb": XMX_STEP,
              "runs": []}
    with tempfile.TemporaryDirectory(prefix="rollout-bench-") as tmp:
        tmp = Path(tmp)
        store = tmp / "model_store"
        build_archive(store)
        xmx = None
        for name in names:
            if name == "xmx":
                base = next((r for r in report["runs"] if r["name"] == "default"), None)
                xmx = xmx_for(base) if base else XMX_STEP * 4
                vmargs = f"-Xmx{xmx}m"
            else:
                vmargs = None
            run = one_run(name, vmargs, store, tmp, args.requests, args.segment)
            report["runs"].append(run)
            print(f"{name} ({run['vmargs'] or 'JVM defaults'}): {run['requests']:,} requests in "
                  f"{run['seconds']:.0f} s, {run['failed']} failed; JVM RSS "
                  f"{run['points'][0]['jvm_mb']:.0f} -> {run['points'][-1]['jvm_mb']:.0f} MB, max heap "
                  f"{run['max_heap_mb']} MB", flush=True)
        report["xmx_mb"] = xmx
    Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    print(f"results in {args.out}")
    bad = [r["name"] for r in report["runs"] if r["failed"] or r["requests"] < args.requests]
    if bad:
        print(f"short of {args.requests:,} requests or with failures: {', '.join(bad)}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
