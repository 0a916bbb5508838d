"""A small CNN that reads one MNIST-style digit: 28x28, white on black.

Input: float tensor [B, 1, 28, 28], pixels scaled to [0, 1] and then normalised with
MEAN and STD (the usual MNIST values). Output: logits [B, 10].
The archive ships this file as --model-file, so it defines exactly one nn.Module.
"""
import torch
from torch import nn

SIZE = 28
MEAN, STD = 0.1307, 0.3081


def normalise(pixels: torch.Tensor) -> torch.Tensor:
    """Pixels in [0, 1] -> the model's input scale (training and handler share this)."""
    return (pixels - MEAN) / STD


class MnistNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # 16 x 14 x 14
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # 32 x 7 x 7
        )
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Dropout(0.25),
            nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))
