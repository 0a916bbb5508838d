"""tools/tune in small (two baselines and one knob, 8 connections, a second per cell): every variant a
live TorchServe with the guide's config, every reply checked over HTTP and gRPC, the bad values tried
for real; never its timings. Then the committed run is checked to be whole, and the words are rendered
from altered results, so the recommendation and the goals follow the data."""
from __future__ import annotations

import copy
import json
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tools.tune import verdicts
from tsharness import ledger, wrk
from tsharness.paths import PYTHON, REPO, venv_env
from tsharness.server import read_properties


@pytest.fixture(scope="module")
def quick(java, tmp_path_factory):
    if not wrk.available():
        pytest.fail("wrk is not installed (tools/setup.sh)")
    out = tmp_path_factory.mktemp("tune")
    proc = subprocess.run([str(PYTHON), "tools/tune/tune.py", "--quick", "--out", str(out / "results.json"),
                           "--plot", str(out / "tune.svg")],
                          cwd=REPO, env=ledger.child_env(venv_env()), capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, f"tune.py --quick exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    ET.parse(out / "tune.svg")  # a well-formed SVG
    return json.loads((out / "results.json").read_text())


def every_reply_checked(c: dict) -> None:
    """Each reply counted once as right, wrong status or wrong body (gRPC counts calls without a reply
    among its requests too); a right one is the expected body, byte for byte."""
    replies = c["ok"] + c["bad_status"] + c["wrong_body"]
    assert replies in (c["requests"], c["requests"] - c["socket_errors"]), c
    assert c["failed"] == c["bad_status"] + c["wrong_body"] + c["socket_errors"], c


def test_each_variant_is_measured_over_both_protocols(quick):
    names = [v["name"] for v in quick["variants"]]
    assert names[0] == "baseline-a" and names[-1] == "baseline-b" and len(names) >= 3
    for v in quick["variants"]:
        assert {(c["protocol"], c["connections"]) for c in v["cells"]} == {("http", 8), ("grpc", 8)}, v["name"]
        for c in v["cells"]:
            every_reply_checked(c)
            assert c["ok"] > 0 and c["failed"] == 0, (v["name"], c)
        assert v["access_log_lines"] > 0  # the guide's config logs every request
        assert verdicts.event_loops(v)["http"] >= 1
    assert {(c["protocol"], c["connections"]) for c in quick["ceilings"]} == {("http", 8), ("grpc", 8)}
    assert all(c["rps"] > 0 for c in quick["ceilings"])
    assert [f["workers"] for f in quick["fastapi"]] == [1] and quick["fastapi"][0]["cells"][0]["ok"] > 0
    assert {p["batch"] for p in quick["in_process"]} == {1, 8}


def test_number_of_netty_threads_sets_the_http_threads(quick):
    """0 leaves the group to Netty's default (twice the cores); 1 is one thread."""
    one = next(v for v in quick["variants"] if v["setting"] == "number_of_netty_threads=1")
    assert verdicts.event_loops(one)["http"] == 1
    assert verdicts.event_loops(quick["variants"][0])["http"] == 2 * quick["meta"]["cores_used"]


def test_bad_values_are_tried_live(quick):
    bad = {b["name"]: b for b in quick["bad_values"]}
    assert not bad["netty-negative"]["started"] and not bad["netty-negative"]["jvm_running"]
    assert any("nThreads: -1" in m for m in bad["netty-negative"]["messages"])
    assert not bad["vmargs-garbage"]["started"]
    assert any("Invalid maximum heap size" in m for m in bad["vmargs-garbage"]["messages"])
    # torchserve --start says nothing of either: it only launches the JVM.
    assert bad["netty-negative"]["torchserve_start_exit"] == bad["vmargs-garbage"]["torchserve_start_exit"] == 0


def test_the_words_render_from_the_quick_run(quick):
    for lg in ("zh", "en"):
        for part in verdicts.PARTS:
            assert verdicts.render(part, quick, lg)


# --- words from data ------------------------------------------------------------------------------
def with_knob(report: dict, factor: float) -> dict:
    """The report with the baselines in agreement (a quick run's 1 s cells can differ by 100% on a
    busy machine, which would put any knob within the noise) and the first knob's throughput set to
    `factor` times their mean."""
    out = copy.deepcopy(report)
    knob = verdicts.knobs(out)[0]
    for p in verdicts.PROTOCOLS:
        mean = verdicts.base_rps(out, p)
        for b in verdicts.baselines(out):
            verdicts.cell(b, p, verdicts.at(out))["rps"] = mean
        verdicts.cell(knob, p, verdicts.at(out))["rps"] = factor * mean
    # A run measures together what its own data recommend: keep that true of the altered report.
    out["recommended"]["variants"] = verdicts.recommended(out)
    return out


def test_a_knob_that_beats_the_noise_is_recommended(quick):
    knob = verdicts.knobs(quick)[0]["setting"]
    better = with_knob(quick, 3.0)
    assert verdicts.recommended(better) == [verdicts.knobs(better)[0]["name"]]
    text = verdicts.render("recommendation", better, "en")
    assert f"Better than the baseline: `{knob}` (HTTP +200%, gRPC +200%)" in text
    zh = "比基线好的设置有 `" + knob + "`（HTTP +200%，gRPC +200%）"
    assert zh in verdicts.render("recommendation", better, "zh")


def test_a_knob_within_the_noise_is_not(quick):
    level = with_knob(quick, 1.0)
    assert verdicts.recommended(level) == []
    assert "Within the noise: `" in verdicts.render("recommendation", level, "en")
    worse = with_knob(quick, 0.2)
    assert "Worse than the baseline: `" in verdicts.render("recommendation", worse, "en")
    assert "No setting beats the noise" in verdicts.render("recommendation", worse, "en")


def test_the_goals_follow_the_data(quick):
    report = copy.deepcopy(quick)
    n, rec = verdicts.at(report), report["recommended"]
    fast = verdicts.fastapi_rps(report, rec["workers"])
    verdicts.cell(rec, "http", n)["rps"] = 1.2 * fast
    verdicts.cell(rec, "grpc", n)["rps"] = 1.2 * fast
    text = verdicts.render("goals", report, "en")
    assert "Over HTTP it serves 1.20× FastAPI, which meets the goal" in text
    assert "Over gRPC it serves 1.20× FastAPI (HTTP), short of the goal of 1.5×" in text
    assert "HTTP 是 FastAPI 的 1.20 倍" in verdicts.render("goals", report, "zh")


# --- the committed run ----------------------------------------------------------------------------
def committed() -> dict:
    return verdicts.load(verdicts.RESULTS)


def test_the_committed_run_is_whole():
    report = committed()
    assert not report["meta"]["quick"] and report["meta"]["connections"] == [1, 8, 32, 128]
    knobs = {v["knob"] for v in verdicts.knobs(report)}
    assert knobs == {"number_of_netty_threads", "netty_client_threads", "job_queue_size", "async_logging",
                     "access_log", "vmargs", "OMP_NUM_THREADS", "workers"}
    assert len(verdicts.baselines(report)) == 2
    for v in report["variants"]:
        assert {(c["protocol"], c["connections"]) for c in v["cells"]} == {
            (p, n) for p in ("http", "grpc") for n in (1, 8, 32, 128)}, v["name"]
        for c in v["cells"]:
            every_reply_checked(c)
    assert {b["name"] for b in report["bad_values"]} == {"netty-negative", "queue-zero", "vmargs-garbage"}
    assert report["meta"]["load_average_at_start"] is not None and report["meta"]["load_average_at_end"] is not None


def test_the_committed_recommendation_is_the_one_measured_and_applied():
    report = committed()
    assert report["recommended"]["variants"] == verdicts.recommended(report)
    production = read_properties(verdicts.PRODUCTION)
    for name in report["recommended"]["variants"]:
        v = next(v for v in report["variants"] if v["name"] == name)
        if v["knob"] in verdicts.CONFIG_KNOBS:
            key, value = v["setting"].split("=", 1)
            assert production.get(key) == value, f"{v['setting']} is recommended but not in {verdicts.PRODUCTION}"
