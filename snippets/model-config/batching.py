"""Make batching visible: N requests at once, then one alone.

The worker logs one "Backend received inference" line per handler call, so the lines added
to logs/model_log.log count the batches the N requests were served in.

Usage: python snippets/model-config/batching.py [MODEL] [N]
"""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from ts_env import TS_INFERENCE, TS_MANAGEMENT, auth

model = sys.argv[1] if len(sys.argv) > 1 else "pointer_net"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 32
LOG = "logs/model_log.log"
with open("snippets/greedy-time/request.json") as f:
    body = json.load(f)
headers = auth("inference")


def predict(_=None) -> float:
    t0 = time.perf_counter()
    r = requests.post(f"{TS_INFERENCE}/predictions/{model}", json=body, headers=headers, timeout=60)
    r.raise_for_status()
    return time.perf_counter() - t0


def handler_calls() -> int:
    time.sleep(0.5)  # the frontend writes the worker's log lines a moment later
    with open(LOG) as f:
        return sum("Backend received inference" in line for line in f)


[m] = requests.get(f"{TS_MANAGEMENT}/models/{model}", headers=auth("management"), timeout=30).json()
print(f"{model}: batchSize {m['batchSize']}, maxBatchDelay {m['maxBatchDelay']} ms, "
      f"{len(m['workers'])} worker(s)")
before = handler_calls()
with ThreadPoolExecutor(n) as pool:
    list(pool.map(predict, range(n)))
calls = handler_calls() - before
print(f"{n} requests at once -> {calls} handler calls, {n / calls:g} requests per call")
# Alone, a request waits out maxBatchDelay for company that never comes.
lone = predict()
print(f"a lone request: {'at least' if lone * 1000 >= m['maxBatchDelay'] else 'under'} "
      f"maxBatchDelay ({m['maxBatchDelay']} ms)")
