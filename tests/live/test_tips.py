"""The tips page: each of the original tutorial's tips reproduced on a live TorchServe 0.12."""
from __future__ import annotations

import json
import re
import subprocess
import time

import pytest
import requests

from tests.live_server import (REPO, SNIPPETS, TorchServe, check_output, normalise, read_properties,
                               run_snippet)

TIPS = SNIPPETS / "tips"
pytestmark = pytest.mark.live


def shown(server: TorchServe, snippet, *args, **kw) -> str:
    """Run a snippet against `server` (from its work dir, where logs/ is); output as shown."""
    out = normalise(run_snippet(snippet, server, *args, **kw).stdout, server)
    # Which network thread logged a line varies from run to run.
    return re.sub(r"epollEventLoopGroup-\d+-\d+", "epollEventLoopGroup-<n>", out)


def build(store, *scripts) -> None:
    for script in scripts:
        run_snippet(TIPS / script, None, env={"MODEL_STORE": str(store)}, cwd=REPO)


@pytest.fixture(scope="module")
def tips_ts(tmp_path_factory, java):
    """The guide's config; only the tips' own archives in the store, registered by the tests."""
    work = tmp_path_factory.mktemp("tips")
    build(work / "model_store", "archive_two_classes.sh", "archive_scorer.sh", "archive_raising.sh")
    server = TorchServe(work, work / "model_store").start()
    yield server
    server.stop()


def test_tip1_two_classes_in_model_file(tips_ts, update_outputs):
    out = shown(tips_ts, TIPS / "register_two_classes.sh")
    assert '"code": 500' in out and "Failed to start workers" in out
    check_output(TIPS / "register_two_classes.sh", out, update_outputs)
    log = shown(tips_ts, TIPS / "load_error.sh")
    assert "Expected only one class as model definition" in log
    assert "scorer_two_classes.Scorer" in log and "scorer_two_classes.Urgency" in log
    check_output(TIPS / "load_error.sh", log, update_outputs)
    # Stop its worker restarting in the background.
    tips_ts.unregister("scorer_two_classes")

    out = shown(tips_ts, TIPS / "register_scorer.sh")
    assert "registered with 1 initial workers" in out and "HTTP 200" in out
    check_output(TIPS / "register_scorer.sh", out, update_outputs)
    out = shown(tips_ts, TIPS / "predict_scorer.sh")
    # Task 1 has less time left before its promise (feature 7), so it comes first.
    assert json.loads(out.rsplit("HTTP", 1)[0]) == [1, 0] and out.endswith("HTTP 200\n")
    check_output(TIPS / "predict_scorer.sh", out, update_outputs)


def test_tip2_extra_files_inside_the_mar(tmp_path, java, update_outputs):
    build(tmp_path, "archive_scorer.sh")
    snippet = TIPS / "mar_contents.py"
    out = run_snippet(snippet, None, str(tmp_path / "scorer.mar"), cwd=REPO).stdout
    names = out.split("{", 1)[0].split()
    # The model file, the handler and both --extra-files, side by side at the top level.
    assert {"scorer.py", "scorer_handler.py", "scorer_layers.py", "safe_handler.py",
            "MAR-INF/MANIFEST.json"} <= set(names)
    manifest = json.loads("{" + out.split("{", 1)[1])
    assert manifest["modelFile"] == "scorer.py" and manifest["handler"] == "scorer_handler.py"
    check_output(snippet, normalise(out), update_outputs)


def test_tip3_handler_log_line(tips_ts, update_outputs):
    tips_ts.register("scorer.mar")  # no-op when test_tip1 registered it already
    assert tips_ts.predict("scorer", (TIPS / "tasks.json").read_bytes()).status_code == 200
    out = shown(tips_ts, TIPS / "handler_log.sh")
    assert "MODEL_LOG - scorer: 2 task(s)" in out
    check_output(TIPS / "handler_log.sh", out, update_outputs)


