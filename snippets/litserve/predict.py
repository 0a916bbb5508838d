"""POST a request file to a model on the LitServe port; print the status and the reply.

Usage: python snippets/litserve/predict.py MODEL [REQUEST_FILE]
Waits (up to a minute) for the server's /health first: it takes a few seconds to start.
"""
import os
import sys
import time

import requests

base = f"http://127.0.0.1:{os.environ.get('LITSERVE_PORT', 8100)}"
model = sys.argv[1]
path = sys.argv[2] if len(sys.argv) > 2 else "snippets/greedy-time/request.json"
for _ in range(120):
    try:
        if requests.get(f"{base}/health", timeout=2).ok:
            break
    except requests.ConnectionError:
        pass
    time.sleep(0.5)
with open(path, "rb") as f:
    reply = requests.post(f"{base}/predictions/{model}", data=f.read(),
                          headers={"Content-Type": "application/json"}, timeout=60)
print(reply.status_code, reply.json())
