"""Ask Prometheus, through its HTTP API (/api/v1/query), what it scraped from TorchServe.

Waits for a scrape taken after this script started, so the answers include the traffic sent
before it. Usage: python snippets/operations/promql.py
"""
import time

import requests
from targets import PROMETHEUS, scraped_since  # beside this script: Prometheus's address, waiting for a scrape

HIDDEN = {"__name__", "instance", "job", "hostname", "Hostname"}  # the same on every series
ROUTES = '{model_name="routes"}'
QUERIES = [
    f"ts_inference_requests_total{ROUTES}",
    "sum by (Reason) (RejectedRoutes)",
    # tasks per accepted request: the handler's counter over TorchServe's
    f"sum(RouteTasks) / (sum(ts_inference_requests_total{ROUTES}) - sum(RejectedRoutes))",
    # alert-style conditions: 1 when true, 0 when false
    f"sum(rate(ts_inference_requests_total{ROUTES}[1m])) > bool 0",
    f"sum(ts_inference_latency_microseconds{ROUTES}) / sum(ts_inference_requests_total{ROUTES})"
    " / 1000 < bool 500",
]


def query(expr: str) -> list:
    reply = requests.get(f"{PROMETHEUS}/api/v1/query", params={"query": expr}, timeout=10).json()
    if reply["status"] != "success":
        raise SystemExit(f"{expr}: {reply}")
    return reply["data"]["result"]


scraped_since(time.time())
for expr in QUERIES:
    print(expr)
    for series in query(expr):
        labels = {k: v for k, v in series["metric"].items() if k not in HIDDEN}
        shown = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
        print(f"  {{{shown}}} {series['value'][1]}")
