"""Prometheus's scrape targets, once it has scraped each of them: TorchServe's metrics API.

Usage: python snippets/operations/targets.py
"""
import re
import sys
import time
from datetime import datetime

import requests

with open("snippets/operations/prometheus.properties") as f:
    PROMETHEUS = re.search(r"^prometheus_address=(.+)$", f.read(), re.M)[1]


def scraped_since(moment: float) -> list:
    """The active targets, once each is up and was scraped after `moment` (30 s at most)."""
    for _ in range(300):
        try:
            targets = requests.get(f"{PROMETHEUS}/api/v1/targets", timeout=5).json()["data"]["activeTargets"]
        except requests.ConnectionError:  # not listening yet
            targets = []
        # lastScrape has nanoseconds; datetime takes microseconds
        last = [datetime.fromisoformat(re.sub(r"(\.\d{6})\d*", r"\1", t["lastScrape"])).timestamp()
                for t in targets]
        if targets and all(t["health"] == "up" for t in targets) and min(last) > moment:
            return targets
        time.sleep(0.1)
    sys.exit(f"no scrape by {PROMETHEUS} in 30 s: is Prometheus running (prometheus.sh)?")


if __name__ == "__main__":
    for target in scraped_since(time.time()):
        print(f"{target['labels']['job']}: {target['scrapeUrl']} {target['health']}, "
              f"every {target['scrapeInterval']}")
