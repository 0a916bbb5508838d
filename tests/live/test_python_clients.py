"""The requests-based clients in snippets/python/ against a live TorchServe, outputs captured."""
from __future__ import annotations

import json

import pytest
import requests

from tests.live_server import REPO, SNIPPETS, check_output, normalise, run_snippet

PY = SNIPPETS / "python"


@pytest.fixture(scope="module")
def server(private_ts):
    ts = private_ts("clients", models=("greedy_time", "mnist"))
    assert ts.register("greedy_time.mar").status_code == 200
    yield ts
    ts.stop()


def run(snippet, server, *args, update=False):
    out = run_snippet(snippet, server, *args, cwd=REPO).stdout
    check_output(snippet, normalise(out, server), update)
    return out


def test_register(server, update_outputs):
    out = run(PY / "register.py", server, "mnist.mar", update=update_outputs)
    assert out.startswith("200 ")
    workers = requests.get(f"{server.management}/models/mnist", headers=server.headers("management"),
                           timeout=30).json()[0]["workers"]
    assert [w["status"] for w in workers] == ["READY"], "registered with one ready worker"


def test_list_models(server, update_outputs):
    out = run(PY / "list_models.py", server, update=update_outputs)
    assert [line.split()[0] for line in out.splitlines()] == ["greedy_time", "mnist"]


def test_predict_route(server, update_outputs):
    out = run(PY / "predict_route.py", server, "greedy_time", update=update_outputs)
    assert out == "200 [1, 0]\n"
    direct = server.predict("greedy_time", (SNIPPETS / "requests" / "greedy_time.json").read_text())
    assert direct.json() == [1, 0], "the client and a plain POST agree"


def test_predict_mnist(server, update_outputs):
    out = run(PY / "predict_mnist.py", server, update=update_outputs)
    lines = out.splitlines()
    assert len(lines) == 10
    for d, line in enumerate(lines):
        # The trained model reads every digit.
        assert line.startswith(f"{d}.png -> 200 {{'digit': {d}, 'probability': "), line


def test_bad_route_body_is_a_4xx_the_client_shows(server, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"feature": [[1, 2, 3]], "start": 0}))
    out = run_snippet(PY / "predict_route.py", server, "greedy_time", str(bad), cwd=REPO).stdout
    status, message = out.split(" ", 1)
    assert status.startswith("4"), out
    assert "feature" in message
