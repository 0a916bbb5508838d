"""wrk, the C load generator, driving one request with every reply checked (tsharness/wrk.lua).

A Python client on the same two cores tops out near the server's own speed, so the throughput
figures of the guide come from wrk: one run gives requests per second, latency percentiles, and how
many replies had the wrong status or the wrong body (a reply is right only when its body is exactly
the expected one). `ceiling()` measures the client's own limit against /ping, so a figure close to
it can be marked as bound by the client, not the server.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

LUA = Path(__file__).with_name("wrk.lua")
# A figure within a third of the client's ceiling says more about the client than the server.
CLIENT_BOUND = 2 / 3


@dataclass
class WrkRun:
    connections: int
    seconds: float      # as wrk measured it
    requests: int       # every reply, right or wrong
    ok: int             # expected status and body
    bad_status: int
    wrong_body: int
    socket_errors: int  # connect, read, write errors and timeouts: requests without a reply
    rps: float          # right replies per second
    mean_ms: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    first_bad: str      # the first wrong reply, for the error message

    @property
    def failed(self) -> int:
        return self.bad_status + self.wrong_body + self.socket_errors

    def as_dict(self) -> dict:
        return asdict(self)


def available() -> bool:
    return shutil.which("wrk") is not None


def run(url: str, *, connections: int, seconds: int, method: str = "GET", body: bytes | None = None,
        headers: dict[str, str] | None = None, expect_status: int = 200, expect_body: bytes | None = None,
        threads: int = 1, timeout: float = 10) -> WrkRun:
    """One wrk run of `seconds` against `url` with `connections` keep-alive connections."""
    if not available():
        raise RuntimeError("wrk is not installed: tools/setup.sh wrk")
    with tempfile.TemporaryDirectory(prefix="wrk-") as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "WRK_METHOD": method, "WRK_EXPECT_STATUS": str(expect_status)}
        for name, data in (("BODY", body), ("EXPECT", expect_body)):
            if data is not None:
                (tmp / name).write_bytes(data)
                env[f"WRK_{name}_FILE"] = str(tmp / name)
        (tmp / "headers").write_text("".join(f"{k}: {v}\n" for k, v in (headers or {}).items()))
        env["WRK_HEADERS_FILE"] = str(tmp / "headers")
        # wrk needs at least as many connections as threads.
        threads = max(1, min(threads, connections))
        cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, int(seconds))}s",  # whole seconds
               f"--timeout={timeout:g}s", "-s", str(LUA), url]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + timeout + 30)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")
    r = json.loads(line.removeprefix("WRK_JSON "))
    seconds_run = r["duration_us"] / 1e6
    return WrkRun(
        connections=connections, seconds=round(seconds_run, 3), requests=r["requests"], ok=r["ok"],
        bad_status=r["bad_status"], wrong_body=r["wrong_body"],
        socket_errors=r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"],
        rps=round(r["ok"] / seconds_run, 1) if seconds_run else 0.0,
        mean_ms=round(r["mean_us"] / 1000, 3), p50_ms=r["p50_us"] / 1000, p90_ms=r["p90_us"] / 1000,
        p99_ms=r["p99_us"] / 1000, max_ms=r["max_us"] / 1000, first_bad=r["first_bad"])


def ceiling(base_url: str, *, connections: int, seconds: int, headers: dict[str, str] | None = None) -> WrkRun:
    """The client's own limit on this machine: wrk against the server's /ping, where the server does
    almost nothing. With token auth on, TorchServe 0.12 refuses /ping without the inference key
    (HTTP 400), so pass its headers."""
    return run(base_url.rstrip("/") + "/ping", connections=connections, seconds=seconds, headers=headers)


def client_bound(rps: float, ceiling_rps: float | None, share: float = CLIENT_BOUND) -> bool:
    """True when a figure is within a third (1 - share) of the client's ceiling: the client, not the
    server, may be what limits it."""
    return bool(ceiling_rps) and rps >= share * ceiling_rps
