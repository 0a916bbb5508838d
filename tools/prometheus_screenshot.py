"""Prometheus's graph page, taken in Debian's headless Chromium: docs/images/prometheus-graph.png.

Usage: python tools/prometheus_screenshot.py [PROMETHEUS_URL] [OUT]
Needs the operations page's Prometheus running with traffic scraped (snippets/operations/
prometheus.sh, then send_routes.py); the page's test takes it during its walk. The default URL is
the one in snippets/operations/prometheus.properties.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

from tools.screenshots import CHROMIUM, CHROMIUM_ARGS, IMAGES, REPO

QUERY = "sum by (model_name) (rate(ts_inference_requests_total[1m]))"


def default_url() -> str:
    props = (REPO / "snippets" / "operations" / "prometheus.properties").read_text()
    return re.search(r"^prometheus_address=(.+)$", props, re.M)[1]


def graph(url: str, out: Path, query: str = QUERY) -> None:
    params = urlencode({"g0.expr": query, "g0.tab": "0", "g0.range_input": "2m"})
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            page.goto(f"{url}/graph?{params}")
            # Debian's Prometheus 2.42 serves the classic UI: a legend line per series once drawn
            page.wait_for_selector(".rickshaw_legend .line", timeout=30_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(out), full_page=True)
        finally:
            browser.close()


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else default_url()
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else IMAGES / "prometheus-graph.png"
    graph(url, out)
    print(f"wrote {out}")
