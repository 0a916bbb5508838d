"""Shared checks for the three route models (greedy_time, greedy_distance, pointer_net)."""
from __future__ import annotations

import importlib
import inspect

import torch
from torch import nn

from lade_synth import generate

# The original tutorial's request: two identical tasks, start = 1.
ORIGINAL_ROW = [463.1333333333333, 120.180503, 30.323697, 5, 2.019472122917776, 118,
                196.86666666666667, 44.950000000000045]


def module_classes(name: str) -> list[type]:
    """The nn.Module classes a model file defines, found the way TorchServe finds them."""
    module = importlib.import_module(name)
    return [c for _, c in inspect.getmembers(module, inspect.isclass)
            if c.__module__ == module.__name__ and issubclass(c, nn.Module)]


def one(features, start: int):
    """A single sample as a batch of one, no padding."""
    f = torch.as_tensor(features, dtype=torch.float32).unsqueeze(0)
    return f, torch.tensor([start]), torch.ones(f.shape[:2], dtype=torch.bool)


def with_garbage_padding(features: torch.Tensor, mask: torch.Tensor, seed: int = 0) -> torch.Tensor:
    """Fill padding positions with junk (NaN, huge, random): models must ignore it."""
    g = torch.Generator().manual_seed(seed)
    junk = torch.randn(features.shape, generator=g) * 1e6
    junk[..., 0] = float("nan")
    return torch.where(mask.unsqueeze(-1), features, junk)


def assert_valid_orders(order: torch.Tensor, start: torch.Tensor, mask: torch.Tensor) -> None:
    """Each row: a permutation of 0..N-1, the start first, real tasks, then padding ascending."""
    batch, n = mask.shape
    assert order.shape == (batch, n) and order.dtype == torch.long
    for row, s, m in zip(order.tolist(), start.tolist(), mask):
        real = int(m.sum())
        assert sorted(row) == list(range(n))
        assert row[0] == s
        assert all(m[i] for i in row[:real])
        assert row[real:] == sorted(row[real:])


def assert_batch_matches_single(model, count: int = 12, seed: int = 5) -> None:
    """A padded batch of samples with different N gives each sample's own answer."""
    routes = generate(count, seed, 2, 25)
    assert len(set(routes.mask.sum(dim=1).tolist())) > 3  # really mixed lengths
    features = with_garbage_padding(routes.features, routes.mask)
    batch = model(features, routes.start, routes.mask)
    assert_valid_orders(batch, routes.start, routes.mask)
    for i in range(count):
        n = int(routes.mask[i].sum())
        single = model(*one(routes.features[i, :n], int(routes.start[i])))
        assert batch[i, :n].tolist() == single[0].tolist(), f"sample {i} (n={n})"
