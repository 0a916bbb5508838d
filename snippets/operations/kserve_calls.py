"""routes called in KServe's protocol, and the usual way, on a TorchServe started with
TS_SERVICE_ENVELOPE=kserve (v1) or kservev2 (v2).

v1: the envelope hands the handler each of the body's "instances" as one request row; the route
handler reads a row's "data" (or "body"), so each route goes in an instance's "data".
v2: each of the body's "inputs" is one row, its "data" reshaped to its "shape"; a BYTES input
passes its first element as it is, so a route goes as a JSON string.
Usage: python snippets/operations/kserve_calls.py [v1|v2]
"""
import json
import sys

import requests
from ts_env import TS_INFERENCE, auth

with open("snippets/greedy-time/request.json") as f:
    route = json.load(f)
other = {**route, "start": 0}
bad = {**route, "start": 5}


def v2_input(name: str, body: dict) -> dict:
    return {"name": name, "shape": [1], "datatype": "BYTES", "data": [json.dumps(body)]}


V1 = "/v1/models/routes:predict"
V2 = "/v2/models/routes/infer"
calls = {
    "v1": [
        ("two routes, each in data", V1, {"instances": [{"data": route}, {"data": other}]}),
        ("a route as the instance", V1, {"instances": [route]}),
        ("a good and a bad route", V1, {"instances": [{"data": route}, {"data": bad}]}),
    ],
    "v2": [
        ("two routes as BYTES inputs", V2, {"id": "r1", "inputs": [v2_input("a", route),
                                                                   v2_input("b", other)]}),
        ("the features as an FP32 tensor", V2, {"id": "r2", "inputs": [
            {"name": "feature", "shape": [2, 8], "datatype": "FP32",
             "data": [x for row in route["feature"] for x in row]}]}),
    ],
}[sys.argv[1] if len(sys.argv) > 1 else "v1"]
for what, path, body in calls + [("the usual request", "/predictions/routes", route)]:
    reply = requests.post(TS_INFERENCE + path, json=body, headers=auth("inference"), timeout=60)
    print(f"{what}: POST {path}\n  -> {reply.status_code} {json.dumps(reply.json())}")
