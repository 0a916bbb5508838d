"""Bad input through a live TorchServe: every kind gets a 4xx JSON message, no worker dies.

For each case: the reply is 4xx within the request timeout, a JSON object whose message names
the problem, the model's worker PIDs are unchanged, and the next good request gets the answer
the handler gives in-process (tests/handler_harness.py, the same .mar).
"""
from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from tests import handler_harness as hh
from tests.live_server import SNIPPETS

import route_handler

ROUTE_MODELS = ("greedy_time", "greedy_distance", "pointer_net")
MODELS = (*ROUTE_MODELS, "mnist")
TIMEOUT = 30  # a hang fails the case instead of the whole run
# TorchServe's default max_request_size (bytes) when the config does not set one.
DEFAULT_MAX_REQUEST_SIZE = 6553500

GOOD_ROUTE = json.loads((SNIPPETS / "requests" / "greedy_time.json").read_text())
ROW = [463.13, 120.18, 30.32, 5, 2.02, 118, 196.87, 44.95]


def route(feature=None, start=0, **extra) -> str:
    return json.dumps({"feature": [ROW, ROW] if feature is None else feature,
                       "start": start, **extra})


def rows(n: int) -> list:
    return [ROW] * n


def case(name, body, expected, content_type=None, bug=None):
    """One kind of bad input; `expected`: what the message must say (or one of several).

    `bug`: a known handler defect; the case stays in, xfail(strict), and passes once fixed."""
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(body, expected, content_type, id=name, marks=marks)


ROUTE_CASES = [
    case("not-json", "feature=1&start=0", "body: not valid JSON"),
    case("not-json-raw", "hello", "body: not valid JSON", "application/octet-stream"),
    case("truncated-json", '{"feature": [[1, 2', "body: not valid JSON"),
    case("invalid-utf8", b'\xff\xfe{"feature"', "body: not valid JSON"),
    case("empty-body", b"", "body: empty request"),
    case("json-array", "[1, 2]", "body: expected a JSON object"),
    case("json-number", "42", "body: expected a JSON object"),
    case("json-string-raw", '"route"', "body: expected a JSON object", "application/octet-stream"),
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
    case("too-many-tasks", route(feature=rows(route_handler.MAX_TASKS + 1)),
         f"feature: at most {route_handler.MAX_TASKS} tasks"),
    case("nan", route(feature=[[float("nan")] + ROW[1:]]), "feature[0][0]: not a finite number"),
    case("infinity", route(feature=[ROW[:7] + [float("inf")]]),
         "feature[0][7]: not a finite number"),
    case("huge-float", route(feature=[[1e400] + ROW[1:]]).replace("Infinity", "1e400"),
         "feature[0][0]: not a finite number"),
    case("over-max-abs", route(feature=[[1e8] + ROW[1:]]), "feature[0][0]: out of range"),
    case("huge-integer", route(feature=[[10 ** 400] + ROW[1:]]), "feature[0][0]: out of range"),
    case("start-infinity", route(start=float("inf")), "start: must be an integer"),
    case("deeply-nested", "[" * 100_000 + "]" * 100_000, "body: JSON nested too deeply"),
    case("5000-digit-number",
         route(feature=[[0] + ROW[1:]]).replace("[[0,", "[[" + "1" * 5000 + ",", 1),
         ("body:", "feature[0][0]:")),
]


def image(size=(28, 28), mode="L", fmt="PNG", color=128) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, fmt)
    return buf.getvalue()


