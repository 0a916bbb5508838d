"""The original tutorial's mnist quick start on TorchServe 0.12, diagnosed with real replies."""
from __future__ import annotations

import json

import pytest
import requests

from tests.live_server import REPO, SNIPPETS, check_output, normalise, run_snippet

QUICK = SNIPPETS / "quickstart"


def run(snippet, server, update):
    out = run_snippet(QUICK / snippet, server, cwd=REPO).stdout
    check_output(QUICK / snippet, normalise(out, server), update)
    return out


def reply_and_status(out: str):
    body, status = out.rstrip("\n").rsplit("\n", 1)
    return json.loads(body), status


@pytest.fixture(scope="module")
def server(private_ts):
    ts = private_ts("quickstart", models=("mnist",))
    yield ts
    ts.stop()


def test_no_token_is_refused(server, update_outputs):
    body, status = reply_and_status(run("no_token.sh", server, update_outputs))
    assert status == "HTTP 400"
    assert body["type"] == "InvalidKeyException"
    models = requests.get(f"{server.management}/models", headers=server.headers("management"),
                          timeout=30).json()["models"]
    assert models == [], "nothing was registered"


def test_model_api_is_off_by_default(private_ts, update_outputs):
    # 0.12's defaults: the guide's config without enable_model_api=true.
    ts = private_ts("defaults", models=("mnist",), overrides={"enable_model_api": None})
    try:
        body, status = reply_and_status(run("model_api_off.sh", ts, update_outputs))
        assert status == "HTTP 405"
        assert body["type"] == "MethodNotAllowedException"
    finally:
        ts.stop()


def test_archive_without_weights(server, update_outputs):
    out = run("archive_no_weights.sh", server, update_outputs)
    names = out.split()
    assert "mnist.py" in names and not any(n.endswith((".pt", ".pth")) for n in names)
    assert (server.model_store / "mnist_no_weights.mar").exists()


def test_no_weights_answers_200_but_wrong(server, update_outputs):
    for mar in ("mnist.mar", "mnist_no_weights.mar"):
        r = server.register(mar)
        assert r.status_code == 200, r.text
    out = run("score.sh", server, update_outputs)
    assert out.splitlines() == [
        "mnist             HTTP 200: 10/10   all ten read right: yes",
        "mnist_no_weights  HTTP 200: 10/10   all ten read right: no",
    ]
