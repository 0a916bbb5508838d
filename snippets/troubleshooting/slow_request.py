"""Ask the slow model to sleep 5 s, longer than its 2 s responseTimeout; then ask it again for 0 s."""
import json

import requests
from ts_env import TS_INFERENCE, auth

for seconds in (5, 0):
    reply = requests.post(f"{TS_INFERENCE}/predictions/slow", json={"sleep": seconds},
                          headers=auth("inference"), timeout=120)
    print(f"sleep {seconds} s -> HTTP {reply.status_code} {json.dumps(reply.json())}")
