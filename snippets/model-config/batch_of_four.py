"""Send four requests at once to the trouble model (one batch: batchSize 4) and print each reply.

Usage: python snippets/model-config/batch_of_four.py WORD WORD WORD WORD
each WORD one of: ok, raise, status, short (see trouble_handler.py)
"""
import json
import sys
from concurrent.futures import ThreadPoolExecutor

import requests
from ts_env import TS_INFERENCE, auth

BODIES = {"ok": {}, "raise": {"raise": 507}, "status": {"status": 422}, "short": {"short": True}}
headers = auth("inference")


def send(word: str) -> str:
    r = requests.post(f"{TS_INFERENCE}/predictions/trouble", json=BODIES[word], headers=headers,
                      timeout=60)
    return f"{word:6} {json.dumps(BODIES[word]):17} -> {r.status_code} {json.dumps(r.json())}"


with ThreadPoolExecutor(4) as pool:
    print("\n".join(pool.map(send, sys.argv[1:])))
