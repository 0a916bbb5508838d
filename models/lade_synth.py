"""Synthetic pickup routes shaped like LaDe's route-prediction samples.

LaDe's real data cannot be shipped with the guide, so this generator makes samples with
the same eight per-task features and a documented courier behaviour as the label.

One sample = one courier at one moment ("now", a minute between 09:00 and 18:00) with
2..25 unfinished pickup tasks around Hangzhou (120.1-120.3 E, 30.2-30.4 N):

- the courier stands somewhere in the area; its tasks are scattered around it
  (a normal spread of 400-1200 m, different per courier);
- each task was accepted 5-240 minutes before now and promised on the hour,
  1-3 hours after it was accepted, and never before the next full hour;
- features: 0 accept time (minute of day), 1 longitude, 2 latitude, 3 AOI type (0-14),
  4 distance to the courier / the courier's mean daily distance (4-9 km) x 100,
  5 distance to the courier (m), 6 promised - accept (min), 7 promised - now (min).

The courier's behaviour (the label order): standing at its position, and then at each
task it has just picked up, the courier weighs every unvisited task by

    cost = distance (km) + 0.15 x min(time left, 180 min) / 60 min
           - 0.3 (only if time left <= 60 min)

and picks task j with probability softmax(-cost / 0.3 km) (drawn as the lowest
cost - 0.3 x Gumbel noise). So it mostly goes to a near task, but each hour of slack
counts as 150 m of extra walking, a task due within the hour gets a further 300 m head
start, and now and then it does something unpredictable. The first task it picks is
the sample's `start`. Neither greedy baseline knows this mix; a learned model can pick
it up from the data.

Everything is seeded: the same (count, seed) always gives the same tensors.
"""
from __future__ import annotations

import argparse
import json
import math
from typing import NamedTuple

import torch

from greedy_distance import EARTH_RADIUS_M, haversine_matrix

LON_RANGE = (120.1, 120.3)
LAT_RANGE = (30.2, 30.4)
AOI_TYPES = 15
# The courier behaviour (see the module docstring).
URGENCY_KM_PER_HOUR = 0.15
URGENCY_CAP_MIN = 180.0
DUE_SOON_MIN = 60.0
DUE_SOON_BONUS_KM = 0.3
NOISE_KM = 0.3


class Routes(NamedTuple):
    """A batch of samples, padded to the longest: the three model inputs and the label."""
    features: torch.Tensor  # float32 [S, N, 8]
    start: torch.Tensor     # long [S]
    mask: torch.Tensor      # bool [S, N], True = a real task
    label: torch.Tensor     # long [S, N], the courier's order, padding indices last


def _uniform(g: torch.Generator, shape, low: float, high: float) -> torch.Tensor:
    return low + (high - low) * torch.rand(shape, generator=g, dtype=torch.float64)


def _distance_to(lon0, lat0, lon, lat) -> torch.Tensor:
    """Haversine metres from one point per sample [S] to its tasks [S, N]."""
    pts_lon = torch.cat([lon0.unsqueeze(1), lon], dim=1)
    pts_lat = torch.cat([lat0.unsqueeze(1), lat], dim=1)
    return haversine_matrix(pts_lon, pts_lat)[:, 0, 1:]


def courier_order(dist_from_courier, dist, time_left, mask, g) -> torch.Tensor:
    """The label: the courier's visiting order (first pick = start), padding last."""
    samples, n = mask.shape
    rows = torch.arange(samples)
    urgency = (URGENCY_KM_PER_HOUR * time_left.clamp(max=URGENCY_CAP_MIN) / 60.0
               - DUE_SOON_BONUS_KM * (time_left <= DUE_SOON_MIN).double())
    far = torch.where(mask, 0.0, 1e30).double()
    order = torch.empty(samples, n, dtype=torch.long)
    visited = torch.zeros(samples, n, dtype=torch.bool)
    km = dist_from_courier / 1000.0
    for step in range(n):
        gumbel = -torch.log(-torch.log(
            torch.rand(samples, n, generator=g, dtype=torch.float64).clamp(1e-12, 1 - 1e-12)))
        cost = km + urgency - NOISE_KM * gumbel
        # Padding only once every real task is done, then in index order.
        cost = torch.where(mask, cost, far).masked_fill(visited, float("inf"))
        current = cost.argmin(dim=1)
        order[:, step] = current
        visited[rows, current] = True
        km = dist[rows, current] / 1000.0
    return order


