"""The model lifecycle, step by step, with the guide's snippets against one live TorchServe.

The tests run in file order and share one server of their own: each step builds on the last.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest
import requests

from tests.live_server import REPO, SNIPPETS, check_output, normalise, run_snippet

LIFE = SNIPPETS / "lifecycle"


@pytest.fixture(scope="module")
def server(private_ts):
    ts = private_ts("lifecycle", models=("mnist", "pointer_net"))
    yield ts
    ts.stop()


@pytest.fixture(scope="module")
def mar_dir(server):
    return server.workdir / "mar_files"


def step(snippet, server, update, *args, env=None):
    """Run a lifecycle snippet from the repo root, compare its output, return it."""
    out = run_snippet(LIFE / snippet, server, *args, cwd=REPO, env=env).stdout
    check_output(LIFE / snippet, normalise(out, server), update)
    return out


def json_values(text: str) -> list:
    """Several JSON replies printed one after another."""
    decoder, values, i = json.JSONDecoder(), [], 0
    while (i := len(text) - len(text[i:].lstrip())) < len(text):
        value, i = decoder.raw_decode(text, i)
        values.append(value)
    return values


def describe(server, name="mnist", version=None):
    url = f"{server.management}/models/{name}" + (f"/{version}" if version else "")
    return requests.get(url, headers=server.headers("management"), timeout=30)


def test_register_gives_no_workers(server, update_outputs):
    out = json.loads(step("register.sh", server, update_outputs))
    assert "registered with 0 initial workers" in out["status"]
    assert describe(server).json()[0]["workers"] == []
    # Without workers a prediction cannot be served.
    r = server.predict("mnist", (SNIPPETS / "digits" / "0.png").read_bytes())
    assert r.status_code == 503, r.text


def test_scale(server, update_outputs):
    out = json.loads(step("scale.sh", server, update_outputs))
    assert out["status"].startswith("Workers scaled to 1")
    workers = describe(server).json()[0]["workers"]
    assert [w["status"] for w in workers] == ["READY"]


def test_describe(server, update_outputs):
    [model] = json.loads(step("describe.sh", server, update_outputs))
    assert (model["modelName"], model["modelVersion"]) == ("mnist", "1.0")
    assert (model["minWorkers"], model["maxWorkers"]) == (1, 2)


@pytest.mark.parametrize("digit", [0])
def test_predict(server, update_outputs, digit):
    out = json.loads(step("predict.sh", server, update_outputs, str(digit)))
    assert out["digit"] == digit and out["probability"] > 0.5


def test_explain(server, update_outputs):
    out = step("explain.sh", server, update_outputs)
    assert out.startswith("shape: (28, 28)")
    picture = out.splitlines()[1:]
    assert len(picture) == 28 and any("#" in row for row in picture)


def test_second_version_archive(server, update_outputs):
    out = step("archive_version.sh", server, update_outputs)
    assert out.split() == ["pointer_net.mar", "pointer_net_v2.mar"]


def test_register_versions(server, update_outputs):
    replies = json_values(step("register_versions.sh", server, update_outputs))
    assert [r["status"] for r in replies] == [
        f'Model "pointer_net" Version: {v} registered with 1 initial workers' for v in
        ("shanghai", "shanghai-v2")]


def test_set_default(server, update_outputs):
    out = json.loads(step("set_default.sh", server, update_outputs))
    assert "shanghai-v2" in out["status"]
    assert describe(server, "pointer_net").json()[0]["modelVersion"] == "shanghai-v2"


def test_versions(server, update_outputs):
    out = step("versions.sh", server, update_outputs)
    lines = out.splitlines()
    assert sorted(lines[:-1]) == ["shanghai 1 worker(s)", "shanghai-v2 1 worker(s)"]
    assert lines[-1] == "default: shanghai-v2"


def test_unregister(server, update_outputs):
    out = json.loads(step("unregister.sh", server, update_outputs))
    assert "unregistered" in out["status"]
    assert describe(server).status_code == 404
    assert (server.model_store / "mnist.mar").exists(), "an archive from the store stays"


def test_share(server, mar_dir, update_outputs):
    out = step("share.sh", server, update_outputs, env={"MAR_DIR": str(mar_dir)})
    assert out.split() == ["mnist.mar"]
    assert not (server.model_store / "mnist.mar").exists()


@pytest.fixture(scope="module")
def model_server(server, mar_dir):
    """model_server.sh in the background; its output goes to a file, it is always stopped."""
    log = server.workdir / "model_server.out"
    env = {**server.env(), "MAR_DIR": str(mar_dir), "PYTHONUNBUFFERED": "1"}
    with open(log, "w") as out:
        proc = subprocess.Popen(["bash", str(LIFE / "model_server.sh")], cwd=REPO, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.head(f"{server.model_server}/mnist.mar", timeout=2)
                break
            except requests.ConnectionError:
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        yield log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


def test_register_from_url(server, model_server, update_outputs):
    log_start = model_server.read_text()
    out = json.loads(step("register_url.sh", server, update_outputs))
    assert "registered with 0 initial workers" in out["status"]
    assert (server.model_store / "mnist.mar").exists(), "downloaded into the store"
    # The model server's own log shows TorchServe's download.
    served = model_server.read_text()
    assert '"GET /mnist.mar HTTP/1.1" 200' in served[len(log_start):]
    lines = [line for line in served.splitlines() if "HEAD" not in line]  # drop the fixture's probe
    check_output(LIFE / "model_server.sh", normalise("\n".join(lines) + "\n", server),
                 update_outputs)


def test_list(server, update_outputs):
    models = json.loads(step("list.sh", server, update_outputs))["models"]
    urls = {m["modelName"]: m["modelUrl"] for m in models}
    # One entry per model, showing its default version's archive.
    assert urls == {"mnist": f"{server.model_server}/mnist.mar", "pointer_net": "pointer_net_v2.mar"}


def test_unregister_url_model_deletes_its_download(server, model_server):
    assert server.unregister("mnist", "1.0").status_code == 200
    assert not (server.model_store / "mnist.mar").exists()


def archiver_args(script) -> dict[str, str]:
    """The --option value pairs of the torch-model-archiver command in a script."""
    text = script.read_text().replace("\\\n", " ")
    command = next(line for line in text.splitlines() if line.startswith("torch-model-archiver"))
    words = command.split()[1:]
    return {w: words[i + 1] for i, w in enumerate(words) if w.startswith("--")
            and i + 1 < len(words) and not words[i + 1].startswith("--")}


def test_second_version_is_built_from_the_same_files():
    first = archiver_args(SNIPPETS / "archive" / "pointer_net.sh")
    second = archiver_args(LIFE / "archive_version.sh")
    assert second.pop("--version") != first.pop("--version")
    second.pop("--export-path"), first.pop("--export-path")
    assert second == first
