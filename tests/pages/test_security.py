"""The security page, walked as a reader does: the guide's server (sockets, keys and their renewal,
gRPC, metrics, allowed_urls), then the production restart (model API off, models loaded at start).
On that production server, before the page stops it, the bad-input matrix: every route model and
mnist get each kind of bad body and must answer it as the handler does in-process, with no worker
replaced and the next good request answered right."""
from __future__ import annotations

import io
import ipaddress
import json
import stat

import psutil
import pytest
import requests
from PIL import Image

from tools.tune import verdicts as tune
from tsharness.archives import unpack_archive
from tsharness.bad_routes import RAW, ROUTE_CASES, ROW, case, route
from tsharness.capture import GUIDE_PORTS
from tsharness.paths import GUIDE_CONFIG, SNIPPETS
from tsharness.server import read_properties
from tsharness.worker import call, http_json, http_raw, load_handler

PAGE = "security"
SEC = SNIPPETS / "security"
REFUSED = "Token Authorization failed. Token either incorrect, expired, or not provided correctly"
APIS = ("inference", "management", "metrics", "grpc_inference", "grpc_management")


def reply_and_status(text: str):
    body, status = text.rstrip("\n").rsplit("\n", 1)
    return json.loads(body), status


def is_loopback(ip: str) -> bool:
    addr = ipaddress.ip_address(ip)
    return (getattr(addr, "ipv4_mapped", None) or addr).is_loopback


def server_pid(walk) -> int:
    return int((walk.tmp / ".model_server.pid").read_text())


def ran(walk, part: str) -> bool:
    return any(part in r.command for r in walk.results)


def ensure(walk, part: str) -> None:
    """The page has run up to the command containing `part` (a test may run on its own)."""
    if not ran(walk, part):
        walk.through(part)


# --- the guide's server ---------------------------------------------------------------------
def test_start_writes_a_private_key_file(walk):
    assert walk.through("gen_stubs.sh").text.split()[-1] == "./management_pb2_grpc.py"
    out = walk.through("snippets/setup/start.sh").text
    assert "Model API enabled: true" in out and "Initial Models: N/A" in out
    key_file = walk.clone / "key_file.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert set(json.loads(key_file.read_text())) == {"management", "inference", "API"}


def test_every_socket_is_on_loopback(walk):
    out = walk.through("listening.py").text
    assert [line.split()[-2:] for line in out.splitlines()] == [["loopback", "only"]] * 5, out
    assert [line.rsplit(None, 3)[0].strip() for line in out.splitlines()] == [
        "inference", "management", "metrics", "gRPC inference", "gRPC management"]
    # Checked apart from the script too: every listening socket, on the walk's own ports.
    listening = {c.laddr.port: c.laddr.ip for c in psutil.Process(server_pid(walk)).net_connections("inet")
                 if c.status == psutil.CONN_LISTEN}
    assert set(listening) == {walk.ports[GUIDE_PORTS[api]] for api in APIS}, listening
    assert all(is_loopback(ip) for ip in listening.values()), listening


def test_management_without_token_is_refused(walk):
    body, status = reply_and_status(walk.through("no_token.sh").raw)
    assert status == "HTTP 400" and body["type"] == "InvalidKeyException" and body["message"] == REFUSED
    # /ping too, and a key in the wrong header form.
    assert requests.get(walk.url("inference") + "/ping", timeout=10).status_code == 400
    r = requests.get(walk.url("inference") + "/ping", timeout=10,
                     headers={"Authorization": walk.key("inference")})
    assert r.status_code == 400


def test_each_api_takes_only_its_own_key(walk):
    body, status = reply_and_status(walk.through("wrong_key.sh").raw)
    assert status == "HTTP 400" and body["type"] == "InvalidKeyException"
    for key in ("management", "API"):  # the API key only renews keys (see renew_key.sh)
        wrong = {"Authorization": f"Bearer {walk.key(key)}"}
        assert requests.get(walk.url("inference") + "/ping", headers=wrong, timeout=10).status_code == 400
    api = {"Authorization": f"Bearer {walk.key('API')}"}
    assert requests.get(walk.url("management") + "/models", headers=api, timeout=10).status_code == 400
    assert walk.get("inference", "/ping").json() == {"status": "Healthy"}
    assert walk.get("management", "/models").json() == {"models": []}


def test_grpc_checks_the_same_keys(walk):
    assert walk.through("grpc_no_token.py").text.splitlines() == [
        f"no token:        PERMISSION_DENIED - {REFUSED}",
        'inference token: {   "status": "Healthy" }']


