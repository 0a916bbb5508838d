"""Pages' build-time blocks (markdown-exec) rendered outside the site build: to preview them, and
for the tests that render them from altered results."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tsharness.paths import PYTHON, REPO


def preview_setup(results_variable: str) -> None:
    """`python tools/<job>/blocks.py [results.json]`: run at the repo root, as the site build does,
    on another run's results if given."""
    os.chdir(REPO)
    sys.path.insert(0, str(REPO))
    if len(sys.argv) > 1:
        os.environ[results_variable] = os.path.abspath(sys.argv[1])


def render(blocks: str, report: dict, lang: str, folder: Path) -> str:
    """What `blocks` (a tools/<job>/blocks.py) prints in `lang` from `report`."""
    f = Path(folder) / f"results-{lang}.json"
    f.write_text(json.dumps(report))
    proc = subprocess.run([str(PYTHON), blocks, str(f)], cwd=REPO,
                          env={**os.environ, "GUIDE_LANG": lang}, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout
