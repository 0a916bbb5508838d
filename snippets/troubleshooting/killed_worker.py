"""Kill the slow model's worker from outside (SIGKILL, as the kernel's out-of-memory killer does)
while it handles a 1.5 s request, well within the 2 s responseTimeout; then send a quick request."""
import json
import os
import signal
import threading
import time

import requests
from ts_env import TS_INFERENCE, TS_MANAGEMENT, auth


def worker_pid() -> int:
    [model] = requests.get(f"{TS_MANAGEMENT}/models/slow", headers=auth("management"),
                           timeout=30).json()
    return model["workers"][0]["pid"]


def send(seconds: float) -> None:
    reply = requests.post(f"{TS_INFERENCE}/predictions/slow", json={"sleep": seconds},
                          headers=auth("inference"), timeout=120)
    print(f"sleep {seconds} s -> HTTP {reply.status_code} {json.dumps(reply.json())}")


pid = worker_pid()
call = threading.Thread(target=send, args=(1.5,))
call.start()
time.sleep(0.5)  # the request is in the handler now
os.kill(pid, signal.SIGKILL)
print("worker killed during the call")
call.join()
send(0)
print(f"the worker was replaced (new PID): {worker_pid() != pid}")
