"""The operations page, walked as a reader does: keys (where, health check, renewal under load),
metrics scraped by a real Prometheus and queried through its API, a typo in the metrics yaml,
TorchServe's own TLS with an expiring key, KServe's v1 envelope and a crash."""
from __future__ import annotations

import json
import stat
import subprocess

import pytest
import requests

from tsharness import ledger
from tsharness.needs import require
from tsharness.paths import PYTHON, REPO, SNIPPETS

PAGE = "operations"
OPS = SNIPPETS / "operations"
PROMETHEUS_PORT = 9090
REFUSED = "Token Authorization failed. Token either incorrect, expired, or not provided correctly"


@pytest.fixture(scope="module", autouse=True)
def prometheus_installed():
    require("prometheus", "The operations page")


def prometheus(walk) -> str:
    return f"http://127.0.0.1:{walk.ports[PROMETHEUS_PORT]}"


def figures(text: str) -> dict[str, str]:
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in text.splitlines())}


# --- keys ------------------------------------------------------------------------------------
def test_start(walk):
    out = walk.through("operations/start.sh").text
    assert "Initial Models: greedy_time=greedy_time.mar,routes=routes.mar" in out
    assert "Model API enabled: false" in out


def test_key_file(walk):
    lines = walk.through("key_file.py").text.splitlines()
    assert lines[0] == "./key_file.json  mode 600"
    assert [line.split()[0] for line in lines[1:]] == ["management", "inference", "API"]
    assert lines[-1].endswith("expires never")
    assert stat.S_IMODE((walk.clone / "key_file.json").stat().st_mode) == 0o600


def test_health_check_needs_the_inference_key(walk):
    assert walk.through("health.sh").text.splitlines() == [
        "/ping, no key:        HTTP 400", "/ping, inference key: HTTP 200"]


def test_client_reads_its_key(walk):
    assert walk.through("predict_route.py greedy_time").text == "200 [1, 0]\n"


def test_renewal_under_load_loses_nothing(walk):
    out = walk.through("renew_under_load.py").text
    f = figures(out)
    assert f["renewal with the inference key"] == "HTTP 400"
    assert out.splitlines()[1] == ("2 clients x 140 requests; inference key renewed 5 times with "
                                   "the API key: HTTP 200")
    assert f["answered right"] == "280 of 280"
    assert f["refused with the old key and resent"].startswith("10 ")
    assert f["failed with a valid key"] == "0"
    # the key in the file is the one TorchServe takes now; the API key never changed
    assert walk.get("inference", "/ping").status_code == 200


# --- metrics ---------------------------------------------------------------------------------
def test_prometheus_scrapes_torchserve(walk):
    out = walk.through("prometheus.sh").text
    assert out == "Prometheus on http://127.0.0.1:9090\n", out
    assert walk.through("send_routes.py").text.splitlines() == [
        "20 routes (80 tasks): HTTP 200 x20", "4 bad requests: HTTP 400 x4"]
    out = walk.through("promql.py").text
    assert out.splitlines()[1] == '  {model_name="routes",model_version="default"} 24', out
    assert '  {Reason="body"} 1' in out and '  {Reason="feature"} 2' in out and '  {Reason="start"} 1' in out
    assert out.count("\n  {} 1\n") == 2 and "\n  {} 4\n" in out, out
    # Prometheus itself: the target is up, bound to loopback, the rate is positive.
    reply = requests.get(prometheus(walk) + "/api/v1/targets", timeout=10).json()
    [target] = reply["data"]["activeTargets"]
    assert target["health"] == "up" and target["scrapeUrl"] == walk.url("metrics") + "/metrics"


