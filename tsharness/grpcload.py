"""A gRPC load generator that is not one Python thread: several client processes, each with its own
channels and an asyncio loop (grpc.aio), every reply checked.

There is no native gRPC load tool here, so the load comes from `processes` spawned Python
processes that stay up for a whole benchmark (one import of grpc, not one per cell). A run splits
its `connections` among them: each connection is a channel of its own that sends its next call as
soon as the previous reply arrives. Every process warms up, then all start together and run for
the same `seconds`. A reply is right only when its status is OK and its payload is exactly the
expected one. `ceiling()` measures this client's own limit with gRPC Ping, as tsharness.wrk does
with /ping, so a figure close to it can be marked as bound by the client.

    with GrpcLoad("127.0.0.1:7070", stubs_dir, processes=2) as load:
        key = ts.headers("inference")
        top = load.ceiling(connections=32, seconds=5, headers=key)
        run = load.run("Predictions", model="greedy_time", body=data, expect=reply,
                       connections=32, seconds=5, headers=key)
"""
from __future__ import annotations

import asyncio
import importlib.abc
import importlib.machinery
import multiprocessing
import queue
import sys
import time
import types
from dataclasses import asdict, dataclass
from pathlib import Path

from tsharness.stats import percentile

# Codes that mean no reply came (as wrk's socket errors), not a wrong one.
NO_REPLY = ("UNAVAILABLE", "DEADLINE_EXCEEDED", "CANCELLED")


@dataclass
class GrpcRun:
    connections: int
    processes: int      # client processes that carried the connections
    seconds: float      # the longest process's measured time
    requests: int       # every call, right or wrong
    ok: int             # status OK and the expected payload
    bad_status: int
    wrong_body: int
    socket_errors: int  # no reply: unavailable, deadline exceeded
    rps: float          # right replies per second
    mean_ms: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    first_bad: str

    @property
    def failed(self) -> int:
        return self.bad_status + self.wrong_body + self.socket_errors

    def as_dict(self) -> dict:
        return asdict(self)


