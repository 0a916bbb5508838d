"""Four KServe v1 calls at once, one route each, to a routes model that batches 4 per handler call;
then one call alone.

Usage: python snippets/operations/kserve_batch.py
"""
import json
import threading

import requests
from ts_env import TS_INFERENCE, auth

with open("snippets/greedy-time/request.json") as f:
    body = {"instances": [{"data": json.load(f)}]}
V1 = f"{TS_INFERENCE}/v1/models/routes:predict"
replies = [None] * 4
start = threading.Barrier(4)


def call(i: int) -> None:
    start.wait()
    replies[i] = requests.post(V1, json=body, headers=auth("inference"), timeout=60)


threads = [threading.Thread(target=call, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i, r in enumerate(replies):
    print(f"at once, call {i + 1}: {r.status_code} {json.dumps(r.json())}")
r = requests.post(V1, json=body, headers=auth("inference"), timeout=60)
print(f"alone:            {r.status_code} {json.dumps(r.json())}")
