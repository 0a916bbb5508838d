"""The in-process ceiling of tools/compare: the handler's work for BATCH requests at a time (parse,
collate, model, split, the reply's JSON), alone in a loop on one thread for SECONDS. Prints the
median time per request (ms) and the requests per second one core does at that pace, as JSON.

    PYTHONPATH=handlers:models python tools/compare/ceiling.py BATCH SECONDS

(PYTHONPATH: the guide's handlers and models, imported as they are, as the servers import them.)
"""
import json
import statistics
import sys
import time
from pathlib import Path

import torch

from greedy_time import GreedyTime
from route_handler import collate_routes, parse_route, split_routes

TASKS = Path(__file__).resolve().parents[2] / "snippets" / "pointer-net" / "tasks25.json"


def measure(batch: int, seconds: float) -> dict:
    torch.set_num_threads(1)  # one worker, one core
    model, body = GreedyTime().eval(), TASKS.read_bytes()
    times, began = [], time.perf_counter()
    while time.perf_counter() - began < seconds or len(times) < 20:
        t0 = time.perf_counter()
        samples = [parse_route(json.loads(body)) for _ in range(batch)]
        with torch.inference_mode():
            routes = split_routes(model(*collate_routes(samples)), samples)
        [json.dumps(r, indent=2) for r in routes]
        times.append((time.perf_counter() - t0) / batch)
    ms = statistics.median(times) * 1000
    return {"batch": batch, "ms_per_request": round(ms, 4), "rps_per_core": round(1000 / ms, 1),
            "loops": len(times)}


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]), float(sys.argv[2]))))
