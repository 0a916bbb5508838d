"""GreedyDistance: from the start task, always go to the nearest unvisited task.

A parameter-free baseline (LaDe's DistanceGreedy). Distances are great-circle
(haversine) distances on longitude = feature 1, latitude = feature 2.
"""
import numpy as np
import torch
from torch import nn

EARTH_RADIUS_M = 6_371_000.0
LON, LAT = 1, 2


def haversine_matrix(lon: torch.Tensor, lat: torch.Tensor) -> torch.Tensor:
    """Pairwise great-circle distances in metres: lon, lat [..., N] degrees -> [..., N, N]."""
    lon, lat = torch.deg2rad(lon.double()), torch.deg2rad(lat.double())
    dlat = lat.unsqueeze(-1) - lat.unsqueeze(-2)
    dlon = lon.unsqueeze(-1) - lon.unsqueeze(-2)
    cos_lat = torch.cos(lat)
    a = (torch.sin(dlat / 2) ** 2
         + cos_lat.unsqueeze(-1) * cos_lat.unsqueeze(-2) * torch.sin(dlon / 2) ** 2)
    return 2 * EARTH_RADIUS_M * torch.asin(torch.sqrt(a.clamp(0, 1)))


class GreedyDistance(nn.Module):
    def forward(self, features: torch.Tensor, start: torch.Tensor,
                mask: torch.Tensor) -> torch.Tensor:
        """features [B, N, 8], start [B], mask [B, N] (True = real task) -> order [B, N]."""
        batch, n = mask.shape
        # Padding may hold anything (even NaN): give it harmless coordinates.
        lon = torch.where(mask, features[..., LON], torch.zeros_like(features[..., LON]))
        lat = torch.where(mask, features[..., LAT], torch.zeros_like(features[..., LAT]))
        dist = haversine_matrix(lon, lat)
        # Padding is farther than any real task but nearer than "visited" (inf), so it
        # comes last, in ascending index order (argmin returns the first minimum).
        far = torch.where(mask, 0.0, 1e30).to(dist.dtype)
        cost = (dist + far.unsqueeze(1)).cpu().numpy()
        # The N sequential steps run in numpy: on small [B, N] arrays a numpy call costs
        # microseconds where a torch call costs tens, and a route has up to 100 steps.
        order = np.empty((batch, n), dtype=np.int64)
        current = start.cpu().numpy().astype(np.int64)
        rows = np.arange(batch)
        for step in range(n):
            order[:, step] = current
            cost[rows, :, current] = np.inf  # visited: never chosen again
            if step + 1 < n:
                current = cost[rows, current].argmin(axis=1)
        return torch.from_numpy(order).to(mask.device)