DIGIT = (SNIPPETS / "digits" / "7.png").read_bytes() if (SNIPPETS / "digits").exists() else b""
RAW = "application/octet-stream"
MNIST_CASES = [
    case("not-an-image", b"hello, digits", "body: not an image", RAW),
    case("truncated-png", DIGIT[: len(DIGIT) // 2], "body: not an image", RAW),
    case("png-header-only", DIGIT[:16], "body: not an image", RAW),
    case("empty-body", b"", "body: empty request", RAW),
    case("json-body", '{"image": [0, 1]}', "body: not an image (got JSON)"),
    case("text-body", "seven", "body: not an image (got text)", "text/plain"),
    case("unsupported-format-tiff", image(fmt="TIFF"), "body: not an image (unknown format", RAW),
    case("too-many-pixels", image(size=(4097, 4097)), "body: image too large", RAW),
    case("random-bytes", bytes(range(256)) * 8, "body: not an image", RAW),
]
# Valid but unusual images are predicted, not refused.
ODD_IMAGES = {
    "1x1": image(size=(1, 1)),
    "wide-rgb-jpeg": image(size=(300, 100), mode="RGB", fmt="JPEG"),
    "rgba": image(mode="RGBA", color=(255, 255, 255, 0)),
    "16-bit": image(mode="I;16", color=40000),
    "bmp": image(fmt="BMP"),
}


@pytest.fixture(scope="module")
def server(private_ts, tmp_path_factory):
    """A TorchServe of our own with the four models registered, one worker each."""
    ts = private_ts("bad_input", models=set(MODELS))
    for name in MODELS:
        r = ts.register(f"{name}.mar", workers=1)
        assert r.status_code == 200, r.text
    yield ts
    ts.stop()


@pytest.fixture(scope="module")
def reference(archives, tmp_path_factory):
    """Each model's in-process handler, loaded from the same .mar: the expected good answer."""
    handlers = {}

    def answer(model: str, body):
        if model not in handlers:
            unpacked = hh.unpack_archive(archives / f"{model}.mar",
                                         tmp_path_factory.mktemp(f"ref_{model}"))
            handlers[model] = hh.load_handler(unpacked)
        request = hh.http_raw(body, RAW) if isinstance(body, bytes) else body
        replies, codes = hh.call(handlers[model], [request])
        assert codes == [200], replies
        return replies[0]

    return answer


def check_refused(ts, model: str, body, expected, content_type, good, reference) -> None:
    pids = ts.worker_pids(model)
    headers = {"Content-Type": content_type} if content_type else {}
    r = ts.predict(model, body, headers=headers, timeout=TIMEOUT)
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    reply = r.json()
    assert isinstance(reply, dict) and reply.get("code") == r.status_code, reply
    expected = (expected,) if isinstance(expected, str) else expected
    assert any(e in reply["message"] for e in expected), reply
    assert ts.worker_pids(model) == pids, "the worker was replaced"
    raw = {"Content-Type": RAW} if isinstance(good, bytes) else {}
    after = ts.predict(model, good, headers=raw, timeout=TIMEOUT)
    assert after.status_code == 200, after.text
    assert after.json() == reference(model, good)


@pytest.mark.parametrize("model", ROUTE_MODELS)
@pytest.mark.parametrize("body, expected, content_type", ROUTE_CASES)
def test_route_bad_input(server, reference, model, body, expected, content_type):
    check_refused(server, model, body, expected, content_type, GOOD_ROUTE, reference)


@pytest.mark.parametrize("model", MODELS)
def test_body_over_max_request_size(server, reference, model):
    """The frontend refuses it before any worker sees it: 413, worker untouched."""
    limit = int(server.props.get("max_request_size", DEFAULT_MAX_REQUEST_SIZE))
    body = route(feature=rows(limit // len(json.dumps(ROW)) + 10))
    assert len(body) > limit
    pids = server.worker_pids(model)
    r = server.predict(model, body, timeout=TIMEOUT)
    assert r.status_code == 413, (r.status_code, r.text[:300])
    assert server.worker_pids(model) == pids
    good = DIGIT if model == "mnist" else GOOD_ROUTE
    after = server.predict(model, good, headers={"Content-Type": RAW} if model == "mnist" else {},
                           timeout=TIMEOUT)
    assert after.status_code == 200 and after.json() == reference(model, good)


@pytest.mark.parametrize("body, expected, content_type", MNIST_CASES)
def test_mnist_bad_input(server, reference, body, expected, content_type):
    check_refused(server, "mnist", body, expected, content_type, DIGIT, reference)


@pytest.mark.parametrize("name", ODD_IMAGES)
def test_mnist_odd_but_valid_image_is_predicted(server, reference, name):
    r = server.predict("mnist", ODD_IMAGES[name], headers={"Content-Type": RAW}, timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    assert r.json() == reference("mnist", ODD_IMAGES[name])
