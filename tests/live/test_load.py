"""Smoke versions of `make load` and `make faults`: only behavioural counts, never timings."""
from __future__ import annotations

import json

import pytest

from tests.live_server import SNIPPETS, run_snippet

LOAD = SNIPPETS / "load"
SMOKE = ("--requests", "300", "--concurrency", "8")


def run(snippet: str, tmp_path, *args: str) -> dict:
    summary = tmp_path / "summary.json"
    proc = run_snippet(LOAD / snippet, None, *SMOKE, *args, "--summary", str(summary),
                       timeout=600, check=False)
    assert summary.exists(), f"{snippet} did not finish:\n{proc.stdout}\n{proc.stderr}"
    figures = json.loads(summary.read_text())
    figures["exit"] = proc.returncode
    print(proc.stdout)
    return figures


def test_load_run_loses_nothing(java, tmp_path):
    f = run("load_run.py", tmp_path)
    assert f["requests"] == 300
    assert f["lost"] == 0 and f["wrong"] == 0 and f["workers_replaced"] == 0, f
    # Both kinds were sent and answered as the handlers answer them in-process.
    assert f["by_status"].get("200", 0) > 0 and f["by_status"].get("400", 0) > 0, f
    assert set(f["by_status"]) <= {"200", "400"}, f
    assert f["exit"] == 0


def test_fault_run_recovers(java, tmp_path):
    f = run("fault_run.py", tmp_path)
    assert f["worker_replaced"], f
    assert f["after_recovery"] > 0 and f["after_recovery_wrong"] == 0, f
    # Only requests to the killed worker's model may fail, and each of them gets a reply.
    assert f["failed_other_models"] == 0 and f["lost"] == 0, f
    assert f["exit"] == 0
