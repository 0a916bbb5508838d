"""The handler: one JSON object per request, checked on its own, one reply per request.

Request:  {"instances": [{"feature_a": 1.0, "feature_b": 2.0, "feature_c": 0.5}, ...]}
- "instances": 1 to MAX_INSTANCES objects, each with exactly the FEATURES keys;
- each value a finite JSON number within its FEATURES range (true, "1" and null are refused),
  a whole number for the INTEGERS, and passing `check` (rules across features).
Reply:    {"predictions": [y, ...]}, one number per instance, in order.
Anything else gets HTTP 400 and {"code": 400, "type": "BadRequest", "message": ...} naming the
field, e.g. "instances[1].feature_b: missing"; the other requests of the batch are answered.

Edit FEATURES (names and accepted ranges, in the model's input order), INTEGERS, `check`,
MAX_INSTANCES, OUTPUT and DECIMALS; the rest (parse, collate, split) works for any model taking
a [B, len(FEATURES)] tensor and returning [B] numbers.
"""
import math

import torch

from safe_handler import BadRequest, SafeHandler, json_body

# name -> (lowest, highest) accepted, in the order the model reads them.
FEATURES = {
    "feature_a": (0.0, 100.0),
    "feature_b": (0.0, 100.0),
    "feature_c": (0.0, 1.0),
}
# Features that must be whole numbers (counts, ids); 3.0 is accepted as 3, 2.5 is not.
INTEGERS = set()
MAX_INSTANCES = 64
OUTPUT = "predictions"
DECIMALS = 3


def json_type(value) -> str:
    """A value's JSON type name, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), type(value).__name__)


def parse_value(value, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = f" {value!r}" if isinstance(value, str) and len(value) <= 20 else ""
        raise BadRequest(f"{where}: expected a number, got {json_type(value)}{shown}")
    try:
        x = float(value)
    except OverflowError:  # a JSON integer too large for a float
        raise BadRequest(f"{where}: out of range [{low:g}, {high:g}]") from None
    if not math.isfinite(x):
        raise BadRequest(f"{where}: not a finite number ({x})")
    if not low <= x <= high:
        raise BadRequest(f"{where}: out of range [{low:g}, {high:g}], got {x:g}")
    return x


def check(values: dict, where: str) -> None:
    """Rules across features (each value is already in its range): raise BadRequest to refuse."""


def parse_instance(item, where: str) -> list:
    if not isinstance(item, dict):
        raise BadRequest(f"{where}: expected an object with {', '.join(FEATURES)}, got {json_type(item)}")
    missing = [k for k in FEATURES if k not in item]
    if missing:
        raise BadRequest(f"{where}.{missing[0]}: missing" + (f" (and {len(missing) - 1} more)"
                                                             if len(missing) > 1 else ""))
    extra = sorted(str(k) for k in item if k not in FEATURES)
    if extra:
        raise BadRequest(f"{where}: unexpected field(s): {', '.join(extra)}")
    values = {k: parse_value(item[k], f"{where}.{k}", *FEATURES[k]) for k in FEATURES}
    for k in INTEGERS:
        if not values[k].is_integer():
            raise BadRequest(f"{where}.{k}: expected a whole number, got {values[k]:g}")
    check(values, where)
    return list(values.values())


def parse_request(body) -> list:
    """One request body -> its rows (a list of lists of floats), or BadRequest naming the problem."""
    req = json_body(body)
    if not isinstance(req, dict):
        raise BadRequest(f'body: expected a JSON object {{"instances": [...]}}, got {json_type(req)}')
    if "instances" not in req:
        raise BadRequest("instances: missing")
    extra = sorted(str(k) for k in req if k != "instances")
    if extra:
        raise BadRequest(f"unexpected field(s): {', '.join(extra)}")
    items = req["instances"]
    if not isinstance(items, list):
        raise BadRequest(f"instances: expected an array, got {json_type(items)}")
    if not 1 <= len(items) <= MAX_INSTANCES:
        raise BadRequest(f"instances: send 1 to {MAX_INSTANCES}, got {len(items)}")
    return [parse_instance(item, f"instances[{i}]") for i, item in enumerate(items)]


class ModelHandler(SafeHandler):
    def parse(self, body) -> list:
        return parse_request(body)

    def collate(self, samples: list) -> torch.Tensor:
        # Every request's rows in one tensor: the model runs once per batch.
        return torch.tensor([row for rows in samples for row in rows], dtype=torch.float32,
                            device=self.device)

    def inference(self, data, *args, **kwargs):
        if data is None:  # every request of the batch was refused
            return None
        with torch.inference_mode():
            return self.model(data)

    def split(self, output, samples: list) -> list:
        values = [round(float(y), DECIMALS) for y in output.tolist()]
        replies, start = [], 0
        for rows in samples:
            replies.append({OUTPUT: values[start:start + len(rows)]})
            start += len(rows)
        return replies
