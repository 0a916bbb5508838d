"""The bad-input matrix of the route handler: each kind of bad request and what its 4xx reply must
say. The Security page's walk sends each to the production server, the LitServe page to its port."""
from __future__ import annotations

import json

import pytest

import route_handler

RAW = "application/octet-stream"
ROW = [463.13, 120.18, 30.32, 5, 2.02, 118, 196.87, 44.95]


def route(feature=None, start=0, **extra) -> str:
    return json.dumps({"feature": [ROW, ROW] if feature is None else feature, "start": start, **extra})


def case(name, body, expected, content_type=None):
    """One kind of bad input; `expected`: what the message must say (or one of several)."""
    return pytest.param(body, expected, content_type, id=name)


ROUTE_CASES = [
    case("not-json", "feature=1&start=0", "body: not valid JSON"),
    case("not-json-raw", "hello", "body: not valid JSON", RAW),
    case("truncated-json", '{"feature": [[1, 2', "body: not valid JSON"),
    case("invalid-utf8", b'\xff\xfe{"feature"', "body: not valid JSON"),
    case("empty-body", b"", "body: empty request"),
    case("json-array", "[1, 2]", "body: expected a JSON object"),
    case("json-number", "42", "body: expected a JSON object"),
    case("json-string-raw", '"route"', "body: expected a JSON object", RAW),
    case("json-string", '"route"', "body: expected a JSON object"),
    # TorchServe hands the handler None for both an empty body and `null`.
    case("json-null", "null", ("body: expected a JSON object", "send a JSON object")),
    case("missing-feature", json.dumps({"start": 0}), "feature: missing"),
    case("missing-start", json.dumps({"feature": [ROW]}), "start: missing"),
    case("extra-field", route(courier=7), "unexpected field(s): courier"),
    case("feature-string", route(feature="1,2,3"), "feature: expected an array"),
    case("feature-object", route(feature={"a": 1}), "feature: expected an array"),
    case("row-not-array", route(feature=[ROW, 5]), "feature[1]: expected an array"),
    case("element-string", route(feature=[ROW, ["1"] * 8]), "feature[1][0]: expected a number"),
    case("element-bool", route(feature=[[True] * 8]), "feature[0][0]: expected a number"),
    case("element-null", route(feature=[[None] * 8]), "feature[0][0]: expected a number"),
    case("start-string", route(start="1"), "start: must be an integer"),
    case("start-float", route(start=0.5), "start: must be an integer"),
    case("start-bool", route(start=True), "start: must be an integer"),
    case("start-negative", route(start=-1), "start: must be an integer in [0, 2)"),
    case("start-out-of-range", route(start=2), "start: must be an integer in [0, 2)"),
    case("start-null", route(start=None), "start: must be an integer"),
    case("ragged-rows", route(feature=[ROW, ROW[:7]]), "feature[1]: expected 8 numbers, got 7"),
    case("wrong-width", route(feature=[ROW + [1]] * 2), "feature[0]: expected 8 numbers, got 9"),
    case("zero-tasks", route(feature=[]), "feature: no tasks"),
    case("too-many-tasks", route(feature=[ROW] * (route_handler.MAX_TASKS + 1)),
         f"feature: at most {route_handler.MAX_TASKS} tasks"),
    case("nan", route(feature=[[float("nan")] + ROW[1:]]), "feature[0][0]: not a finite number"),
    case("infinity", route(feature=[ROW[:7] + [float("inf")]]), "feature[0][7]: not a finite number"),
    case("huge-float", route(feature=[[1e400] + ROW[1:]]).replace("Infinity", "1e400"),
         "feature[0][0]: not a finite number"),
    case("over-max-abs", route(feature=[[1e8] + ROW[1:]]), "feature[0][0]: out of range"),
    case("huge-integer", route(feature=[[10 ** 400] + ROW[1:]]), "feature[0][0]: out of range"),
    case("start-infinity", route(start=float("inf")), "start: must be an integer"),
    case("deeply-nested", "[" * 100_000 + "]" * 100_000, "body: JSON nested too deeply"),
    case("5000-digit-number", route(feature=[[0] + ROW[1:]]).replace("[[0,", "[[" + "1" * 5000 + ",", 1),
         ("body:", "feature[0][0]:")),
]
