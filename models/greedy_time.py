"""GreedyTime: visit the start task first, then the others by ascending time.

A parameter-free baseline. `time_column` picks the feature that is sorted:
0 = accept time (minute of day), the original tutorial's choice;
7 = minutes left until the promised time, LaDe's TimeGreedy.
"""
import torch
from torch import nn

ACCEPT_TIME = 0
TIME_TO_PROMISE = 7


class GreedyTime(nn.Module):
    def __init__(self, time_column: int = ACCEPT_TIME):
        super().__init__()
        # A plain attribute: the handler sets it from the archive's model config.
        self.time_column = time_column

    def forward(self, features: torch.Tensor, start: torch.Tensor,
                mask: torch.Tensor) -> torch.Tensor:
        """features [B, N, 8], start [B], mask [B, N] (True = real task) -> order [B, N]."""
        batch = mask.shape[0]
        rows = torch.arange(batch, device=mask.device)
        time = features[..., self.time_column]
        # Padding may hold anything (even NaN); give it one key so index order decides.
        time = torch.where(mask, time, torch.zeros_like(time))
        # Group 0 = start, 1 = other real tasks, 2 = padding.
        group = torch.where(mask, 1, 2)
        group[rows, start] = 0
        # Two stable sorts: by time, then by group (ties keep the lower index first).
        by_time = torch.sort(time, dim=1, stable=True).indices
        by_group = torch.sort(group.gather(1, by_time), dim=1, stable=True).indices
        return by_time.gather(1, by_group)
