"""One percentile definition for every figure the guide prints (benchmark, load and fault runs)."""
from __future__ import annotations

import numpy as np


def percentile(values, q: float) -> float:
    """Linear-interpolated percentile (numpy's default): p50 is the median, p99 the 99th."""
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else float("nan")
