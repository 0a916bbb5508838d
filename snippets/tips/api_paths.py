"""Tip 9: the operations of both HTTP APIs, read from their own OPTIONS description."""

import requests
from ts_env import TS_INFERENCE, TS_MANAGEMENT

for name, url in (("inference", TS_INFERENCE), ("management", TS_MANAGEMENT)):
    spec = requests.request("OPTIONS", url, timeout=10).json()
    print(f"# {name} API {spec['info']['version']}")
    for path, ops in spec["paths"].items():
        print(f"{' '.join(m.upper() for m in ops):<14} {path}")
