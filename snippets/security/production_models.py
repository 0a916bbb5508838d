"""The models a running TorchServe serves, each with its workers and the reply to one request.

Usage: python snippets/security/production_models.py
"""

import requests
from ts_env import TS_INFERENCE, TS_MANAGEMENT, auth

# One request each model understands: the original tutorial's route, or a digit image.
ROUTE = ("snippets/greedy-time/request.json", "application/json")
REQUEST = {"mnist": ("snippets/quickstart/digits/7.png", "application/octet-stream")}

listed = requests.get(f"{TS_MANAGEMENT}/models", headers=auth("management"), timeout=30).json()
for name in sorted(m["modelName"] for m in listed["models"]):
    [model] = requests.get(f"{TS_MANAGEMENT}/models/{name}", headers=auth("management"),
                           timeout=30).json()
    path, content_type = REQUEST.get(name, ROUTE)
    with open(path, "rb") as f:
        reply = requests.post(f"{TS_INFERENCE}/predictions/{name}", data=f.read(), timeout=60,
                              headers={**auth("inference"), "Content-Type": content_type})
    print(f"{name:16} {model['modelVersion']:9} {len(model['workers'])} worker(s)  "
          f"-> {reply.status_code} {reply.json()}")
