"""The setup page, walked as a reader does: install, activate, versions, start, stop; and the
Docker script's arguments (Docker cannot run here)."""
from __future__ import annotations

import os
import stat
import subprocess

import psutil
import pytest
import requests

from tsharness.paths import REPO, SNIPPETS, venv_env
from tsharness.server import read_properties

PAGE = "setup"
DOCKER = SNIPPETS / "setup" / "docker_run.sh"


def test_versions(walk):
    out = walk.through("versions.sh").text
    assert "torchserve 0.12.0" in out and "torch 2.13.0" in out


def test_start_writes_a_private_key_file_and_answers_with_the_key(walk):
    out = walk.through("start.sh").text
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
