"""Renew the inference key while clients send requests: no request sent with a valid key fails.

Two clients send greedy_time the same route, each keeping its key in memory as a real client
does. When TorchServe refuses the key (HTTP 400: it was just renewed), the client reads
key_file.json again and resends that request. Meanwhile the key is renewed with the API key,
each time after every client has sent another STEP requests, so each client meets every renewal.

Usage: python snippets/operations/renew_under_load.py [RENEWALS] [STEP]
"""
import json
import sys
import threading
import time

import requests
from ts_env import TS_INFERENCE, TS_MANAGEMENT, key

CLIENTS = 2
RENEWALS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
STEP = int(sys.argv[2]) if len(sys.argv) > 2 else 20
PER_CLIENT = (RENEWALS + 2) * STEP
with open("snippets/greedy-time/request.json") as f:
    BODY = json.load(f)
EXPECTED = [1, 0]

checkpoint = threading.Barrier(CLIENTS + 1, timeout=120)  # the clients and the renewer, every STEP requests
right, stale, failed = [0] * CLIENTS, [0] * CLIENTS, [0] * CLIENTS


def renew(kind: str, with_key: str) -> int:
    return requests.get(f"{TS_MANAGEMENT}/token?type={kind}", timeout=30,
                        headers={"Authorization": f"Bearer {with_key}"}).status_code


def key_refused(reply) -> bool:
    return reply.status_code == 400 and reply.json().get("type") == "InvalidKeyException"


def newer_key(old: str) -> str:
    """The inference key in the file once it differs from `old` (the file follows the renewal)."""
    for _ in range(100):
        try:
            new = key("inference")
        except ValueError:  # read while TorchServe was writing it
            new = old
        if new != old:
            return new
        time.sleep(0.05)
    return old


def client(n: int) -> None:
    session, current = requests.Session(), key("inference")
    for i in range(PER_CLIENT):
        if i and i % STEP == 0 and i // STEP <= RENEWALS + 1:
            checkpoint.wait()
        while True:
            reply = session.post(f"{TS_INFERENCE}/predictions/greedy_time", json=BODY, timeout=60,
                                 headers={"Authorization": f"Bearer {current}"})
            if not key_refused(reply):
                break
            stale[n] += 1
            new = newer_key(current)
            if new == current:  # refused although the file still holds this key
                break
            current = new
        if reply.status_code == 200 and reply.json() == EXPECTED:
            right[n] += 1
        else:
            failed[n] += 1


print("renewal with the inference key:", "HTTP", renew("inference", key("inference")))
api_key = key("API")
threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
for t in threads:
    t.start()
renewals = []
for _ in range(RENEWALS):
    checkpoint.wait()  # every client has sent another STEP requests and goes on sending
    renewals.append(renew("inference", api_key))
checkpoint.wait()  # the last renewal is done; the clients send their last STEP requests
for t in threads:
    t.join()

print(f"{CLIENTS} clients x {PER_CLIENT} requests; inference key renewed {len(renewals)} times "
      f"with the API key: HTTP {', '.join(map(str, sorted(set(renewals))))}")
print(f"answered right:                      {sum(right)} of {CLIENTS * PER_CLIENT}")
print(f"refused with the old key and resent: {sum(stale)} (each client once per renewal)")
print(f"failed with a valid key:             {sum(failed)}")
