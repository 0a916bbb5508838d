"""The benchmark, tiny: every dimension once against a real TorchServe; structure, not speed.

tools/bench/run.sh --quick starts its own TorchServe, so this runs it as a reader would
and checks what it writes: results.json/.csv, the plots, and the page's tables from them.
Timings are printed by the benchmark, never asserted here.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tests.live_server import REPO, SNIPPETS, run_snippet

BENCH = SNIPPETS / "bench"
FIELDS = ["target", "kind", "protocol", "concurrency", "batch_size", "workers", "threads",
          "requests", "errors", "seconds", "rps", "p50_ms", "p99_ms", "mean_ms"]

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def quick_run(archives, tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    # run.sh is the command the page shows (`make bench` runs it with the full matrix).
    proc = run_snippet(BENCH / "run.sh", None, "--quick", "--out", str(out),
                       "--images", str(out / "images"), "--duration", "1",
                       "--max-requests", "6", "--warmup", "1",
                       env={"MODEL_STORE": str(archives)}, cwd=REPO, timeout=600)
    print(proc.stdout)
    return out, proc.stdout


def test_every_request_succeeded(quick_run):
    out, _ = quick_run
    report = json.loads((out / "results.json").read_text())
    assert report["failures"] == [], report["failures"]
    assert report["results"]
    for row in report["results"]:
        assert row["errors"] == 0, row
        assert row["requests"] > 0 and row["p50_ms"] is not None, row


def test_results_cover_every_dimension(quick_run):
    out, _ = quick_run
    report = json.loads((out / "results.json").read_text())
    assert {"date", "machine", "cpu_count", "torchserve", "torch", "quick"} <= set(report["meta"])
    assert report["meta"]["quick"] is True
    rows = report["results"]
    assert all(list(r) == FIELDS for r in rows)
    seen = lambda key: {r[key] for r in rows}  # noqa: E731
    assert {"http", "grpc", "in-process"} <= seen("protocol")
    # The three floors: frontend only, a worker with no model, the model without a server.
    assert {"frontend", "no-op worker", "model", "in-process handler", "in-process model"} \
        <= seen("kind")
    assert {1, 8} <= seen("batch_size") and {1, 2} <= seen("workers")
    assert any(c > 1 for c in seen("concurrency"))
    # The server's torch threads (1 by default) and torch's own default, in-process.
    assert {1, os.cpu_count()} <= seen("threads")


def test_csv_matches_json(quick_run):
    out, _ = quick_run
    rows = json.loads((out / "results.json").read_text())["results"]
    with open(out / "results.csv", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == FIELDS
        table = list(reader)
    assert [(r["target"], r["protocol"], r["kind"]) for r in table] == \
        [(r["target"], r["protocol"], r["kind"]) for r in rows]


def test_plots_are_svg(quick_run):
    out, _ = quick_run
    images = sorted(p.name for p in (out / "images").glob("perf-*.svg"))
    assert images == ["perf-batching.svg", "perf-concurrency.svg", "perf-floors.svg"]
    for name in images:
        root = ET.parse(out / "images" / name).getroot()
        assert root.tag.endswith("svg")


def test_page_tables_render_from_results(quick_run):
    """tools/bench/table.py (run by the Performance page) reads the results it is given."""
    out, _ = quick_run
    proc = subprocess.run([str(REPO / ".venv/bin/python"), str(BENCH / "table.py"),
                           str(out / "results.json")], capture_output=True, text=True, check=True)
    goals, conditions, results, threads = proc.stdout.strip().split("\n\n")
    assert goals.startswith("| measure | goal | measured |")
    assert "`greedy_time` p50 ÷ `noop` p50 (HTTP, c=1)" in goals
    assert "client and server on the same machine" in conditions
    assert "| `ping` |" in results and "| `noop` | 1 | 1 |" in results
    assert threads.startswith("| target | torch threads |") and "| `greedy_time` | 1 |" in threads


def test_committed_results_render():
    """The committed results (shown on the page) have the same structure."""
    report = json.loads((BENCH / "results.json").read_text())
    assert all(list(r) == FIELDS for r in report["results"])
    assert all(r["errors"] == 0 for r in report["results"])
    proc = subprocess.run([str(REPO / ".venv/bin/python"), str(BENCH / "table.py")], cwd=REPO,
                          capture_output=True, text=True, check=True)
    assert "| `pointer_net` | 8 | 1 |" in proc.stdout
