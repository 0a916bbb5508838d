"""The quick start, walked as a reader does: mnist's whole lifecycle on one TorchServe, then the
original tutorial's commands on a TorchServe with 0.12's defaults."""
from __future__ import annotations

import json

from tsharness.paths import SNIPPETS

PAGE = "quickstart"
QUICK = SNIPPETS / "quickstart"


def json_values(text: str) -> list:
    """Several JSON replies printed one after another."""
    decoder, values, i = json.JSONDecoder(), [], 0
    while (i := len(text) - len(text[i:].lstrip())) < len(text):
        value, i = decoder.raw_decode(text, i)
        values.append(value)
    return values


def reply_and_status(text: str):
    body, status = text.rstrip("\n").rsplit("\n", 1)
    return json.loads(body), status


def test_first_prediction_within_five_commands(walk):
    """The reader's fifth command (counting the activation) is the first prediction."""
    first = [b.command for b in walk.doc.commands][:5]
    assert first == ["source snippets/setup/activate.sh", "bash snippets/quickstart/archive_mnist.sh",
                     "bash snippets/setup/start.sh", "bash snippets/quickstart/register.sh",
                     "bash snippets/quickstart/predict.sh"], first


def test_register_with_a_worker(walk):
    out = json.loads(walk.through("quickstart/register.sh").raw)
    assert "registered with 1 initial workers" in out["status"], out
    assert [w["status"] for w in walk.get("management", "/models/mnist").json()[0]["workers"]] == ["READY"]


def test_predict_both_ways(walk):
    out = json.loads(walk.through("predict.sh").raw)
    assert out["digit"] == 0 and out["probability"] > 0.5
    lines = walk.through("predict_mnist.py").text.splitlines()
    assert len(lines) == 10
    assert all(line.startswith(f"{d}.png -> 200 {{'digit': {d},") for d, line in enumerate(lines))


def test_scale_and_describe(walk):
    assert json.loads(walk.through("scale.sh").raw)["status"].startswith("Workers scaled to 1")
    [model] = json.loads(walk.through("describe.sh").raw)
    assert (model["modelName"], model["modelVersion"]) == ("mnist", "1.0")
    assert (model["minWorkers"], model["maxWorkers"]) == (1, 2)
    assert [w["status"] for w in model["workers"]] == ["READY"]


def test_explain(walk):
    out = walk.through("explain.sh").text
    assert out.startswith("shape: (28, 28)")
    picture = out.splitlines()[1:]
    assert len(picture) == 28 and any("#" in row for row in picture)


def test_versions(walk):
    assert walk.through("archive_version.sh").text.split() == ["mnist.mar", "mnist_v2.mar"]
    assert walk.through("register.py mnist_v2.mar").text.startswith("200 Model \"mnist\" Version: 2.0")
    assert "2.0" in json.loads(walk.through("set_default.sh").raw)["status"]
    lines = walk.through("versions.sh").text.splitlines()
    assert sorted(lines[:2]) == ["1.0 1 worker(s)", "2.0 1 worker(s)"] or \
        sorted(lines[:2]) == ["1.0 2 worker(s)", "2.0 1 worker(s)"]
    assert lines[2] == "default: 2.0"
    assert lines[3:] == ["/predictions/mnist/1.0 -> HTTP 200", "/predictions/mnist/2.0 -> HTTP 200"]


def test_unregister_keeps_the_archive(walk):
    assert "unregistered" in json.loads(walk.through("unregister.sh").raw)["status"]
    assert walk.get("management", "/models/mnist/1.0").status_code == 404
    assert (walk.clone / "model_store" / "mnist.mar").exists(), "an archive from the store stays"


def test_register_from_url(walk):
    assert walk.through("share.sh").text.split() == ["mnist.mar"]
    walk.through("model_server.sh")
    out = json.loads(walk.through("register_url.sh").raw)
    assert "registered with 0 initial workers" in out["status"]
    assert (walk.clone / "model_store" / "mnist.mar").exists(), "downloaded into the store"
    # Without workers a prediction cannot be served.
    r = walk.post("inference", "/predictions/mnist/1.0", data=(QUICK / "digits" / "0.png").read_bytes())
    assert r.status_code == 503, r.text


def test_list_both_ways(walk):
    out = walk.through("list.sh")
    models = json.loads(out.raw[:out.raw.rindex("}") + 1])["models"]
    assert {m["modelName"]: m["modelUrl"] for m in models} == {"mnist": "mnist_v2.mar"}, \
        "one entry per model, showing its default version's archive"
    assert walk.through("list_models.py").text.split() == ["mnist", "mnist_v2.mar"]
    assert out.text.splitlines()[-2:] in (
        ["mnist 1.0 http://127.0.0.1:8090/mnist.mar", "mnist 2.0 mnist_v2.mar"],
        ["mnist 2.0 mnist_v2.mar", "mnist 1.0 http://127.0.0.1:8090/mnist.mar"])


def test_stop(walk):
    walk.through("stop.sh")
    assert not (walk.clone / "key_file.json").exists()


def test_original_archive_has_no_weights(walk):
    names = walk.through("archive_no_weights.sh").text.split()
    assert "mnist.py" in names and not any(n.endswith((".pt", ".pth")) for n in names)


def test_defaults_server_loads_both_models(walk):
    out = walk.through("start_defaults.sh").text
    assert "Model API enabled: false" in out
    assert {m["modelName"] for m in walk.get("management", "/models").json()["models"]} == \
        {"mnist", "mnist_no_weights"}


def test_no_token_is_refused(walk):
    body, status = reply_and_status(walk.through("no_token.sh").raw)
    assert status == "HTTP 400" and body["type"] == "InvalidKeyException"


def test_model_api_is_off_by_default(walk):
    body, status = reply_and_status(walk.through("model_api_off.sh").raw)
    assert status == "HTTP 405" and body["type"] == "MethodNotAllowedException"


def test_no_weights_answers_200_but_wrong(walk):
    assert walk.through("score.sh").text.splitlines() == [
        "mnist             HTTP 200: 10/10   all ten read right: yes",
        "mnist_no_weights  HTTP 200: 10/10   all ten read right: no",
    ]


def archiver_args(script) -> dict[str, str]:
    """The --option value pairs of the torch-model-archiver command in a script."""
    text = script.read_text().replace("\\\n", " ")
    command = next(line for line in text.splitlines() if line.startswith("torch-model-archiver"))
    words = command.split()[1:]
    return {w: words[i + 1] for i, w in enumerate(words) if w.startswith("--")
            and i + 1 < len(words) and not words[i + 1].startswith("--")}


def test_second_version_is_built_from_the_same_files():
    first = archiver_args(QUICK / "archive_mnist.sh")
    second = archiver_args(QUICK / "archive_version.sh")
    assert second.pop("--version") != first.pop("--version")
    second.pop("--export-path"), first.pop("--export-path")
    assert second == first