def test_tip4_requirements_per_model(tmp_path, java, update_outputs, monkeypatch):
    """TorchServe runs pip at registration. Offline (PIP_NO_INDEX) it fails: we show that reply."""
    # A host without the package index, whatever pip settings this machine has.
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    monkeypatch.delenv("PIP_EXTRA_INDEX_URL", raising=False)
    offline = {"PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": "/dev/null"}
    store = tmp_path / "model_store"
    build(store, "archive_with_requirements.sh")
    mar = subprocess.run([str(REPO / ".venv/bin/python"), str(TIPS / "mar_contents.py"),
                          str(store / "scorer_deps.mar")], capture_output=True, text=True, check=True)
    assert "requirements.txt" in mar.stdout and '"requirementsFile": "requirements.txt"' in mar.stdout
    extra = read_properties(TIPS / "config.deps.properties")
    assert extra == {"install_py_dep_per_model": "true"}
    with TorchServe(tmp_path / "ts", store, overrides=extra, env=offline) as server:
        out = shown(server, TIPS / "register_deps.sh")
        assert "HTTP 400" in out and "Custom pip package installation failed for model scorer_deps" in out
        check_output(TIPS / "register_deps.sh", out, update_outputs)
        log = shown(server, TIPS / "deps_log.sh")
        assert "scipy==1.17.1" in log
        check_output(TIPS / "deps_log.sh", log, update_outputs)
        r = requests.get(f"{server.management}/models", headers=server.headers("management"), timeout=10)
        # The model stays registered without workers: unregister it before registering a fix.
        assert [m["modelName"] for m in r.json()["models"]] == ["scorer_deps"]


@pytest.mark.parametrize("snippet, status, error", [
    ("bad_request.sh", 400, "BadRequest"),
    ("handler_raises.sh", 503, "InternalServerException"),
    ("unknown_model.sh", 404, "ModelNotFoundException"),
])
def test_tip5_why_4xx_5xx(tips_ts, update_outputs, snippet, status, error):
    for mar in ("scorer.mar", "raising.mar"):
        tips_ts.register(mar)
    out = shown(tips_ts, TIPS / snippet)
    body, code = out.rsplit("HTTP ", 1)
    assert int(code) == status and json.loads(body)["type"] == error
    check_output(TIPS / snippet, out, update_outputs)
    # The worker keeps serving after a bad request or a handler exception.
    assert tips_ts.predict("scorer", (TIPS / "tasks.json").read_bytes()).status_code == 200


def test_tip5_handler_exception_is_logged(tips_ts):
    tips_ts.register("raising.mar")
    tips_ts.predict("raising", b"{}")
    log = (tips_ts.workdir / "logs" / "model_log.log").read_text()
    assert "Invoking custom service failed." in log and "KeyError: 'feature'" in log


def test_tip6_url_named_like_a_file_in_the_store(tips_ts, update_outputs):
    """The model server serves the model store itself, so scorer.mar exists on both sides."""
    env = {**tips_ts.env(), "MAR_DIR": str(tips_ts.model_store)}
    with open(tips_ts.workdir / "model_server.log", "w") as log:
        server = subprocess.Popen(["bash", str(SNIPPETS / "lifecycle" / "model_server.sh")],
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                requests.head(f"{tips_ts.model_server}/scorer.mar", timeout=2).raise_for_status()
                break
            except requests.RequestException:
                assert time.monotonic() < deadline, "model server did not start"
                time.sleep(0.2)
        out = shown(tips_ts, TIPS / "register_url_exists.sh")
    finally:
        server.terminate()
        server.wait(10)
    assert "HTTP 500" in out and "Model file already exists" in out
    check_output(TIPS / "register_url_exists.sh", out, update_outputs)


def test_tip9_api_description(tips_ts, update_outputs):
    out = shown(tips_ts, TIPS / "api_description.sh")
    spec = json.loads(out)
    assert spec["openapi"].startswith("3.") and "/predictions/{model_name}" in spec["paths"]
    check_output(TIPS / "api_description.sh", out, update_outputs)
    out = shown(tips_ts, TIPS / "api_paths.py")
    assert "# inference API" in out and "# management API" in out and "/models" in out
    assert "POST           /predictions/{model_name}" in out
    check_output(TIPS / "api_paths.py", out, update_outputs)
