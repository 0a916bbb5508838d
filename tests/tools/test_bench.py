"""`make bench` in small: tools/bench/run.sh --quick, one TorchServe, every dimension once, a second
per cell. Its structure is asserted (the results file, every cell answered, the plots, the page's
parts rendered from it), never its timings."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tsharness import ledger
from tsharness.paths import PYTHON, REPO, venv_env

FIELDS = ["target", "kind", "protocol", "concurrency", "batch_size", "workers", "threads",
          "client", "requests", "errors", "seconds", "rps", "p50_ms", "p99_ms", "mean_ms",
          "ceiling_rps", "client_bound"]


@pytest.fixture(scope="module")
def quick(java, tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    proc = subprocess.run(["bash", "tools/bench/run.sh", "--quick", "--out", str(out),
                           "--images", str(out / "images"), "--duration", "1",
                           "--max-requests", "6", "--warmup", "1"],
                          cwd=REPO, env=ledger.child_env(venv_env()), capture_output=True,
                          text=True, timeout=600)
    print(proc.stdout)
    assert proc.returncode == 0, f"run.sh --quick exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return out, proc.stdout


def test_one_torchserve_for_the_whole_run(quick):
    _, stdout = quick
    assert stdout.count("TorchServe started:") == 1, stdout


def test_every_cell_got_replies(quick):
    out, _ = quick
    report = json.loads((out / "results.json").read_text())
    assert report["failures"] == [], report["failures"]
    assert report["results"]
    for row in report["results"]:
        assert row["errors"] == 0 and row["requests"] > 0, row
        assert 0 < row["p50_ms"] <= row["p99_ms"], row


def test_results_cover_every_dimension(quick):
    out, _ = quick
    report = json.loads((out / "results.json").read_text())
    assert {"date", "machine", "cpu_count", "torchserve", "torch", "quick", "server_threads",
            "duration_per_cell_s", "warmup_requests", "max_batch_delay_ms", "http_client",
            "grpc_client", "load_average_1m_at_start", "busy_cpus_before"} <= set(report["meta"])
    assert report["meta"]["quick"] is True
    rows = report["results"]
    assert all(list(r) == FIELDS for r in rows)
    seen = lambda key: {r[key] for r in rows}
    assert seen("protocol") == {"http", "grpc", "in-process"}
    # The three floors: frontend only, a worker with no model, the model without a server.
    assert seen("kind") == {"frontend", "no-op worker", "model", "in-process handler",
                            "in-process model"}
    assert {1, 8} <= seen("batch_size") and {1, 2} <= seen("workers")
    assert any(c > 1 for c in seen("concurrency"))
    # The server's torch threads and torch's own default (one per core), in-process.
    assert {1, os.cpu_count()} <= seen("threads")


def test_every_server_figure_has_its_clients_ceiling(quick):
    """wrk over HTTP, the gRPC client processes over gRPC; each one's ceiling (its `ping` cell at
    the same concurrency) beside every figure, and a figure within a third of it marked."""
    out, _ = quick
    report = json.loads((out / "results.json").read_text())
    ceilings = {(c["protocol"], c["concurrency"]): c["rps"] for c in report["ceilings"]}
    served = [r for r in report["results"] if r["protocol"] != "in-process"]
    assert {r["client"].split()[0] for r in served} == {"wrk", "grpc.aio"}
    for row in served:
        assert row["ceiling_rps"] == ceilings[(row["protocol"], row["concurrency"])] > 0, row
        assert row["client_bound"] is (row["rps"] >= 2 / 3 * row["ceiling_rps"]), row
    assert all(r["client"] == "in-process" and r["client_bound"] is None
               for r in report["results"] if r["protocol"] == "in-process")


def test_csv_matches_json(quick):
    out, _ = quick
    rows = json.loads((out / "results.json").read_text())["results"]
    with open(out / "results.csv", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == FIELDS
        table = list(reader)
    assert [{k: str(v) for k, v in r.items()} for r in rows] == \
        [{k: ("None" if v == "" else v) for k, v in r.items()} for r in table]


def test_plots_are_svg(quick):
    out, _ = quick
    images = sorted(p.name for p in (out / "images").glob("perf-*.svg"))
    assert images == ["perf-batching.svg", "perf-concurrency.svg", "perf-floors.svg"]
    for name in images:
        assert ET.parse(out / "images" / name).getroot().tag.endswith("svg")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_parts_render_from_a_quick_run(quick, lang):
    """The page's blocks read whatever results they are given; missing cells are left out."""
    out, _ = quick
    proc = subprocess.run([str(PYTHON), "-m", "tsharness.words", "bench", str(out / "results.json")],
                          cwd=REPO, env={**os.environ, "GUIDE_LANG": lang},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "| `ping` |" in proc.stdout and "| `noop` | 1 | 1 |" in proc.stdout
