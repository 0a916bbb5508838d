"""Restart instances a and b one after the other while 16 clients call greedy_time through nginx.

For each instance: reload nginx without it (drain: new requests go to the other one; nginx's old
worker finishes the requests it holds), stop it, start it (new keys), wait for its /ping, reload
nginx with it and its new key. Every reply is checked.

Usage: python snippets/rollout/rolling.py
"""
import json
import subprocess
import time

from instances import address, auth
from load import Load

CLIENTS = 16


def run(*command: str) -> None:
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    print("   ", out.strip().replace("\n", "\n    "))


load = Load(CLIENTS, lambda: f"{address('nginx')}/predictions/greedy_time", lambda: auth("nginx"))
load.start()
try:
    time.sleep(2)
    for name, other in (("a", "b"), ("b", "a")):
        print(f"restart {name}:")
        run("bash", "snippets/rollout/nginx.sh", "reload", other)
        run("bash", "snippets/rollout/instance.sh", "stop", name)
        run("bash", "snippets/rollout/instance.sh", "start", name)
        run("bash", "snippets/rollout/nginx.sh", "reload", "a b")
    time.sleep(2)
finally:
    outcomes = load.stop()
failed = sum(n for outcome, n in outcomes.items() if outcome != "1.0")
print(f"{CLIENTS} clients through nginx, every reply checked: failed {failed}")
if failed:
    print("   ", ", ".join(f"{k} x{v}" for k, v in sorted(outcomes.items())))
with open("rollout/rolling.json", "w") as f:  # the counts, for whoever wants them
    json.dump({"clients": CLIENTS, "sent": sum(outcomes.values()), "resent": load.resent,
               "outcomes": outcomes}, f)
