"""One percentile definition for every figure the guide prints (benchmark, load and fault runs), and
the one measure of other work on the machine that the benchmarks record."""
from __future__ import annotations

import os
import time

import numpy as np


def percentile(values, q: float) -> float:
    """Linear-interpolated percentile (numpy's default): p50 is the median, p99 the 99th."""
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else float("nan")


def busy_cpus(seconds: float = 2.0) -> float:
    """How many CPUs' worth of work the machine did over the next `seconds` (from /proc/stat). Taken
    before a run starts, it is the other work the run competes with; a load average would still
    hold a run that has just ended."""
    def sample() -> tuple[int, int]:
        with open("/proc/stat") as f:
            ticks = [int(x) for x in f.readline().split()[1:9]]  # user … steal
        return sum(ticks), ticks[3] + ticks[4]  # all, idle + iowait
    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return round((os.cpu_count() or 1) * (1 - (idle1 - idle0) / max(total1 - total0, 1)), 2)
