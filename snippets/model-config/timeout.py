"""One request that outlasts responseTimeout (3 s), then an ordinary one.

Usage: python snippets/model-config/timeout.py
"""
import json
import time

import requests
from ts_env import TS_INFERENCE, TS_MANAGEMENT, auth

headers = {**auth("inference"), "Content-Type": "application/json"}


def worker_pid() -> int:
    [model] = requests.get(f"{TS_MANAGEMENT}/models/trouble", headers=auth("management"),
                           timeout=30).json()
    return model["workers"][0]["pid"]


def send(body: dict) -> tuple[requests.Response, float]:
    t0 = time.perf_counter()
    r = requests.post(f"{TS_INFERENCE}/predictions/trouble", json=body, headers=headers, timeout=60)
    return r, time.perf_counter() - t0


before = worker_pid()
r, seconds = send({"sleep": 5})
print(f'{{"sleep": 5}} -> {r.status_code} {json.dumps(r.json())}')
print(f"the reply came before the handler's 5 s sleep ended: {seconds < 5}")
r, _ = send({})
print(f"{{}} -> {r.status_code} {json.dumps(r.json())}")
print(f"the worker was replaced (new PID): {worker_pid() != before}")
