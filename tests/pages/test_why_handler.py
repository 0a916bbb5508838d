"""The Why a handler page has no commands; its test checks what it says on a live TorchServe: the
frontend is a Java program that checks the token before any worker sees a request, each worker is a
Python process it starts, and TorchServe's own handlers live in ts/torch_handler/, some importing
torchvision as they load."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import requests

from tsharness.paths import PYTHON, venv_env

PAGE = "why-handler"  # it has no commands: its tests check what it says

MODEL = "greedy_time"


def cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.fixture(scope="module")
def ts(private_ts):
    server = private_ts("why_handler", [MODEL])
    assert server.register(f"{MODEL}.mar").status_code == 200
    return server


def test_the_frontend_is_java_and_a_worker_a_python_process_it_starts(ts):
    [model] = requests.get(f"{ts.management}/models/{MODEL}", headers=ts.headers("management"),
                           timeout=10).json()
    [worker] = model["workers"]
    worker_cmd, frontend_cmd = cmdline(worker["pid"]), cmdline(parent(worker["pid"]))
    assert "python" in worker_cmd and "ts/model_service_worker.py" in worker_cmd
    assert frontend_cmd.startswith("java ") and "org.pytorch.serve.ModelServer" in frontend_cmd


def test_the_frontend_checks_the_token_before_any_worker(ts):
    log = ts.workdir / "logs" / "model_log.log"
    body = {"feature": [[0] * 8], "start": 0}
    before = log.read_text()
    r = requests.post(f"{ts.inference}/predictions/{MODEL}", json=body, timeout=10)
    assert r.status_code == 400 and "Token Authorization failed" in r.text
    assert log.read_text() == before  # the worker logged nothing: it never saw the request
    assert ts.predict(MODEL, body).status_code == 200
    assert log.read_text() != before  # with the key it does


def test_torchserve_ships_handlers_and_some_need_torchvision():
    import ts.torch_handler as handlers
    shipped = {p.stem for p in Path(handlers.__file__).parent.glob("*.py")}
    assert {"base_handler", "image_classifier", "text_classifier"} <= shipped
    load = subprocess.run([str(PYTHON), "-c", "import ts.torch_handler.image_classifier"],
                          capture_output=True, text=True, env=venv_env(), timeout=120)
    assert load.returncode == 1
    assert "ModuleNotFoundError: No module named 'torchvision'" in load.stderr
