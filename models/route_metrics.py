"""Route-prediction metrics as LaDe defines them (route_prediction/utils/eval.py).

Each function compares one predicted route with the label route; both are sequences of
the same task indices. `evaluate` averages them over a batch of model outputs.
"""
from __future__ import annotations

from collections.abc import Sequence

import torch


def hit_rate(pred: Sequence[int], label: Sequence[int], k: int = 3) -> float:
    """HR@k: share of the label's first k' tasks among the prediction's first k', k' = min(k, n)."""
    top = min(k, len(label))
    return len(set(pred[:top]) & set(label[:top])) / top


def kendall_rank_correlation(pred: Sequence[int], label: Sequence[int]) -> float:
    """KRC: (concordant - discordant) / pairs over task pairs; 1 for a single task."""
    n = len(label)
    if n == 1:
        return 1.0
    where = {task: i for i, task in enumerate(pred)}
    # Label positions ascend, so a pair is concordant when the prediction keeps its order.
    pos = [where[task] for task in label]
    concordant = sum(pos[i] < pos[j] for i in range(n) for j in range(i + 1, n))
    pairs = n * (n - 1) // 2
    return (2 * concordant - pairs) / pairs


def location_square_deviation(pred: Sequence[int], label: Sequence[int]) -> float:
    """LSD: mean over label tasks of (label position - predicted position)^2."""
    where = {task: i for i, task in enumerate(pred)}
    return sum((i - where[task]) ** 2 for i, task in enumerate(label)) / len(label)


def edit_distance(pred: Sequence[int], label: Sequence[int]) -> int:
    """ED: Levenshtein distance (insert, delete, substitute) between the two sequences."""
    previous = list(range(len(label) + 1))
    for i, p in enumerate(pred, 1):
        current = [i]
        for j, y in enumerate(label, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (p != y)))
        previous = current
    return previous[-1]


def evaluate(pred: torch.Tensor, label: torch.Tensor, mask: torch.Tensor,
             skip_start: bool = True) -> dict[str, float]:
    """Mean HR@3, KRC, LSD, ED over a batch of routes [B, N] (padding at the end).

    The start task is an input, not a prediction, so by default it is not scored.
    """
    totals = {"HR@3": 0.0, "KRC": 0.0, "LSD": 0.0, "ED": 0.0}
    first = 1 if skip_start else 0
    for p, y, n in zip(pred.tolist(), label.tolist(), mask.sum(dim=1).tolist()):
        p, y = p[first:n], y[first:n]
        totals["HR@3"] += hit_rate(p, y, 3)
        totals["KRC"] += kendall_rank_correlation(p, y)
        totals["LSD"] += location_square_deviation(p, y)
        totals["ED"] += edit_distance(p, y)
    return {name: value / len(pred) for name, value in totals.items()}