def test_renewing_the_inference_key(walk):
    old = {api: walk.key(api) for api in ("inference", "management", "API")}
    assert walk.through("renew_key.sh").text.splitlines() == [
        "renew with the management key: HTTP 400",
        "renew with the API key:        HTTP 200",
        "/ping, old inference key:      HTTP 400",
        "/ping, new inference key:      HTTP 200"]
    assert walk.key("inference") != old["inference"]
    assert walk.key("management") == old["management"] and walk.key("API") == old["API"]
    ping = lambda key: requests.get(walk.url("inference") + "/ping", timeout=10,
                                    headers={"Authorization": f"Bearer {key}"}).status_code
    assert ping(old["inference"]) == 400 and ping(walk.key("inference")) == 200


def test_renewing_the_management_key_with_post(walk):
    old, api = walk.key("management"), walk.key("API")
    r = requests.post(walk.url("management") + "/token", params={"type": "management"}, timeout=10,
                      headers={"Authorization": f"Bearer {api}"})
    assert r.status_code == 200, r.text
    new = walk.key("management")
    assert new != old
    models = lambda key: requests.get(walk.url("management") + "/models", timeout=10,
                                      headers={"Authorization": f"Bearer {key}"}).status_code
    assert models(old) == 400 and models(new) == 200
    # Only the API key renews: not even the current management key, and no unknown type.
    for key, kind in ((new, "management"), (api, "other")):
        r = requests.get(walk.url("management") + "/token", params={"type": kind}, timeout=10,
                         headers={"Authorization": f"Bearer {key}"})
        assert r.status_code == 400 and r.json()["type"] == "InvalidKeyException", r.text
    assert walk.key("management") == new


def test_metrics_need_no_token_and_are_prometheus_text(walk):
    out = walk.through("metrics_open.sh").text
    assert out.startswith("no token: HTTP 200, text/plain"), out
    assert read_properties(GUIDE_CONFIG)["metrics_mode"] == "prometheus"
    body = requests.get(walk.url("metrics") + "/metrics", timeout=10).text
    assert "# TYPE" in body and "Requests4XX" in body, body[:300]


def test_url_outside_allowed_urls_is_refused(walk):
    body, status = reply_and_status(walk.through("outside_url.sh").raw)
    assert status == "HTTP 404" and body["type"] == "ModelNotFoundException"
    assert "does not match any allowed URL(s)" in body["message"]


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:{port}.example.com/x.mar",          # allowed prefix, other host
    "http://example.com/?http://127.0.0.1:{port}/x.mar",  # allowed URL inside another one
    "http://127.0.0.1:{port}/x.mar.sh",                   # not a .mar
])
def test_allowed_urls_is_a_whole_match(walk, url):
    ensure(walk, "outside_url.sh")
    port = walk.ports[GUIDE_PORTS["model_server"]]
    r = walk.post("management", "/models", params={"url": url.format(port=port)})
    assert r.status_code == 404, r.text
    assert "does not match any allowed URL(s)" in r.json()["message"]


# --- production: the model API off, the models loaded at start --------------------------
def test_production_config_is_the_guide_config_without_the_model_api():
    """... plus one worker per model and the frontend settings the tuning run recommends."""
    guide, prod = read_properties(GUIDE_CONFIG), read_properties(SEC / "config.production.properties")
    assert guide.get("enable_model_api") == "true" and "enable_model_api" not in prod
    tuning = tune.load()
    tuned = dict(v["setting"].split("=", 1) for v in tuning["variants"]
                 if v["name"] in tuning["recommended"]["variants"] and v["knob"] in tune.CONFIG_KNOBS)
    assert {k: v for k, v in guide.items() if k != "enable_model_api"} == \
        {k: v for k, v in prod.items() if k != "default_workers_per_model" and k not in tuned}
    assert prod["default_workers_per_model"] == "1"
    assert {k: prod.get(k) for k in tuned} == tuned


def test_restart_with_the_production_config(walk):
    walk.through("snippets/setup/stop.sh")
    assert not (walk.clone / "key_file.json").exists()
    out = walk.through("start_production.sh").text
    assert "Model API enabled: false" in out
    assert "Initial Models: greedy_time=greedy_time.mar,greedy_distance=greedy_distance.mar," \
           "pointer_net=pointer_net.mar,mnist=mnist.mar" in out


def test_production_models_answer_without_registration(walk):
    lines = walk.through("production_models.py").text.splitlines()
    assert [line.split()[0] for line in lines] == ["greedy_distance", "greedy_time", "mnist", "pointer_net"]
    assert all("1 worker(s)  -> 200 " in line for line in lines), lines
    routes = [line for line in lines if not line.startswith("mnist")]
    assert all(line.endswith("-> 200 [1, 0]") for line in routes), routes
    assert "-> 200 {'digit': 7," in next(line for line in lines if line.startswith("mnist"))


def test_production_refuses_register_and_unregister(walk):
    out = walk.through("register_refused.sh").raw
    body, status = reply_and_status(out.rsplit("\n", 2)[0] + "\n")
    assert status == "HTTP 405" and body["type"] == "MethodNotAllowedException"
    assert out.splitlines()[-1] == "DELETE /models/greedy_time: HTTP 405"
    assert [m["modelName"] for m in walk.get("management", "/models").json()["models"]] == \
        ["greedy_distance", "greedy_time", "mnist", "pointer_net"]


