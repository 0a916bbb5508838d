"""The LitServe port tested in-process, as LitServe tests its own servers: no port, no network.

    python -m pytest snippets/litserve/test_server.py -q -p no:cacheprovider
"""
import json
from pathlib import Path

from fastapi.testclient import TestClient
from litserve.utils import wrap_litserve_start

from snippets.litserve.server import server

REQUEST = Path(__file__).parents[1] / "greedy-time" / "request.json"


def post(client, model, body: bytes):
    return client.post(f"/predictions/{model}", content=body,
                       headers={"Content-Type": "application/json"})


def test_the_original_request_and_a_bad_one():
    with wrap_litserve_start(server(batch=8)) as s, TestClient(s.app) as client:
        good = post(client, "greedy_time", REQUEST.read_bytes())
        assert good.status_code == 200 and good.json() == [1, 0]
        bad = post(client, "pointer_net", json.dumps({"feature": [[1, 2, 3]], "start": 0}).encode())
        assert bad.status_code == 400
        assert bad.json() == {"code": 400, "type": "BadRequest",
                              "message": "feature[0]: expected 8 numbers, got 3"}
        broken = post(client, "greedy_time", b"{not json")
        assert broken.status_code == 400 and broken.json()["message"].startswith("body: not valid JSON")
