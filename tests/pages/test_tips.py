"""The tips page, walked as a reader does: each of the original tutorial's tips reproduced in page
order on one TorchServe, restarted once by tip 4 with the merged config."""
from __future__ import annotations

import json
import zipfile

from tsharness.paths import SNIPPETS
from tsharness.server import read_properties

PAGE = "tips"
TASKS = (SNIPPETS / "tips" / "tasks.json").read_bytes()


def reply_and_status(text: str) -> tuple[dict, int]:
    """A curl -w 'HTTP %{http_code}' reply: the JSON body and the status."""
    body, status = text.rstrip("\n").rsplit("HTTP ", 1)
    return json.loads(body), int(status)


def predict_scorer(walk):
    return walk.post("inference", "/predictions/scorer", data=TASKS,
                     headers={"Content-Type": "application/json"})


def test_tip1_two_classes_in_the_model_file(walk):
    body, status = reply_and_status(walk.through("register_two_classes.sh").raw)
    assert status == 500 and body["message"].startswith("Failed to start workers")
    log = walk.through("load_error.sh").text
    assert "Expected only one class as model definition" in log
    assert "scorer_two_classes.Scorer" in log and "scorer_two_classes.Urgency" in log
    # A synchronous registration whose worker cannot start is rolled back, as the page says.
    assert walk.get("management", "/models/scorer_two_classes").status_code == 404


def test_tip1_the_fix_serves(walk):
    body, status = reply_and_status(walk.through("register_scorer.sh").raw)
    assert status == 200 and "registered with 1 initial workers" in body["status"]
    body, status = reply_and_status(walk.through("predict_scorer.sh").raw)
    # Task 1 has less time left before its promise (feature 7), so it comes first.
    assert status == 200 and body == [1, 0]


def test_tip2_extra_files_inside_the_mar(walk):
    out = walk.through("mar_contents.py").raw
    names = out.split("{", 1)[0].split()
    # The model file, the handler and both --extra-files, side by side at the top level.
    assert set(names) == {"scorer.py", "scorer_handler.py", "scorer_layers.py", "safe_handler.py",
                          "MAR-INF/MANIFEST.json"}
    manifest = json.loads("{" + out.split("{", 1)[1])
    assert manifest["modelFile"] == "scorer.py" and manifest["handler"] == "scorer_handler.py"


def test_tip3_handler_log_line(walk):
    assert "MODEL_LOG - scorer: 2 task(s)" in walk.through("handler_log.sh").text


def test_tip4_requirements_per_model(walk):
    walk.through("archive_with_requirements.sh")
    with zipfile.ZipFile(walk.clone / "model_store" / "scorer_deps.mar") as mar:
        manifest = json.loads(mar.read("MAR-INF/MANIFEST.json"))["model"]
        assert manifest["requirementsFile"] == "scorer_requirements.txt"
        assert "scorer_requirements.txt" in mar.namelist()
    out = walk.through("restart_with_deps.sh").text
    assert out.startswith("TorchServe has stopped.\n")
    assert out.endswith("Custom python dependency for model allowed: true\n")
    # The merged config: the guide's, plus the setting, which wins when given twice.
    merged = read_properties(walk.clone / "build" / "config.deps.properties")
    assert merged == {**read_properties(walk.clone / "snippets/setup/config.properties"),
                      "install_py_dep_per_model": "true"}
    assert walk.get("management", "/models").json()["models"] == [], "a restart starts empty"
    body, status = reply_and_status(walk.through("register_deps.sh").raw)
    assert status == 400 and body["message"] == "Custom pip package installation failed for model scorer_deps"
    log = walk.through("deps_log.sh").text
    assert "No matching distribution found for scipy==1.17.1" in log
    # The model stays registered without workers: unregister it before registering a fix.
    [model] = walk.get("management", "/models/scorer_deps").json()
    assert model["workers"] == []


def test_tip5_why_4xx_5xx(walk):
    for model in ("scorer", "raising"):
        out = walk.through(f"register.py {model}.mar").text
        assert out == f'200 Model "{model}" Version: 1.0 registered with 1 initial workers\n', out
    for script, code, error in (("no_token.sh", 400, "InvalidKeyException"),
                                ("bad_request.sh", 400, "BadRequest"),
                                ("handler_raises.sh", 503, "InternalServerException"),
                                ("unknown_model.sh", 404, "ModelNotFoundException")):
        body, status = reply_and_status(walk.through(script).raw)
        assert (status, body["type"]) == (code, error), (script, body)
        # The worker keeps serving after a bad request or a handler exception.
        assert predict_scorer(walk).json() == [1, 0]
    log = (walk.clone / "logs" / "model_log.log").read_text()
    assert "Invoking custom service failed." in log and "KeyError: 'feature'" in log
    # The raising model's worker is not restarted by its exception: it answers again, the same way.
    again = walk.post("inference", "/predictions/raising", data=TASKS)
    assert again.status_code == 503 and again.json()["message"] == "Prediction failed"


def test_tip6_url_named_like_a_file_in_the_store(walk):
    body, status = reply_and_status(walk.through("register_url_exists.sh").raw)
    assert status == 500 and body["message"] == "Model file already exists scorer.mar"
    # Nothing was overwritten, and the model of that name still serves.
    assert predict_scorer(walk).json() == [1, 0]


def test_tip7_any_http_client(walk):
    assert walk.through("predict_route.py scorer").text == "200 [1, 0]\n"


def test_tip9_api_description(walk):
    spec = json.loads(walk.through("api_description.sh").raw)
    assert spec["openapi"].startswith("3.") and "/predictions/{model_name}" in spec["paths"]
    out = walk.through("api_paths.py").text
    assert "# inference API 0.12.0" in out and "# management API 0.12.0" in out
    assert "POST           /predictions/{model_name}" in out
    assert "GET PUT DELETE /models/{model_name}" in out


def test_the_rest_of_the_page(walk):
    walk.finish()
    assert not (walk.clone / "key_file.json").exists()
