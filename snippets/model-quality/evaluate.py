"""Compare the route models on held-out synthetic routes: print a Markdown table, and write the same
numbers to evaluate.json next to this file (the Model quality page's sentences are written from it).

Run from the repository root: PYTHONPATH=models python snippets/model-quality/evaluate.py
(PYTHONPATH: the models, and train_pointer_net.py's seeds, from models/.)
"""
import json
from pathlib import Path

import torch

from greedy_distance import GreedyDistance
from greedy_time import ACCEPT_TIME, TIME_TO_PROMISE, GreedyTime
from lade_synth import generate
from pointer_net import load
from route_metrics import evaluate
from train_pointer_net import TRAIN_SEED, VALIDATION_SEED

SEED = 2024     # not a seed the pointer network was trained or validated on
SAMPLES = 400
RESULTS = Path(__file__).with_name("evaluate.json")

# (model, the greedy_time column it sorts by or None, the model itself)
MODELS = [
    ("greedy_time", ACCEPT_TIME, GreedyTime(ACCEPT_TIME)),
    ("greedy_time", TIME_TO_PROMISE, GreedyTime(TIME_TO_PROMISE)),
    ("greedy_distance", None, GreedyDistance()),
    ("pointer_net", None, load()),
]
COLUMN_NAMES = {ACCEPT_TIME: "accept time", TIME_TO_PROMISE: "time to promise"}


def scores(model, routes) -> dict[str, float]:
    """The table's numbers, rounded as shown: HR@3 and KRC in percent, like LaDe's tables."""
    with torch.no_grad():
        order = model(routes.features, routes.start, routes.mask)
    s = evaluate(order, routes.label, routes.mask)
    return {"HR@3": round(100 * s["HR@3"], 2), "KRC": round(100 * s["KRC"], 2),
            "LSD": round(s["LSD"], 2), "ED": round(s["ED"], 2)}


def main() -> None:
    torch.set_num_threads(2)
    routes = generate(SAMPLES, SEED)
    rows = [{"model": name, "column": column, **scores(model, routes)}
            for name, column, model in MODELS]
    print("| Model | HR@3 (%) ↑ | KRC (%) ↑ | LSD ↓ | ED ↓ |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        label = r["model"] if r["column"] is None else \
            f"{r['model']} ({COLUMN_NAMES[r['column']]}, column {r['column']})"
        print(f"| {label} | {r['HR@3']:.2f} | {r['KRC']:.2f} | {r['LSD']:.2f} | {r['ED']:.2f} |")
    RESULTS.write_text(json.dumps({
        "samples": SAMPLES, "seed": SEED, "train_seed": TRAIN_SEED,
        "validation_seed": VALIDATION_SEED, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
