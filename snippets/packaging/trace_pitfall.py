"""torch.jit.trace records one run: pointer_net traced on a 10-task route, then asked other sizes.

The decode loop runs once per task; trace keeps the 10 steps it saw as fixed code, and prints
only warnings (hidden here). Each line: the task count, eager's route, the traced model's route.
"""
import warnings

import torch

from lade_synth import request
from pointer_net import load


def route(body: dict) -> tuple:
    features = torch.tensor([body["feature"]], dtype=torch.float32)
    return features, torch.tensor([body["start"]]), torch.ones(features.shape[:2], dtype=torch.bool)


model = load()
warnings.filterwarnings("ignore")  # TracerWarning: "...the trace might not generalize"
with torch.no_grad():
    traced = torch.jit.trace(model, route(request(seed=1, tasks=10)))
    for n in (10, 13, 7):
        x = route(request(seed=2, tasks=n))
        eager, from_trace = model(*x)[0].tolist(), traced(*x)[0].tolist()
        verdict = "same" if eager == from_trace else "WRONG"
        print(f"N={n:<3} eager {eager}\n      trace {from_trace}  {verdict}")
