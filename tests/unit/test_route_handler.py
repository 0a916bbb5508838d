"""The route handler inside the real archives, driven the way a TorchServe worker drives it."""
from __future__ import annotations

import json
import shutil

import pytest

from lade_synth import request as synth_request
from route_handler import MAX_ABS
from tsharness.archives import Archives
from tsharness.paths import REPO
from tsharness.worker import Request, call, grpc, http_json, http_raw, load_handler, manifest

ROUTE_MODELS = ["greedy_time", "greedy_distance", "pointer_net", "greedy_time_lade"]
ORIGINAL = json.loads((REPO / "snippets/greedy-time/request.json").read_text())
BATCH = 8


class Handlers(Archives):
    """handlers[name]: the archive's handler, built, unpacked and loaded on first use."""

    def __getitem__(self, name):
        return self.handler(name)


@pytest.fixture(scope="module")
def handlers(tmp_path_factory) -> Handlers:
    return Handlers(tmp_path_factory.mktemp("route_archives"), batch_size=BATCH)


def route(tasks: int, start: int = 0, seed: int = 0) -> dict:
    body = synth_request(seed, tasks)
    body["start"] = start
    return body


def one(handler, body):
    replies, codes = call(handler, [body])
    assert codes == [200], replies
    return replies[0]


# --- answers -------------------------------------------------------------------
def test_original_request_gets_the_original_answer(handlers):
    assert one(handlers["greedy_time"], ORIGINAL) == [1, 0]


@pytest.mark.parametrize("name", ROUTE_MODELS)
def test_reply_is_a_visiting_order_from_start(handlers, name):
    body = route(12, start=5, seed=3)
    order = one(handlers[name], body)
    assert order[0] == 5
    assert sorted(order) == list(range(12))


def test_lade_config_sorts_by_time_left(handlers):
    # Accept time (feature 0) rises with the index, time left (feature 7) falls.
    rows = [[600 + i, 120.2, 30.3, 1, 5.0, 300, 120, 90 - 10 * i] for i in range(5)]
    body = {"feature": rows, "start": 2}
    assert handlers["greedy_time"].model.time_column == 0
    assert handlers["greedy_time_lade"].model.time_column == 7
    assert one(handlers["greedy_time"], body) == [2, 0, 1, 3, 4]
    assert one(handlers["greedy_time_lade"], body) == [2, 4, 3, 1, 0]


def test_greedy_distance_goes_to_the_nearest(handlers):
    # On one latitude: 2 -> 0 (300 m) -> 1 (700 m) -> 4 (1.9 km) -> 3 (4 km).
    lons = [120.202, 120.209, 120.205, 120.230, 120.190]
    body = {"feature": [[600, lon, 30.3, 1, 5.0, 300, 120, 60] for lon in lons], "start": 2}
    assert one(handlers["greedy_distance"], body) == [2, 0, 1, 4, 3]


# --- transports ----------------------------------------------------------------
@pytest.mark.parametrize("name", ROUTE_MODELS)
def test_every_transport_gets_the_same_reply(handlers, name):
    body = route(7, start=3, seed=1)
    text = json.dumps(body)
    forms = [
        http_json(body),                     # Content-Type: application/json, parsed by the worker
        http_raw(text.encode()),             # curl -T: bytes
        http_raw(text, "text/plain"),        # a text content type: str
        grpc(text),                          # gRPC input={"data": ...}
        grpc(text, name="body"),             # gRPC input={"body": ...}
    ]
    replies, codes = call(handlers[name], forms)
    assert codes == [200] * len(forms)
    assert all(r == replies[0] for r in replies), replies


