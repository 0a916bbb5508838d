"""A route prediction with requests: the JSON body of a request file, the order as a list.

Usage: python snippets/greedy-time/predict_route.py MODEL [REQUEST_FILE]
"""
import json
import sys

import requests
from ts_env import TS_INFERENCE, auth

model = sys.argv[1]
path = sys.argv[2] if len(sys.argv) > 2 else "snippets/greedy-time/request.json"
with open(path) as f:
    body = json.load(f)
# json= sends Content-Type: application/json, so the handler gets the body already parsed.
reply = requests.post(f"{TS_INFERENCE}/predictions/{model}", json=body,
                      headers=auth("inference"), timeout=60)
print(reply.status_code, reply.json())
