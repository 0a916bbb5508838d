"""The packaging benchmark: a quick run on eager pointer_net, and the page's words following the data."""
from __future__ import annotations

import copy
import json
import subprocess

import pytest

from tools.packaging import plot, report
from tsharness.paths import REPO, venv_env

RESULTS = json.loads((REPO / "tools" / "packaging" / "results.json").read_text())


def test_quick_run_on_eager(tmp_path, java):
    out = tmp_path / "results.json"
    proc = subprocess.run(["bash", "tools/packaging/run.sh", "--quick", "--variants", "pointer_net"],
                          cwd=REPO, capture_output=True, text=True, timeout=600,
                          env=venv_env(PACKAGING_RESULTS=str(out),
                                       PACKAGING_PLOT=str(tmp_path / "plot.svg")))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [(variant, row)] = json.loads(out.read_text())["variants"].items()
    assert variant == "pointer_net" and row["archive_bytes"] > 0
    assert set(row["model_ms"]) == {"1", "8"}
    assert row["served"]["1"]["requests"] == 5 and row["served"]["32"]["requests"] == 64
    assert (tmp_path / "plot.svg").stat().st_size > 0


@pytest.mark.parametrize("lg", ["en", "zh"])
def test_committed_results_render(monkeypatch, lg):
    monkeypatch.setenv("GUIDE_LANG", lg)
    for part in report.PARTS:
        assert report.render(part, RESULTS).strip()
    assert report.render("table", RESULTS).count("\n") == 1 + len(RESULTS["variants"])


def test_words_follow_the_data(monkeypatch):
    monkeypatch.setenv("GUIDE_LANG", "en")
    slow = copy.deepcopy(RESULTS)
    eager = slow["variants"]["pointer_net"]
    for variant, row in slow["variants"].items():
        if variant != "pointer_net":  # every compiled variant 3x eager
            row["model_ms"]["8"] = eager["model_ms"]["8"] * 3
            row["served"]["1"]["p50_ms"] = eager["served"]["1"]["p50_ms"] * 3
    words = report.render("findings", slow)
    assert "3.00× eager's time (about 3×)" in words
    assert words.endswith("At one client no variant is faster than eager.")
    assert "no measurable served gain over eager" in report.render("decision", slow)
    assert "narrower" not in words  # served gaps 3x, as wide as the model's
    diluted = copy.deepcopy(RESULTS)
    eager = diluted["variants"]["pointer_net"]
    eager["model_ms"]["1"], eager["served"]["1"]["p50_ms"] = 2.0, 16.0
    for variant, row in diluted["variants"].items():
        if variant != "pointer_net":  # model twice as fast, served 10% faster
            row["model_ms"]["1"], row["served"]["1"]["p50_ms"] = 1.0, 14.4
    assert ("Every variant's served gap at one client is narrower than its in-process gap at "
            "batch 1: eager's model takes 2.00 ms at batch 1 in process, 12% of its served p50 (16.0 ms). "
            "Most of a served request" in report.render("findings", diluted))
    eager = slow["variants"]["pointer_net"]
    fast = copy.deepcopy(slow)
    fast["variants"]["pointer_net_aoti"]["served"]["1"]["p50_ms"] = eager["served"]["1"]["p50_ms"] / 2
    assert report.render("findings", fast).endswith(
        "At one client the fastest is `pointer_net_aoti`: its p50 is 0.50× eager's.")
    tie = copy.deepcopy(fast)  # script within 10% of AOTI: no single fastest
    tie["variants"]["pointer_net_script"]["served"]["1"]["p50_ms"] = eager["served"]["1"]["p50_ms"] * 0.52
    assert report.render("findings", tie).endswith(
        "At one client `pointer_net_script` (0.52×) and `pointer_net_aoti` (0.50×) are about equally "
        "fast (p50 as a multiple of eager's).")


def test_plot_is_stable(tmp_path):
    a, b = plot.draw(RESULTS, tmp_path / "a.svg"), plot.draw(RESULTS, tmp_path / "b.svg")
    assert a.read_bytes() == b.read_bytes()
    assert (REPO / "docs" / "images" / "packaging-latency.svg").read_bytes() == a.read_bytes()
