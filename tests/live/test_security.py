"""Every claim of the security page, checked against a live TorchServe."""
from __future__ import annotations

import ipaddress
import stat

import psutil
import pytest
import requests

from tests.live_server import (GUIDE_CONFIG, SNIPPETS, TorchServe, check_output,
                               copy_archives, normalise, read_properties, run_snippet)

SEC = SNIPPETS / "security"
PRODUCTION_CONFIG = SEC / "config.production.properties"
REFUSED = "Token Authorization failed. Token either incorrect, expired, or not provided correctly"


def shown(server: TorchServe, snippet, *args, sort=False, **kw) -> str:
    """Run a snippet against `server`; its output as the page shows it."""
    out = normalise(run_snippet(snippet, server, *args, **kw).stdout, server)
    return "".join(sorted(out.splitlines(True))) if sort else out


def is_loopback(ip: str) -> bool:
    addr = ipaddress.ip_address(ip)
    return (getattr(addr, "ipv4_mapped", None) or addr).is_loopback


# --- the guide's config: tokens, allowed_urls, loopback -----------------------------------
def test_management_without_token_is_refused(ts, update_outputs):
    out = shown(ts, SEC / "no_token.sh")
    assert "InvalidKeyException" in out and REFUSED in out and out.endswith("HTTP 400\n")
    check_output(SEC / "no_token.sh", out, update_outputs)


def test_inference_key_does_not_open_management(ts, update_outputs):
    out = shown(ts, SEC / "wrong_key.sh")
    assert "InvalidKeyException" in out and out.endswith("HTTP 400\n")
    check_output(SEC / "wrong_key.sh", out, update_outputs)
    # The same key is accepted where it belongs.
    r = requests.get(f"{ts.inference}/ping", headers=ts.headers("inference"), timeout=10)
    assert r.status_code == 200


def test_key_file_is_private(ts):
    mode = stat.S_IMODE((ts.workdir / "key_file.json").stat().st_mode)
    assert mode == 0o600, oct(mode)


def test_url_outside_allowed_urls_is_refused(ts, update_outputs):
    out = shown(ts, SEC / "outside_url.sh")
    assert "ModelNotFoundException" in out and "does not match any allowed URL(s)" in out
    assert out.endswith("HTTP 404\n")
    check_output(SEC / "outside_url.sh", out, update_outputs)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:{port}.example.com/x.mar",          # allowed prefix, other host
    "http://example.com/?http://127.0.0.1:{port}/x.mar",  # allowed URL inside another one
    "http://127.0.0.1:{port}/x.mar.sh",                   # not a .mar
])
def test_allowed_urls_is_a_whole_match(ts, url):
    url = url.format(port=ts.ports["model_server"])
    r = requests.post(f"{ts.management}/models", params={"url": url},
                      headers=ts.headers("management"), timeout=30)
    assert r.status_code == 404, r.text
    assert "does not match any allowed URL(s)" in r.json()["message"]


def test_metrics_need_no_token(ts, update_outputs):
    out = shown(ts, SEC / "metrics_open.sh")
    assert out == "HTTP 200\n"
    check_output(SEC / "metrics_open.sh", out, update_outputs)


def test_grpc_without_token_is_denied(ts, grpc_stubs, update_outputs):
    snippet = SEC / "grpc_no_token.py"
    out = shown(ts, snippet, env={"GRPC_STUBS": grpc_stubs})
    assert f"no token:        PERMISSION_DENIED - {REFUSED}" in out
    assert "inference token: {   \"status\": \"Healthy\" }" in out
    check_output(snippet, out, update_outputs)


def test_every_socket_is_on_loopback(ts, update_outputs):
    listening = {c.laddr.port: c.laddr.ip for c in psutil.Process(ts.pid).net_connections("inet")
                 if c.status == psutil.CONN_LISTEN}
    apis = {ts.ports[name] for name in
            ("inference", "management", "metrics", "grpc_inference", "grpc_management")}
    assert apis <= set(listening), (apis, listening)
    assert all(is_loopback(ip) for ip in listening.values()), listening
    # The snippet finds the server through TorchServe's pid file, as a reader's shell would.
    out = shown(ts, SEC / "listening.py", sort=True)
    assert out.count("loopback only") == len(listening) and "REACHABLE" not in out
    check_output(SEC / "listening.py", out, update_outputs)


# --- production: the model API off, models loaded at start ------------------------------
def test_production_config_keeps_the_guide_settings():
    guide, prod = read_properties(GUIDE_CONFIG), read_properties(PRODUCTION_CONFIG)
    assert "enable_model_api" not in prod and guide.get("enable_model_api") == "true"
    for k, v in guide.items():
        if k != "enable_model_api":
            assert prod.get(k) == v, k
    assert "disable_token_authorization" not in prod


@pytest.fixture(scope="module")
def production(tmp_path_factory, archives):
    """TorchServe started by start_production.sh with the production config."""
    work = tmp_path_factory.mktemp("production")
    copy_archives(archives, work / "model_store")
    server = TorchServe(work, work / "model_store", config=PRODUCTION_CONFIG,
                        start_script=SEC / "start_production.sh")
    server.start()
    yield server
    server.stop()


def test_production_models_answer(production):
    names = ("greedy_time", "greedy_distance", "pointer_net", "mnist")
    for name in names:  # loaded at start, one worker each: no register call needed
        assert len(production.worker_pids(name)) == 1, name
    route = (SNIPPETS / "requests" / "greedy_time.json").read_text()
    for name in names[:3]:
        r = production.predict(name, route)
        assert r.status_code == 200 and sorted(r.json()) == [0, 1], (name, r.text)
    digit = (SNIPPETS / "digits" / "7.png").read_bytes()
    r = production.predict("mnist", digit, headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 200 and r.json()["digit"] == 7, r.text


def test_production_refuses_register_and_unregister(production, update_outputs):
    out = shown(production, SEC / "register_refused.sh")
    assert "MethodNotAllowedException" in out and out.endswith("HTTP 405\n")
    check_output(SEC / "register_refused.sh", out, update_outputs)
    r = production.unregister("greedy_time")
    assert r.status_code == 405 and r.json()["type"] == "MethodNotAllowedException", r.text
    assert production.predict("greedy_time", {"feature": [[0] * 8], "start": 0}).json() == [0]
