"""`make load` and `make faults` in small: the scripts' own code on one scratch TorchServe, a few
hundred requests each. Only behaviour is asserted (nothing lost, nothing wrong, the killed worker's
model back with a new PID), never timings. And the stored results the pages show: each .out is the
report of the figures stored next to it."""
from __future__ import annotations

import json

import pytest

from tools.load import fault_run, load_run, loadgen
from tsharness.capture import check_output
from tsharness.paths import REPO

SMALL = ["--requests", "300", "--concurrency", "8"]
STORED = loadgen.OUTPUTS


@pytest.fixture(scope="module")
def served(java, tmp_path_factory):
    """The request pool and one TorchServe serving the guide's models, batching on."""
    with loadgen.loaded_server(loadgen.MODELS, tmp_path_factory.mktemp("load")) as (pool, server):
        yield pool, server


def run(script, served, tmp_path, capsys) -> dict:
    pool, server = served
    figures_file = tmp_path / "figures.json"
    figures = script.run(server, pool, script.options([*SMALL, "--summary", str(figures_file)]))
    assert json.loads(figures_file.read_text()) == figures
    report = capsys.readouterr().out
    assert report == (loadgen.load_report if script is load_run else loadgen.fault_report)(figures)
    print(report)
    return figures


def test_load_run_loses_nothing(served, tmp_path, capsys):
    f = run(load_run, served, tmp_path, capsys)
    assert f["requests"] == 300 and f["concurrency"] == 8
    assert f["lost"] == 0 and f["wrong"] == 0 and f["workers_replaced"] == 0, f
    # Both kinds were sent and answered as the handlers answer them in-process.
    assert f["by_status"].get("200", 0) > 0 and f["by_status"].get("400", 0) > 0, f
    assert set(f["by_status"]) == {"200", "400"}, f
    assert loadgen.load_passed(f)


def test_fault_run_recovers(served, tmp_path, capsys):
    pool, server = served
    old = set(server.worker_pids("pointer_net"))
    others = {m: server.worker_pids(m) for m in loadgen.MODELS if m != "pointer_net"}
    f = run(fault_run, served, tmp_path, capsys)
    assert f["worker_replaced"], f
    new = set(server.worker_pids("pointer_net"))
    assert new and not new & old, (old, new)
    assert {m: server.worker_pids(m) for m in others} == others, "another model's worker changed"
    # Only requests to the killed worker's model may fail, and each of them gets a reply.
    assert f["lost"] == 0 and f["failed_other_models"] == 0, f
    assert all(x["model"] == "pointer_net" and int(x["status"]) >= 500 for x in f["failures"]), f
    assert f["after_recovery"] == 2 * len(pool) and f["after_recovery_wrong"] == 0, f
    assert loadgen.fault_passed(f)


@pytest.mark.parametrize("out", STORED)
def test_stored_output_is_the_report_of_the_stored_figures(out):
    figures_file, report, passed = STORED[out]
    figures = json.loads((REPO / figures_file).read_text())
    check_output(REPO / out, report(figures), update=False)
    assert passed(figures), f"the stored run failed: {figures_file}"
