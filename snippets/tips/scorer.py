"""The fix: the model file defines exactly one class; its parts come from scorer_layers.py."""
import torch
from scorer_layers import Urgency
from torch import nn


class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.urgency = Urgency()

    def forward(self, feature: torch.Tensor) -> torch.Tensor:
        return self.urgency(feature)
