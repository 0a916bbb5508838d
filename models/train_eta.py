"""Train the ETA regressor (models/eta.py) on synthetic pickups and write models/eta.pt.

The committed weights were made, from the repository root, with

    make train-eta

which runs `.venv/bin/python models/train_eta.py` (the defaults below); a few minutes on two
CPU cores.

The data: routes from models/lade_synth.py, each courier visiting its tasks in the label order.
The courier rides at its own speed (SPEED_M_PER_MIN, drawn per courier, unknown to the model) along
roads DETOUR times longer than the straight line, and spends SERVICE_MIN at each pickup. A task's
label is the minute the courier reaches it; its features are what a dispatcher knows now (see
models/eta.py), so the order the courier will choose and its speed are left for the model to
estimate.
"""
import argparse
import time
from pathlib import Path

import torch

from eta import EtaRegressor
from greedy_distance import haversine_matrix
from lade_synth import generate

TRAIN_SEED = 11
VALIDATION_SEED = 12    # the ETA page's quality table uses yet another seed
SPEED_M_PER_MIN = (180.0, 320.0)   # 11-19 km/h, per courier
DETOUR = 1.3
SERVICE_MIN = (2.0, 4.0)           # per pickup


def eta_samples(routes: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(features [T, 4] float32, minutes [T] float32): every task of `routes` synthetic couriers."""
    r = generate(routes, seed, dtype=torch.float64)
    g = torch.Generator().manual_seed(seed + 1000)
    count, n = r.mask.shape
    rows = torch.arange(count)
    speed = SPEED_M_PER_MIN[0] + (SPEED_M_PER_MIN[1] - SPEED_M_PER_MIN[0]) * torch.rand(
        count, generator=g, dtype=torch.float64)
    to_courier = r.features[..., 5]
    legs = haversine_matrix(r.features[..., 1], r.features[..., 2])
    arrival = torch.zeros(count, n, dtype=torch.float64)
    clock = torch.zeros(count, dtype=torch.float64)
    for step in range(n):
        task = r.label[:, step]
        metres = to_courier[rows, task] if step == 0 else legs[rows, r.label[:, step - 1], task]
        clock = clock + metres * DETOUR / speed
        arrival[rows, task] = clock
        service = SERVICE_MIN[0] + (SERVICE_MIN[1] - SERVICE_MIN[0]) * torch.rand(
            count, generator=g, dtype=torch.float64)
        clock = clock + service
    load = r.mask.sum(dim=1, keepdim=True).expand(count, n).double()
    far = torch.where(r.mask, to_courier, torch.inf)
    nearer = (far.unsqueeze(1) < far.unsqueeze(2)).sum(dim=2).double()
    features = torch.stack([to_courier, r.features[..., 7], load, nearer], dim=-1)
    return features[r.mask].float(), arrival[r.mask].float()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, default=3000)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "eta.pt"))
    args = parser.parse_args()

    torch.manual_seed(0)
    torch.set_num_threads(2)
    began = time.perf_counter()
    x, y = eta_samples(args.routes, TRAIN_SEED)
    vx, vy = eta_samples(500, VALIDATION_SEED)
    model = EtaRegressor()
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=args.steps)
    g = torch.Generator().manual_seed(0)
    for step in range(1, args.steps + 1):
        idx = torch.randint(len(y), (args.batch,), generator=g)
        loss = torch.nn.functional.l1_loss(model(x[idx]), y[idx])   # MAE: what the page reports
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        if step % 500 == 0 or step == args.steps:
            with torch.no_grad():
                mae = (model(vx) - vy).abs().mean().item()
            print(f"step {step}: train MAE {loss.item():.2f} min, validation MAE {mae:.2f} min")
    torch.save(model.state_dict(), args.out)
    print(f"{len(y)} training tasks, {time.perf_counter() - began:.0f} s; wrote {args.out}")


if __name__ == "__main__":
    main()