# --- the stubs --------------------------------------------------------------------------------
class _StubsFinder(importlib.abc.MetaPathFinder):
    """Finds, after every other finder, what is in the stubs folder of snippets/grpc/gen_stubs.sh:
    `inference_pb2`, and `google.rpc.status_pb2` next to the installed `google` package. The generated
    `*_pb2_grpc.py` import their `*_pb2` by bare name, as if the folder were on the path."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder).resolve()

    def find_spec(self, name, path=None, target=None):
        *parents, _ = name.split(".")
        return importlib.machinery.PathFinder.find_spec(name, [str(self.folder.joinpath(*parents))])


def import_stubs(folder: str | Path):
    """inference_pb2 and inference_pb2_grpc of the stubs generated into `folder` (the first folder
    asked for in this process, as with one folder on the path)."""
    if not any(isinstance(f, _StubsFinder) for f in sys.meta_path):
        sys.meta_path.append(_StubsFinder(folder))
    import inference_pb2
    import inference_pb2_grpc
    return inference_pb2, inference_pb2_grpc


# --- inside a client process ---------------------------------------------------------------
def _worker(address: str, stubs_dir: str, jobs, results, index: int) -> None:
    import grpc  # noqa: F401  (imported once per process)
    import_stubs(stubs_dir)
    results.put(("up", index, None))
    while True:
        job = jobs.get()
        if job is None:
            return
        try:
            results.put(("done", index, asyncio.run(_job(address, job, jobs, results, index))))
        except Exception as e:  # reported, never a hang: the parent waits for every process
            results.put(("error", index, f"{type(e).__name__}: {e}"))


async def _job(address: str, job: dict, jobs, results, index: int) -> dict:
    import grpc
    import inference_pb2
    import inference_pb2_grpc
    from google.protobuf import empty_pb2

    if job["method"] == "Ping":
        request, payload = empty_pb2.Empty(), (lambda r: r.health.encode())
    else:
        request = inference_pb2.PredictionsRequest(model_name=job["model"], input={"data": job["body"]})
        payload = lambda r: r.prediction
    expect, timeout, metadata = job["expect"], job["timeout"], job["metadata"]
    # A local subchannel pool: each channel its own connection, as wrk's connections are.
    channels = [grpc.aio.insecure_channel(address, options=[("grpc.use_local_subchannel_pool", 1)])
                for _ in range(job["connections"])]
    calls = [getattr(inference_pb2_grpc.InferenceAPIsServiceStub(c), job["method"]) for c in channels]
    counts = {"ok": 0, "bad_status": 0, "wrong_body": 0, "socket_errors": 0}
    first_bad, latencies = [], []

    async def once(call, timed: bool) -> None:
        t0 = time.perf_counter()
        try:
            reply = await call(request, metadata=metadata, timeout=timeout)
        except grpc.aio.AioRpcError as e:
            name = e.code().name
            counts["socket_errors" if name in NO_REPLY else "bad_status"] += timed
            first_bad.append(f"gRPC {name}: {(e.details() or '')[:200]}")
            return
        got = payload(reply)
        if expect is not None and got != expect:
            counts["wrong_body"] += timed
            first_bad.append(f"wrong body: {got[:200]!r}")
            return
        if timed:
            counts["ok"] += 1
            latencies.append(time.perf_counter() - t0)

    try:
        for _ in range(job["warmup"]):  # opens every connection; checked, not counted
            await asyncio.gather(*(once(c, False) for c in calls))
        results.put(("ready", index, None))
        go = await asyncio.get_running_loop().run_in_executor(None, jobs.get)
        assert go == "go", go
        start = time.perf_counter()
        deadline = start + job["seconds"]

        async def client(call):
            while time.perf_counter() < deadline:
                await once(call, True)

        await asyncio.gather(*(client(c) for c in calls))
        elapsed = time.perf_counter() - start
    finally:
        for c in channels:
            await c.close()
    return {**counts, "seconds": elapsed, "latencies": latencies, "first_bad": first_bad[:1]}


# --- the parent ------------------------------------------------------------------------------
class GrpcLoad:
    """`processes` client processes against one gRPC address, kept for many runs (close() them).
    They start (and import grpc) at once, in the background; the first run waits for them."""

    def __init__(self, address: str, stubs_dir: str | Path, processes: int = 2):
        ctx = multiprocessing.get_context("spawn")  # the parent may hold grpc state: no fork
        self.processes = processes
        self.results = ctx.Queue()
        self.jobs = [ctx.Queue() for _ in range(processes)]
        self.procs = [ctx.Process(target=_worker, daemon=True, name=f"grpcload-{i}",
                                  args=(address, str(stubs_dir), self.jobs[i], self.results, i))
                      for i in range(processes)]
        # A spawned process imports the parent's main module first (a benchmark's: torch and all);
        # a client needs nothing of it, so it starts from this module alone.
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            for p in self.procs:
                p.start()
        finally:
            sys.modules["__main__"] = main
        self._up = False

    def _wait(self, what: str, indexes: list[int], timeout: float) -> dict[int, object]:
        got, end = {}, time.monotonic() + timeout
        while len(got) < len(indexes):
            try:
                kind, index, value = self.results.get(timeout=1)
            except queue.Empty:
                dead = [i for i in indexes if i not in got and not self.procs[i].is_alive()]
                if dead or time.monotonic() > end:
                    raise RuntimeError(f"gRPC client processes: no '{what}' from "
                                       f"{dead or sorted(set(indexes) - set(got))}"
                                       f"{' (exited)' if dead else f' within {timeout:g} s'}") from None
                continue
            if kind == "error":
                raise RuntimeError(f"gRPC client process {index}: {value}")
            assert kind == what, (kind, what)
            got[index] = value
        return got

    def run(self, method: str, *, connections: int, seconds: float, headers: dict[str, str] | None = None,
            model: str | None = None, body: bytes = b"", expect: bytes | None = None, warmup: int = 2,
            timeout: float = 30) -> GrpcRun:
        """`connections` channels calling `method` ("Ping" or "Predictions") for `seconds`, with
        `headers` (the inference key) as each call's metadata."""
        if not self._up:
            self._wait("up", list(range(self.processes)), 120)
            self._up = True
        metadata = tuple((k.lower(), v) for k, v in (headers or {}).items())
        share = [connections // self.processes + (i < connections % self.processes)
                 for i in range(self.processes)]
        active = [i for i, n in enumerate(share) if n]
        for i in active:
            self.jobs[i].put({"method": method, "model": model, "body": body, "expect": expect,
                              "connections": share[i], "seconds": seconds, "warmup": warmup,
                              "timeout": timeout, "metadata": metadata})
        self._wait("ready", active, 60 + warmup * timeout)
        for i in active:  # all start together
            self.jobs[i].put("go")
        done = self._wait("done", active, seconds + timeout + 60)
        parts = [done[i] for i in active]
        latencies = [x * 1000 for p in parts for x in p["latencies"]]
        elapsed = max(p["seconds"] for p in parts)
        total = {k: sum(p[k] for p in parts) for k in ("ok", "bad_status", "wrong_body", "socket_errors")}
        stat = (lambda q: round(percentile(latencies, q), 3)) if latencies else (lambda q: 0.0)
        return GrpcRun(
            connections=connections, processes=len(active), seconds=round(elapsed, 3),
            requests=sum(total.values()), **total,
            rps=round(total["ok"] / elapsed, 1) if elapsed else 0.0,
            mean_ms=round(sum(latencies) / len(latencies), 3) if latencies else 0.0,
            p50_ms=stat(50), p90_ms=stat(90), p99_ms=stat(99),
            max_ms=round(max(latencies), 3) if latencies else 0.0,
            first_bad=next((b for p in parts for b in p["first_bad"]), ""))

    def ceiling(self, *, connections: int, seconds: float, headers: dict[str, str] | None = None,
                expect: bytes | None = None) -> GrpcRun:
        """This client's own limit: gRPC Ping, where the server does almost nothing (TorchServe 0.12
        with token auth wants the inference key here too)."""
        return self.run("Ping", connections=connections, seconds=seconds, headers=headers, expect=expect)

    def close(self) -> None:
        for q in self.jobs:
            q.put(None)
        for p in self.procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
                p.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
