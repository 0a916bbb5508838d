"""Send one request to every registered model and compare each route with eager pointer_net's.

Usage: python snippets/packaging/same_answers.py REQUEST.json
"""
import json
import sys

import requests
from ts_env import TS_INFERENCE, TS_MANAGEMENT, auth

with open(sys.argv[1], "rb") as f:
    body = f.read()
listed = requests.get(f"{TS_MANAGEMENT}/models", headers=auth("management"), timeout=30).json()
names = sorted(m["modelName"] for m in listed["models"])
replies = {name: requests.post(f"{TS_INFERENCE}/predictions/{name}", data=body, timeout=60,
                               headers={**auth("inference"), "Content-Type": "application/json"})
           for name in names}
eager = replies["pointer_net"]
for name, reply in replies.items():
    same = "same as eager" if reply.json() == eager.json() else "DIFFERENT"
    print(f"{name:<21} {reply.status_code} {same}: {json.dumps(reply.json())}")
