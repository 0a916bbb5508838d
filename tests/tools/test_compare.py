"""tools/compare in small (one client, a second and a few requests per cell): every server answers
with the same reply and every cell has replies; never its timings. Then the page's words rendered
from altered results, so each conclusion follows the data."""
from __future__ import annotations

import copy
import json
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tools.compare import verdicts
from tsharness import ledger
from tsharness.paths import PYTHON, REPO, venv_env

SERVERS = {"torchserve-http", "torchserve-grpc", "litserve", "fastapi"}


@pytest.fixture(scope="module")
def quick(java, tmp_path_factory):
    out = tmp_path_factory.mktemp("compare")
    proc = subprocess.run([str(PYTHON), "tools/compare/compare.py", "--quick", "--seconds", "1",
                           "--max-requests", "5", "--warmup", "1", "--out", str(out / "results.json"),
                           "--plot", str(out / "compare.svg")],
                          cwd=REPO, env=ledger.child_env(venv_env()), capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, f"compare.py --quick exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return out


def test_every_server_answered_the_same(quick):
    report = json.loads((quick / "results.json").read_text())
    assert report["same_reply"] is True
    assert {c["server"] for c in report["cells"]} == SERVERS
    assert all(c["errors"] == 0 and c["requests"] > 0 for c in report["cells"])
    assert report["in_process_ms"] > 0
    ET.parse(quick / "compare.svg")  # a well-formed SVG


def test_the_page_renders_from_the_quick_run(quick):
    report = json.loads((quick / "results.json").read_text())
    for lg in ("zh", "en"):
        for part in verdicts.PARTS:
            assert verdicts.render(part, report, lg)


# --- words from data ----------------------------------------------------------------
def scaled(report: dict, factors: dict) -> dict:
    """The report with each server's throughput at the most clients multiplied by its factor."""
    out = copy.deepcopy(report)
    n = verdicts.most(out)
    for c in out["cells"]:
        if c["clients"] == n and c["server"] in factors:
            c["rps"] *= factors[c["server"]]
    return out


def committed() -> dict:
    return verdicts.load(REPO / "tools" / "compare" / "results.json")


def test_committed_ratios_are_the_ones_printed():
    report = committed()
    text = verdicts.render("closing", report, "en")
    for server, ratio in verdicts.ratios(report).items():
        assert f"{verdicts.LABELS[server]} {ratio:.2f}×" in text


def test_a_torchserve_above_the_floor_reaches_it():
    report = committed()
    floor = verdicts.rps(report, "fastapi", 1, verdicts.most(report))
    grpc = verdicts.rps(report, "torchserve-grpc", None, verdicts.most(report))
    faster = scaled(report, {"torchserve-grpc": 2 * floor / grpc})
    assert verdicts.ratios(faster)["torchserve-grpc"] == pytest.approx(2.0)
    for lg, said, ratio in (("en", "serves 2.00× FastAPI's throughput", "2.00×"),
                            ("zh", "吞吐量是 FastAPI 的 2.00 倍", "2.00 倍")):
        text = verdicts.render("closing", faster, lg)
        assert said in text and ratio in text and "ping" not in text
        assert "floor" not in text and "下限" not in text


def test_a_torchserve_below_the_floor_says_where_the_time_goes():
    report = committed()
    n = verdicts.most(report)
    floor = verdicts.rps(report, "fastapi", 1, n)
    slower = scaled(report, {s: 0.5 * floor / verdicts.rps(report, s, None, n) for s in verdicts.TS})
    for lg, words in (("en", "Where the time goes"), ("zh", "时间花在哪里")):
        text = verdicts.render("closing", slower, lg)
        times = "×" if lg == "en" else " 倍"
        assert words in text and f"TorchServe HTTP 0.50{times}" in text
        assert f"TorchServe gRPC 0.50{times}" in text
        assert f"{slower['in_process_ms']:.2f} {'ms' if lg == 'en' else '毫秒'}" in text


def test_the_table_follows_the_data():
    report = committed()
    doubled = scaled(report, {"litserve": 2})
    before, after = verdicts.render("table", report, "en"), verdicts.render("table", doubled, "en")
    n = verdicts.most(report)
    row = next(r for r in after.splitlines() if r.startswith("| LitServe | 8 |"))
    assert row.endswith(f"| {verdicts.rps(doubled, 'litserve', 8, n) / verdicts.rps(doubled, 'fastapi', 1, n):.2f}× |")
    assert before != after
