"""The route models answer the guide's curl requests (snippets/route/*.sh) as captured."""
from __future__ import annotations

import json

import pytest

from tests.live_server import REPO, SNIPPETS, check_output, normalise, run_snippet

ROUTE = SNIPPETS / "route"
MODELS = ("greedy_time", "greedy_distance", "pointer_net")


@pytest.fixture(scope="module")
def server(private_ts):
    ts = private_ts("route", models=MODELS)
    for model in MODELS:
        r = ts.register(f"{model}.mar")
        assert r.status_code == 200, r.text
    yield ts
    ts.stop()


@pytest.mark.parametrize("model", MODELS)
def test_original_request(server, model, update_outputs):
    snippet = ROUTE / f"{model}.sh"
    out = run_snippet(snippet, server, cwd=REPO).stdout
    check_output(snippet, normalise(out, server), update_outputs)
    # Two tasks, start at task 1: the start comes first, whatever the model.
    assert json.loads(out) == [1, 0]


def test_tasks25(server, update_outputs):
    snippet = ROUTE / "tasks25.sh"
    out = run_snippet(snippet, server, cwd=REPO).stdout
    check_output(snippet, normalise(out, server), update_outputs)
    request = json.loads((SNIPPETS / "requests" / "tasks25.json").read_text())
    n, start = len(request["feature"]), request["start"]
    orders = {}
    for line in out.splitlines():
        model, reply = line.split(maxsplit=1)
        orders[model] = json.loads(reply)
    assert set(orders) == set(MODELS)
    for model, order in orders.items():
        assert sorted(order) == list(range(n)), f"{model}: not a permutation of the {n} tasks"
        assert order[0] == start, model
    # Time-greedy and distance-greedy read different features, so their orders differ.
    assert orders["greedy_time"] != orders["greedy_distance"]
