"""HR@k, KRC, LSD, ED as LaDe defines them: hand-computed cases and scipy's Kendall tau."""
import random

import pytest
import torch
from scipy.stats import kendalltau

from route_metrics import (
    edit_distance,
    evaluate,
    hit_rate,
    kendall_rank_correlation,
    location_square_deviation,
)

LABEL = [4, 2, 0, 1, 3]


def test_perfect_prediction():
    assert hit_rate(LABEL, LABEL) == 1
    assert kendall_rank_correlation(LABEL, LABEL) == 1
    assert location_square_deviation(LABEL, LABEL) == 0
    assert edit_distance(LABEL, LABEL) == 0


def test_reversed_prediction():
    pred = LABEL[::-1]  # [3, 1, 0, 2, 4]
    assert kendall_rank_correlation(pred, LABEL) == -1
    # Positions 0..4 land at 4, 3, 2, 1, 0: (16 + 4 + 0 + 4 + 16) / 5.
    assert location_square_deviation(pred, LABEL) == 8
    # The middle task stays put; the other four are substitutions.
    assert edit_distance(pred, LABEL) == 4
    # First three: {3, 1, 0} vs {4, 2, 0}.
    assert hit_rate(pred, LABEL, 3) == pytest.approx(1 / 3)


def test_one_swap():
    pred = [2, 4, 0, 1, 3]
    assert hit_rate(pred, LABEL, 1) == 0
    assert hit_rate(pred, LABEL, 2) == 1
    # 10 pairs, 1 discordant: (9 - 1) / 10.
    assert kendall_rank_correlation(pred, LABEL) == pytest.approx(0.8)
    assert location_square_deviation(pred, LABEL) == pytest.approx(2 / 5)
    assert edit_distance(pred, LABEL) == 2


def test_short_routes():
    assert hit_rate([1, 0], [0, 1], k=3) == 1  # k' = min(3, 2), not 2 / 3
    assert hit_rate([1, 0], [0, 1], k=1) == 0
    assert kendall_rank_correlation([7], [7]) == 1
    assert location_square_deviation([7], [7]) == 0


def test_edit_distance_classic_cases():
    assert edit_distance([1, 2, 3], [1, 3]) == 1        # one deletion
    assert edit_distance([], [1, 2]) == 2
    # kitten -> sitting needs 3 edits.
    assert edit_distance(list("kitten"), list("sitting")) == 3


def test_krc_equals_scipy_kendalltau():
    rng = random.Random(0)
    for n in range(2, 26):
        label = list(range(n))
        rng.shuffle(label)
        pred = label[:]
        rng.shuffle(pred)
        where = {t: i for i, t in enumerate(pred)}
        tau = kendalltau(range(n), [where[t] for t in label]).statistic
        assert kendall_rank_correlation(pred, label) == pytest.approx(tau)


def test_evaluate_scores_after_the_start_and_ignores_padding():
    # Sample 1: 4 real tasks + padding; sample 2: 3 real tasks + padding.
    label = torch.tensor([[0, 1, 2, 3, 4], [2, 0, 1, 3, 4]])
    pred = torch.tensor([[0, 2, 1, 3, 4], [2, 0, 1, 4, 3]])
    mask = torch.tensor([[1, 1, 1, 1, 0], [1, 1, 1, 0, 0]], dtype=torch.bool)
    scores = evaluate(pred, label, mask)
    # Scored routes: [2, 1, 3] vs [1, 2, 3] and [0, 1] vs [0, 1].
    assert scores["HR@3"] == pytest.approx((1 + 1) / 2)
    assert scores["KRC"] == pytest.approx((1 / 3 + 1) / 2)
    assert scores["LSD"] == pytest.approx((2 / 3 + 0) / 2)
    assert scores["ED"] == pytest.approx((2 + 0) / 2)
    with_start = evaluate(pred, label, mask, skip_start=False)
    assert with_start["ED"] == pytest.approx((2 + 0) / 2)
    assert with_start["KRC"] == pytest.approx((4 / 6 + 1) / 2)
