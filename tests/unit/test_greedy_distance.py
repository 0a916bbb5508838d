"""GreedyDistance: nearest unvisited task by haversine distance, against a brute-force reference."""
import math

import torch

from greedy_distance import GreedyDistance, haversine_matrix
from lade_synth import generate
from tsharness.route_cases import (
    ORIGINAL_ROW,
    assert_batch_matches_single,
    assert_valid_orders,
    module_classes,
    one,
)


def places(lon_lat):
    rows = torch.zeros(len(lon_lat), 8)
    rows[:, 1:3] = torch.tensor(lon_lat, dtype=torch.float32)
    return rows


def haversine(p, q):
    """Great-circle metres between (lon, lat) points, plain Python."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*p, *q))
    a = (math.sin((lat1 - lat2) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon1 - lon2) / 2) ** 2)
    return 2 * 6_371_000.0 * math.asin(math.sqrt(min(1.0, max(0.0, a))))


def reference(points, start):
    """Brute force: from the start, the nearest unvisited point, ties by lower index."""
    route, left = [start], set(range(len(points))) - {start}
    while left:
        here = points[route[-1]]
        nxt = min(left, key=lambda j: (haversine(here, points[j]), j))
        route.append(nxt)
        left.remove(nxt)
    return route


def test_one_module_class():
    assert module_classes("greedy_distance") == [GreedyDistance]


def test_haversine_one_degree_of_latitude():
    d = haversine_matrix(torch.tensor([120.0, 120.0]), torch.tensor([30.0, 31.0]))
    assert abs(float(d[0, 1]) - 111_195) < 1
    assert torch.equal(d, d.T) and float(d[0, 0]) == 0


def test_original_request_gives_1_0():
    assert GreedyDistance()(*one([ORIGINAL_ROW, ORIGINAL_ROW], 1)).tolist() == [[1, 0]]


def test_hand_checked_walk_along_a_street():
    # Four tasks on one parallel: from 120.00 the nearest is 120.10, then 120.25, then 120.30.
    points = places([[120.00, 30.3], [120.30, 30.3], [120.10, 30.3], [120.25, 30.3]])
    assert GreedyDistance()(*one(points, 0)).tolist() == [[0, 2, 3, 1]]


def test_not_the_same_as_sorting_by_distance_from_start():
    # From 0 the nearest is 1 (east); from 1, task 3 (further east) beats 2 (west of 0).
    points = places([[120.20, 30.3], [120.21, 30.3], [120.185, 30.3], [120.225, 30.3]])
    assert GreedyDistance()(*one(points, 0)).tolist() == [[0, 1, 3, 2]]


def test_ties_go_to_the_lower_index():
    points = places([[120.10, 30.3], [120.20, 30.3], [120.20, 30.3], [120.21, 30.3]])
    assert GreedyDistance()(*one(points, 3)).tolist() == [[3, 1, 2, 0]]


def test_matches_brute_force_on_random_instances():
    routes = generate(60, seed=21)
    order = GreedyDistance()(routes.features, routes.start, routes.mask)
    assert_valid_orders(order, routes.start, routes.mask)
    for row, f, s, m in zip(order, routes.features, routes.start, routes.mask):
        n = int(m.sum())
        points = [(float(f[i, 1]), float(f[i, 2])) for i in range(n)]
        assert row[:n].tolist() == reference(points, int(s))


def test_matches_brute_force_with_duplicate_places():
    g = torch.Generator().manual_seed(4)
    for _ in range(20):
        # Few distinct places, many tasks: plenty of exact ties.
        spots = 120 + torch.rand(4, 2, generator=g) * 0.1
        points = spots[torch.randint(0, 4, (9,), generator=g)]
        start = int(torch.randint(0, 9, (1,), generator=g))
        got = GreedyDistance()(*one(places(points.tolist()), start))[0].tolist()
        assert got == reference([tuple(p) for p in points.tolist()], start)


def test_batch_equals_single():
    assert_batch_matches_single(GreedyDistance())
