"""The gRPC page: stubs generated from the installed TorchServe, the client snippets run live."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.live_server import REPO, SNIPPETS, TorchServe, check_output, normalise, run_snippet

PY = SNIPPETS / "python"
pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def grpc_ts(tmp_path_factory, java, grpc_stubs):
    """A server of its own, so ListModels shows exactly the models registered here."""
    work = tmp_path_factory.mktemp("grpc")
    store = work / "model_store"
    for script in ("greedy_time.sh", "mnist.sh"):
        run_snippet(SNIPPETS / "archive" / script, None, env={"MODEL_STORE": str(store)}, cwd=REPO)
    server = TorchServe(work, store, env={"GRPC_STUBS": grpc_stubs}).start()
    for mar in ("greedy_time.mar", "mnist.mar"):
        assert server.register(mar).status_code == 200, server.logs()
    yield server
    server.stop()


def shown(server: TorchServe, snippet, *args, **kw) -> str:
    # Readers run the snippets from the repo root: request files are repo-relative paths.
    return normalise(run_snippet(snippet, server, *args, cwd=REPO, **kw).stdout, server)


def test_stubs_come_from_the_installed_jar(grpc_stubs, update_outputs, tmp_path):
    # A second run into the same directory is harmless (the fixture already ran it once).
    out = run_snippet(SNIPPETS / "grpc" / "gen_stubs.sh", None, env={"GRPC_STUBS": grpc_stubs}).stdout
    assert "./inference_pb2_grpc.py" in out and "./management_pb2_grpc.py" in out
    check_output(SNIPPETS / "grpc" / "gen_stubs.sh", out, update_outputs)
    # The generated modules import and describe the services TorchServe 0.12 serves.
    code = ("import inference_pb2, management_pb2; "
            "print(*inference_pb2.DESCRIPTOR.services_by_name['InferenceAPIsService'].methods_by_name); "
            "print(*management_pb2.DESCRIPTOR.services_by_name['ManagementAPIsService'].methods_by_name)")
    methods = subprocess.run([sys.executable, "-c", code], cwd=grpc_stubs, capture_output=True,
                             text=True, check=True).stdout
    assert "Predictions" in methods and "ListModels" in methods and "RegisterModel" in methods
    assert not list(REPO.glob("snippets/**/*.proto")), "protos are read from the jar, never copied"


def test_predict_route_model(grpc_ts, update_outputs):
    snippet = PY / "grpc_predict.py"
    out = shown(grpc_ts, snippet, "greedy_time", "snippets/greedy-time/request.json")
    # The same answer as over HTTP: the start task first.
    http = grpc_ts.predict("greedy_time", (SNIPPETS / "requests" / "greedy_time.json").read_bytes())
    assert http.status_code == 200 and json.loads(out) == http.json()
    check_output(snippet, out, update_outputs)


def test_predict_png_with_the_same_script(grpc_ts):
    out = shown(grpc_ts, PY / "grpc_predict.py", "mnist", "snippets/quickstart/digits/7.png")
    http = grpc_ts.predict("mnist", (SNIPPETS / "digits" / "7.png").read_bytes(),
                           headers={"Content-Type": "application/octet-stream"})
    assert http.status_code == 200 and json.loads(out) == http.json(), (out, http.text)


def test_errors_over_grpc(grpc_ts, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"feature": "oops"}')
    # The handler's 400 comes back as the prediction, with gRPC status OK.
    out = run_snippet(PY / "grpc_predict.py", grpc_ts, "greedy_time", str(bad), cwd=REPO).stdout
    reply = json.loads(out)
    assert reply["code"] == 400 and reply["type"] == "BadRequest" and reply["message"], out
    # TorchServe's own refusals are gRPC errors (an unknown model is INTERNAL, not NOT_FOUND).
    proc = run_snippet(PY / "grpc_predict.py", grpc_ts, "nosuch", str(bad), cwd=REPO, check=False)
    assert proc.returncode == 1 and proc.stdout.startswith("INTERNAL Model not found: nosuch"), proc.stdout
    # The worker keeps serving.
    assert grpc_ts.predict("greedy_time", (SNIPPETS / "requests" / "greedy_time.json").read_bytes()).ok


def test_list_models_needs_limit(grpc_ts, update_outputs):
    snippet = PY / "grpc_list_models.py"
    out = shown(grpc_ts, snippet)
    without, with_limit = out.split("\nlimit=100:", 1)
    assert json.loads(without.removeprefix("without limit:"))["models"] == []
    assert [m["modelName"] for m in json.loads(with_limit)["models"]] == ["greedy_time", "mnist"]
    check_output(snippet, out, update_outputs)


def test_describe_model(grpc_ts, update_outputs):
    snippet = PY / "grpc_describe.py"
    raw = run_snippet(snippet, grpc_ts, "greedy_time", cwd=REPO).stdout
    described = json.loads(raw)
    assert described[0]["modelName"] == "greedy_time" and len(described[0]["workers"]) == 1
    assert described[0]["workers"][0]["pid"] in grpc_ts.worker_pids("greedy_time")
    check_output(snippet, normalise(raw, grpc_ts), update_outputs)


def test_without_token_permission_denied(grpc_ts, grpc_stubs):
    sys.path[:0] = [str(PY), grpc_stubs]
    try:
        import grpc
        import inference_pb2
        import inference_pb2_grpc
        channel = grpc.insecure_channel(grpc_ts.env()["TS_GRPC_INFERENCE"])
        stub = inference_pb2_grpc.InferenceAPIsServiceStub(channel)
        request = inference_pb2.PredictionsRequest(
            model_name="greedy_time", input={"data": (SNIPPETS / "requests" / "greedy_time.json").read_bytes()})
        with pytest.raises(grpc.RpcError) as err:
            stub.Predictions(request, timeout=30)
        assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED
        with pytest.raises(grpc.RpcError) as err:
            stub.Predictions(request, metadata=(("authorization", "Bearer wrong"),), timeout=30)
        assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED
        channel.close()
    finally:
        del sys.path[:2]
