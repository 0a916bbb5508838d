"""The ETA model against two simple baselines on held-out synthetic tasks: mean absolute error in
minutes. Prints a Markdown table.

Run from the repository root: PYTHONPATH=models python snippets/eta/quality.py
(PYTHONPATH: models/eta.py and models/train_eta.py.)
"""
import torch

from eta import EtaRegressor
from train_eta import DETOUR, SPEED_M_PER_MIN, TRAIN_SEED, eta_samples

SEED = 2025      # not a seed the model was trained or validated on
ROUTES = 1000

x, minutes = eta_samples(ROUTES, SEED)
train_x, train_minutes = eta_samples(3000, TRAIN_SEED)
model = EtaRegressor()
model.load_state_dict(torch.load("models/eta.pt", weights_only=True))
with torch.no_grad():
    predicted = model(x)
mean_speed = sum(SPEED_M_PER_MIN) / 2
rows = [
    ("the training mean, for every task", torch.full_like(minutes, train_minutes.mean().item())),
    ("distance / speed (straight to the task)", x[:, 0] * DETOUR / mean_speed),
    ("ETA model (models/eta.pt)", predicted),
]
print(f"{len(minutes)} held-out tasks of {ROUTES} couriers; mean time to pickup "
      f"{minutes.mean():.1f} min")
print()
print("| estimate | MAE (min) |")
print("| --- | ---: |")
for name, estimate in rows:
    print(f"| {name} | {(estimate - minutes).abs().mean():.1f} |")
