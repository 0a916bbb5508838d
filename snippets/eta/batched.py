"""Send 16 one-task requests one by one, then the same 16 at once: with batchSize 8 TorchServe may put
several in one handler call, and every request must still get the answer it gets alone.

Run from the repository root: python snippets/eta/batched.py
"""
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from ts_env import TS_INFERENCE, auth

tasks = json.loads(Path("snippets/eta/request.json").read_text())["instances"]
bodies = [{"instances": [tasks[i % len(tasks)]]} for i in range(16)]


def ask(body):
    r = requests.post(f"{TS_INFERENCE}/predictions/eta", json=body, headers=auth("inference"),
                      timeout=60)
    return r.status_code, r.json()


alone = [ask(b) for b in bodies]
with ThreadPoolExecutor(16) as pool:
    together = list(pool.map(ask, bodies))
print("status codes:", sorted({code for code, _ in together}))
print("same answers alone and at once:", together == alone)
for task, (_, reply) in zip(tasks, together):
    print(task["distance_m"], "m ->", reply["eta_minutes"][0], "min")
