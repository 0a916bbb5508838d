"""The pointer-network page, walked as a reader does: three archives, one TorchServe, the original
request both ways, the three models on 25 tasks; the served answers checked against the models run
in process (the pointer network's proves the weights went into the archive)."""
from __future__ import annotations

import json

import pytest
import torch

from greedy_distance import GreedyDistance
from pointer_net import load
from tsharness.paths import SNIPPETS
from tsharness.route_cases import one
from tsharness.route_replies import assert_registered, by_column, orders

PAGE = "pointer-net"
TASKS25 = json.loads((SNIPPETS / "pointer-net" / "tasks25.json").read_text())
VERSIONS = {"pointer_net": "shanghai", "greedy_time": "1.0", "greedy_distance": "1.0"}


def in_process(model) -> list[int]:
    with torch.no_grad():
        [order] = model(*one(TASKS25["feature"], TASKS25["start"])).tolist()
    return order


def test_archives_and_start(walk):
    walk.through("archive_greedy_distance.sh")
    assert {p.name for p in (walk.clone / "model_store").glob("*.mar")} == {f"{m}.mar" for m in VERSIONS}
    assert "Model API enabled: true" in walk.through("start.sh").text


@pytest.mark.parametrize("model", VERSIONS)
def test_registered_with_one_ready_worker(walk, model):
    assert_registered(walk, model, VERSIONS[model])


def test_one_version_named_shanghai(walk):
    versions = walk.get("management", "/models/pointer_net/all").json()
    assert [v["modelVersion"] for v in versions] == ["shanghai"]


def test_original_request_both_ways(walk):
    # curl names version shanghai; the Python client calls the default version: the same one.
    assert json.loads(walk.through("pointer-net/predict.sh").raw) == [1, 0]
    assert walk.through("predict_route.py pointer_net").text == "200 [1, 0]\n"


def test_25_tasks_three_orders(walk):
    got = orders(walk.through("tasks25.json greedy_time").raw)
    assert set(got) == set(VERSIONS)
    for model, order in got.items():
        assert sorted(order) == list(range(25)), f"{model}: not a permutation of the 25 tasks"
        assert order[0] == TASKS25["start"], model
    assert got["greedy_time"] == by_column(TASKS25, 0)
    assert got["greedy_distance"] == in_process(GreedyDistance())
    # Random weights would give another order: the trained ones travelled in the archive.
    assert got["pointer_net"] == in_process(load())
    assert len({tuple(o) for o in got.values()}) == 3, "the three models part ways"


def test_too_many_tasks_is_a_400_naming_it_and_the_worker_keeps_serving(walk):
    too_many = {"feature": [TASKS25["feature"][0]] * 101, "start": 0}
    bad = walk.post("inference", "/predictions/pointer_net", json=too_many)
    assert bad.status_code == 400
    assert bad.json() == {"code": 400, "type": "BadRequest", "message": "feature: at most 100 tasks, got 101"}
    good = walk.post("inference", "/predictions/pointer_net/shanghai", json=TASKS25)
    assert good.status_code == 200 and len(good.json()) == 25


def test_stop_and_the_rest_of_the_page(walk):
    walk.through("stop.sh")
    assert not (walk.clone / "key_file.json").exists()
