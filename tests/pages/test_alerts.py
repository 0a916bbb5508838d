"""The alerts page, walked as a reader does: a handler-side latency histogram scraped by a real
Prometheus, p50/p95/p99 from histogram_quantile next to the client's from one load run, the
millisecond mistake; alert rules checked and unit-tested by promtool (each alert firing and
silent), two broken rules files; the key renewal script against the live TorchServe, its systemd
units verified and its ExecStart and cron line run as written; one alert firing live."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import time

import pytest
import requests
import yaml

from tsharness import ledger
from tsharness.needs import require
from tsharness.paths import REPO, SNIPPETS

PAGE = "alerts"
ALERTS = SNIPPETS / "alerts"
PROMETHEUS_PORT = 9090
EDGES = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0]


@pytest.fixture(scope="module", autouse=True)
def tools_installed():
    require("prometheus", "The alerts page")
    require("promtool", "The alerts page")


def prometheus(walk) -> str:
    return f"http://127.0.0.1:{walk.ports[PROMETHEUS_PORT]}"


def query(walk, expr: str) -> list:
    return requests.get(prometheus(walk) + "/api/v1/query", params={"query": expr}, timeout=10).json()[
        "data"]["result"]


def quantile(q: float, cumulative: dict[str, float]) -> float:
    """histogram_quantile over exact bucket counts: linear inside the bucket, as Prometheus does."""
    edges = sorted((float(le), n) for le, n in cumulative.items() if le != "+Inf")
    rank, lower, below = q * cumulative["+Inf"], 0.0, 0.0
    for edge, n in edges:
        if n >= rank:
            return lower + (edge - lower) * (rank - below) / (n - below)
        lower, below = edge, n
    return edges[-1][0]


def bucket(seconds: float) -> int:
    """Which of the default buckets a latency falls in (0: the first, len(EDGES): +Inf)."""
    return next((i for i, edge in enumerate(EDGES) if seconds <= edge + 1e-9), len(EDGES))


# --- before you start ------------------------------------------------------------------------
def test_start_torchserve_and_prometheus(walk):
    assert "Initial Models: pointer_latency=pointer_latency.mar" in walk.through("alerts/start.sh").text
    lines = walk.through("alerts/prometheus.sh").text.splitlines()
    assert lines[0] == "Prometheus on http://127.0.0.1:9090, key-renewal file on http://127.0.0.1:9100"
    assert lines[1] == ("7 alert rules loaded: TorchServeDown, ModelNotServing, Many5xx, P99LatencyHigh, "
                        "QueueWaitHigh, MemoryNearLimit, KeyRenewalLate")
    # The walk's copy of the rules: only the for: durations differ.
    fast = (walk.clone / "logs" / "alerts-rules.yml").read_text()
    assert set(re.findall(r"for: (\S+)", fast)) == {"5s"}
    assert re.sub(r"for: \S+", "", fast) == re.sub(r"for: \S+", "", (ALERTS / "rules.yml").read_text())


# --- p99 -------------------------------------------------------------------------------------
def test_p99_from_one_run(walk, update_outputs):
    lines = walk.through("latency_run.py").text.splitlines()
    assert lines[0] == "150 routes of 2 to 25 tasks to pointer_latency, one at a time: HTTP 200 x150"
    produced = walk.clone / "snippets" / "alerts" / "latency.json"
    r = json.loads(produced.read_text())
    seconds, millis = r["route_latency_seconds"], r["route_latency_ms"]
    # Every request of the run, and only those, in both histograms.
    assert seconds["+Inf"] == millis["+Inf"] == r["requests"] == 150
    assert [float(le) for le in seconds if le != "+Inf"] == EDGES or \
        sorted(float(le) for le in seconds if le != "+Inf") == EDGES, "the Java client's default buckets"
    # Prometheus's answer is histogram_quantile over the run's buckets (rate() extrapolates a little).
    for q in ("0.5", "0.95", "0.99"):
        exact = quantile(float(q), seconds)
        # rate() extrapolates each bucket's series to the window's edges by its own factor (a few
        # per cent apart), so the answer moves inside its bucket; it may only cross into the next
        # one when the rank lies within 5% of the requests of the count at the edge between them.
        total = seconds["+Inf"]
        at_edge = {float(le): n for le, n in seconds.items() if le != "+Inf"}
        allowed = {bucket(exact)} | {i + d for i, e in enumerate(EDGES) for d in (0, 1)
                                     if abs(at_edge[e] - float(q) * total) <= 0.05 * total}
        assert bucket(r["prometheus"][q]) in allowed, (q, r["prometheus"][q], exact)
    assert r["prometheus"]["0.5"] <= r["prometheus"]["0.95"] <= r["prometheus"]["0.99"]
    # The handler's time is part of the client's: its mean is smaller.
    assert 0 < r["prometheus_mean"] < r["client_mean"]
    assert r["cpus"] == os.cpu_count() and r["load"] >= 0
    # In milliseconds: the quantile is the largest finite edge whenever p99 is past it.
    if millis["+Inf"] - millis["10.0"] > 0.01 * millis["+Inf"]:
        assert r["ms"]["p99"] == 10.0
    if update_outputs:
        shutil.copy(produced, ALERTS / "latency.json")


def test_p99_blocks_render_in_both_languages():
    for lang in ("zh", "en"):
        proc = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-m", "tsharness.words", "alerts"],
                              cwd=REPO, capture_output=True, text=True,
                              env={**os.environ, "GUIDE_LANG": lang},
                              timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert "| p99 |" in proc.stdout and "+Inf" in proc.stdout
        # The page's blocks: each section of blocks.py, as markdown-exec runs it.
        code = (ALERTS / "blocks.py").read_text()
        proc = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-c", code], cwd=REPO,
                              capture_output=True, text=True, timeout=60,
                              env={**os.environ, "GUIDE_LANG": lang, "PYTHONPATH": str(REPO)})
        assert proc.returncode == 0, proc.stderr
    ledger.ran(ALERTS / "blocks.py")
    ledger.ran(ALERTS / "report.py")


# --- rules -----------------------------------------------------------------------------------
def test_rules_pass_promtool(walk):
    assert walk.through("promtool check rules snippets/alerts/rules.yml").text == (
        "Checking snippets/alerts/rules.yml\n  SUCCESS: 7 rules found\n\n")


def test_no_worker(walk):
    lines = walk.through("no_worker.py").text.splitlines()
    assert lines[1:4] == ["request 1: HTTP 503 ServiceUnavailableException",
                          "request 2: HTTP 503 ServiceUnavailableException",
                          "request 3: HTTP 503 ServiceUnavailableException"]
    assert lines[4:7] == ["ts_inference_requests_total: +3", "Requests5XX: +3",
                          "route_latency_seconds_count: +0"]
    assert lines[7] == "scale back to 1 worker: HTTP 200 Workers scaled to 1 for model: pointer_latency"


def test_rules_pass_their_unit_tests(walk):
    assert walk.through("promtool test rules").text == (
        "Unit Testing:  snippets/alerts/rules_test.yml\n  SUCCESS\n\n")


def test_every_alert_has_a_firing_and_a_silent_test():
    alerts = [r["alert"] for g in yaml.safe_load((ALERTS / "rules.yml").read_text())["groups"]
              for r in g["rules"]]
    cases = [c for t in yaml.safe_load((ALERTS / "rules_test.yml").read_text())["tests"]
             for c in t["alert_rule_test"]]
    for alert in alerts:
        mine = [c for c in cases if c["alertname"] == alert]
        assert any(c["exp_alerts"] for c in mine), f"{alert}: no firing case"
        assert any(not c["exp_alerts"] for c in mine), f"{alert}: no silent case"


def test_broken_rules_files(walk):
    walk.expect_failure("bad_syntax.yml")
    walk.expect_failure("bad_promql.yml")
    result = walk.through("bad_syntax.yml")
    assert result.rc == 1 and "yaml: line 5: did not find expected '-' indicator" in result.text
    result = walk.through("bad_promql.yml")
    assert result.rc == 1 and 'expected type range vector in call to function "rate"' in result.text


# --- keys without a human ----------------------------------------------------------------------
def renewed(walk) -> dict:
    series = query(walk, "torchserve_key_renewed_timestamp_seconds")
    return {s["metric"]["key"]: float(s["value"][1]) for s in series}


def test_renewal_script_against_the_live_torchserve(walk):
    old = walk.key("inference")
    assert walk.through("renew_keys.py").text.splitlines() == [
        "inference key: HTTP 200", "management key: HTTP 200",
        "logs/textfile/key_renewal.prom: inference, management"]
    new = walk.key("inference")
    assert new != old
    ping = walk.url("inference") + "/ping"
    assert requests.get(ping, headers={"Authorization": f"Bearer {old}"}, timeout=10).status_code == 400
    assert requests.get(ping, headers={"Authorization": f"Bearer {new}"}, timeout=10).status_code == 200
    # Prometheus scraped what the script wrote; the renewal alert is not firing.
    deadline = time.monotonic() + 15
    while set(renewed(walk)) != {"inference", "management"} and time.monotonic() < deadline:
        time.sleep(0.5)
    assert abs(renewed(walk)["inference"] - time.time()) < 60


def test_units_verify_and_run_as_written(walk):
    assert walk.through("verify_units.sh").text == "systemd-analyze verify: exit 0\n"
    # The service's command, in its working directory and environment (here: the walk's clone).
    unit = dict(line.split("=", 1) for line in (ALERTS / "torchserve-renew-keys.service").read_text()
                .splitlines() if "=" in line and not line.startswith("#"))
    environment = dict(pair.split("=", 1) for pair in shlex.split(unit["Environment"]))
    assert unit["WorkingDirectory"] == "/srv/torchserve"
    before = walk.key("inference")
    proc = subprocess.run(shlex.split(unit["ExecStart"]), cwd=walk.clone, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", **environment}, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert walk.key("inference") != before
    # The cron line: its command, with the guide's folder for /srv/torchserve.
    cron = (ALERTS / "renew_keys.cron").read_text().splitlines()
    [line] = [entry for entry in cron if entry and entry[0] != "#"]
    command = line.split(None, 5)[5].replace("/srv/torchserve", str(walk.clone))
    before = walk.key("inference")
    proc = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert walk.key("inference") != before
    assert "inference key: HTTP 200" in (walk.clone / "logs" / "renew_keys.log").read_text()
    for f in ("torchserve-renew-keys.service", "torchserve-renew-keys.timer", "renew_keys.cron"):
        ledger.ran(ALERTS / f)


# --- an alert, live ----------------------------------------------------------------------------
def test_torchserve_down_fires(walk):
    walk.through("snippets/setup/stop.sh")
    [alert] = json.loads(walk.through("firing.py TorchServeDown").text)
    assert alert["state"] == "firing" and alert["labels"] == {
        "alertname": "TorchServeDown", "instance": "127.0.0.1:8082", "job": "torchserve", "severity": "page"}


def test_stop_leaves_nothing_running(walk):
    data = (walk.clone / "logs" / "prometheus-alerts.data").read_text().strip()
    pids = [int((walk.clone / "logs" / f).read_text()) for f in ("prometheus-alerts.pid", "textfile.pid")]
    assert walk.through("stop_prometheus.sh").text == (
        "Prometheus and the file server have stopped; Prometheus's data is deleted.\n")
    assert not os.path.exists(data)
    assert not list((walk.clone / "logs").glob("*.pid"))
    assert not (walk.clone / "logs" / "alerts-rules.yml").exists()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_the_rest_of_the_page(walk):
    walk.finish()
