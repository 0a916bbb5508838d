"""Train PointerNet on synthetic LaDe-shaped routes and write models/pointer_net.pt.

The committed weights were made, from the repository root, with

    make train-pointer-net

which runs `.venv/bin/python models/train_pointer_net.py` (the defaults below). It takes
a few minutes on two CPU cores. Training is teacher forcing: maximise the
log-probability of each step of the courier's label route.
"""
import argparse
import time
from pathlib import Path

import torch

from lade_synth import generate
from pointer_net import PointerNet
from route_metrics import evaluate

TRAIN_SEED = 1
VALIDATION_SEED = 2  # the guide's evaluation uses yet another seed


def batches(routes, size: int, g: torch.Generator):
    """Batches of similar route lengths in shuffled order, each trimmed to its longest sample."""
    shuffled = torch.randperm(len(routes.start), generator=g)
    by_length = shuffled[torch.sort(routes.mask[shuffled].sum(dim=1), stable=True).indices]
    chunks = list(torch.split(by_length, size))
    for c in torch.randperm(len(chunks), generator=g).tolist():
        idx = chunks[c]
        n = int(routes.mask[idx].sum(dim=1).max())
        yield (routes.features[idx, :n], routes.start[idx], routes.mask[idx, :n],
               routes.label[idx, :n])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=8000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--held-out", type=int, default=500)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "pointer_net.pt"))
    args = parser.parse_args()

    torch.manual_seed(0)
    torch.set_num_threads(2)
    began = time.perf_counter()
    train = generate(args.samples, TRAIN_SEED)
    held_out = generate(args.held_out, VALIDATION_SEED)
    model = PointerNet()
    steps = args.epochs * -(-args.samples // args.batch)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=steps)
    g = torch.Generator().manual_seed(0)
    for epoch in range(1, args.epochs + 1):
        model.train()
        total, count = 0.0, 0
        for features, start, mask, label in batches(train, args.batch, g):
            log_p = model.route_log_prob(features, start, mask, label)
            # Only the steps that choose a real task after the start are learned.
            steps_mask = mask.clone()
            steps_mask[:, 0] = False
            loss = -(log_p * steps_mask).sum() / steps_mask.sum()
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total, count = total + loss.item() * len(start), count + len(start)
        model.eval()
        with torch.no_grad():
            pred = model(held_out.features, held_out.start, held_out.mask)
        scores = evaluate(pred, held_out.label, held_out.mask)
        print(f"epoch {epoch}: loss {total / count:.4f}  held-out HR@3 {scores['HR@3']:.3f}"
              f"  KRC {scores['KRC']:.3f}  ({time.perf_counter() - began:.0f} s)", flush=True)
    torch.save(model.state_dict(), args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
