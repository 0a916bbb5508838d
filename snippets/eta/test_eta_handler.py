"""The ETA handler's tests: the template's tests/test_handler.py with the ETA's request, bad inputs
and archive (the guide's one in-process worker is tsharness.worker).

Run from the repository root: python -m pytest snippets/eta/test_eta_handler.py -q -p no:cacheprovider
"""
import json
import os
import subprocess
from pathlib import Path

import pytest
import torch
from eta_handler import FEATURES, EtaHandler, parse_request
from ts.torch_handler.unit_tests.test_utils.mock_context import MockContext

from eta import EtaRegressor
from safe_handler import BadRequest
from tsharness.worker import call, load_archive

REQUEST = json.loads(Path("snippets/eta/request.json").read_text())
ROW = REQUEST["instances"][0]


def expected(request: dict) -> list:
    """What the model itself says, rounded as the handler rounds."""
    model = EtaRegressor()
    model.load_state_dict(torch.load("models/eta.pt", weights_only=True))
    rows = torch.tensor([[item[k] for k in FEATURES] for item in request["instances"]], dtype=torch.float32)
    with torch.inference_mode():
        return [round(float(y), 1) for y in model(rows)]


@pytest.mark.parametrize("body, message", [
    ({"instances": [{k: v for k, v in ROW.items() if k != "courier_load"}]},
     "instances[0].courier_load: missing"),
    ({"instances": [{**ROW, "distance_m": "420"}]},
     "instances[0].distance_m: expected a number, got string '420'"),
    ({"instances": [{**ROW, "courier_load": 2.5}]},
     "instances[0].courier_load: expected a whole number, got 2.5"),
    ({"instances": [{**ROW, "distance_m": -50}]},
     "instances[0].distance_m: out of range [0, 10000], got -50"),
    ({"instances": [{**ROW, "nearer_tasks": 4}]},
     "instances[0].nearer_tasks: must be less than courier_load (4), got 4"),
    ({"instances": []}, "instances: send 1 to 64, got 0"),
])
def test_bad_input_is_named(body, message):
    with pytest.raises(BadRequest) as refused:
        parse_request(body)
    assert refused.value.message == message


def test_mock_context_one_request():
    context = MockContext(model_pt_file="eta.pt", model_dir="models", model_file="eta.py")
    handler = EtaHandler()
    handler.initialize(context)
    assert handler.handle([{"body": REQUEST}], context) == [{"eta_minutes": expected(REQUEST)}]


@pytest.fixture(scope="module")
def handler(tmp_path_factory):
    store = tmp_path_factory.mktemp("store")
    subprocess.run(["bash", "snippets/eta/archive_eta.sh"], env={**os.environ, "MODEL_STORE": str(store)},
                   check=True, capture_output=True)
    [mar] = store.glob("*.mar")
    return load_archive(mar, batch_size=4, dest=tmp_path_factory.mktemp("unpacked"))


def test_a_batch_gets_each_request_its_own_answer(handler):
    one = {"instances": [ROW]}
    replies, codes = call(handler, [REQUEST, one, REQUEST, one])
    assert codes == [200] * 4
    assert replies == [{"eta_minutes": expected(r)} for r in (REQUEST, one, REQUEST, one)]


def test_a_bad_request_fails_alone(handler):
    replies, codes = call(handler, [REQUEST, {"instances": []}, REQUEST])
    assert codes == [200, 400, 200]
    assert replies[0] == replies[2] == {"eta_minutes": expected(REQUEST)}


def test_the_model_config_is_in_the_archive(handler):
    assert handler.context.model_yaml_config["batchSize"] == 8
