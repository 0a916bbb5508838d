"""Send 10 routes through nginx one at a time; count the replies.

Usage: python snippets/rollout/probe.py
"""
from collections import Counter

import requests
from instances import address, auth
from load import send

with requests.Session() as session:
    outcomes = Counter(send(session, f"{address('nginx')}/predictions/greedy_time", auth("nginx"))
                       for _ in range(10))
print("10 POSTs through nginx:", ", ".join(f"{k} x{v}" for k, v in sorted(outcomes.items())))
