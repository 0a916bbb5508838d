"""Scale greedy_time on instance a from 1 worker to 3 and back to 1 while 16 clients keep calling it.

The clients run for the whole run; every reply is checked, and a request without a reply within 30
seconds counts as failed: the model's responseTimeout (greedy_time.yaml), the time TorchServe itself
gives a worker for one batch. The slowest reply that came is kept. Each worker count is held for 6 seconds
(after 1 second to settle) and the replies in those 6 seconds give its throughput, so all three
figures come from the same run. Each failure is put down to the scaling call it was in flight during, or to none.
A scaling call answered HTTP 500 (a race in TorchServe 0.12, see the page) is sent once more. Writes
snippets/rollout/scale.json. Run from the repository root.
"""
import json
import os
import time
from pathlib import Path

import requests
from instances import address, auth
from load import Load

CLIENTS, SETTLE, HOLD, TIMEOUT = 16, 1.0, 6.0, 30
MANAGEMENT = address("a", "management")
ROUTE = f"{address('a')}/predictions/greedy_time"
OK = ("1.0", "2.0")

load = Load(CLIENTS, lambda: ROUTE, lambda: auth("a"), timeout=TIMEOUT).start()
phases, steps, resent = [], [], []


def answered() -> int:
    return sum(map(len, load.outcomes))


def scale(workers: int) -> None:
    before = [len(o) for o in load.outcomes]
    url = f"{MANAGEMENT}/models/greedy_time?min_worker={workers}&max_worker={workers}&synchronous=true"
    reply = requests.put(url, headers=auth("a", "management"), timeout=120)
    if reply.status_code == 500:  # 0.12: a scale-down can race the batch it stops (see the page); safe to resend
        resent.append(reply.json().get("type", reply.text))
        reply = requests.put(url, headers=auth("a", "management"), timeout=120)
    after = [len(o) for o in load.outcomes]
    steps.append({"step": f"scale to {workers}", "before": before, "after": after})
    body = reply.json()
    print(f"scale to {workers}: HTTP {reply.status_code} {body.get('status') or body.get('message')}")


def workers() -> int:
    reply = requests.get(f"{MANAGEMENT}/models/greedy_time", headers=auth("a", "management"), timeout=30)
    return sum(w["status"] == "READY" for w in reply.json()[0]["workers"])


def hold() -> None:
    time.sleep(SETTLE)
    n0, t0 = answered(), time.monotonic()
    time.sleep(HOLD)
    n1, t1 = answered(), time.monotonic()
    ready = workers()
    phases.append({"workers": ready, "requests": n1 - n0, "seconds": round(t1 - t0, 3),
                   "per_second": round((n1 - n0) / (t1 - t0), 1)})
    print(f"{ready} worker(s) ready, held {HOLD:g} s under load")


try:
    hold()
    scale(3)
    hold()
    scale(1)
    hold()
finally:  # the clients stop whatever happened, or they would keep the script alive
    outcomes = load.stop()
# A request was in flight during a call if its client sent it between the call's start and its end
# (the one in flight at the end included).
failures = {s["step"]: {} for s in steps} | {"none": {}}
for c, seq in enumerate(load.outcomes):
    for i, outcome in enumerate(seq):
        if outcome not in OK:
            step = next((s["step"] for s in steps if s["before"][c] <= i <= s["after"][c]), "none")
            failures[step][outcome] = failures[step].get(outcome, 0) + 1
failed = sum(n for outcome, n in outcomes.items() if outcome not in OK)
Path("snippets/rollout/scale.json").write_text(json.dumps(
    {"clients": CLIENTS, "cpus": os.cpu_count(), "timeout": TIMEOUT, "phases": phases, "outcomes": dict(outcomes),
     "sent": sum(outcomes.values()), "resent": load.resent,
     "slowest_s": round(load.slowest, 2), "failed": failed, "failures": failures,
     "scale_resent": resent},
    indent=1) + "\n")
print(f"{CLIENTS} clients, every reply checked; counts in snippets/rollout/scale.json")
