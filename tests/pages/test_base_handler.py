"""The Base handler page. Its two exec blocks run at site build (tests/site/test_docs_build.py checks
them); its one file to package, snippets/base-handler/function_handler.py, is packaged here as the page
says and loaded as a worker loads it: a module-level handle() is a whole handler, TorchServe's own
loader takes it as the entry point, and a batch gets one reply per request."""
from __future__ import annotations

import subprocess

import pytest

from tsharness import ledger
from tsharness.paths import REPO, VENV_BIN, venv_env
from tsharness.worker import call, http_json, load_handler

PAGE = "base-handler"  # it has no commands: its tests check what it says

HANDLER = "snippets/base-handler/function_handler.py"


@pytest.fixture(scope="module")
def handle(tmp_path_factory):
    """The handler packaged as the page says (no model file) and loaded as a worker loads it."""
    store = tmp_path_factory.mktemp("function_handler")
    subprocess.run([str(VENV_BIN / "torch-model-archiver"), "--model-name", "tasks", "--version", "1.0",
                    "--handler", HANDLER, "--export-path", str(store), "--archive-format", "no-archive"],
                   cwd=REPO, env=venv_env(), check=True, capture_output=True, timeout=120)
    ledger.archived(store / "tasks")
    return load_handler(store / "tasks", batch_size=4)


def route(tasks: int) -> dict:
    return {"feature": [[0] * 8 for _ in range(tasks)], "start": 0}


def test_the_entry_point_is_the_function_itself(handle):
    assert callable(handle) and handle.__name__ == "handle" and not hasattr(handle, "initialize")


def test_one_reply_per_request_in_order(handle):
    replies, codes = call(handle, [http_json(route(n)) for n in (2, 5, 3)])
    assert codes == [200, 200, 200]
    assert replies == [{"tasks": 2}, {"tasks": 5}, {"tasks": 3}]


def test_a_bad_request_fails_the_whole_batch(handle):
    """No per-request checks: one bad request fails every request of its batch, as the page says."""
    replies, codes = call(handle, [http_json(route(2)), http_json({"start": 0})])
    assert codes == [503, 503], replies
