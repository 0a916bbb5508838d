"""The setup page, walked as a reader does: install, activate, versions, start, stop; and the
Docker script's arguments (Docker cannot run here)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import time

import psutil
import pytest
import requests

from tsharness.capture import GUIDE_PORTS
from tsharness.paths import PYTHON, REPO, SNIPPETS, venv_env
from tsharness.server import read_properties

PAGE = "setup"
DOCKER = SNIPPETS / "setup" / "docker_run.sh"


def test_versions(walk):
    out = walk.through("versions.sh").text
    assert "torchserve 0.12.0" in out and "torch 2.13.0" in out


def test_start_writes_a_private_key_file_and_answers_with_the_key(walk):
    # A dirty start: the key file a crashed TorchServe left (operations page) is still here.
    # start.sh waits for this server's own keys, not these.
    (walk.clone / "key_file.json").write_text(json.dumps(
        {api: {"key": f"stale{api}", "expiration time": "2000-01-01T00:00:00Z"}
         for api in ("management", "inference", "API")}))
    began = time.monotonic()
    out = walk.through("start.sh").text
    assert time.monotonic() - began < 100, "start.sh waited on the stale key file"
    assert "Model API enabled: true" in out and "127.0.0.1:8080" in out
    key_file = walk.clone / "key_file.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert walk.get("inference", "/ping").json() == {"status": "Healthy"}
    no_key = requests.get(walk.url("inference") + "/ping", timeout=10)
    assert no_key.status_code == 400 and no_key.json()["type"] == "InvalidKeyException"
    # The pid file lives in the shell's own TMPDIR, as the page says.
    assert (walk.tmp / ".model_server.pid").exists()


def test_metrics_are_prometheus_text(walk):
    body = requests.get(walk.url("metrics") + "/metrics", timeout=10).text
    assert "# TYPE" in body, body[:200]


def test_stop_ends_every_process_and_deletes_the_keys(walk):
    pid = int((walk.tmp / ".model_server.pid").read_text())
    procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    walk.through("stop.sh")
    _, alive = psutil.wait_procs(procs, timeout=30)
    assert not alive, f"still running after stop.sh: {[p.pid for p in alive]}"
    assert not (walk.clone / "key_file.json").exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(walk.url("inference") + "/ping", timeout=5)


def test_start_over_deletes_what_the_page_wrote(walk):
    walk.finish()
    assert not (walk.clone / "model_store").exists() and not (walk.clone / "logs").exists()


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_listening(port: int, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while not listening(port):
        assert time.monotonic() < end, f"nothing listens on {port} after {seconds} s"
        time.sleep(0.3)


def test_stop_all_stops_every_server_other_pages_left_running_and_reset_keeps_your_files(walk):
    """Servers four pages start, left running in this folder: stop_all.sh ends every process of
    them (their whole process groups) and frees their ports; reset.sh deletes only the guide's files."""
    ports = [walk.ports[GUIDE_PORTS["inference"]], walk.ports[GUIDE_PORTS["management"]],
             walk.ports[8090], walk.ports[8100]]
    walk.run("source snippets/setup/activate.sh")
    walk.run("bash snippets/setup/start.sh")
    walk.run("bash snippets/quickstart/model_server.sh &")
    walk.run("PYTHONPATH=handlers:models python snippets/litserve/server.py &")
    if shutil.which("prometheus"):
        walk.run("bash snippets/operations/prometheus.sh &")
        ports.append(walk.ports[9090])
    for port in ports:
        wait_listening(port)
    (walk.clone / "my_notes.txt").write_text("mine\n")
    stubs = walk.clone / "snippets" / "grpc"  # where gen_stubs.sh writes the gRPC stubs
    (stubs / "google" / "rpc").mkdir(parents=True)
    for generated in ("inference_pb2.py", "inference_pb2_grpc.py", "google/rpc/status_pb2.py"):
        (stubs / generated).write_text("# generated\n")
    assert len(walk.processes()) >= 6
    out = walk.run("bash snippets/setup/stop_all.sh").text
    assert "stopped TorchServe" in out and "stopped litserve" in out and "stopped model_server" in out
    left = walk.processes()
    assert not left, f"still running after stop_all.sh: {[(p.pid, p.cmdline()) for p in left]}"
    assert not [port for port in ports if listening(port)]
    walk.run("bash snippets/setup/reset.sh")
    for generated in ("model_store", "logs", "key_file.json"):
        assert not (walk.clone / generated).exists(), generated
    assert not list(stubs.glob("*_pb2*.py")) and not (stubs / "google").exists()
    assert (walk.clone / "my_notes.txt").read_text() == "mine\n"
    assert (walk.clone / "snippets" / "setup" / "start.sh").exists()
    assert (stubs / "grpc_connect.py").exists() and (stubs / "gen_stubs.sh").exists()


def test_setup_compiles_the_bytecode_a_worker_reads(tmp_path):
    """Where Python may not write .pyc files, torch's come from setup; a module without one leaves
    nothing behind, so it is compiled from source at every import."""
    (tmp_path / "plain.py").write_text("X = 1\n")
    code = ("import importlib.util, os, plain, torch\n"
            "print(os.path.isfile(importlib.util.cache_from_source(torch.__file__)))")
    out = subprocess.run([str(PYTHON), "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env=venv_env(PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(tmp_path)),
                         check=True, timeout=120).stdout
    assert out.split() == ["True"]
    assert not (tmp_path / "__pycache__").exists()


# --- Docker: shown, not run; its arguments are checked with a stand-in `docker` ---------
def test_docker_run_publishes_loopback_only_with_the_guide_config(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "docker").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$DOCKER_ARGS"\n')
    (bin_dir / "docker").chmod(0o755)
    store, run_dir = tmp_path / "model_store", tmp_path / "docker_run"
    store.mkdir()
    env = venv_env(DOCKER_ARGS=str(tmp_path / "args"), DOCKER_RUN_DIR=str(run_dir),
                   MODEL_STORE=str(store))
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env.pop("TS_CONFIG", None)
    subprocess.run(["bash", str(DOCKER)], cwd=REPO, env=env, check=True, timeout=30)
    args = (tmp_path / "args").read_text().splitlines()

    published = [args[i + 1] for i, a in enumerate(args) if a == "-p"]
    assert len(published) == 5 and all(p.startswith("127.0.0.1:") for p in published), published
    assert f"{store}:/home/model-server/model-store" in args
    cmd = args[args.index("pytorch/torchserve:0.12.0-cpu") + 1:]
    assert cmd[:2] == ["torchserve", "--start"] and "--foreground" in cmd
    assert cmd[cmd.index("--ts-config") + 1] == "/home/model-server/run/config.properties"
    assert "--disable-token-auth" not in cmd
    # TEMP (pid file, worker sockets) is a folder the --user can write: inside the mounted run dir.
    temp = args[args.index("-e") + 1]
    assert temp == "TEMP=/home/model-server/run/tmp" and (run_dir / "tmp").is_dir()
    # The config inside differs from the guide's only in the bind addresses.
    guide = read_properties(SNIPPETS / "setup" / "config.properties")
    inside = read_properties(run_dir / "config.properties")
    assert guide.keys() == inside.keys()
    for key, value in guide.items():
        expected = value.replace("127.0.0.1", "0.0.0.0") if key.endswith("_address") else value
        assert inside[key] == expected, key