# --- batching ------------------------------------------------------------------
@pytest.mark.parametrize("name", ROUTE_MODELS)
def test_batch_replies_equal_single_replies(handlers, name):
    bodies = [route(n, start=n // 2, seed=n) for n in (2, 25, 1, 9, 17, 3)]
    singles = [one(handlers[name], b) for b in bodies]
    replies, codes = call(handlers[name], bodies)
    assert codes == [200] * len(bodies)
    assert replies == singles
    assert [len(r) for r in replies] == [2, 25, 1, 9, 17, 3]


@pytest.mark.parametrize("name", ROUTE_MODELS)
def test_a_bad_request_fails_alone(handlers, name):
    good = [route(4, seed=1), route(6, start=5, seed=2), route(3, seed=4)]
    bad = {"feature": [[1] * 7], "start": 0}
    replies, codes = call(handlers[name], [good[0], bad, good[1], good[2]])
    assert codes == [200, 400, 200, 200]
    assert replies[1] == {"code": 400, "type": "BadRequest",
                          "message": "feature[0]: expected 8 numbers, got 7"}
    assert [replies[0], replies[2], replies[3]] == [one(handlers[name], g) for g in good]


def test_an_all_bad_batch_gets_only_400s(handlers):
    replies, codes = call(handlers["greedy_time"], [b"", {"start": 0}, [1, 2]])
    assert codes == [400, 400, 400]
    assert [r["message"].split(":")[0] for r in replies] == ["body", "feature", "body"]


# --- bad input -------------------------------------------------------------------
ROW = [463.13, 120.18, 30.32, 5, 2.02, 118, 196.87, 44.95]
BAD = [
    # (request as sent, the start of the message)
    (http_raw(b"{not json"), "body: not valid JSON ("),
    (http_raw(b"\xff\xfe"), "body: not valid JSON ("),
    (http_raw(b""), "body: empty request"),
    (http_json([ROW]), "body: expected a JSON object"),
    (http_json(5), "body: expected a JSON object {\"feature\": [...], \"start\": 0}, got number"),
    (http_json({"feature": [ROW], "start": 0, "foo": 1, "bar": 2}), "unexpected field(s): bar, foo"),
    (http_json({"start": 0}), "feature: missing"),
    (http_json({"feature": [ROW]}), "start: missing"),
    (http_json({"feature": {"0": ROW}, "start": 0}), "feature: expected an array of tasks, got object"),
    (http_json({"feature": [], "start": 0}), "feature: no tasks"),
    (http_json({"feature": [ROW] * 150, "start": 0}), "feature: at most 100 tasks, got 150"),
    (http_json({"feature": [ROW, "x"], "start": 0}), "feature[1]: expected an array of 8 numbers, got string"),
    (http_json({"feature": [ROW, ROW, ROW, ROW[:7]], "start": 0}), "feature[3]: expected 8 numbers, got 7"),
    (http_json({"feature": [ROW + [1]], "start": 0}), "feature[0]: expected 8 numbers, got 9"),
    (http_json({"feature": [ROW[:2] + ["30.3"] + ROW[3:]], "start": 0}),
     'feature[0][2]: expected a number, got string "30.3"'),
    (http_json({"feature": [ROW[:3] + [True] + ROW[4:]], "start": 0}),
     "feature[0][3]: expected a number, got boolean true"),
    (http_json({"feature": [ROW[:5] + [None] + ROW[6:]], "start": 0}),
     "feature[0][5]: expected a number, got null"),
    # Python's json (the worker's) reads NaN and Infinity; they are not numbers here.
    (http_raw('{"feature": [[NaN, 1, 2, 3, 4, 5, 6, 7]], "start": 0}'),
     "feature[0][0]: not a finite number (nan)"),
    (http_raw('{"feature": [[1, 2, 3, 4, 5, 6, 7, -Infinity]], "start": 0}'),
     "feature[0][7]: not a finite number (-inf)"),
    # Finite in JSON, but absurd (and 1e39 does not fit a float32).
    (http_raw('{"feature": [[1, 2, 1e39, 3, 4, 5, 6, 7]], "start": 0}'),
     "feature[0][2]: out of range, |x| must be <= 1e+07"),
    (http_raw('{"feature": [[1, 2, 3, 4, 5, 1' + "0" * 400 + ', 6, 7]], "start": 0}'),
     "feature[0][5]: out of range"),
    (http_json({"feature": [ROW, ROW], "start": 5}), "start: must be an integer in [0, 2), got 5"),
    (http_json({"feature": [ROW, ROW], "start": -1}), "start: must be an integer in [0, 2), got -1"),
    (http_json({"feature": [ROW, ROW], "start": 1.5}), "start: must be an integer in [0, 2), got 1.5"),
    (http_json({"feature": [ROW, ROW], "start": True}), "start: must be an integer in [0, 2), got true"),
    (http_json({"feature": [ROW, ROW], "start": "1"}), 'start: must be an integer in [0, 2), got "1"'),
    (http_json({"feature": [ROW, ROW], "start": None}), "start: must be an integer in [0, 2), got null"),
    (grpc(b'{"feature": [[1, 2]], "start": 0}'), "feature[0]: expected 8 numbers, got 2"),
]


@pytest.mark.parametrize("req,message", BAD, ids=[m for _, m in BAD])
def test_bad_input_gets_400_naming_the_problem(handlers, req, message):
    replies, codes = call(handlers["greedy_distance"], [req])
    assert codes == [400]
    assert replies[0]["code"] == 400 and replies[0]["type"] == "BadRequest"
    assert replies[0]["message"].startswith(message), replies[0]["message"]


def test_no_body_at_all_is_a_400(handlers):
    replies, codes = call(handlers["greedy_time"], [Request({"other": ("", b"{}")})])
    assert codes == [400]
    assert replies[0]["message"].startswith("body: empty request")


def test_explanations_get_400(handlers):
    replies, codes = call(handlers["greedy_time"], [ORIGINAL, ORIGINAL], explain=True)
    assert codes == [400, 400]
    assert replies[0]["message"].startswith("explanations: not available")


@pytest.mark.parametrize("name", ROUTE_MODELS)
def test_extreme_valid_values_still_give_a_visiting_order(handlers, name):
    values = [MAX_ABS, -MAX_ABS, 0, 1e-30, 123.456]
    rows = [[values[(i * 3 + j) % len(values)] for j in range(8)] for i in range(9)]
    rows += [[MAX_ABS] * 8] * 3 + [[-MAX_ABS] * 8] * 3
    order = one(handlers[name], {"feature": rows, "start": 7})
    assert order[0] == 7 and sorted(order) == list(range(len(rows)))


def test_integral_float_start_is_accepted(handlers):
    assert one(handlers["greedy_time"], {**ORIGINAL, "start": 1.0}) == [1, 0]


def test_worker_keeps_serving_after_bad_input(handlers):
    h = handlers["pointer_net"]
    for req, _ in BAD:
        call(h, [req])
    assert one(h, ORIGINAL)[0] == 1


# --- model config -------------------------------------------------------------------
def with_config(handlers, tmp_path, name: str, config: str):
    """A copy of an unpacked archive with a different model config yaml."""
    d = shutil.copytree(handlers.unpacked(name), tmp_path / name)
    (d / "config.yaml").write_text(config)
    mf = manifest(d)
    mf["model"]["configFile"] = "config.yaml"
    (d / "MAR-INF" / "MANIFEST.json").write_text(json.dumps(mf))
    return d


@pytest.mark.parametrize("name,config,problem", [
    ("greedy_time", "handler:\n  time_column: 8\n", "time_column must be an integer in [0, 8)"),
    ("greedy_time", "handler:\n  time_column: '7'\n", "time_column must be an integer"),
    ("greedy_time", "handler:\n  time_column: true\n", "time_column must be an integer"),
    ("greedy_time", "handler:\n  time_colum: 7\n", "unknown handler setting(s): time_colum"),
    ("greedy_time", "handler: 7\n", "handler must be a mapping"),
    ("greedy_distance", "handler:\n  time_column: 7\n", "GreedyDistance has no time_column"),
])
def test_a_bad_model_config_fails_the_load(handlers, tmp_path, name, config, problem):
    with pytest.raises(ValueError) as e:
        load_handler(with_config(handlers, tmp_path, name, config))
    assert problem in str(e.value)


def test_model_config_without_handler_section_keeps_the_default(handlers, tmp_path):
    h = load_handler(with_config(handlers, tmp_path, "greedy_time", "batchSize: 4\n"))
    assert h.model.time_column == 0
