"""The Rollout page's long run (`make rollout-bench`): a quick run proves the job samples the JVM's and
each worker's RSS and counts every reply; the page's memory figures and the manifest's resources come
from the committed results file."""
from __future__ import annotations

import copy
import json
import os
import re
import subprocess

import pytest

from tools.rollout import longrun, report
from tsharness import ledger
from tsharness.paths import PYTHON, REPO, venv_env

RESULTS = json.loads((REPO / "tools" / "rollout" / "results.json").read_text())


def test_rss_is_read_from_proc():
    assert longrun.rss_mb(os.getpid()) > 10
    assert longrun.rss_mb(2 ** 22 + 1) is None


def test_quick_run_samples_rss_and_counts_replies(tmp_path, java):
    out = tmp_path / "results.json"
    proc = subprocess.run(["bash", "tools/rollout/run.sh", "--requests", "200", "--segment", "1"],
                          cwd=REPO, capture_output=True, text=True, timeout=600,
                          env=ledger.child_env(venv_env(ROLLOUT_RESULTS=str(out),
                                                        ROLLOUT_PLOT=str(tmp_path / "plot.svg"))))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    r = json.loads(out.read_text())
    default, xmx = r["runs"]
    assert xmx["vmargs"] == f"-Xmx{r['xmx_mb']}m" and xmx["max_heap_mb"] == r["xmx_mb"], "-Xmx reached the JVM"
    assert default["max_heap_mb"] > r["xmx_mb"]
    for run in r["runs"]:
        assert run["requests"] >= 200 and run["ok"] == run["requests"] and run["failed"] == 0
        assert sum(s["ok"] for s in run["segments"]) == run["ok"], "every segment's replies counted"
        counts = [p["requests"] for p in run["points"]]
        assert counts[0] == 0 and counts == sorted(counts) and counts[-1] == run["requests"]
        assert run["samples"], "sampled while the load ran"
        for s in run["samples"] + run["points"]:
            assert s["jvm_mb"] > 50 and len(s["workers_mb"]) == run["workers"] == 2
            assert all(w > 50 for w in s["workers_mb"])
        assert all(p["heap_used_mb"] > 0 for p in run["points"])
    assert (tmp_path / "plot.svg").stat().st_size > 0
    for lg in ("zh", "en"):
        for part in report.PARTS:
            assert report.render(part, r, lg).strip()


def test_the_committed_run_is_long_and_checked():
    assert len(RESULTS["runs"]) == 2 and RESULTS["target_requests"] >= 50_000
    for run in RESULTS["runs"]:
        assert run["requests"] >= 50_000 and run["ok"] + run["failed"] >= run["requests"]
    assert (REPO / "docs" / "images" / "rollout-memory.svg").exists()


@pytest.mark.parametrize("lg", ["zh", "en"])
def test_the_page_figures_come_from_the_results(lg):
    f = report.figures(RESULTS)
    text = report.render("memory", RESULTS, lg)
    assert f"{f['jvm_growth']:.1f}" in text and f"{f['worker_growth']:.1f}" in text
    assert f"{RESULTS['runs'][0]['requests']:,}" in text
    page = (REPO / "docs" / ("rollout.md" if lg == "zh" else "rollout.en.md")).read_text()
    for part in report.PARTS:
        assert f'--8<-- "tools/rollout/blocks.py:{part}"' in page
    assert "images/rollout-memory.svg" in page


def test_the_manifest_uses_the_measured_memory():
    k = report.k8s_memory(RESULTS)
    manifest = (REPO / "snippets" / "rollout" / "k8s.yaml").read_text()
    assert re.search(rf"requests:\n\s+cpu: \"1\"\n\s+memory: {k['request']}Mi\n", manifest), k
    assert re.search(rf"limits:\n\s+memory: {k['limit']}Mi\n", manifest), k
    assert f"vmargs=-Xmx{RESULTS['xmx_mb']}m" in manifest


def test_the_words_follow_the_data():
    grown = copy.deepcopy(RESULTS)
    run = grown["runs"][0]
    for p in run["points"]:
        p["jvm_mb"] += p["requests"] / 10_000 * 50
    assert "did not grow" not in report.render("memory", grown, "en")
    assert "grew" in report.render("memory", grown, "en")
    flat = copy.deepcopy(RESULTS)
    for run in flat["runs"]:
        for p in run["points"]:
            p["jvm_mb"], p["workers_mb"] = 200.0, [250.0] * run["workers"]
    assert "did not grow" in report.render("memory", flat, "en")
    failed = copy.deepcopy(RESULTS)
    failed["runs"][1].update(failed=3, first_bad="HTTP 503")
    assert "3 requests failed" in report.render("memory", failed, "en")
    assert "3 个请求失败" in report.render("memory", failed, "zh")


@pytest.mark.parametrize("lg", ["zh", "en"])
def test_the_page_blocks_render(lg):
    code = (REPO / "tools" / "rollout" / "blocks.py").read_text()
    proc = subprocess.run([str(PYTHON), "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env=ledger.child_env({**os.environ, "GUIDE_LANG": lg, "PYTHONPATH": str(REPO)}))
    assert proc.returncode == 0, proc.stderr
    assert ("个请求" if lg == "zh" else "requests") in proc.stdout
    ledger.ran(REPO / "tools" / "rollout" / "blocks.py")
