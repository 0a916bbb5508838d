"""What TorchServe's metrics show when a model has no worker: scale pointer_latency to 0 workers,
send 3 requests, compare /metrics before and after, then scale back to 1 worker.

Usage: PYTHONPATH=models python snippets/alerts/no_worker.py   (models/lade_synth.py makes the routes)
"""
import json
import re

import requests
from ts_env import TS_INFERENCE, TS_MANAGEMENT, TS_METRICS, auth

from lade_synth import request

MODEL = "pointer_latency"
WATCHED = {"ts_inference_requests_total": f'model_name="{MODEL}"', "Requests5XX": "",
           "route_latency_seconds_count": f'ModelName="{MODEL}"'}


def metrics() -> dict:
    text = requests.get(f"{TS_METRICS}/metrics", timeout=10).text
    values = {}
    for name, label in WATCHED.items():
        m = re.search(rf"^{name}\{{[^}}]*{label}[^}}]*\}} (\S+)$", text, re.M)
        values[name] = float(m[1]) if m else 0.0
    return values


def scale(workers: int) -> str:
    reply = requests.put(f"{TS_MANAGEMENT}/models/{MODEL}", headers=auth("management"), timeout=120,
                         params={"min_worker": workers, "max_worker": workers, "synchronous": "true"})
    return f"HTTP {reply.status_code} {reply.json()['status']}"


print("scale to 0 workers:", scale(0))
before = metrics()
for seed in range(3):
    reply = requests.post(f"{TS_INFERENCE}/predictions/{MODEL}", json=request(seed, 5),
                          headers=auth("inference"), timeout=60)
    print(f"request {seed + 1}: HTTP {reply.status_code} {json.loads(reply.text)['type']}")
after = metrics()
for name in WATCHED:
    print(f"{name}: +{after[name] - before[name]:.0f}")
print("scale back to 1 worker:", scale(1))
