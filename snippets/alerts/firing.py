"""Wait until Prometheus reports an alert firing (60 s at most); print it as /api/v1/alerts gave it.

Before firing, an alert is pending for its rule's "for:" (5s in the page's copy of the rules).
Usage: python snippets/alerts/firing.py ALERTNAME
"""
import json
import re
import sys
import time

import requests

with open("snippets/alerts/prometheus.properties") as f:
    PROMETHEUS = re.search(r"^prometheus_address=(.+)$", f.read(), re.M)[1]
NAME = sys.argv[1]

for _ in range(600):
    alerts = requests.get(f"{PROMETHEUS}/api/v1/alerts", timeout=5).json()["data"]["alerts"]
    firing = [a for a in alerts if a["labels"]["alertname"] == NAME and a["state"] == "firing"]
    if firing:
        print(json.dumps(firing, indent=1))
        break
    time.sleep(0.1)
else:
    sys.exit(f"{NAME} did not fire within 60 s")