def test_prometheus_graph_screenshot(walk, tmp_path, update_outputs):
    require("chromium", "The Prometheus screenshot")
    out = (REPO / "docs" / "images" / "prometheus-graph.png") if update_outputs else tmp_path / "g.png"
    # Its own process: a session's other browser tests may hold Playwright's loop in this one.
    proc = subprocess.run([str(PYTHON), "tools/prometheus_screenshot.py", prometheus(walk), str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000


def test_stop_deletes_the_key_file(walk):
    walk.through("snippets/setup/stop.sh")
    assert walk.through("key_file.py key_file.json").text == "./key_file.json: no such file\n"


def test_metrics_yaml_typo_is_silent(walk):
    lines = walk.through("metrics_typo.sh").text.splitlines()
    assert lines[0] == "200 [1, 0]"
    assert lines[2:4] == ["# HELP RouteTask Torchserve prometheus counter metric with unit: Count",
                          "# TYPE RouteTask counter"]
    assert not any(line.startswith("RouteTask") for line in lines), "no value for the misspelt metric"
    assert lines[-1] == "[METRICS]RouteTasks.Count:2"


# --- TLS -------------------------------------------------------------------------------------
def test_tls(walk):
    out = walk.through("make_cert.sh").text
    assert "IP Address:127.0.0.1" in out
    assert stat.S_IMODE((walk.clone / "tls" / "server.key").stat().st_mode) == 0o600
    assert "Inference address: https://127.0.0.1:8080" in walk.through("start_tls.sh").text
    parts = walk.through("tls_calls.sh").text.split("== ")[1:]
    trusted, system, plain, other = (p.split("\n", 1)[1] for p in parts)
    assert json.loads(trusted) == {"status": "Healthy"}
    assert "curl: (60)" in system and "(curl exit 60)" in system
    assert "This TorchServe instance only accepts HTTPS requests" in plain
    assert "curl: (60)" in other
    # TorchServe's TLS: version 1.2 only, ECDHE with an RSA key only (ConfigManager.getSslContext).
    offer = dict(line.split(": ", 1) for line in walk.through("tls_offer.sh").text.splitlines())
    assert offer["-tls1_3"] == "refused"
    # Unasked, it picks the first of its two ciphers: CBC with SHA-1.
    assert offer["-tls1_2"] == "TLSv1.2 ECDHE-RSA-AES128-SHA"
    assert offer["-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256"] == "TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256"
    assert offer["-tls1_2 -cipher ECDHE-RSA-AES128-SHA"] == "TLSv1.2 ECDHE-RSA-AES128-SHA"
    assert offer["-tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384"] == "refused"
    assert offer["-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256"] == "refused"


def test_expired_key(walk):
    lines = walk.through("expired.sh").text.splitlines()
    assert lines[1:] == ["/ping, expired key:        HTTP 400", "renew with the API key:    HTTP 200",
                         "/ping, renewed key:        HTTP 200"]


def test_https_without_a_key_ends_the_start(walk):
    out = walk.through("tls_nokey.sh").text.splitlines()
    assert out[:3] == ["torchserve --start: exit code 0", "key_file.json written: yes",
                       "frontend still running: no"]
    assert out[3].startswith("java.security.cert.CertificateException: No provider succeeded to "
                             "generate a self-signed certificate")
    assert "org/bouncycastle/jce/provider/BouncyCastleProvider" in out[5]


# --- KServe ----------------------------------------------------------------------------------
def test_kserve_v1(walk):
    walk.through("start_kserve.sh")
    out = walk.through("kserve_calls.py").text.splitlines()
    replies = [line.split("-> ", 1)[1] for line in out if "-> " in line]
    assert replies[0] == '200 {"predictions": [[1, 0], [0, 1]]}'
    assert replies[1].startswith("400 {\"predictions\": [") and "body: empty request" in replies[1]
    assert replies[2].startswith("503 ") and replies[3].startswith("503 ")


def test_kserve_v1_envelope_breaks_a_batch(walk):
    lines = walk.through("kserve_batch.py").text.splitlines()
    # One batch of 4: the envelope reads the first request only, so 1 reply for 4 requests.
    assert [line.split(": ", 1)[1] for line in lines[:4]] == [
        '503 {"code": 503, "type": "InternalServerException", '
        '"message": "number of batch response mismatched"}'] * 4
    assert lines[4] == 'alone:            200 {"predictions": [[1, 0]]}'


def test_kserve_v2(walk):
    walk.through("snippets/setup/stop.sh")
    assert "Initial Models: routes=routes.mar" in walk.through("start_kserve.sh kservev2").text
    out = walk.through("kserve_calls.py v2").raw.splitlines()  # raw: the page hides the "id"s
    replies = [line.split("-> ", 1)[1] for line in out if "-> " in line]
    status, body = replies[0].split(" ", 1)
    body = json.loads(body)
    assert status == "200" and body["id"] == "r1"
    assert [(o["name"], o["data"]) for o in body["outputs"]] == [("a", [1, 0]), ("b", [0, 1])]
    status, body = replies[1].split(" ", 1)
    assert status == "400" and "got array" in json.loads(body)["outputs"][0]["data"][0]["message"]
    assert replies[2].startswith("503 ")


def test_crash_leaves_the_key_file(walk):
    out = walk.through("crash.sh").text
    assert "./key_file.json  mode 600" in out
    assert "TorchServe is not currently running." in out
    assert (walk.clone / "key_file.json").exists()


def test_kserve_layout_and_inferenceservice(walk):
    assert walk.through("kserve_layout.sh").text.split() == [
        "kserve/routes/config/config.properties", "kserve/routes/model-store/routes.mar"]
    import yaml
    isvc = yaml.safe_load((OPS / "inferenceservice.yaml").read_text())
    ledger.ran(OPS / "inferenceservice.yaml")
    model = isvc["spec"]["predictor"]["model"]
    assert isvc["kind"] == "InferenceService" and model["modelFormat"]["name"] == "pytorch"
    props = dict(line.split("=", 1) for line in (OPS / "kserve.config.properties").read_text()
                 .splitlines() if "=" in line and not line.startswith("#"))
    snapshot = json.loads(props["model_snapshot"])
    assert snapshot["models"]["routes"]["1.0"]["marName"] == "routes.mar"



def test_kserve_v1_envelope_reads_the_first_request_only():
    """The page's source note for kserve_batch.py: parse_input keeps data_list[0]."""
    import inspect

    from ts.torch_handler.request_envelope.kserve import KServeEnvelope

    assert "data = self._data_list[0]" in inspect.getsource(KServeEnvelope.parse_input)
