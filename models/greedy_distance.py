"""GreedyDistance: from the start task, always go to the nearest unvisited task.

A parameter-free baseline (LaDe's DistanceGreedy). Distances are great-circle
(haversine) distances on longitude = feature 1, latitude = feature 2.
"""
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
        rows = torch.arange(batch, device=mask.device)
        # Padding may hold anything (even NaN): give it harmless coordinates.
        lon = torch.where(mask, features[..., LON], torch.zeros_like(features[..., LON]))
        lat = torch.where(mask, features[..., LAT], torch.zeros_like(features[..., LAT]))
        dist = haversine_matrix(lon, lat)
        # Padding is farther than any real task but nearer than "visited" (inf), so it
        # comes last, in ascending index order (argmin returns the first minimum).
        far = torch.where(mask, 0.0, 1e30).to(dist.dtype)
        order = torch.empty(batch, n, dtype=torch.long, device=mask.device)
        visited = torch.zeros(batch, n, dtype=torch.bool, device=mask.device)
        current = start.long()
        for step in range(n):
            order[:, step] = current
            visited[rows, current] = True
            if step + 1 == n:
                break
            cost = dist[rows, current] + far
            current = cost.masked_fill(visited, float("inf")).argmin(dim=1)
        return order
