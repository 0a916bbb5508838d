"""A real TorchServe for tests and tools: free loopback ports, its own directories, always stopped.

It is started and stopped with the guide's own snippets/setup/start.sh and stop.sh and the guide's
config with only the ports, the model store and allowed_urls rewritten. Its `TMPDIR` is its own:
the pid file `torchserve --stop` reads and the worker sockets live there.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from pathlib import Path

import psutil
import requests

from tsharness import ledger
from tsharness.capture import GUIDE_PORTS
from tsharness.net import end_processes, free_port
from tsharness.paths import GUIDE_CONFIG, SNIPPETS, venv_env


def record_start(what: str, seconds: float) -> None:
    """Count a TorchServe start, by this class or a page walk, in any process of a test run
    (the benchmark and load runs started by a test inherit $TSHARNESS_STARTS)."""
    if os.environ.get("TSHARNESS_STARTS"):
        with open(os.environ["TSHARNESS_STARTS"], "a") as f:
            f.write(f"{what}\t{seconds:.1f}\n")



def read_properties(path: Path) -> dict[str, str]:
    props = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            k, v = line.split("=", 1)
            props[k.strip()] = v.strip()
    return props


class TorchServe:
    """One TorchServe process. `overrides` change config keys (None removes a key)."""

    def __init__(self, workdir: Path, model_store: Path, overrides: dict | None = None,
                 start_args: tuple[str, ...] = (), config: Path = GUIDE_CONFIG,
                 start_script: Path | None = None, env: dict[str, str] | None = None):
        self.workdir = Path(workdir)
        self.model_store = Path(model_store)
        self.ports = {name: free_port() for name in GUIDE_PORTS}
        self.start_args = start_args
        self.extra_env = dict(env or {})  # e.g. PIP_NO_INDEX=1: the server and what it runs see it
        # Another of the guide's configs / start scripts (e.g. the production ones) may be used.
        self.start_script = Path(start_script or SNIPPETS / "setup" / "start.sh")
        self.tmpdir = self.workdir / "tmp"  # isolates TorchServe's pid file from any other server
        self.config = self.workdir / "config.properties"
        props = read_properties(Path(config))
        p = self.ports
        props.update({
            "inference_address": f"http://127.0.0.1:{p['inference']}",
            "management_address": f"http://127.0.0.1:{p['management']}",
            "metrics_address": f"http://127.0.0.1:{p['metrics']}",
            "grpc_inference_port": str(p["grpc_inference"]),
            "grpc_management_port": str(p["grpc_management"]),
            "allowed_urls": props["allowed_urls"].replace("8090", str(p["model_server"])),
        })
        for k, v in (overrides or {}).items():
            if v is None:
                props.pop(k, None)
            else:
                props[k] = str(v)
        self.props = props

    # --- addresses -------------------------------------------------------
    @property
    def inference(self) -> str:
        return f"http://127.0.0.1:{self.ports['inference']}"

    @property
    def management(self) -> str:
        return f"http://127.0.0.1:{self.ports['management']}"

    @property
    def metrics(self) -> str:
        return f"http://127.0.0.1:{self.ports['metrics']}"

    @property
    def model_server(self) -> str:
        return f"http://127.0.0.1:{self.ports['model_server']}"

    def env(self) -> dict[str, str]:
        """Environment for running a snippet against this server (see snippets/setup/env.sh)."""
        env = ledger.child_env(venv_env())
        env.update({
            "TS_INFERENCE": self.inference,
            "TS_MANAGEMENT": self.management,
            "TS_METRICS": self.metrics,
            "TS_GRPC_INFERENCE": f"127.0.0.1:{self.ports['grpc_inference']}",
            "TS_GRPC_MANAGEMENT": f"127.0.0.1:{self.ports['grpc_management']}",
            "TS_KEY_FILE": str(self.workdir / "key_file.json"),
            "TS_CONFIG": str(self.config),
            "MODEL_STORE": str(self.model_store),
            "MODEL_SERVER": self.model_server,
            "MODEL_SERVER_PORT": str(self.ports["model_server"]),
            "TMPDIR": str(self.tmpdir), "TEMP": str(self.tmpdir),
        })
        env.update(self.extra_env)
        return env

    # --- keys ------------------------------------------------------------
    @property
    def token_auth(self) -> bool:
        return self.props.get("disable_token_authorization", "false") != "true" \
            and "--disable-token-auth" not in self.start_args

    def key(self, api: str) -> str:
        return json.loads((self.workdir / "key_file.json").read_text())[api]["key"]

    def headers(self, api: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key(api)}"} if self.token_auth else {}

    # --- life cycle ------------------------------------------------------
    @property
    def pid(self) -> int | None:
        f = self.tmpdir / ".model_server.pid"
        return int(f.read_text()) if f.exists() else None

    def start(self, timeout: float = 60) -> TorchServe:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.tmpdir.mkdir(exist_ok=True)
        self.model_store.mkdir(parents=True, exist_ok=True)
        self.config.write_text("".join(f"{k}={v}\n" for k, v in self.props.items()))
        # The guide's scripts run from the repository root; the server's folder stands in for it.
        if not (self.workdir / "snippets").exists():
            (self.workdir / "snippets").symlink_to(SNIPPETS)
        began = time.monotonic()
        # The java process outlives start.sh: its output goes to a file, not a pipe we'd wait on.
        with open(self.workdir / "start.out", "w") as out:
            rc = subprocess.run(["bash", str(self.start_script), *self.start_args],
                                cwd=self.workdir, env=self.env(), stdout=out,
                                stderr=subprocess.STDOUT, timeout=60).returncode
        if rc != 0:
            self.stop()  # java may already be running
            raise RuntimeError(f"start.sh failed:\n{(self.workdir / 'start.out').read_text()}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.token_auth and not (self.workdir / "key_file.json").exists():
                time.sleep(0.2)
                continue
            try:
                r = requests.get(f"{self.inference}/ping", headers=self.headers("inference"),
                                 timeout=2)
                if r.status_code == 200 and self._other_apis_ready():
                    record_start(self.workdir.name, time.monotonic() - began)
                    return self
            # Not up yet, busy loading --models (ping times out), or the key file half-written.
            except (requests.RequestException, ValueError):
                pass
            if self.pid and not psutil.pid_exists(self.pid):
                break
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"TorchServe did not become healthy:\n{self.logs()}")

    def _other_apis_ready(self) -> bool:
        """Management answers and the gRPC ports accept connections (they bind after HTTP)."""
        r = requests.get(f"{self.management}/models", headers=self.headers("management"), timeout=2)
        if r.status_code != 200:
            return False
        for name in ("grpc_inference", "grpc_management"):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.ports[name])) != 0:
                    return False
        return True

    def stop(self) -> None:
        """Stop with the guide's stop.sh; kill whatever is left (the server and its workers)."""
        pid = self.pid
        procs = []
        if pid and psutil.pid_exists(pid):
            try:
                parent = psutil.Process(pid)
                procs = [parent, *parent.children(recursive=True)]
            except psutil.Error:
                pass
        subprocess.run(["bash", str(SNIPPETS / "setup" / "stop.sh")], cwd=self.workdir,
                       env=self.env(), capture_output=True, timeout=120)
        end_processes(procs, grace=30)

    def __enter__(self) -> TorchServe:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- helpers ---------------------------------------------------------
    def logs(self, lines: int = 80) -> str:
        parts = []
        for name in ("ts_log.log", "model_log.log"):
            f = self.workdir / "logs" / name
            if f.exists():
                tail = f.read_text(errors="replace").splitlines()[-lines:]
                parts.append(f"--- {name} (last {len(tail)} lines)\n" + "\n".join(tail))
        return "\n".join(parts) or "(no logs)"

    def register(self, mar: str, workers: int = 1, **params) -> requests.Response:
        """Register a .mar from the model store with workers, and wait for them."""
        q = {"url": mar, "initial_workers": workers, "synchronous": "true", **params}
        return requests.post(f"{self.management}/models", params=q,
                             headers=self.headers("management"), timeout=120)

    def unregister(self, name: str, version: str | None = None) -> requests.Response:
        url = f"{self.management}/models/{name}" + (f"/{version}" if version else "")
        return requests.delete(url, headers=self.headers("management"), timeout=60)

    def predict(self, model: str, body, **kw) -> requests.Response:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        headers = {"Content-Type": "application/json", **self.headers("inference"),
                   **kw.pop("headers", {})}
        return requests.post(f"{self.inference}/predictions/{model}", data=data,
                             headers=headers, timeout=kw.pop("timeout", 60), **kw)

    def worker_pids(self, model: str) -> list[int]:
        r = requests.get(f"{self.management}/models/{model}",
                         headers=self.headers("management"), timeout=30)
        r.raise_for_status()
        return sorted(w["pid"] for m in r.json() for w in m["workers"])
