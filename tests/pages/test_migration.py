"""The migration page runs nothing; its claims about the installed packages are checked here."""
from __future__ import annotations

import inspect
import io

import litserve
import pytest
import torch
from litserve import server as litserve_server
from ts.torch_handler import base_handler

from tsharness.paths import DOCS

PAGE = "migration"


def page_text() -> str:
    return (DOCS / "migration.en.md").read_text() + (DOCS / "migration.md").read_text()


def test_base_handler_loads_without_weights_only():
    line = "torch.load(model_pt_path, map_location=map_location)"
    assert line in inspect.getsource(base_handler.BaseHandler._load_pickled_model)
    assert f"`{line}`" in page_text()


def test_this_torch_refuses_a_whole_pickled_module_by_default():
    assert tuple(int(x) for x in torch.__version__.split(".")[:2]) >= (2, 6)
    buf = io.BytesIO()
    torch.save(torch.nn.Linear(2, 2), buf)
    buf.seek(0)
    with pytest.raises(Exception, match="weights_only"):
        torch.load(buf)


def test_litserve_names_on_the_page():
    assert litserve.__version__ == "0.2.19"
    source = inspect.getsource(litserve_server)
    assert 'os.environ.get("LIT_SERVER_API_KEY")' in source and 'name="X-API-Key"' in source
    server_args = inspect.signature(litserve.LitServer).parameters
    assert server_args["healthcheck_path"].default == "/health" and "workers_per_device" in server_args
    api_args = inspect.signature(litserve.LitAPI.__init__).parameters
    assert {"max_batch_size", "batch_timeout"} <= set(api_args)
    for name in ("LIT_SERVER_API_KEY", "X-API-Key", "workers_per_device", "/health", "batch_timeout"):
        assert f"`{name}`" in page_text()
