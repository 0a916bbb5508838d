"""PointerNet: the shared interface, deterministic, small, and better than both greedy models."""
import json
import subprocess
import sys

import pytest
import torch

from greedy_distance import GreedyDistance
from greedy_time import GreedyTime
from lade_synth import generate
from pointer_net import WEIGHTS, PointerNet, load
from route_metrics import evaluate
from tsharness import ledger
from tsharness.paths import REPO, venv_env
from tsharness.route_cases import (
    ORIGINAL_ROW,
    assert_batch_matches_single,
    assert_valid_orders,
    module_classes,
    one,
)


@pytest.fixture(scope="module")
def model() -> PointerNet:
    torch.set_num_threads(2)
    return load()


def test_one_module_class_and_small_weights():
    assert module_classes("pointer_net") == [PointerNet]
    assert WEIGHTS.stat().st_size < 2_000_000
    state = torch.load(WEIGHTS, weights_only=True)
    # As TorchServe does: a fresh PointerNet() takes the state_dict exactly.
    PointerNet().load_state_dict(state, strict=True)
    assert PointerNet().decoder.cell.hidden_size <= 128


def test_original_request(model):
    with torch.no_grad():
        assert model(*one([ORIGINAL_ROW, ORIGINAL_ROW], 1)).tolist() == [[1, 0]]


def test_raw_25_task_request(model):
    body = json.loads((REPO / "snippets/pointer-net/tasks25.json").read_text())
    args = one(body["feature"], body["start"])
    with torch.no_grad():
        first, second = model(*args), model(*args)
    assert_valid_orders(first, args[1], args[2])
    assert torch.equal(first, second)  # deterministic


def test_batch_equals_single(model):
    with torch.no_grad():
        assert_batch_matches_single(model)


def test_untrained_model_still_gives_valid_routes():
    torch.manual_seed(0)
    routes = generate(16, 8)
    with torch.no_grad():
        order = PointerNet().eval()(routes.features, routes.start, routes.mask)
    assert_valid_orders(order, routes.start, routes.mask)


def test_beats_both_greedy_models_on_held_out_routes(model):
    routes = generate(300, seed=3)  # training used seeds 1 and 2
    args = routes.features, routes.start, routes.mask
    with torch.no_grad():
        krc = {name: evaluate(m(*args), routes.label, routes.mask)["KRC"]
               for name, m in [("time 0", GreedyTime(0)), ("time 7", GreedyTime(7)),
                               ("distance", GreedyDistance()), ("pointer", model)]}
    print(krc)
    assert krc["pointer"] > max(krc["time 0"], krc["time 7"], krc["distance"]) + 0.05


def test_training_script_writes_loadable_weights(tmp_path):
    out = tmp_path / "pointer_net.pt"
    run = subprocess.run([sys.executable, str(REPO / "models/train_pointer_net.py"), "--samples", "64",
                          "--epochs", "1", "--held-out", "20", "--out", str(out)],
                         env=ledger.child_env(venv_env()), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "epoch 1: loss" in run.stdout
    trained = load(out)
    assert not torch.equal(trained.attention.distance, torch.zeros_like(trained.attention.distance))