# --- bad input, on the production server before the page stops it --------------------------
ROUTE_MODELS = ("greedy_time", "greedy_distance", "pointer_net")
MODELS = (*ROUTE_MODELS, "mnist")
TIMEOUT = 30  # a hang fails the case instead of the whole run
DEFAULT_MAX_REQUEST_SIZE = 6553500  # TorchServe's, bytes, when the config sets none
GOOD_ROUTE = (SNIPPETS / "greedy-time" / "request.json").read_bytes()
DIGIT = (SNIPPETS / "quickstart" / "digits" / "7.png").read_bytes()


def image(size=(28, 28), mode="L", fmt="PNG", color=128) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, fmt)
    return buf.getvalue()


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
def production(walk):
    """The page's production server: the four models loaded at start, one worker each."""
    ensure(walk, "register_refused.sh")
    return walk


@pytest.fixture(scope="module")
def in_process(production):
    """Each model's handler loaded in-process from the very .mar the server loaded."""
    handlers = {}

    def reply(model: str, body: bytes, content_type: str | None):
        if model not in handlers:
            unpacked = unpack_archive(production.clone / "model_store" / f"{model}.mar",
                                      production.root / "in_process" / model)
            handlers[model] = load_handler(unpacked)
        request = http_json(raw=body) if content_type is None else http_raw(body, content_type)
        replies, codes = call(handlers[model], [request])
        return codes[0], replies[0]

    return reply


def pids(walk, model: str) -> list[int]:
    return sorted(w["pid"] for m in walk.get("management", f"/models/{model}").json() for w in m["workers"])


def predict(walk, model: str, body: bytes, content_type: str | None) -> requests.Response:
    return walk.post("inference", f"/predictions/{model}", data=body, timeout=TIMEOUT,
                     headers={"Content-Type": content_type or "application/json"})


def good_request(model: str) -> tuple[bytes, str | None]:
    return (DIGIT, RAW) if model == "mnist" else (GOOD_ROUTE, None)


def check_refused(walk, in_process, model, body, expected, content_type) -> None:
    body = body.encode() if isinstance(body, str) else body
    before = pids(walk, model)
    r = predict(walk, model, body, content_type)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    reply = r.json()
    assert isinstance(reply, dict) and reply.get("code") == r.status_code, reply
    expected = (expected,) if isinstance(expected, str) else expected
    assert any(e in reply["message"] for e in expected), reply
    assert (r.status_code, reply) == in_process(model, body, content_type), "not what the handler says"
    assert pids(walk, model) == before, "the worker was replaced"
    good, ctype = good_request(model)
    after = predict(walk, model, good, ctype)
    assert after.status_code == 200, after.text
    assert (200, after.json()) == in_process(model, good, ctype)


@pytest.mark.parametrize("model", ROUTE_MODELS)
@pytest.mark.parametrize("body, expected, content_type", ROUTE_CASES)
def test_route_bad_input(production, in_process, model, body, expected, content_type):
    check_refused(production, in_process, model, body, expected, content_type)


@pytest.mark.parametrize("body, expected, content_type", MNIST_CASES)
def test_mnist_bad_input(production, in_process, body, expected, content_type):
    check_refused(production, in_process, "mnist", body, expected, content_type)


@pytest.mark.parametrize("name", ODD_IMAGES)
def test_mnist_odd_but_valid_image_is_predicted(production, in_process, name):
    r = predict(production, "mnist", ODD_IMAGES[name], RAW)
    assert r.status_code == 200, r.text
    assert (200, r.json()) == in_process("mnist", ODD_IMAGES[name], RAW)


@pytest.mark.parametrize("model", MODELS)
def test_body_over_max_request_size(production, in_process, model):
    """The frontend refuses it before any worker sees it: 413, worker untouched."""
    limit = int(read_properties(SEC / "config.production.properties")
                .get("max_request_size", DEFAULT_MAX_REQUEST_SIZE))
    body = route(feature=[ROW] * (limit // len(json.dumps(ROW)) + 10)).encode()
    assert len(body) > limit
    before = pids(production, model)
    r = predict(production, model, body, None)
    assert r.status_code == 413, (r.status_code, r.text[:300])
    assert pids(production, model) == before
    good, ctype = good_request(model)
    after = predict(production, model, good, ctype)
    assert after.status_code == 200 and (200, after.json()) == in_process(model, good, ctype)


def test_the_rest_of_the_page(walk):
    walk.finish()
    assert walk.results[-1].command == "bash snippets/setup/stop.sh"
    assert not (walk.clone / "key_file.json").exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(walk.url("inference") + "/ping", timeout=5)
