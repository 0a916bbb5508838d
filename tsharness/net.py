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
