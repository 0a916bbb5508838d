"""Each benchmark's description says other work was running when it began, and only then: judged by
the CPUs busy just before the run (its own clients push the load average up as it goes)."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time

import pytest

from tools.compare import verdicts as compare
from tools.packaging import report as packaging
from tools.sweep import verdict as sweep
from tsharness.paths import REPO
from tsharness.stats import busy_cpus

# tool: (its run description from a report, where the figures live, the cores' key, the warning)
TOOLS = {
    "sweep": (lambda r: sweep.render("verdict", r, "en"), "meta", "cpu_count",
              "Other work was running when it began"),
    "compare": (lambda r: compare.render("run", r, "en"), "meta", "cpus", "(other work was running)"),
    "packaging": (lambda r: packaging.render("run", r), "setup", "cpus",
                  "Just before the run, other work kept 1.5 of the 2 cores busy"),
}


@pytest.mark.parametrize("tool", TOOLS)
def test_other_work_is_said_only_when_there_was_some(monkeypatch, tool):
    monkeypatch.setenv("GUIDE_LANG", "en")
    describe, part, cores, warning = TOOLS[tool]
    committed = json.loads((REPO / "tools" / tool / "results.json").read_text())
    for busy, said in ((0.1, False), (1.5, True)):
        report = copy.deepcopy(committed)
        report[part].update({cores: 2, "busy_cpus_at_start": busy})
        for key in report[part]:
            if key.startswith("load_average"):
                report[part][key] = 3.0  # a run's own load: not other work
        assert (warning in describe(report)) is said


def test_busy_cpus_sees_a_busy_core():
    spin = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        assert 0.7 <= busy_cpus(0.5) <= os.cpu_count()
    finally:
        spin.kill()
        spin.wait()
