"""The batching sweep: a two-cell run against a real TorchServe (the shape of its results: wrk,
every reply checked, the client's ceiling recorded and each row's client_bound computed from it),
and the Model config page's recommendation, rendered from the committed results and from altered
copies."""
from __future__ import annotations

import copy
import json
import subprocess

from tools.sweep import sweep, verdict
from tsharness import ledger, words, wrk
from tsharness.paths import REPO, venv_env

COMMITTED = verdict.load(REPO / "tools" / "sweep" / "results.json")


def test_two_cells(tmp_path, java):
    """`make sweep` in small: tools/sweep/run.sh --quick, two cells at 2 clients and no baseline."""
    proc = subprocess.run(["bash", "tools/sweep/run.sh", "--quick", "--out", str(tmp_path),
                           "--images", str(tmp_path)],
                          cwd=REPO, env=ledger.child_env(venv_env()), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, f"run.sh exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    report = json.loads((tmp_path / "results.json").read_text())
    rows = report["results"]
    assert [(r["model"], r["batch_size"], r["max_batch_delay_ms"], r["workers"], r["clients"])
            for r in rows] == [("pointer_net", 1, 5, 1, 2), ("pointer_net", 4, 5, 1, 2)]
    assert report["meta"]["client"].startswith("wrk ")
    [ceiling] = report["ceilings"]
    assert ceiling["clients"] == 2 and ceiling["rps"] > 0 and ceiling["ok"] == ceiling["requests"]
    for r in rows:
        assert set(sweep.FIELDS) <= set(r) and r["client"] == "wrk", r
        # every reply was checked by wrk's script (status and exact body), and every one was right
        assert r["requests"] > 0 and r["ok"] == r["requests"] and r["errors"] == 0, r
        assert r["rps"] > 0 and 0 < r["p50_ms"] <= r["p99_ms"]
        assert r["ceiling_rps"] == ceiling["rps"]
        assert r["client_bound"] is wrk.client_bound(r["rps"], ceiling["rps"])
    assert (tmp_path / "results.csv").read_text().splitlines()[0] == ",".join(sweep.FIELDS)
    assert (tmp_path / "sweep-throughput.svg").stat().st_size > 0


def test_committed_results_cover_the_sweep():
    rows = [r for r in COMMITTED["results"] if r["model"] == "pointer_net"]
    cells = {(r["batch_size"], r["max_batch_delay_ms"], r["workers"], r["clients"]) for r in rows}
    assert len(cells) == len(rows) == 4 * 3 * 2 * 3
    noop = [r for r in COMMITTED["results"] if r["model"] == "noop"]
    assert {r["clients"] for r in noop} == {1, 8, 32}
    # The floor at batch size 1, and again with the batching that served pointer_net best.
    assert {verdict.config(r) for r in noop} >= {verdict.config(verdict.best(COMMITTED))}
    assert not any(r["errors"] for r in COMMITTED["results"])


def test_committed_results_come_from_wrk_with_its_ceiling():
    """Every figure is wrk's, every reply checked; the ceiling at each client count is recorded and
    each row's client_bound is computed from it."""
    assert COMMITTED["meta"]["client"].startswith("wrk ")
    ceiling = {c["clients"]: c["rps"] for c in COMMITTED["ceilings"]}
    assert set(ceiling) == {r["clients"] for r in COMMITTED["results"]} == {1, 8, 32}
    for r in COMMITTED["results"]:
        assert r["client"] == "wrk" and r["ok"] == r["requests"] > 0, r
        assert r["ceiling_rps"] == ceiling[r["clients"]]
        assert r["client_bound"] is wrk.client_bound(r["rps"], r["ceiling_rps"])


def page_blocks(report: dict, lang: str, tmp_path) -> str:
    """What the page's blocks print, rendered in a fresh process as the site build runs them."""
    return words.preview("sweep", report, lang, tmp_path)


def test_recommendation_is_the_data_s_best(tmp_path):
    top = max((r for r in COMMITTED["results"] if r["model"] == "pointer_net" and r["clients"] == 32),
              key=lambda r: r["rps"])
    b, d, w = verdict.config(top)
    assert f"**batchSize {b}, maxBatchDelay {d} ms, workers {w}**" in page_blocks(COMMITTED, "en", tmp_path)
    zh = "**batchSize " + str(b) + "、maxBatchDelay " + str(d) + " 毫秒、" + str(w) + " 个 worker**"
    assert zh in page_blocks(COMMITTED, "zh", tmp_path)


def test_recommendation_follows_altered_results(tmp_path):
    report = copy.deepcopy(COMMITTED)
    [cell] = [r for r in report["results"] if r["model"] == "pointer_net" and r["clients"] == 32
              and verdict.config(r) == (16, 1, 1)]
    single = verdict.best(report, batch_size=1)
    cell["rps"] = verdict.best(report)["rps"] + 1000  # now the best, by far
    noop_single, noop_same = verdict.floors(report)
    noop = noop_same or noop_single
    out = page_blocks(report, "en", tmp_path)
    assert "**batchSize 16, maxBatchDelay 1 ms, workers 1**" in out
    assert f"{cell['rps'] / single['rps']:.1f}× the best configuration with batchSize 1" in out
    assert f"reached {cell['rps'] / noop['rps']:.0%} of" in out
    assert "| **16** | **1** | **1** |" in out


def test_client_bound_figures_are_marked(tmp_path):
    """A figure within a third of the client's ceiling gets the mark and the sentence; none, the
    sentence that the table measures the server."""
    report = copy.deepcopy(COMMITTED)
    for r in report["results"]:
        r["rps"] = min(r["rps"], r["ceiling_rps"] * 0.5)
    out = page_blocks(report, "en", tmp_path)
    assert "†" not in out and "the table measures the server, not the client" in out
    assert "所以测到的是服务器" in page_blocks(report, "zh", tmp_path)
    [cell] = [r for r in report["results"] if r["model"] == "pointer_net" and r["clients"] == 1
              and verdict.config(r) == (1, 1, 1)]
    cell["rps"] = cell["ceiling_rps"] * 0.9
    out = page_blocks(report, "en", tmp_path)
    assert f"| 1 | 1 | 1 | {cell['rps']:,.0f}† |" in out and "the table marks it †" in out
    assert "表里用 † 标出" in page_blocks(report, "zh", tmp_path)


def test_the_no_op_handler_is_never_called_a_floor(tmp_path):
    """The words compare the best configuration with the no-op handler as the data says: more,
    about the same or less, and say what the no-op measures."""
    report = copy.deepcopy(COMMITTED)
    _noop_single, noop_same = verdict.floors(report)
    top = verdict.best(report)
    for share, en in ((1.3, "more than the no-op handler served"),
                      (1.0, "about what the no-op handler served"),
                      (0.6, "the rest is the model's own cost")):
        noop_same["rps"] = top["rps"] / share
        out = page_blocks(report, "en", tmp_path)
        assert en in out and "floor" not in out and "server's own cost per request" in out
        assert "下限" not in page_blocks(report, "zh", tmp_path)
