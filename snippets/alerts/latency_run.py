"""One bounded load run against pointer_latency, then the same run as Prometheus saw it.

Sends REQUESTS routes of 2 to 25 tasks, one at a time, timing each reply on the client. Prometheus
scrapes the handler's histograms before and after the run; the script asks it (/api/v1/query, at
the time of the last scrape) for histogram_quantile over the run's window, and for the bucket
counts the run added. Writes everything to snippets/alerts/latency.json; the page's table and
figures are computed from that file.
Usage: PYTHONPATH=models python snippets/alerts/latency_run.py [REQUESTS]   (models/lade_synth.py)
"""
import json
import math
import os
import sys
import time
from collections import Counter

import requests
from ts_env import TS_INFERENCE, auth

from lade_synth import request
from snippets.operations.targets import PROMETHEUS, scraped_since  # waits for a scrape

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 150
QUANTILES = (0.5, 0.95, 0.99)
URL = f"{TS_INFERENCE}/predictions/pointer_latency"
RESULTS = "snippets/alerts/latency.json"


def query(expr: str, at: float) -> list:
    reply = requests.get(f"{PROMETHEUS}/api/v1/query", params={"query": expr, "time": at},
                         timeout=10).json()
    if reply["status"] != "success":
        raise SystemExit(f"{expr}: {reply}")
    return reply["data"]["result"]


def scalar(expr: str, at: float) -> float:
    [series] = query(expr, at)
    return float(series["value"][1])


def buckets(metric: str, at: float) -> dict:
    return {s["metric"]["le"]: float(s["value"][1]) for s in query(f"sum by (le) ({metric}_bucket)", at)}


def last_scrape() -> float:
    """Wait for a scrape that starts after now; the time it was answered."""
    scraped_since(time.time())
    return time.time()


session = requests.Session()
bodies = [request(seed, 2 + seed * 7 % 24) for seed in range(REQUESTS)]  # 2 to 25 tasks
for body in bodies[:3]:  # warm-up: the first call of a new worker is slow; not part of the run
    session.post(URL, json=body, headers=auth("inference"), timeout=60)
began = last_scrape()
client, statuses = [], Counter()
deadline = time.monotonic() + 120  # bounded in time too: a busy machine sends fewer
for body in bodies:
    if time.monotonic() > deadline:
        break
    t = time.perf_counter()
    reply = session.post(URL, json=body, headers=auth("inference"), timeout=60)
    client.append(time.perf_counter() - t)
    statuses[reply.status_code] += 1
ended = last_scrape()
load = os.getloadavg()[0]  # the machine's 1-minute load average: how busy it was during the run
window = f"{math.ceil((ended - began) * 1000) + 500}ms"  # the run's scrapes, not the one before

ordered = sorted(client)
results = {
    "requests": len(client), "statuses": dict(statuses), "window": window,
    "load": load, "cpus": os.cpu_count(),
    "client": {str(q): ordered[math.ceil(q * len(ordered)) - 1] for q in QUANTILES},
    "client_mean": sum(client) / len(client),
    "queries": {}, "prometheus": {},
}
for q in QUANTILES:
    expr = f"histogram_quantile({q}, sum by (le) (rate(route_latency_seconds_bucket[{window}])))"
    results["queries"][str(q)] = expr
    results["prometheus"][str(q)] = scalar(expr, ended)
results["prometheus_mean"] = scalar(f"sum(rate(route_latency_seconds_sum[{window}])) / "
                                    f"sum(rate(route_latency_seconds_count[{window}]))", ended)
ms_expr = f"histogram_quantile(0.99, sum by (le) (rate(route_latency_ms_bucket[{window}])))"
results["ms"] = {"query": ms_expr, "p99": scalar(ms_expr, ended)}
for metric in ("route_latency_seconds", "route_latency_ms"):
    before, after = buckets(metric, began), buckets(metric, ended)
    results[metric] = {le: after[le] - before.get(le, 0) for le in after}
with open(RESULTS, "w") as f:
    json.dump(results, f, indent=1)

print(f"{len(client)} routes of 2 to 25 tasks to pointer_latency, one at a time: " +
      ", ".join(f"HTTP {s} x{n}" for s, n in sorted(statuses.items())))
print("asked Prometheus: histogram_quantile(Q, sum by (le) (rate(route_latency_seconds_bucket[W])))"
      " for Q = 0.5, 0.95, 0.99; W: the run, from the scrape before its first request")
print(f"written: {RESULTS}")
