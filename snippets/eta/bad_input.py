"""Each kind of bad input, sent to the running ETA model: the status code and message it gets.

Run from the repository root: python snippets/eta/bad_input.py
"""
import json

import requests
from ts_env import TS_INFERENCE, auth

good = {"distance_m": 420, "minutes_to_promise": 35, "courier_load": 4, "nearer_tasks": 0}
CASES = {
    "missing feature": {"instances": [{k: v for k, v in good.items() if k != "courier_load"}]},
    "string": {"instances": [{**good, "distance_m": "420"}]},
    "boolean": {"instances": [{**good, "nearer_tasks": True}]},
    "null": {"instances": [{**good, "minutes_to_promise": None}]},
    "not whole": {"instances": [{**good, "courier_load": 2.5}]},
    "out of range": {"instances": [{**good, "distance_m": -50}]},
    "too far": {"instances": [{**good, "distance_m": 250000}]},
    "rule across": {"instances": [{**good, "nearer_tasks": 4}]},
    "empty batch": {"instances": []},
    "no instances": {"tasks": [good]},
    "second of two": {"instances": [good, {**good, "courier_load": 0}]},
}
for name, body in CASES.items():
    r = requests.post(f"{TS_INFERENCE}/predictions/eta", data=json.dumps(body),
                      headers={**auth("inference"), "Content-Type": "application/json"}, timeout=60)
    print(f"{name:16}{r.status_code} {r.json()['message']}")
