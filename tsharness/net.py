"""Loopback ports reserved for one server at a time, and waiting for something to come up."""
from __future__ import annotations

import fcntl
import os
import random
import socket
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


# Reserved ports come from below Linux's ephemeral range (32768-60999), so a client's own
# outgoing port never takes one; each is held by an flock on a file every process on the machine
# sees, until released or until the process ends: parallel walks cannot draw the same port.
PORT_RANGE = range(20000, 32000)
_LOCKS = Path(tempfile.gettempdir()) / "tsharness-ports"
_held: dict[int, int] = {}   # port -> fd holding its lock


def free_port() -> int:
    """A loopback port that is free now and reserved for this process (see `release_ports`)."""
    _LOCKS.mkdir(exist_ok=True)
    start = random.randrange(len(PORT_RANGE))
    for i in range(len(PORT_RANGE)):
        port = PORT_RANGE[(start + i) % len(PORT_RANGE)]
        if port in _held:
            continue
        fd = os.open(_LOCKS / str(port), os.O_CREAT | os.O_RDWR, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:   # in use by something that does not reserve
                os.close(fd)
                continue
        _held[port] = fd
        return port
    raise RuntimeError(f"no free port in {PORT_RANGE}")


def release_ports(ports) -> None:
    for port in ports:
        if (fd := _held.pop(port, None)) is not None:
            os.close(fd)


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
