"""The quick way: the handler class with TorchServe's MockContext, no archive.

Run from the repository root (pytest puts handlers/ on the path, see pyproject.toml).
"""
import json
from pathlib import Path

import pytest
from ts.torch_handler.unit_tests.test_utils.mock_context import MockContext

from route_handler import RouteHandler

REQUEST = json.loads(Path("snippets/greedy-time/request.json").read_text())
BAD = {"feature": [[1] * 7], "start": 0}  # 7 numbers instead of 8


@pytest.fixture
def handler():
    # What the archive would hold: the model file, no weights (greedy_time has none).
    context = MockContext(model_pt_file=None, model_dir="models", model_file="greedy_time.py")
    handler = RouteHandler()
    handler.initialize(context)
    return handler, context


def test_one_request(handler):
    handler, context = handler
    assert handler.handle([{"body": REQUEST}], context) == [[1, 0]]


def test_a_batch_gets_one_reply_per_request(handler):
    handler, context = handler
    assert handler.handle([{"body": REQUEST}] * 4, context) == [[1, 0]] * 4


def test_mock_context_cannot_fail_one_request(handler):
    # A bad request needs context.set_response_status, which MockContext does not have.
    handler, context = handler
    with pytest.raises(AttributeError, match="set_response_status"):
        handler.handle([{"body": REQUEST}, {"body": BAD}], context)
