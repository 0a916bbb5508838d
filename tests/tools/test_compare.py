"""tools/compare in small (1 worker, 1 connection, a second per cell): every server answers with the
same reply, wrk checks every reply, each server's client ceiling is measured; never its timings.
Then the committed run is checked to compare like with like, and the pages' words are rendered
from altered results, so each conclusion follows the data."""
from __future__ import annotations

import copy
import json
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tools.compare import verdicts
from tsharness import ledger, wrk
from tsharness.paths import PYTHON, REPO, venv_env

SERVERS = {"torchserve", "litserve", "fastapi"}


@pytest.fixture(scope="module")
def quick(java, tmp_path_factory):
    if not wrk.available():
        pytest.fail("wrk is not installed (tools/setup.sh)")
    out = tmp_path_factory.mktemp("compare")
    proc = subprocess.run([str(PYTHON), "tools/compare/compare.py", "--quick", "--out", str(out / "results.json"),
                           "--plot", str(out / "compare.svg")],
                          cwd=REPO, env=ledger.child_env(venv_env()), capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, f"compare.py --quick exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return out


def test_every_server_answered_the_same(quick):
    report = json.loads((quick / "results.json").read_text())
    assert report["same_reply"] is True and report["same_answer"] is True
    assert {c["server"] for c in report["cells"]} == SERVERS
    for c in report["cells"]:
        assert c["ok"] > 0 and c["bad_status"] == c["wrong_body"] == c["socket_errors"] == 0, c
    assert {(c["server"], c["target"]) for c in report["cells"] if c["target"] != "greedy_time"} == {
        ("torchserve", "ping"), ("litserve", "health"), ("fastapi", "health")}
    assert all(p["ms_per_request"] > 0 for p in report["in_process"])
    ET.parse(quick / "compare.svg")  # a well-formed SVG


def test_the_page_renders_from_the_quick_run(quick):
    report = json.loads((quick / "results.json").read_text())
    for lg in ("zh", "en"):
        for part in verdicts.PARTS:
            assert verdicts.render(part, report, lg)


# --- the committed run: like with like ------------------------------------------------------------
def committed() -> dict:
    return verdicts.load(REPO / "tools" / "compare" / "results.json")


def test_the_committed_run_compares_like_with_like():
    report = committed()
    assert report["meta"]["client"] == "wrk" and report["same_reply"]
    keys = set(verdicts.series(report))
    conns = {k: [c["clients"] for c in cells] for k, cells in verdicts.series(report).items()}
    assert len(set(map(tuple, conns.values()))) == 1, "every row at the same connection counts"
    assert {1, 8, 32} <= set(next(iter(conns.values())))
    for w in (1, 2):
        assert {("torchserve", w, 1), ("torchserve", w, 8), ("litserve", w, 1), ("litserve", w, 8),
                ("fastapi", w, 1)} <= keys
        for server in SERVERS:
            assert verdicts.client_ceiling(report, server, w)["rps"] > 0


def test_committed_ratios_are_the_ones_printed():
    report = committed()
    table = verdicts.render("table", report, "en")
    for (server, w, batch), cells in verdicts.series(report).items():
        x = verdicts.vs_baseline(report, cells[-1])
        row = f"| {verdicts.LABELS[server]} | {w} | {batch} |"
        [line] = [r for r in table.splitlines() if r.startswith(row)]
        assert f"| {x:.2f}× |" in line
    closing = verdicts.render("closing", report, "en")
    x = verdicts.vs_baseline(report, verdicts.cell(report, "torchserve", 2, 8))
    assert f"TorchServe {verdicts.vs_baseline(report, verdicts.cell(report, 'torchserve', 2, 1)):.2f}× unbatched, " \
           f"{x:.2f}× at batch 8" in closing


# --- words from data ------------------------------------------------------------------------------
def scaled(report: dict, factors: dict, workers: int | None = None) -> dict:
    """The report with each server's throughput at the most connections multiplied by its factor."""
    out = copy.deepcopy(report)
    n = verdicts.most(out)
    for c in verdicts.model_cells(out):
        if c["clients"] == n and c["server"] in factors and workers in (None, c["workers"]):
            c["rps"] *= factors[c["server"]]
    return out


def to_fastapi(report: dict, server: str, x: float) -> dict:
    """Every cell of `server` at the most connections set to x times FastAPI with the same workers."""
    out = copy.deepcopy(report)
    for c in verdicts.model_cells(out):
        if c["server"] == server and c["clients"] == verdicts.most(out):
            c["rps"] = x * verdicts.rps(out, "fastapi", c["workers"], 1)
    return out


def test_a_torchserve_ahead_of_fastapi_says_so():
    faster = to_fastapi(committed(), "torchserve", 2.0)
    for lg, said in (("en", "serves 2.00× FastAPI's throughput"), ("zh", "是 FastAPI 的 2.00 倍")):
        text = verdicts.render("closing", faster, lg)
        assert said in text and "`/ping`" not in text


def test_a_torchserve_behind_fastapi_says_where_the_time_goes():
    slower = to_fastapi(committed(), "torchserve", 0.5)
    for c in slower["cells"]:  # a frontend far faster than the model's throughput
        if c["target"] == "ping":
            c["rps"] = 100 * verdicts.rps(slower, "fastapi", 1, 1)
    for lg, words in (("en", "Where the time goes"), ("zh", "时间花在哪里")):
        text = verdicts.render("closing", slower, lg)
        times = "×" if lg == "en" else " 倍"
        assert words in text and f"0.50{times}" in text


def test_the_ceiling_is_reached_only_when_the_data_says_so():
    report = committed()
    assert "reaches" not in verdicts.render("closing", report, "en") or any(
        verdicts.vs_ceiling(report, c[-1]) >= verdicts.REACHED for c in verdicts.series(report).values())
    top = copy.deepcopy(report)
    for c in verdicts.model_cells(top):
        if c["clients"] == verdicts.most(top):
            top_cell = c["server"] == "litserve" and c["batch"] == 8
            c["rps"] = verdicts.in_process(top, c["workers"], 8) if top_cell else 1.0
    assert "LitServe at batch 8, reaches the in-process ceiling of 1 worker (100%)" in \
        verdicts.render("closing", top, "en")
    assert "达到了 1 个 worker 的进程内上限（100%）" in verdicts.render("closing", top, "zh")


def test_a_figure_near_its_client_ceiling_is_marked():
    report = committed()
    near = copy.deepcopy(report)
    c = verdicts.cell(near, "fastapi", 1, 1)
    c["rps"] = verdicts.client_ceiling(near, "fastapi", 1)["rps"] * 0.9
    for lg, words in (("en", "is within a third of that ceiling"), ("zh", "达到这个上限的三分之二以上")):
        assert words in verdicts.render("table", near, lg) and "†" in verdicts.render("table", near, lg)


def test_the_migration_sentence_follows_the_data():
    report = committed()
    ping = verdicts.client_ceiling(report, "torchserve", 0)["rps"]
    text = verdicts.render("frontend", report, "en")
    assert f"`/ping` alone {ping:,.0f} times a second" in text
    limit = copy.deepcopy(report)
    for c in limit["cells"]:
        if c["server"] == "torchserve" and c["target"] == "ping":
            c["rps"] = 1.1 * max(x["rps"] for x in verdicts.model_cells(limit) if x["server"] == "torchserve")
    assert "the frontend's HTTP is the ceiling" in verdicts.render("frontend", limit, "en")
    assert "前端的 HTTP 就是上限" in verdicts.render("frontend", limit, "zh")
