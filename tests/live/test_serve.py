"""Starting and stopping TorchServe with the guide's snippets; the docker variant's arguments."""
from __future__ import annotations

import os
import re
import stat
import subprocess

import pytest
import requests

from tests.live_server import (REPO, SNIPPETS, TorchServe, check_output, normalise,
                               read_properties, run_snippet)

START = SNIPPETS / "serve" / "start.sh"
STOP = SNIPPETS / "serve" / "stop.sh"
DOCKER = SNIPPETS / "serve" / "docker_run.sh"

# The start-up lines a reader checks: version, addresses, store, allowed URLs, model API, key file.
START_LINES = re.compile(r"^(Torchserve version|Inference address|Management address|Metrics address"
                         r"|Model Store|Allowed Urls|Model API enabled|Key file located)")


@pytest.fixture
def server(tmp_path, java):
    ts = TorchServe(tmp_path, tmp_path / "model_store")
    yield ts
    ts.stop()


def test_start_and_stop(server, update_outputs):
    server.start()
    key_file = server.workdir / "key_file.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    ping = f"{server.inference}/ping"
    assert requests.get(ping, headers=server.headers("inference"), timeout=10).json() == \
        {"status": "Healthy"}
    no_token = requests.get(ping, timeout=10)
    assert no_token.status_code == 400 and no_token.json()["type"] == "InvalidKeyException"

    started = (server.workdir / "start.out").read_text()
    excerpt = "".join(line + "\n" for line in started.splitlines() if START_LINES.match(line))
    check_output(START, normalise(excerpt, server), update_outputs)
    assert "Model API enabled: true" in excerpt and "127.0.0.1:8080" in normalise(excerpt, server)

    pid = server.pid
    stopped = run_snippet(STOP, server)
    check_output(STOP, normalise(stopped.stdout, server), update_outputs)
    assert not key_file.exists(), "stop deletes the key file"
    with pytest.raises(requests.ConnectionError):
        requests.get(ping, timeout=5)
    assert pid is not None


def fake_docker(tmp_path):
    """A `docker` that records its arguments: docker itself cannot run in the tests."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "docker").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$DOCKER_ARGS"\n')
    (bin_dir / "docker").chmod(0o755)
    return bin_dir


def test_docker_run_is_valid_bash():
    assert subprocess.run(["bash", "-n", str(DOCKER)]).returncode == 0


def test_docker_run_publishes_loopback_only_with_the_guide_config(tmp_path):
    store = tmp_path / "model_store"
    store.mkdir()
    run_dir = tmp_path / "docker_run"
    env = {**os.environ, "PATH": f"{fake_docker(tmp_path)}{os.pathsep}{os.environ['PATH']}",
           "DOCKER_ARGS": str(tmp_path / "args"), "DOCKER_RUN_DIR": str(run_dir),
           "MODEL_STORE": str(store)}
    env.pop("TS_CONFIG", None)
    subprocess.run(["bash", str(DOCKER)], cwd=REPO, env=env, check=True, timeout=30)
    args = (tmp_path / "args").read_text().splitlines()

    published = [args[i + 1] for i, a in enumerate(args) if a == "-p"]
    assert len(published) == 5
    assert all(p.startswith("127.0.0.1:") for p in published), published
    assert "pytorch/torchserve:0.12.0-cpu" in args
    # The same model store as start.sh, mounted; the torchserve command uses it and the config.
    assert f"{store}:/home/model-server/model-store" in args
    cmd = args[args.index("pytorch/torchserve:0.12.0-cpu") + 1:]
    assert cmd[:2] == ["torchserve", "--start"]
    assert cmd[cmd.index("--model-store") + 1] == "/home/model-server/model-store"
    assert cmd[cmd.index("--ts-config") + 1] == "/home/model-server/run/config.properties"
    assert "serve" not in cmd, "the image's `serve` would use the image's own config"
    assert "--foreground" in cmd, "without it the container exits as soon as java is forked"

    # The config inside differs from the guide's only in the bind addresses.
    guide = read_properties(SNIPPETS / "serve" / "config.properties")
    inside = read_properties(run_dir / "config.properties")
    assert guide.keys() == inside.keys()
    for key, value in guide.items():
        if key.endswith("_address"):
            assert inside[key] == value.replace("127.0.0.1", "0.0.0.0"), key
        else:
            assert inside[key] == value, key
    assert "disable_token_authorization" not in inside


def test_start_sh_and_docker_share_defaults():
    """Both read the same variables with the same defaults."""
    start, docker = START.read_text(), DOCKER.read_text()
    for default in ('${MODEL_STORE:-model_store}', '${TS_CONFIG:-snippets/serve/config.properties}'):
        assert default in start and default in docker, default


def test_stop_leaves_no_process_behind(private_ts):
    """stop.sh ends the frontend and its model workers: nothing of this server keeps running."""
    import psutil

    server = private_ts("stop_check", models=["mnist"])
    assert server.register("mnist.mar", workers=2).status_code == 200
    parent = psutil.Process(server.pid)
    procs = [parent, *parent.children(recursive=True)]
    assert len(procs) >= 3, "the frontend and two workers"
    run_snippet(STOP, server)
    _, alive = psutil.wait_procs(procs, timeout=60)
    assert not alive, f"still running after stop.sh: {[p.pid for p in alive]}"
