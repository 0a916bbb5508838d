"""Compare the route models on held-out synthetic routes; prints a Markdown table.

Run from the repository root: `make evaluate` (or .venv/bin/python snippets/model-quality/evaluate.py).
"""
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "models"))

from greedy_distance import GreedyDistance  # noqa: E402
from greedy_time import ACCEPT_TIME, TIME_TO_PROMISE, GreedyTime  # noqa: E402
from lade_synth import generate  # noqa: E402
from pointer_net import load  # noqa: E402
from route_metrics import evaluate  # noqa: E402

SEED = 2024     # training used seeds 1 (train) and 2 (validation)
SAMPLES = 400

MODELS = {
    "greedy_time (accept time, column 0)": GreedyTime(ACCEPT_TIME),
    "greedy_time (time to promise, column 7)": GreedyTime(TIME_TO_PROMISE),
    "greedy_distance": GreedyDistance(),
    "pointer_net": load(),
}


def main() -> None:
    torch.set_num_threads(2)
    routes = generate(SAMPLES, SEED)
    print("| Model | HR@3 (%) ↑ | KRC (%) ↑ | LSD ↓ | ED ↓ |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, model in MODELS.items():
        with torch.no_grad():
            order = model(routes.features, routes.start, routes.mask)
        s = evaluate(order, routes.label, routes.mask)
        print(f"| {name} | {100 * s['HR@3']:.2f} | {100 * s['KRC']:.2f} "
              f"| {s['LSD']:.2f} | {s['ED']:.2f} |")


if __name__ == "__main__":
    main()
