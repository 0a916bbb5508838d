"""Traffic for the metrics: 20 routes of 2 to 6 tasks (80 tasks) to `routes`, and 4 bad requests,
about 10 a second: Prometheus, scraping every second, sees them arrive (a rate needs two scrapes).

Usage: python snippets/operations/send_routes.py
"""
import json
import time
from collections import Counter

import requests
from ts_env import TS_INFERENCE, auth

with open("snippets/greedy-time/request.json") as f:
    task = json.load(f)["feature"][0]
good = [{"feature": [task] * (2 + i % 5), "start": 0} for i in range(20)]
bad = [{"feature": [[1, 2]], "start": 0},        # feature[0]: 2 numbers, not 8
       {"feature": [task, [1] * 7], "start": 0},  # feature[1]: 7 numbers
       {"feature": [task, task], "start": 5},     # start out of range
       "not JSON"]                                # body


def send(body) -> int:
    time.sleep(0.1)
    data = json.dumps(body) if isinstance(body, dict) else body
    return requests.post(f"{TS_INFERENCE}/predictions/routes", data=data, timeout=60,
                         headers={**auth("inference"), "Content-Type": "application/json"}).status_code


for name, bodies in ((f"routes ({sum(len(b['feature']) for b in good)} tasks)", good),
                     ("bad requests", bad)):
    statuses = Counter(send(b) for b in bodies)
    print(f"{len(bodies)} {name}: " + ", ".join(f"HTTP {s} x{n}" for s, n in sorted(statuses.items())))
