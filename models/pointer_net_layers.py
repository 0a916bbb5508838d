"""Building blocks of PointerNet: feature normaliser, encoder, decoder cell, pointer attention.

Shipped next to pointer_net.py with --extra-files, so the model file itself keeps a
single nn.Module class (TorchServe instantiates the only one it finds).
"""
import math
from typing import Tuple

import torch
from torch import nn

FEATURES = 8
KM_PER_DEG_LAT = 6371.0 * math.pi / 180
# Scales that bring raw request values to about unit size:
# accept time, lon, lat (replaced by local km), AOI type, relative distance,
# distance to courier (m), promise - accept (min), promise - now (min).
SCALE = (60.0, 1.0, 1.0, 14.0, 10.0, 1000.0, 60.0, 60.0)


def masked_mean(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean over the task axis of x [B, N, ...], real tasks only."""
    weight = mask.to(x.dtype)
    while weight.dim() < x.dim():
        weight = weight.unsqueeze(-1)
    return (x * weight).sum(dim=1) / weight.sum(dim=1).clamp(min=1)


class FeatureNormaliser(nn.Module):
    """Raw features -> scaled features and local coordinates (km around the tasks' centre).

    Fixed constants, no learned state: raw request values go straight in.
    """

    def __init__(self):
        super().__init__()
        self.register_buffer("scale", torch.tensor(SCALE), persistent=False)
        self.km_per_deg_lat = KM_PER_DEG_LAT  # an attribute: torch.jit.script takes no global float

    def forward(self, features: torch.Tensor, mask: torch.Tensor):
        # Padding may hold anything; zero it so it cannot leak into means.
        x = torch.where(mask.unsqueeze(-1), features, torch.zeros_like(features)).double()
        centre = masked_mean(x, mask)
        lat0 = torch.deg2rad(centre[:, 2]).unsqueeze(1)
        east = (x[..., 1] - centre[:, 1:2]) * self.km_per_deg_lat * torch.cos(lat0)
        north = (x[..., 2] - centre[:, 2:3]) * self.km_per_deg_lat
        xy = torch.stack([east, north], dim=-1)
        # Accept time relative to the sample, so the time of day does not matter.
        accept = x[..., 0] - centre[:, 0:1]
        scaled = torch.cat([accept.unsqueeze(-1), xy, x[..., 3:]], dim=-1) / self.scale.double()
        keep = mask.unsqueeze(-1)
        scaled = torch.where(keep, scaled, torch.zeros_like(scaled))
        xy = torch.where(keep, xy, torch.zeros_like(xy))
        return scaled.float(), xy.float()


class Encoder(nn.Module):
    """Per-task embedding, then one self-attention layer so each task sees the others."""

    def __init__(self, hidden: int):
        super().__init__()
        self.embed = nn.Sequential(nn.Linear(FEATURES, hidden), nn.ReLU(), nn.Linear(hidden, hidden))
        self.context = nn.TransformerEncoderLayer(hidden, nhead=4, dim_feedforward=2 * hidden,
                                                  dropout=0.0, batch_first=True)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.context(self.embed(x), src_key_padding_mask=~mask)


class Decoder(nn.Module):
    """LSTM cell stepping through the route; its state starts from the mean task encoding."""

    def __init__(self, hidden: int):
        super().__init__()
        self.cell = nn.LSTMCell(hidden, hidden)

    def initial_state(self, encoded: torch.Tensor, mask: torch.Tensor):
        h = masked_mean(encoded, mask)
        return h, torch.zeros_like(h)

    def forward(self, last: torch.Tensor, state: Tuple[torch.Tensor, torch.Tensor]):
        return self.cell(last, state)


class PointerAttention(nn.Module):
    """Scores every task as the next stop from the decoder state, the task's encoding and
    its offset from the current task (east, north, distance in km).

    The offset term W [dx, dy, d] is split as W_xy xy_j - W_xy xy_current + w_d d, so the
    per-task part is computed once per route and each step adds only vectors.
    """

    def __init__(self, hidden: int):
        super().__init__()
        self.key = nn.Linear(hidden, hidden, bias=False)
        self.place = nn.Linear(2, hidden, bias=False)
        self.distance = nn.Parameter(torch.zeros(hidden))
        self.query = nn.Linear(hidden, hidden)
        self.score = nn.Linear(hidden, 1, bias=False)

    def keys(self, encoded: torch.Tensor, xy: torch.Tensor) -> torch.Tensor:
        return self.key(encoded) + self.place(xy)

    def forward(self, h: torch.Tensor, keys: torch.Tensor, xy: torch.Tensor,
                current: torch.Tensor) -> torch.Tensor:
        here = xy[torch.arange(xy.shape[0], device=xy.device), current]
        distance = (xy - here.unsqueeze(1)).norm(p=2, dim=-1, keepdim=True)
        query = self.query(h) - self.place(here)
        hidden = torch.tanh(keys + query.unsqueeze(1) + distance * self.distance)
        return self.score(hidden).squeeze(-1)
