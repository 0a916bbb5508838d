"""Proof that a shown file ran: every file a test or a page walk ran, imported, sourced or archived,
and every captured output it compared.

In-process: `ran(path)`, `compared(path)`, `archived(mar)`. Child processes (the walks' shells,
scripts, TorchServe's workers, the site build) append to the file named by $TSHARNESS_LEDGER:
Python through ledger_site/sitecustomize.py (the script and every module it imported; found through
PYTHONPATH, and run by the venv's guide-repo.pth when a command sets its own PYTHONPATH), bash through
ledger_site/bash_env.sh (BASH_ENV: the script and every file it sources). A file inside a .mar counts
as run when its bytes equal a repository file's.

A test run may span several processes (pytest-xdist): each keeps its ledger and, at its end, saves
what it saw (`save`) in the run's folder $TSHARNESS_RUN; the process that judges reads them all
(`saved`).
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tsharness.paths import REPO

SITE = Path(__file__).resolve().parent / "ledger_site"
RAN: set[str] = set()
COMPARED: set[str] = set()
ROOTS: list[Path] = [REPO]          # page walks add their clones: paths below count as repo paths
_ledger_file: Path | None = None
_hashes: dict[str, str] | None = None


def relative(path: str | Path) -> str | None:
    p = Path(os.path.abspath(path))
    for root in ROOTS:
        try:
            return p.relative_to(root).as_posix()
        except ValueError:
            continue
    return None


def ran(path: str | Path) -> None:
    if (rel := relative(path)) is not None:
        RAN.add(rel)


def compared(path: str | Path) -> None:
    if (rel := relative(path)) is not None:
        COMPARED.add(rel)


def tracked_hashes() -> dict[str, str]:
    global _hashes
    if _hashes is None:
        files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                               check=True).stdout.splitlines()
        _hashes = {}
        for f in files:
            p = REPO / f
            if p.is_file() and p.stat().st_size < 20_000_000:
                _hashes.setdefault(hashlib.sha256(p.read_bytes()).hexdigest(), f)
    return _hashes


def archived(mar: str | Path) -> None:
    """Count every file packed into `mar` (a zip, or a no-archive folder) that is a repo file."""
    hashes = tracked_hashes()
    mar = Path(mar)
    if mar.is_dir():
        blobs = (p.read_bytes() for p in mar.rglob("*") if p.is_file())
    else:
        with zipfile.ZipFile(mar) as z:
            blobs = [z.read(n) for n in z.namelist() if not n.endswith("/")]
    for blob in blobs:
        if (f := hashes.get(hashlib.sha256(blob).hexdigest())) is not None:
            RAN.add(f)


def run_dir() -> Path:
    """The run's folder, shared by every process of one test run (made by the first to ask)."""
    if not os.environ.get("TSHARNESS_RUN"):
        import tempfile
        os.environ["TSHARNESS_RUN"] = tempfile.mkdtemp(prefix="tsharness-run-")
    return Path(os.environ["TSHARNESS_RUN"])


def ledger_file() -> Path:
    """This process's ledger: its child processes append what they ran."""
    global _ledger_file
    if _ledger_file is None:
        _ledger_file = run_dir() / f"ledger-{os.getpid()}.txt"
        _ledger_file.touch()
    return _ledger_file


def starts_file() -> Path:
    """One line per TorchServe started, by any process of the run."""
    return run_dir() / "starts.txt"


ENABLED = False   # the test session turns it on; tools and the site build leave no ledger behind


def child_env(env: dict[str, str]) -> dict[str, str]:
    """`env` plus what makes a child process report what it runs (when the ledger is on)."""
    if not ENABLED:
        return env
    pythonpath = os.pathsep.join(p for p in (str(SITE), env.get("PYTHONPATH", "")) if p)
    return {**env, "TSHARNESS_LEDGER": str(ledger_file()), "PYTHONPATH": pythonpath,
            "BASH_ENV": str(SITE / "bash_env.sh")}


def collect() -> None:
    """Fold the child processes' reports and this process's imports into RAN."""
    if _ledger_file is not None and _ledger_file.exists():
        for line in _ledger_file.read_text(errors="replace").splitlines():
            ran(line.strip())
    for module in list(sys.modules.values()):
        if (f := getattr(module, "__file__", None)):
            ran(f)


def save(**extra) -> None:
    """Write what this process saw (its children's reports folded in) for the judging process."""
    collect()
    state = {"ran": sorted(RAN), "compared": sorted(COMPARED), **extra}
    (run_dir() / f"state-{os.getpid()}.json").write_text(json.dumps(state))


def saved() -> list[dict]:
    """Every process's saved state, this one's included."""
    return [json.loads(p.read_text()) for p in sorted(run_dir().glob("state-*.json"))]
