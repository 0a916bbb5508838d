"""Properties of the route request parsing: valid requests round-trip, corrupt ones are named."""
from __future__ import annotations

import json
import math

import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from route_handler import FEATURES, MAX_ABS, MAX_TASKS, collate_routes, parse_route
from safe_handler import BadRequest

# Few examples per run keep the suite quick; every run draws new ones.
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

number = st.one_of(
    st.integers(-int(MAX_ABS), int(MAX_ABS)),
    st.floats(-MAX_ABS, MAX_ABS, allow_nan=False, allow_infinity=False),
)
row = st.lists(number, min_size=FEATURES, max_size=FEATURES)


@st.composite
def requests(draw, max_tasks: int = 12):
    # Few tasks keep examples fast; the MAX_TASKS boundary is checked on its own.
    rows = draw(st.lists(row, min_size=1, max_size=max_tasks))
    start = draw(st.integers(0, len(rows) - 1))
    if draw(st.booleans()):
        start = float(start)  # JSON's 1.0 is the number 1
    return {"feature": rows, "start": start}


def encodings(body: dict):
    """The ways a body reaches the handler: parsed JSON, bytes, bytearray (gRPC), text."""
    text = json.dumps(body)
    return [body, text.encode(), bytearray(text.encode()), text]


@SETTINGS
@given(requests())
def test_valid_requests_round_trip(body):
    for sent in encodings(body):
        features, start = parse_route(sent)
        assert features.dtype == torch.float32
        assert features.shape == (len(body["feature"]), FEATURES)
        assert torch.equal(features, torch.tensor(body["feature"], dtype=torch.float64).float())
        assert start == body["start"] and isinstance(start, int)


def test_the_task_limit_is_inclusive():
    body = {"feature": [[1.0] * FEATURES] * MAX_TASKS, "start": MAX_TASKS - 1}
    assert parse_route(body)[0].shape == (MAX_TASKS, FEATURES)


@SETTINGS
@given(st.lists(requests(max_tasks=6), min_size=1, max_size=4))
def test_collate_pads_and_masks(bodies):
    routes = [parse_route(b) for b in bodies]
    features, start, mask = collate_routes(routes)
    n = max(len(b["feature"]) for b in bodies)
    assert features.shape == (len(bodies), n, FEATURES) and mask.shape == (len(bodies), n)
    for i, (f, s) in enumerate(routes):
        assert torch.equal(features[i, :len(f)], f)
        assert mask[i].tolist() == [True] * len(f) + [False] * (n - len(f))
        assert not features[i, len(f):].any()
        assert start[i] == s


# --- corruptions: each one breaks a valid request in one way --------------------------
def set_feature(value):
    def corrupt(body, data):
        i = data.draw(st.integers(0, len(body["feature"]) - 1))
        j = data.draw(st.integers(0, FEATURES - 1))
        body["feature"][i][j] = value
        return body, f"feature[{i}][{j}]:"
    return corrupt


def huge(body, data):
    i = data.draw(st.integers(0, len(body["feature"]) - 1))
    j = data.draw(st.integers(0, FEATURES - 1))
    x = data.draw(st.floats(min_value=MAX_ABS * 1.0001, max_value=1e308))
    body["feature"][i][j] = x * data.draw(st.sampled_from([1, -1]))
    return body, f"feature[{i}][{j}]: out of range"


def row_length(body, data):
    i = data.draw(st.integers(0, len(body["feature"]) - 1))
    n = data.draw(st.integers(0, 12).filter(lambda k: k != FEATURES))
    body["feature"][i] = (body["feature"][i] * 2)[:n]
    return body, f"feature[{i}]: expected {FEATURES} numbers, got {n}"


def row_type(body, data):
    i = data.draw(st.integers(0, len(body["feature"]) - 1))
    body["feature"][i] = data.draw(st.sampled_from([None, 1, "row", {"a": 1}, True]))
    return body, f"feature[{i}]: expected an array"


def start_value(body, data):
    n = len(body["feature"])
    body["start"] = data.draw(st.one_of(
        st.integers(max_value=-1), st.integers(min_value=n),
        st.floats().filter(lambda x: not (math.isfinite(x) and x.is_integer() and 0 <= x < n)),
        st.booleans(), st.none(), st.text(), st.just([0]), st.just({})))
    return body, f"start: must be an integer in [0, {n})"


def drop(key):
    def corrupt(body, data):
        del body[key]
        return body, f"{key}: missing"
    return corrupt


def extra_key(body, data):
    key = data.draw(st.text(min_size=1).filter(lambda k: k not in ("feature", "start")))
    body[key] = data.draw(st.integers())
    return body, "unexpected field(s): "


def too_many(body, data):
    n = data.draw(st.integers(MAX_TASKS + 1, MAX_TASKS + 50))
    body["feature"] = [[1.0] * FEATURES] * n
    body["start"] = 0
    return body, f"feature: at most {MAX_TASKS} tasks, got {n}"


def not_json_object(body, data):
    return data.draw(st.sampled_from([[body], 3, None, True, []])), "body: expected a JSON object"


def truncated(body, data):
    text = json.dumps(body)
    return text[:data.draw(st.integers(0, len(text) - 1))].encode(), "body:"


CORRUPTIONS = [
    set_feature(float("nan")), set_feature(float("inf")), set_feature(-float("inf")),
    set_feature("1"), set_feature(None), set_feature(True), set_feature([1]), set_feature({}),
    huge, row_length, row_type, start_value, drop("feature"), drop("start"), extra_key,
    too_many, not_json_object, truncated,
]


@SETTINGS
@given(requests(max_tasks=8), st.sampled_from(CORRUPTIONS), st.data())
def test_every_corruption_is_refused_naming_the_field(body, corrupt, data):
    bad, field = corrupt(json.loads(json.dumps(body)), data)
    try:
        parse_route(bad)
    except BadRequest as e:
        assert e.code == 400
        assert e.message.startswith(field), (e.message, field)
    else:
        raise AssertionError(f"accepted a corrupt request ({corrupt.__name__}): {bad!r}")


def test_python_json_extensions_are_refused():
    # The worker's json.loads reads NaN/Infinity; json.dumps writes them; neither is a number here.
    for literal in ("NaN", "Infinity", "-Infinity"):
        text = f'{{"feature": [[{literal}, 1, 2, 3, 4, 5, 6, 7]], "start": 0}}'
        try:
            parse_route(text.encode())
        except BadRequest as e:
            assert e.message.startswith("feature[0][0]: not a finite number")
        else:
            raise AssertionError(f"accepted {literal}")


# --- anything at all ----------------------------------------------------------------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=10) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=40,
)
near_valid = st.fixed_dictionaries({"feature": json_values, "start": json_values})


@SETTINGS
@given(st.one_of(json_values, near_valid))
def test_any_json_is_parsed_or_refused(value):
    for sent in (value, json.dumps(value).encode()):
        try:
            features, start = parse_route(sent)
        except BadRequest as e:
            assert e.code == 400 and e.message
        else:
            assert 0 <= start < len(features) <= MAX_TASKS
            assert torch.isfinite(features).all()


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_are_parsed_or_refused(raw):
    try:
        parse_route(raw)
    except BadRequest as e:
        assert e.code == 400 and e.message


def test_deeply_nested_values_are_named_by_type():
    # As deep as the worker's json.loads goes: the message must not repr the value.
    deep = [0]
    for _ in range(900):
        deep = [deep]
    for body, message in [({"feature": [[deep] + [1] * 7], "start": 0},
                           "feature[0][0]: expected a number, got array"),
                          ({"feature": [[1] * 8], "start": deep},
                           "start: must be an integer in [0, 1), got array")]:
        try:
            parse_route(body)
        except BadRequest as e:
            assert e.message == message
        else:
            raise AssertionError("accepted a nested value")
