"""GreedyTime: the start first, then ascending time; stable; batched."""
import torch

from greedy_time import GreedyTime
from lade_synth import generate
from tsharness.route_cases import (
    ORIGINAL_ROW,
    assert_batch_matches_single,
    assert_valid_orders,
    module_classes,
    one,
)


def times(values, column=0):
    """Tasks whose only meaningful feature is the time in `column`."""
    rows = torch.zeros(len(values), 8)
    rows[:, column] = torch.tensor(values, dtype=torch.float32)
    return rows


def test_one_module_class_default_is_accept_time():
    assert module_classes("greedy_time") == [GreedyTime]
    assert GreedyTime().time_column == 0


def test_original_request_gives_1_0():
    assert GreedyTime()(*one([ORIGINAL_ROW, ORIGINAL_ROW], 1)).tolist() == [[1, 0]]


def test_hand_checked_order():
    # Times 5, 3, 9, 3, 1; start 2: then 4 (1), 1 and 3 (3, tie by index), 0 (5).
    assert GreedyTime()(*one(times([5, 3, 9, 3, 1]), 2)).tolist() == [[2, 4, 1, 3, 0]]


def test_start_goes_first_even_when_latest():
    assert GreedyTime()(*one(times([1, 2, 3]), 2)).tolist() == [[2, 0, 1]]


def test_column_7_sorts_by_time_left():
    model = GreedyTime(time_column=7)
    assert model(*one(times([30, 90, 10], column=7), 1)).tolist() == [[1, 2, 0]]
    routes = generate(20, seed=11, dtype=torch.float64)
    order = model(routes.features, routes.start, routes.mask)
    for row, f, s, m in zip(order, routes.features, routes.start, routes.mask):
        n = int(m.sum())
        rest = [i for i in range(n) if i != s]
        expected = sorted(rest, key=lambda i: (float(f[i, 7]), i))
        assert row[:n].tolist() == [int(s)] + expected


def test_padding_is_ignored_and_last():
    features = times([4, 2, 0, 0])
    features[2:, 0] = float("nan")
    f, _, _ = one(features, 0)
    mask = torch.tensor([[True, True, False, False]])
    assert GreedyTime()(f, torch.tensor([0]), mask).tolist() == [[0, 1, 2, 3]]


def test_valid_orders_and_batch_equals_single():
    routes = generate(40, seed=3)
    for column in (0, 7):
        model = GreedyTime(time_column=column)
        assert_valid_orders(model(routes.features, routes.start, routes.mask), routes.start, routes.mask)
        assert_batch_matches_single(model)
