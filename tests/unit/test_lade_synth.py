"""The synthetic LaDe-shaped generator: deterministic, values in range, features consistent."""
import json

import torch

from lade_synth import generate, request, to_json
from tsharness.paths import REPO
from tsharness.route_cases import assert_valid_orders


def test_same_seed_same_data_other_seed_other_data():
    a, b, c = generate(30, 9), generate(30, 9), generate(30, 10)
    for x, y in zip(a, b):
        assert torch.equal(x, y)
    assert not torch.equal(a.features, c.features)


def test_shapes_counts_and_labels():
    routes = generate(200, 1)
    counts = routes.mask.sum(dim=1)
    assert counts.min() == 2 and counts.max() == 25
    assert routes.features.shape == (200, 25, 8) and routes.features.dtype == torch.float32
    # The label is a valid route that starts at `start`; padding rows are zero.
    assert_valid_orders(routes.label, routes.start, routes.mask)
    assert torch.equal(routes.label[:, 0], routes.start)
    assert not routes.features[~routes.mask].any()


def test_value_ranges_and_derived_features():
    routes = generate(200, 2, dtype=torch.float64)
    f = routes.features[routes.mask]
    accept, lon, lat, aoi, _rel, dist, window, left = f.unbind(-1)
    assert ((lon >= 120.1) & (lon <= 120.3)).all() and ((lat >= 30.2) & (lat <= 30.4)).all()
    assert ((accept >= 0) & (accept < 1440)).all()
    assert torch.equal(aoi, aoi.round()) and aoi.min() >= 0 and aoi.max() <= 14
    assert torch.equal(dist, dist.round()) and (dist >= 0).all()
    promise = accept + window
    assert torch.allclose(promise, (promise / 60).round() * 60, atol=1e-6)  # on the hour
    assert (window >= 60).all() and (left > 0).all() and (left <= 240).all()
    # One "now" and one mean daily distance per sample.
    for feats, mask in zip(routes.features, routes.mask):
        g = feats[mask]
        now = g[:, 0] + g[:, 6] - g[:, 7]
        assert torch.allclose(now, now[0].expand_as(now), atol=1e-6)
        near = g[:, 5] > 0
        daily = g[near, 5] / g[near, 4] * 100
        assert ((daily >= 4000) & (daily <= 9000)).all()
        assert torch.allclose(daily, daily[0].expand_as(daily))


def test_courier_prefers_near_and_urgent_tasks():
    # The first pick (the start) is usually close to the courier.
    routes = generate(300, 3, dtype=torch.float64)
    rows = torch.arange(300)
    picked = routes.features[rows, routes.start, 5]
    average = (routes.features[..., 5] * routes.mask).sum(1) / routes.mask.sum(1)
    assert (picked < average).float().mean() > 0.8


def test_example_request_is_the_generators():
    path = REPO / "snippets/pointer-net/tasks25.json"
    body = json.loads(path.read_text())
    assert body == request(25, 25)
    assert path.read_text() == to_json(body)
    assert len(body["feature"]) == 25 and body["start"] == 0
    assert all(len(row) == 8 for row in body["feature"])
