"""One handler for the route models (greedy_time, greedy_distance, pointer_net).

Request, one JSON object per pickup route:
    {"feature": [[8 numbers], ...], "start": 1}
- "feature": 1 to MAX_TASKS tasks, each exactly 8 finite numbers with |x| <= MAX_ABS.
  No real feature comes near MAX_ABS (the largest, metres to the courier, stays within a
  city); a larger value is a unit mistake, and it could overflow float32 inside a model.
- "start": the index of the task the courier is at, 0 <= start < number of tasks.
  JSON has one number type, so 1.0 is accepted as 1; 1.5, true and "1" are not.
- No other keys.
Reply: the visiting order as a JSON array of task indices, start first, e.g. [1, 0].
Anything else gets HTTP 400 with a message naming the field, e.g. "feature[3]: expected
8 numbers, got 7"; the other requests of the batch are answered normally. So does a call
to /explanations: these models have no explanations.

Model config (torch-model-archiver --config-file), optional:
    handler:
      time_column: 7   # greedy_time only: the feature it sorts by (0..7)
"""
import math

import torch

from safe_handler import BadRequest, SafeHandler, json_body

MAX_TASKS = 100
FEATURES = 8
MAX_ABS = 1e7
KEYS = ("feature", "start")


def json_type(value) -> str:
    """A value's JSON type name, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def shown(value, limit: int = 40) -> str:
    """A value as the client wrote it, cut short; null, arrays and objects by type only."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = f'"{value}"'
    elif isinstance(value, (int, float)):
        text = repr(value)
    else:
        return json_type(value)
    return text if len(text) <= limit else text[:limit] + "..."


def parse_number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        kind = json_type(value)
        detail = f" {shown(value)}" if isinstance(value, (bool, str)) else ""
        raise BadRequest(f"{where}: expected a number, got {kind}{detail}")
    try:
        x = float(value)
    except OverflowError:  # a JSON integer too large for a float
        raise BadRequest(f"{where}: out of range, |x| must be <= {MAX_ABS:g}") from None
    if not math.isfinite(x):
        raise BadRequest(f"{where}: not a finite number ({x})")
    if abs(x) > MAX_ABS:
        raise BadRequest(f"{where}: out of range, |x| must be <= {MAX_ABS:g}, got {x:g}")
    return x


def parse_start(value, n: int) -> int:
    integral = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not integral or not 0 <= value < n:
        raise BadRequest(f"start: must be an integer in [0, {n}), got {shown(value)}")
    return int(value)


def parse_route(body) -> tuple:
    """One request body -> (features [N, 8] float32, start), or BadRequest naming the problem.

    A plain tuple: TorchServe wants exactly one class in a handler module.
    """
    req = json_body(body)
    if not isinstance(req, dict):
        raise BadRequest('body: expected a JSON object {"feature": [...], "start": 0}, '
                         f"got {json_type(req)}")
    extra = sorted(str(k) for k in req if k not in KEYS)
    if extra:
        raise BadRequest(f"unexpected field(s): {', '.join(extra)}")
    for key in KEYS:
        if key not in req:
            raise BadRequest(f"{key}: missing")
    tasks = req["feature"]
    if not isinstance(tasks, list):
        raise BadRequest(f"feature: expected an array of tasks, got {json_type(tasks)}")
    if not tasks:
        raise BadRequest("feature: no tasks; send 1 to 100 tasks")
    if len(tasks) > MAX_TASKS:
        raise BadRequest(f"feature: at most {MAX_TASKS} tasks, got {len(tasks)}")
    features = plain_rows(tasks)
    if features is None:  # something is off: walk it for a message that names the value
        features = torch.tensor(checked_rows(tasks), dtype=torch.float32)
    start = parse_start(req["start"], len(features))
    return features, start


def plain_rows(tasks: list):
    """The fast path: well-formed rows checked in one tensor operation, else None."""
    if not all(type(t) is list and len(t) == FEATURES for t in tasks):
        return None
    if not all(type(x) is float or type(x) is int for t in tasks for x in t):
        return None  # bool, str, null, ... (type() is exact: True is not an int here)
    try:
        values = torch.tensor(tasks, dtype=torch.float64)
    except (OverflowError, RuntimeError):  # an integer too large for a float
        return None
    # NaN compares false, so it also takes the slow path.
    return values.float() if bool((values.abs() <= MAX_ABS).all()) else None


def checked_rows(tasks: list) -> list:
    rows = []
    for i, task in enumerate(tasks):
        if not isinstance(task, list):
            raise BadRequest(f"feature[{i}]: expected an array of {FEATURES} numbers, "
                             f"got {json_type(task)}")
        if len(task) != FEATURES:
            raise BadRequest(f"feature[{i}]: expected {FEATURES} numbers, got {len(task)}")
        rows.append([parse_number(x, f"feature[{i}][{j}]") for j, x in enumerate(task)])
    return rows


def collate_routes(routes: list) -> tuple:
    """Pad routes of different lengths: features [B, N, 8], start [B], mask [B, N]."""
    n = max(len(f) for f, _ in routes)
    features = torch.zeros(len(routes), n, FEATURES)
    mask = torch.zeros(len(routes), n, dtype=torch.bool)
    for b, (f, _) in enumerate(routes):
        features[b, :len(f)] = f
        mask[b, :len(f)] = True
    start = torch.tensor([s for _, s in routes], dtype=torch.long)
    return features, start, mask


def split_routes(output, samples: list) -> list:
    """The model's orders [B, N] -> one route per sample; padding indices (>= its task count) dropped."""
    return [[i for i in row if i < len(f)] for row, (f, _) in zip(output.tolist(), samples)]


def time_column_setting(config: dict):
    """The model config's handler.time_column, checked; None when not set."""
    settings = (config or {}).get("handler") or {}
    if not isinstance(settings, dict):
        raise ValueError("model config: handler must be a mapping")
    unknown = sorted(set(settings) - {"time_column"})
    if unknown:
        raise ValueError(f"model config: unknown handler setting(s): {', '.join(unknown)}")
    column = settings.get("time_column")
    if column is not None and (isinstance(column, bool) or not isinstance(column, int)
                               or not 0 <= column < FEATURES):
        raise ValueError(f"model config: handler.time_column must be an integer in "
                         f"[0, {FEATURES}), got {column!r}")
    return column


class RouteHandler(SafeHandler):
    def initialize(self, context):
        super().initialize(context)
        column = time_column_setting(context.model_yaml_config)
        if column is not None:
            # A setting the model would ignore is a packaging mistake: fail the load.
            if not hasattr(self.model, "time_column"):
                raise ValueError(f"model config: {type(self.model).__name__} has no time_column")
            self.model.time_column = column

    def parse(self, body) -> tuple:
        return parse_route(body)

    def collate(self, samples: list) -> tuple:
        return tuple(t.to(self.device) for t in collate_routes(samples))

    def inference(self, data, *args, **kwargs):
        if data is None:  # every request of the batch was refused
            return None
        with torch.inference_mode():
            return self.model(*data)

    def explain_handle(self, data_preprocess, raw_data):
        # /explanations: the route models have no attributions; a 400 rather than a failed batch.
        err = BadRequest("explanations: not available for the route models; use /predictions")
        for i in range(len(raw_data)):
            self.context.set_response_status(err.code, err.message, idx=i)
        return [err.reply() for _ in raw_data]

    def split(self, output, samples: list) -> list:
        return split_routes(output, samples)
