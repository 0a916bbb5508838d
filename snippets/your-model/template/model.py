"""Your model: one nn.Module in this file (TorchServe builds it as `Model()`, no arguments, and refuses
a model file with more than one class).

It takes a batch of feature rows [B, len(FEATURES)] and returns one number per row [B]. Replace the
layers with yours; keep the input width in step with FEATURES in handler.py.
"""
import torch
from torch import nn

IN_FEATURES = 3


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(IN_FEATURES, 16), nn.ReLU(), nn.Linear(16, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x).squeeze(-1)


if __name__ == "__main__":
    # Stands in for your training: saves the weights as a state_dict, what --serialized-file takes.
    torch.manual_seed(0)
    torch.save(Model().state_dict(), "model.pt")
