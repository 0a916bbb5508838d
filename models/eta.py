"""ETA regressor: the minutes until a courier picks up one of its tasks, from four features of the task.

Input [B, 4], in this order (the handler's FEATURES):
0 distance_m          distance from the courier to the task (metres)
1 minutes_to_promise  promised time - now (minutes)
2 courier_load        the courier's unfinished tasks, this one included
3 nearer_tasks        how many of those tasks are nearer to the courier than this one
Output [B]: minutes until pickup. The inputs are scaled inside the model, so the handler sends them
as the client wrote them. Trained by models/train_eta.py on synthetic routes (models/lade_synth.py).
"""
import torch
from torch import nn

FEATURES = ("distance_m", "minutes_to_promise", "courier_load", "nearer_tasks")


class EtaRegressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("scale", torch.tensor([1000.0, 60.0, 10.0, 10.0]))
        self.net = nn.Sequential(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(),
                                 nn.Linear(32, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x / self.scale).squeeze(-1)
