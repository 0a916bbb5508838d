"""PointerNet: a learned route model (encoder + LSTM-cell pointer decoder with attention).

Decoding is greedy from the given start: at each step the decoder points at the most
likely unvisited real task. Visited tasks are masked out, padding comes last in index
order. Weights: pointer_net.pt, made by train_pointer_net.py.
"""
from pathlib import Path
from typing import Optional

import torch
from torch import nn

from pointer_net_layers import Decoder, Encoder, FeatureNormaliser, PointerAttention

WEIGHTS = Path(__file__).with_name("pointer_net.pt")
HIDDEN = 64
VISITED = float("-inf")
PADDING = -1e9  # below every real task, above visited ones: padding comes last


class PointerNet(nn.Module):
    def __init__(self, hidden: int = HIDDEN):
        super().__init__()
        self.normalise = FeatureNormaliser()
        self.encoder = Encoder(hidden)
        self.decoder = Decoder(hidden)
        self.attention = PointerAttention(hidden)
        # Attributes, not globals: torch.jit.script cannot close over a module-level float.
        self.padding, self.visited_score = PADDING, VISITED

    def _decode(self, features, start, mask, route: Optional[torch.Tensor] = None):
        """Greedy decoding, or (with `route`) teacher forcing along it.

        Returns the visiting order [B, N] and the log-probability of each step's
        choice [B, N] (step 0, the given start, has log-probability 0).
        """
        batch, n = mask.shape
        rows = torch.arange(batch, device=mask.device)
        x, xy = self.normalise(features, mask)
        encoded = self.encoder(x, mask)
        keys = self.attention.keys(encoded, xy)
        state = self.decoder.initial_state(encoded, mask)
        current = start.long()
        visited = torch.zeros(batch, n, dtype=torch.bool, device=mask.device)
        order, log_probs = [current], [torch.zeros(batch, device=mask.device)]
        visited[rows, current] = True
        for step in range(1, n):
            state = self.decoder(encoded[rows, current], state)
            scores = self.attention(state[0], keys, xy, current)
            scores = torch.where(mask, scores, torch.full_like(scores, self.padding))
            scores = scores.masked_fill(visited, self.visited_score)
            log_p = torch.log_softmax(scores, dim=1)
            current = scores.argmax(dim=1) if route is None else route[:, step]
            order.append(current)
            log_probs.append(log_p[rows, current])
            visited = visited.clone()
            visited[rows, current] = True
        return torch.stack(order, dim=1), torch.stack(log_probs, dim=1)

    def forward(self, features: torch.Tensor, start: torch.Tensor,
                mask: torch.Tensor) -> torch.Tensor:
        """features [B, N, 8], start [B], mask [B, N] (True = real task) -> order [B, N]."""
        return self._decode(features, start, mask)[0]

    def route_log_prob(self, features, start, mask, route) -> torch.Tensor:
        """Log-probability of each step of `route` under the model [B, N] (for training)."""
        return self._decode(features, start, mask, route)[1]


def load(path=WEIGHTS) -> PointerNet:
    """The trained model, ready for inference (as TorchServe loads --serialized-file)."""
    model = PointerNet()
    model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return model.eval()
