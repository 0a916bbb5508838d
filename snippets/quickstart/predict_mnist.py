"""Read digit images with requests: each PNG's bytes as the raw body, like curl -T.

Usage: python snippets/quickstart/predict_mnist.py [DIGIT ...]   (default: all ten)
"""
import sys

import requests
from ts_env import TS_INFERENCE, auth

digits = sys.argv[1:] or [str(d) for d in range(10)]
with requests.Session() as s:  # one connection for all requests
    s.headers.update(auth("inference"))
    for d in digits:
        with open(f"snippets/quickstart/digits/{d}.png", "rb") as f:
            reply = s.post(f"{TS_INFERENCE}/predictions/mnist", data=f.read(), timeout=60)
        print(f"{d}.png -> {reply.status_code} {reply.json()}")
