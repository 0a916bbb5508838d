"""The handler without a server: the quick way (TorchServe's MockContext) and the faithful way (the
archive archive.sh builds, loaded as a worker loads it, batches through the worker's codec).

Run from the template's folder: python -m pytest (pytest.ini puts the folder on the import path)."""
import json
import os
import subprocess
from pathlib import Path

import pytest
import torch
from handler import FEATURES, MAX_INSTANCES, ModelHandler, parse_request
from model import Model
from ts.torch_handler.unit_tests.test_utils.mock_context import MockContext
from ts_worker import call, load_archive

from safe_handler import BadRequest

HERE = Path(__file__).resolve().parents[1]
REQUEST = json.loads((HERE / "request.json").read_text())
ROW = REQUEST["instances"][0]
NAME = next(iter(FEATURES))           # the first feature
LOW, HIGH = FEATURES[NAME]


def expected(request: dict) -> list:
    """What the model itself says for a request's rows, rounded as the handler rounds."""
    model = Model()
    model.load_state_dict(torch.load(HERE / "model.pt", weights_only=True))
    rows = torch.tensor([[item[k] for k in FEATURES] for item in request["instances"]])
    with torch.inference_mode():
        return [round(float(y), 3) for y in model(rows)]


# --- validation: each bad input gets a message naming the field -------------------------------
@pytest.mark.parametrize("body, message", [
    ({"instances": [{k: v for k, v in ROW.items() if k != NAME}]}, f"instances[0].{NAME}: missing"),
    ({"instances": [{**ROW, NAME: "12"}]}, f"instances[0].{NAME}: expected a number, got string '12'"),
    ({"instances": [{**ROW, NAME: True}]}, f"instances[0].{NAME}: expected a number, got boolean"),
    ({"instances": [{**ROW, NAME: HIGH + 1}]},
     f"instances[0].{NAME}: out of range [{LOW:g}, {HIGH:g}], got {HIGH + 1:g}"),
    ({"instances": []}, f"instances: send 1 to {MAX_INSTANCES}, got 0"),
    ({"instances": [ROW], "extra": 1}, "unexpected field(s): extra"),
    ([ROW], 'body: expected a JSON object {"instances": [...]}, got array'),
    (b"{not json", "body: not valid JSON (Expecting property name enclosed in double quotes: "
                   "line 1 column 2 (char 1))"),
])
def test_bad_input_is_named(body, message):
    with pytest.raises(BadRequest) as refused:
        parse_request(body)
    assert refused.value.message == message


# --- the quick way: MockContext -----------------------------------------------------------
def test_mock_context_one_request():
    context = MockContext(model_pt_file="model.pt", model_dir=str(HERE), model_file="model.py")
    handler = ModelHandler()
    handler.initialize(context)
    assert handler.handle([{"body": REQUEST}], context) == [{"predictions": expected(REQUEST)}]


# --- the faithful way: the archive in a worker ----------------------------------------------
@pytest.fixture(scope="module")
def handler(tmp_path_factory):
    store = tmp_path_factory.mktemp("store")
    subprocess.run(["bash", str(HERE / "archive.sh")], env={**os.environ, "MODEL_STORE": str(store)},
                   check=True, capture_output=True)
    [mar] = store.glob("*.mar")
    return load_archive(mar, batch_size=4, dest=tmp_path_factory.mktemp("unpacked"))


def test_one_request(handler):
    assert call(handler, [REQUEST]) == ([{"predictions": expected(REQUEST)}], [200])


def test_a_batch_gets_each_request_its_own_answer(handler):
    one = {"instances": [ROW]}
    replies, codes = call(handler, [REQUEST, one, REQUEST, one])
    assert codes == [200] * 4
    assert replies == [{"predictions": expected(r)} for r in (REQUEST, one, REQUEST, one)]


def test_a_bad_request_fails_alone(handler):
    bad = {"instances": [{**ROW, NAME: None}]}
    replies, codes = call(handler, [REQUEST, bad, REQUEST])
    assert codes == [200, 400, 200]
    assert replies[1] == {"code": 400, "type": "BadRequest",
                          "message": f"instances[0].{NAME}: expected a number, got null"}
    assert replies[0] == replies[2] == {"predictions": expected(REQUEST)}


def test_a_batch_of_only_bad_requests(handler):
    _, codes = call(handler, [{"instances": []}, b""])
    assert codes == [400, 400]


def test_the_model_config_is_in_the_archive(handler):
    assert handler.context.model_yaml_config["batchSize"] == 8
