"""Fixed-shape input for the compiled variants: every route padded to TASKS tasks.

The compiled model is specialised to one task count (its decode loop runs once per task), so
the handler pads each batch to TASKS and refuses longer routes with a 400 before the model.
Padding tasks are masked: they come last and are dropped from the reply, as in eager batches.
A lone route goes with a copy of itself: torch.compile specialises a batch of 1, so without the
copy it would compile twice.
"""
import torch

from route_handler import parse_route
from safe_handler import BadRequest

TASKS = 25  # LaDe's routes have 2 to 25 tasks


def parse_fixed(body) -> tuple:
    features, start = parse_route(body)
    if len(features) > TASKS:
        raise BadRequest(f"feature: at most {TASKS} tasks, got {len(features)}")
    return features, start


def pad_tasks(features, start, mask) -> tuple:
    """A collated batch padded to features [B, TASKS, 8], start [B], mask [B, TASKS], B >= 2."""
    if len(start) == 1:
        features, start, mask = features.repeat(2, 1, 1), start.repeat(2), mask.repeat(2, 1)
    pad = TASKS - features.shape[1]
    features = torch.nn.functional.pad(features, (0, 0, 0, pad))
    mask = torch.nn.functional.pad(mask, (0, pad), value=False)
    return features, start, mask


def example(batch: int) -> tuple:
    """A batch of TASKS-task routes of the right dtypes, for warm-up and export."""
    return (torch.zeros(batch, TASKS, 8), torch.zeros(batch, dtype=torch.long),
            torch.ones(batch, TASKS, dtype=torch.bool))
