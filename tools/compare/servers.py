"""The LitServe port (snippets/litserve/server.py, or lit.py with more of LitServer's settings) and
the FastAPI floor (floor.py) as processes
on free loopback ports, with the address and headers tsharness.clients expects of a server."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psutil
import requests

from tsharness import ledger
from tsharness.net import end_processes, free_port, wait_for
from tsharness.paths import PYTHON, REPO, venv_env

SCRIPTS = {"litserve": (REPO / "snippets" / "litserve" / "server.py", "LITSERVE_PORT"),
           "litserve-tuned": (REPO / "tools" / "compare" / "lit.py", "LITSERVE_PORT"),
           "fastapi": (REPO / "tools" / "compare" / "floor.py", "FASTAPI_PORT")}
# The guide's handlers and models, which these scripts import as they are. They are given on the
# command's PYTHONPATH, never put on the venv's path: a TorchServe worker finds a handler's modules
# only in its archive.
GUIDE_PATH = os.pathsep.join(str(REPO / folder) for folder in ("handlers", "models"))


def guide_env(**extra: str) -> dict[str, str]:
    """The environment of `PYTHONPATH=handlers:models python ...` (with the repository's paths)."""
    return ledger.child_env(venv_env(PYTHONPATH=GUIDE_PATH, **extra))


class PythonServer:
    """One server process. `args`: its command-line options (e.g. ["--batch", "8"])."""

    def __init__(self, kind: str, log: Path, args: tuple[str, ...] = (), timeout: float = 120):
        self.script, self.port_var = SCRIPTS[kind]
        self.timeout = timeout  # to answer /health after start
        self.port = free_port()
        self.args = args
        self.log = Path(log)
        self.proc: subprocess.Popen | None = None

    @property
    def inference(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def headers(self, api: str) -> dict[str, str]:
        return {}  # no keys: both bind loopback only

    def start(self, timeout: float = 120) -> PythonServer:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        env = guide_env(**{self.port_var: str(self.port)})
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen([str(PYTHON), str(self.script), *self.args], cwd=self.log.parent,
                                         env=env, stdout=out, stderr=subprocess.STDOUT)
        ledger.ran(self.script)

        def up() -> bool:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.script.name} exited:\n{self.log.read_text()[-3000:]}")
            return requests.get(f"{self.inference}/health", timeout=2).ok

        try:
            wait_for(up, timeout, what=f"{self.script.name} /health")
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            procs = [psutil.Process(self.proc.pid), *psutil.Process(self.proc.pid).children(recursive=True)]
        except psutil.Error:
            procs = []
        # SIGTERM to every process: sent to the parent alone, LitServe's API and inference processes
        # were still running 30 s later.
        end_processes(procs, grace=20, terminate=True)
        self.proc.wait(timeout=10)
        self.proc = None

    def __enter__(self) -> PythonServer:
        return self.start(self.timeout)

    def __exit__(self, *exc) -> None:
        self.stop()
