"""Switch greedy_time from version 1.0 to 2.0 on instance a while 16 clients keep calling it.

Usage: python snippets/rollout/switch.py right|wrong
  right  register 2.0 next to 1.0, try it at /predictions/greedy_time/2.0, make it the default,
         then unregister 1.0. Each call runs while the clients send requests to
         /predictions/greedy_time; every reply is checked.
  wrong  unregister 1.0 first, register 2.0 with 0 workers, then scale it to 1 worker. After each
         call the 16 clients send 10 requests each.
"""
import sys
import time
from collections import Counter

import requests
from instances import address, auth
from load import Load, send

CLIENTS = 16
MANAGEMENT = address("a", "management")
ROUTE = f"{address('a')}/predictions/greedy_time"


def call(method: str, path: str) -> str:
    reply = requests.request(method, MANAGEMENT + path, headers=auth("a", "management"), timeout=120)
    body = reply.json()
    return f"HTTP {reply.status_code} {body.get('status') or body.get('message')}"


def runs(outcomes: list) -> str:
    """A client's outcomes with repeats collapsed: ["1.0", "1.0", "2.0"] -> "1.0, then 2.0"."""
    seen = [o for i, o in enumerate(outcomes) if i == 0 or o != outcomes[i - 1]]
    return ", then ".join(seen)


def under_load(label: str, method: str, path: str) -> Counter:
    """The call, while the clients send: each client sends 5 requests before it and 5 after it."""
    load = Load(CLIENTS, lambda: ROUTE, lambda: auth("a")).start()
    while min(map(len, load.outcomes)) < 5:
        time.sleep(0.05)
    print(f"{label:<26}{call(method, path)}")
    after = [len(o) for o in load.outcomes]
    while any(len(o) < n + 5 for o, n in zip(load.outcomes, after)):
        time.sleep(0.05)
    total = load.stop()
    patterns = Counter(runs(o) for o in load.outcomes)
    for pattern, clients in sorted(patterns.items()):
        who = "every client" if clients == CLIENTS else f"{clients} clients"
        print(f"    {who} got: {pattern}")
    return total


def then_load(label: str, method: str, path: str) -> Counter:
    """The call, then 10 requests from each client."""
    print(f"{label:<26}{call(method, path)}")
    load = Load(CLIENTS, lambda: ROUTE, lambda: auth("a"), cap=10).start()
    total = load.stop_when_done()
    print(f"    {CLIENTS} clients x 10 requests: "
          + ", ".join(f"{k} x{v}" for k, v in sorted(total.items())))
    return total


totals = Counter()
if sys.argv[1] == "right":
    print(f"{CLIENTS} clients; 1.0 answers [2, 1, 3, 0], 2.0 answers [2, 0, 1, 3]")
    totals += under_load("register 2.0",
                         "POST", "/models?model_name=greedy_time&url=greedy_time_v2.mar"
                                 "&initial_workers=1&synchronous=true")
    with requests.Session() as s:
        print("    canary /predictions/greedy_time/2.0 ->",
              send(s, ROUTE + "/2.0", auth("a")), "| /1.0 ->", send(s, ROUTE + "/1.0", auth("a")))
    totals += under_load("unregister 1.0 (too soon)", "DELETE", "/models/greedy_time/1.0")
    totals += under_load("set-default 2.0", "PUT", "/models/greedy_time/2.0/set-default")
    totals += under_load("unregister 1.0", "DELETE", "/models/greedy_time/1.0")
else:
    totals += then_load("unregister 1.0 first", "DELETE", "/models/greedy_time/1.0")
    totals += then_load("register 2.0, 0 workers",
                        "POST", "/models?model_name=greedy_time&url=greedy_time_v2.mar"
                                "&initial_workers=0&synchronous=true")
    totals += then_load("scale 2.0 to 1 worker",
                        "PUT", "/models/greedy_time/2.0?min_worker=1&synchronous=true")
failed = sum(n for outcome, n in totals.items() if outcome not in ("1.0", "2.0"))
print(f"failed: {failed}" + (" (every reply checked)" if failed == 0 else ""))
