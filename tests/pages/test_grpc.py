"""The gRPC page, walked as a reader does: stubs generated from the installed TorchServe, then the
route model and mnist called over gRPC next to HTTP."""
from __future__ import annotations

import json
import subprocess
import time

import pytest

from tsharness.grpcload import import_stubs
from tsharness.paths import PYTHON, REPO, SNIPPETS

PAGE = "grpc"
REQUEST = SNIPPETS / "greedy-time" / "request.json"
DIGIT = SNIPPETS / "quickstart" / "digits" / "7.png"


def test_models_registered_with_a_worker(walk):
    for model in ("greedy_time", "mnist"):
        out = walk.through(f"register.py {model}.mar").text
        assert out == f'200 Model "{model}" Version: 1.0 registered with 1 initial workers\n', out


def test_stubs_come_from_the_installed_jar(walk):
    out = walk.through("gen_stubs.sh").text
    assert "./inference_pb2_grpc.py" in out and "./management_pb2_grpc.py" in out
    stubs = walk.clone / "snippets" / "grpc"  # next to the clients that import them
    generated = [f"snippets/grpc/{f.removeprefix('./')}" for f in out.split()]
    ignored = subprocess.run(["git", "check-ignore", *generated], cwd=REPO, capture_output=True, text=True)
    assert ignored.stdout.split() == generated, "git ignores the generated stubs, as the page says"
    # The generated modules import and describe the services TorchServe 0.12 serves.
    code = ("import inference_pb2, management_pb2; "
            "print(*inference_pb2.DESCRIPTOR.services_by_name['InferenceAPIsService'].methods_by_name); "
            "print(*management_pb2.DESCRIPTOR.services_by_name['ManagementAPIsService'].methods_by_name)")
    methods = subprocess.run([str(PYTHON), "-c", code], cwd=stubs, capture_output=True, text=True,
                             check=True).stdout
    assert "Predictions" in methods and "ListModels" in methods and "RegisterModel" in methods
    assert not list(REPO.glob("snippets/**/*.proto")), "protos are read from the jar, never copied"
    # Running it again is harmless, as the page says.
    again = subprocess.run(["bash", "snippets/grpc/gen_stubs.sh"], cwd=walk.clone, capture_output=True,
                           text=True, env={"PATH": f"{PYTHON.parent}:/usr/bin:/bin"})
    assert again.returncode == 0 and again.stdout == out, again.stderr


def test_the_calls_and_how_they_differ_from_http(walk):
    lines = walk.through("grpc_methods.py").text.splitlines()
    inference = lines[1:lines.index("ManagementAPIsService")]
    management = lines[lines.index("ManagementAPIsService") + 1:]
    names = lambda block: [line.split()[0] for line in block]
    assert names(inference) == ["Ping", "Predictions", "StreamPredictions", "StreamPredictions2"]
    assert "  StreamPredictions   stream of replies" in inference
    assert "  StreamPredictions2  stream of requests and replies" in inference
    assert not any("xplanation" in line for line in lines), "no explanations over gRPC"
    assert sorted(names(management)) == ["DescribeModel", "ListModels", "RegisterModel",
                                         "ScaleWorker", "SetDefault", "UnregisterModel"]
    # HTTP has the explanations the gRPC service lacks.
    r = walk.post("inference", "/explanations/mnist", data=DIGIT.read_bytes())
    assert r.status_code == 200, r.text


def test_predict_route_three_ways(walk):
    assert json.loads(walk.through("greedy-time/predict.sh").raw) == [1, 0]
    assert walk.through("predict_route.py greedy_time").text == "200 [1, 0]\n"
    out = walk.through("grpc_predict.py greedy_time").raw
    # The same answer as over HTTP: the start task first.
    http = walk.post("inference", "/predictions/greedy_time", data=REQUEST.read_bytes())
    assert http.status_code == 200 and json.loads(out) == http.json() == [1, 0]


def test_predict_png_with_the_same_script(walk):
    out = json.loads(walk.through("grpc_predict.py mnist").raw)
    http = walk.post("inference", "/predictions/mnist", data=DIGIT.read_bytes())
    assert http.status_code == 200 and out == http.json() and out["digit"] == 7, (out, http.text)


def test_errors_over_grpc(walk):
    bad, unknown = walk.through("grpc_errors.py").raw.split("\nunknown model: ")
    # The handler's 400 comes back as the prediction, with gRPC status OK.
    reply = json.loads(bad.removeprefix("bad input, status OK, prediction: "))
    assert reply["code"] == 400 and reply["type"] == "BadRequest" and reply["message"] == "start: missing"
    # TorchServe's own refusals are gRPC errors (an unknown model is INTERNAL, not NOT_FOUND).
    assert unknown.startswith("INTERNAL Model not found: nosuch"), unknown
    # The worker keeps serving.
    assert walk.post("inference", "/predictions/greedy_time", data=REQUEST.read_bytes()).json() == [1, 0]


def test_list_models_needs_limit(walk):
    out = walk.through("grpc_list_models.py").raw
    without, with_limit = out.split("\nlimit=100:", 1)
    assert json.loads(without.removeprefix("without limit:"))["models"] == []
    assert [m["modelName"] for m in json.loads(with_limit)["models"]] == ["greedy_time", "mnist"]


def test_describe_model(walk):
    [described] = json.loads(walk.through("grpc_describe.py greedy_time").raw)
    assert described["modelName"] == "greedy_time" and len(described["workers"]) == 1
    [http] = walk.get("management", "/models/greedy_time").json()
    assert described["workers"][0]["pid"] == http["workers"][0]["pid"]


# --- direct calls on the walk's server, with the session's stubs -------------------------
@pytest.fixture
def direct(walk, grpc_stubs):
    """grpc, a stub on the walk's inference port, and the greedy_time request."""
    import grpc
    inference_pb2, inference_pb2_grpc = import_stubs(grpc_stubs)
    request = inference_pb2.PredictionsRequest(model_name="greedy_time", input={"data": REQUEST.read_bytes()})
    with grpc.insecure_channel(f"127.0.0.1:{walk.ports[7070]}") as channel:
        yield grpc, inference_pb2_grpc.InferenceAPIsServiceStub(channel), request


def test_without_token_permission_denied(direct):
    grpc, stub, request = direct
    for metadata in ((), (("authorization", "Bearer wrong"),)):
        with pytest.raises(grpc.RpcError) as err:
            stub.Predictions(request, metadata=metadata, timeout=30)
        assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_stream_predictions_needs_a_streaming_handler(walk, direct):
    """The route handler answers once: StreamPredictions kills its worker, which restarts."""
    grpc, stub, request = direct
    before = walk.get("management", "/models/greedy_time").json()[0]["workers"][0]["pid"]
    token = (("authorization", f"Bearer {walk.key('inference')}"),)
    with pytest.raises(grpc.RpcError) as err:
        list(stub.StreamPredictions(request, metadata=token, timeout=30))
    assert err.value.code() == grpc.StatusCode.INTERNAL
    assert err.value.details().startswith("Worker died."), err.value.details()
    deadline = time.monotonic() + 60
    while True:
        [worker] = walk.get("management", "/models/greedy_time").json()[0]["workers"]
        if worker["status"] == "READY" and worker["pid"] != before:
            break
        assert time.monotonic() < deadline, f"the worker did not come back: {worker}"
        time.sleep(0.5)
    assert walk.post("inference", "/predictions/greedy_time", data=REQUEST.read_bytes()).json() == [1, 0]


def test_the_rest_of_the_page(walk):
    walk.finish()
    assert not (walk.clone / "key_file.json").exists()
