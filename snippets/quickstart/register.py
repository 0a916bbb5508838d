"""Register an archive from the model store with one worker, and wait until it is ready.

Usage: python snippets/quickstart/register.py ARCHIVE.mar
"""
import sys

import requests
from ts_env import TS_MANAGEMENT, auth

params = {"url": sys.argv[1], "initial_workers": 1, "synchronous": "true"}
reply = requests.post(f"{TS_MANAGEMENT}/models", params=params,
                      headers=auth("management"), timeout=120)
print(reply.status_code, reply.json()["status" if reply.ok else "message"])
