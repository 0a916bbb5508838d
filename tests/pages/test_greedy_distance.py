"""The greedy-by-distance page, walked as a reader does: its archive, one TorchServe, the original
request both ways; and the served model's answers checked against the model run in process."""
from __future__ import annotations

import json

import torch

from greedy_distance import GreedyDistance
from tsharness.paths import SNIPPETS
from tsharness.route_cases import one
from tsharness.route_replies import assert_registered

PAGE = "greedy-distance"
ORIGINAL = json.loads((SNIPPETS / "greedy-time" / "request.json").read_text())
TASKS25 = json.loads((SNIPPETS / "pointer-net" / "tasks25.json").read_text())


def test_archive_start_register(walk):
    walk.through("archive_greedy_distance.sh")
    assert (walk.clone / "model_store" / "greedy_distance.mar").is_file()
    assert "Model API enabled: true" in walk.through("start.sh").text
    assert_registered(walk, "greedy_distance")


def test_original_request_both_ways(walk):
    assert json.loads(walk.through("predict.sh").raw) == [1, 0]
    assert walk.through("predict_route.py greedy_distance").text == "200 [1, 0]\n"


def test_25_tasks_nearest_first_as_the_model_in_process(walk):
    reply = walk.post("inference", "/predictions/greedy_distance", json=TASKS25)
    assert reply.status_code == 200, reply.text
    order = reply.json()
    assert sorted(order) == list(range(25)) and order[0] == TASKS25["start"]
    with torch.no_grad():
        [expected] = GreedyDistance()(*one(TASKS25["feature"], TASKS25["start"])).tolist()
    assert order == expected


def test_bad_start_is_a_400_naming_it_and_the_worker_keeps_serving(walk):
    bad = walk.post("inference", "/predictions/greedy_distance", json={**ORIGINAL, "start": 2})
    assert bad.status_code == 400
    assert bad.json() == {"code": 400, "type": "BadRequest",
                          "message": "start: must be an integer in [0, 2), got 2"}
    good = walk.post("inference", "/predictions/greedy_distance", json=ORIGINAL)
    assert good.status_code == 200 and good.json() == [1, 0]


def test_stop_and_the_rest_of_the_page(walk):
    walk.through("stop.sh")
    assert not (walk.clone / "key_file.json").exists()