def generate(count: int, seed: int, min_tasks: int = 2, max_tasks: int = 25,
             dtype: torch.dtype = torch.float32) -> Routes:
    """`count` samples with min_tasks..max_tasks tasks each, deterministic per seed."""
    g = torch.Generator().manual_seed(seed)
    tasks = torch.randint(min_tasks, max_tasks + 1, (count,), generator=g)
    n = int(tasks.max())
    mask = torch.arange(n).unsqueeze(0) < tasks.unsqueeze(1)

    # Minutes of the day, to the second.
    now = torch.round(_uniform(g, (count,), 9 * 60, 18 * 60) * 60) / 60
    courier_lon = _uniform(g, (count,), LON_RANGE[0] + 0.03, LON_RANGE[1] - 0.03)
    courier_lat = _uniform(g, (count,), LAT_RANGE[0] + 0.03, LAT_RANGE[1] - 0.03)
    spread_m = _uniform(g, (count, 1), 400, 1200)
    daily_m = _uniform(g, (count, 1), 4000, 9000)

    deg_lat = spread_m / (math.pi / 180 * EARTH_RADIUS_M)
    deg_lon = deg_lat / torch.cos(torch.deg2rad(courier_lat)).unsqueeze(1)
    lon = (courier_lon.unsqueeze(1) + deg_lon * torch.randn(count, n, generator=g, dtype=torch.float64))
    lat = (courier_lat.unsqueeze(1) + deg_lat * torch.randn(count, n, generator=g, dtype=torch.float64))
    lon = torch.round(lon.clamp(*LON_RANGE) * 1e6) / 1e6
    lat = torch.round(lat.clamp(*LAT_RANGE) * 1e6) / 1e6
    aoi = torch.randint(0, AOI_TYPES, (count, n), generator=g).double()

    accept = now.unsqueeze(1) - torch.round(_uniform(g, (count, n), 5, 240) * 60) / 60
    window = torch.randint(1, 4, (count, n), generator=g).double() * 60
    next_hour = (torch.floor(now / 60) + 1) * 60
    promise = torch.maximum(torch.ceil((accept + window) / 60) * 60, next_hour.unsqueeze(1))

    to_courier = torch.round(_distance_to(courier_lon, courier_lat, lon, lat))
    features = torch.stack([
        accept, lon, lat, aoi,
        to_courier / daily_m * 100, to_courier,
        promise - accept, promise - now.unsqueeze(1),
    ], dim=-1)
    features = torch.where(mask.unsqueeze(-1), features, torch.zeros_like(features))

    label = courier_order(to_courier, haversine_matrix(lon, lat), features[..., 7], mask, g)
    return Routes(features.to(dtype), label[:, 0].clone(), mask, label)


def request(seed: int, tasks: int) -> dict:
    """One inference request body {"feature": [[8 numbers] x tasks], "start": 0}."""
    routes = generate(1, seed, tasks, tasks, dtype=torch.float64)
    start = int(routes.start[0])
    # The task order within a sample is arbitrary: put the start first, as start = 0.
    order = [start] + [i for i in range(tasks) if i != start]
    decimals = (2, 6, 6, 0, 3, 0, 2, 2)
    rows = [[round(float(v), d) if d else round(float(v)) for v, d in zip(routes.features[0, i], decimals)]
            for i in order]
    return {"feature": rows, "start": 0}


def to_json(body: dict) -> str:
    """A request as JSON, one task per line."""
    rows = ",\n".join("    " + json.dumps(row) for row in body["feature"])
    return f'{{"feature": [\n{rows}\n  ],\n  "start": {body["start"]}}}\n'


def main() -> None:
    parser = argparse.ArgumentParser(description="Print one LaDe-shaped request as JSON.")
    parser.add_argument("--tasks", type=int, default=25)
    parser.add_argument("--seed", type=int, default=25)
    args = parser.parse_args()
    print(to_json(request(args.seed, args.tasks)), end="")


if __name__ == "__main__":
    main()
