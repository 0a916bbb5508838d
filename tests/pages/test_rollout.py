"""The rollout page, walked as a reader does: a new version under load in the right order (0 failed)
and in the wrong one, the mistakes' replies, two TorchServe instances behind nginx (retries, stale
keys, a drain-first rolling restart under load, config errors caught by nginx -t), everything stopped."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
from pathlib import Path

import psutil
import pytest

from tsharness import ledger
from tsharness.needs import require
from tsharness.paths import REPO, SNIPPETS

PAGE = "rollout"
ROLLOUT = SNIPPETS / "rollout"


@pytest.fixture(scope="module", autouse=True)
def nginx_installed(tmp_path_factory):
    require("nginx", "The rollout page")
    yield
    # After the walk (set up before it, so torn down after it): nginx writes its process title over
    # its environment, so the walk cannot tell it started it. When the page did not get as far as
    # nginx_stop.sh, stop every nginx master running from this session's walk clone of the page.
    base = tmp_path_factory.getbasetemp().resolve()
    masters = []
    for p in psutil.process_iter(["name"]):
        try:
            cwd = Path(p.cwd())
            if p.info["name"] == "nginx" and cwd.is_relative_to(base) and "walk-rollout" in str(cwd) \
                    and p.parent().name() != "nginx":
                masters.append(p)
        except psutil.Error:
            continue
    for p in masters:
        p.terminate()
    psutil.wait_procs(masters, timeout=10)


def port_free(walk, guide_port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", walk.ports[guide_port])) != 0


def test_instance_a_starts_in_its_own_folder(walk):
    out = walk.through("instance.sh start a").text
    assert out == 'a: http://127.0.0.1:8080 {"status":"Healthy"}, keys in rollout/a/key_file.json\n'
    key_file = walk.clone / "rollout" / "a" / "key_file.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert (walk.clone / "rollout" / "a" / "tmp" / ".model_server.pid").exists()


def test_the_mistakes_replies(walk):
    out = walk.through("clash.sh").text
    assert "ERROR - model_store/greedy_time.mar already exists." in out
    assert '"message": "Model version 1.0 is already registered for model greedy_time"' in out
    assert '"code": 409' in out and '"code": 404' in out
    assert '"message": "Model version 3.0 does not exist for model greedy_time"' in out


def test_the_right_order_fails_nothing(walk):
    lines = walk.through("switch.py right").text.splitlines()
    assert lines[-1] == "failed: 0 (every reply checked)"
    assert "    canary /predictions/greedy_time/2.0 -> 2.0 | /1.0 -> 1.0" in lines
    assert any(line.startswith("unregister 1.0 (too soon) HTTP 403") for line in lines)
    i = next(i for i, line in enumerate(lines) if line.startswith("set-default 2.0"))
    assert lines[i + 1] == "    every client got: 1.0, then 2.0"


def test_the_wrong_order_fails_every_request_in_the_gap(walk):
    walk.through("instance.sh stop a")
    walk.through("instance.sh start a")
    lines = walk.through("switch.py wrong").text.splitlines()
    assert lines[1] == "    16 clients x 10 requests: HTTP 404 x160"
    assert lines[3] == "    16 clients x 10 requests: HTTP 503 x160"
    assert lines[5] == "    16 clients x 10 requests: 2.0 x160"
    assert lines[-1] == "failed: 320"



def test_scaling_workers_under_load(walk, update_outputs):
    lines = walk.through("scale.py").text.splitlines()
    produced = walk.clone / "snippets" / "rollout" / "scale.json"
    if update_outputs:
        shutil.copy(produced, ROLLOUT / "scale.json")
    assert lines[0] == "1 worker(s) ready, held 6 s under load" and lines[1].startswith("scale to 3: HTTP 200 ")
    assert lines[-1] == "16 clients, every reply checked; counts in snippets/rollout/scale.json"
    r = json.loads(produced.read_text())
    assert [p["workers"] for p in r["phases"]] == [1, 3, 1]
    assert r["outcomes"].get("2.0", 0) + r["failed"] == r["sent"] > 1000, "every answer 2.0's, or a failure"
    assert sum(sum(f.values()) for f in r["failures"].values()) == r["failed"]
    # Only TorchServe 0.12's scale-down race is resent (the page says why), and the resend worked.
    assert set(r["scale_resent"]) <= {"ConcurrentModificationException"}
    assert lines[3].startswith("scale to 1: HTTP 200 "), lines


def test_the_scaling_figures_render_in_both_languages():
    for lang in ("zh", "en"):
        code = (ROLLOUT / "scale_blocks.py").read_text()
        proc = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-c", code], cwd=REPO,
                              capture_output=True, text=True, timeout=60,
                              env={**os.environ, "GUIDE_LANG": lang, "PYTHONPATH": str(REPO)})
        assert proc.returncode == 0, proc.stderr
        assert ("请求/秒" if lang == "zh" else "req/s") in proc.stdout
    ledger.ran(ROLLOUT / "scale_blocks.py")
    ledger.ran(ROLLOUT / "scale_report.py")

def test_two_instances_behind_nginx(walk):
    walk.through("instance.sh stop a")
    walk.through("instance.sh start a")
    assert "b: http://127.0.0.1:8180" in walk.through("instance.sh start b").text
    keys = {n: walk.key("inference", f"rollout/{n}/key_file.json") for n in "ab"}
    assert keys["a"] != keys["b"], "each instance writes keys of its own"
    assert walk.through("nginx.sh start").text.endswith("nginx start: listening on 127.0.0.1:8200\n")
    conf = walk.clone / "rollout" / "nginx" / "nginx.conf"
    assert stat.S_IMODE(conf.stat().st_mode) == 0o600
    text = conf.read_text()
    assert not re.search(r"@[A-Z_]+@", text.split("worker_processes", 1)[1]), "every @NAME@ filled in"
    assert keys["a"] in text and keys["b"] in text
    ledger.ran(ROLLOUT / "nginx.conf.in")
    assert walk.through("probe.py").text == "10 POSTs through nginx: 1.0 x10\n"


def test_a_stopped_instance_and_proxy_next_upstream(walk):
    walk.through("instance.sh stop a")
    assert walk.through("probe.py").text == "10 POSTs through nginx: 1.0 x10\n"
    walk.through("nginx.sh reload 'a b' 'error timeout http_502 http_503'")
    assert walk.through("probe.py").text == "10 POSTs through nginx: 1.0 x5, HTTP 502 x5\n"


def test_a_restarted_instance_needs_nginx_reloaded(walk):
    walk.through("nginx.sh reload")
    walk.through("instance.sh start a")
    assert walk.through("probe.py").text == "10 POSTs through nginx: 1.0 x5, HTTP 400 x5\n"
    walk.through("nginx.sh reload")
    assert walk.through("probe.py").text == "10 POSTs through nginx: 1.0 x10\n"


def test_the_rolling_restart_fails_nothing(walk):
    out = walk.through("rolling.py").text
    assert out.splitlines()[-1] == "16 clients through nginx, every reply checked: failed 0"
    counts = json.loads((walk.clone / "rollout" / "rolling.json").read_text())
    assert counts["outcomes"] == {"1.0": counts["sent"]} and counts["sent"] > 100


def test_nginx_t_catches_config_errors(walk):
    walk.expect_failure("nginx.sh reload 'a b' 'error timeout non_idempotnet'")
    walk.expect_failure("nginx.sh reload ''")
    out = walk.through("non_idempotnet").text
    assert 'nginx: [emerg] invalid value "non_idempotnet" in rollout/nginx/nginx.conf.new:30' in out
    out = walk.through("nginx.sh reload ''").text
    assert "nginx: [emerg] no servers are inside upstream in rollout/nginx/nginx.conf.new:20" in out
    assert walk.results[-1].rc != 0
    assert walk.through("probe.py").text == "10 POSTs through nginx: 1.0 x10\n"


def test_everything_stops(walk):
    assert walk.through("nginx_stop.sh").text == "nginx: stopped, 8200 free\n"
    assert not (walk.clone / "rollout" / "nginx" / "logs" / "nginx.pid").exists()
    assert port_free(walk, 8200)
    walk.through("instance.sh stop a")
    assert walk.through("instance.sh stop b").text == "b: stopped, 8180 free\n"
    assert port_free(walk, 8080) and port_free(walk, 8180)



def test_the_kubernetes_manifest_validates_and_a_typo_does_not(walk):
    walk.expect_failure("k8s_bad.yaml")
    out = walk.through("k8s.yaml").text
    for resource in ("configmap/greedy-time-config", "deployment/greedy-time", "service/greedy-time"):
        assert f"INFO snippets/rollout/k8s.yaml passed for resource {resource} against version 1.37" in out
    assert walk.results[-1].rc == 0
    out = walk.through("k8s_bad.yaml").text
    assert "spec.replicas: 'two' is not of type 'integer'" in out
    assert walk.results[-1].rc != 0

def test_the_rest_of_the_page(walk):
    walk.finish()
