"""End to end: the archive served by a real TorchServe (Java frontend, Python worker) started with this
folder's config.properties, on free loopback ports, token auth on. Stopped at the end, whole
process group."""
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1]
REQUEST = json.loads((HERE / "request.json").read_text())
MODEL = "my_model"


def free_ports(n: int) -> list:
    """n loopback ports free right now (the system picks them)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def post(url: str, key: str | None, body: bytes, content_type="application/json"):
    """(status, parsed JSON reply) of one POST."""
    headers = {"Content-Type": content_type, **({"Authorization": f"Bearer {key}"} if key else {})}
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("serve")
    store = work / "model_store"
    subprocess.run(["bash", str(HERE / "archive.sh")], env={**os.environ, "MODEL_STORE": str(store)},
                   check=True, capture_output=True)
    # This folder's config with free ports and the new model store; every other line as it is.
    inference, management, metrics, grpc, grpc_management = free_ports(5)
    settings = {"inference_address": f"http://127.0.0.1:{inference}",
                "management_address": f"http://127.0.0.1:{management}",
                "metrics_address": f"http://127.0.0.1:{metrics}",
                "grpc_inference_port": grpc, "grpc_management_port": grpc_management,
                "model_store": store}
    lines = []
    for line in (HERE / "config.properties").read_text().splitlines():
        key = line.split("=", 1)[0]
        lines.append(f"{key}={settings[key]}" if key in settings else line)
    (work / "config.properties").write_text("\n".join(lines) + "\n")
    (work / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(work / "tmp"), "LOG_LOCATION": str(work / "logs"),
           "METRICS_LOCATION": str(work / "logs")}
    with open(work / "torchserve.out", "w") as out:
        proc = subprocess.Popen(["torchserve", "--start", "--foreground", "--ncs",
                                 "--ts-config", "config.properties"],
                                cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        url = f"http://127.0.0.1:{inference}"
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, (work / "torchserve.out").read_text()
            assert time.monotonic() < deadline, "TorchServe not ready in 240 s"
            try:   # the keys are written before the APIs listen, the model loads after
                keys = json.loads((work / "key_file.json").read_text())
                status, _ = post(f"{url}/predictions/{MODEL}", keys["inference"]["key"],
                                 json.dumps(REQUEST).encode())
                if status == 200:
                    break
            except (OSError, ValueError):   # no key file yet, refused, not JSON yet
                pass
            time.sleep(1)
        yield {"inference": url, "metrics": settings["metrics_address"],
               "key": keys["inference"]["key"]}
    finally:
        for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=wait)
                time.sleep(1)   # the workers of the group end after the frontend
            except subprocess.TimeoutExpired:
                continue


def test_one_request(server):
    status, reply = post(f"{server['inference']}/predictions/{MODEL}", server["key"],
                         json.dumps(REQUEST).encode())
    assert status == 200
    assert len(reply["predictions"]) == len(REQUEST["instances"])


def test_concurrent_requests_each_get_their_own_answer(server):
    single = [{"instances": [row]} for row in REQUEST["instances"]]
    alone = [post(f"{server['inference']}/predictions/{MODEL}", server["key"], json.dumps(r).encode())
             for r in single]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(
            lambda r: post(f"{server['inference']}/predictions/{MODEL}", server["key"],
                           json.dumps(r).encode()), single * 8))
    assert together == alone * 8


def test_a_bad_request_is_a_400_naming_the_field(server):
    row = dict(REQUEST["instances"][0])
    name = next(iter(row))
    del row[name]
    status, reply = post(f"{server['inference']}/predictions/{MODEL}", server["key"],
                         json.dumps({"instances": [row]}).encode())
    assert (status, reply["message"]) == (400, f"instances[0].{name}: missing")


def test_no_key_no_answer(server):
    # TorchServe 0.12 refuses a request without the key with a 400 (not a 401).
    status, reply = post(f"{server['inference']}/predictions/{MODEL}", None, json.dumps(REQUEST).encode())
    assert (status, reply["type"]) == (400, "InvalidKeyException")


def test_metrics_count_the_requests(server):
    with urllib.request.urlopen(f"{server['metrics']}/metrics", timeout=30) as r:
        text = r.read().decode()
    assert re.search(rf'ts_inference_requests_total\{{[^}}]*model_name="{MODEL}"', text), text[:500]
