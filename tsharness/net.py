"""Free loopback ports and waiting for something to come up."""
from __future__ import annotations

import socket
import time
from typing import Callable, TypeVar

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check: Callable[[], T], timeout: float, interval: float = 0.2,
              what: str = "condition") -> T:
    """Call `check` until it returns something truthy (exceptions count as not yet); return it."""
    deadline = time.monotonic() + timeout
    last: BaseException | None = None
    while True:
        try:
            value = check()
            if value:
                return value
        except Exception as exc:  # not up yet
            last = exc
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout:.0f} s"
                               + (f" (last error: {last})" if last else ""))
        time.sleep(interval)


def end_processes(procs, grace: float = 30, terminate: bool = False) -> None:
    """Wait up to `grace` seconds for `procs` (psutil.Process) to exit, then kill what is left;
    with `terminate`, ask them to stop (SIGTERM) first."""
    import psutil

    for p in procs if terminate else ():
        try:
            p.terminate()
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(procs, timeout=grace)
    for p in alive:
        try:
            p.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(alive, timeout=10)
