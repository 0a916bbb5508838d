"""The setup page's snippets: the pinned install and the versions it yields."""
from __future__ import annotations

import re
import subprocess

from tests.live_server import REPO, SNIPPETS, check_output, run_snippet

SETUP = SNIPPETS / "setup"


def test_pip_install_uses_the_pinned_requirements():
    script = SETUP / "pip_install.sh"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    assert "-r requirements.txt" in script.read_text()
    pins = dict(re.findall(r"^([\w-]+)==(\S+)$", (REPO / "requirements.txt").read_text(), re.M))
    assert pins["torch"] == "2.13.0"
    assert pins["torchserve"] == pins["torch-model-archiver"] == "0.12.0"


def test_versions(java, update_outputs):
    script = SETUP / "versions.sh"
    out = run_snippet(script).stdout
    assert "torchserve 0.12.0" in out
    check_output(script, out, update_outputs)
