"""The faithful way: the archive you ship, unpacked and loaded as a TorchServe worker does, and
batches sent through the worker's own codec. No Java, no server.

Run from the repository root.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tsharness.archives import unpack_archive
from tsharness.worker import call, load_archive, load_handler

REQUEST = json.loads(Path("snippets/greedy-time/request.json").read_text())
BAD = {"feature": [[1] * 7], "start": 0}  # 7 numbers instead of 8


def build(script: str, store: Path) -> Path:
    """Run an archive script, as you would to ship the model; the .mar it wrote."""
    subprocess.run(["bash", script], env={**os.environ, "MODEL_STORE": str(store)},
                   check=True, capture_output=True)
    [mar] = store.glob("*.mar")
    return mar


@pytest.fixture(scope="module")
def mar(tmp_path_factory):
    return build("snippets/greedy-time/archive_greedy_time.sh", tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="module")
def lade_mar(tmp_path_factory):
    return build("snippets/greedy-time/archive_greedy_time_lade.sh", tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="module")
def handler(mar, tmp_path_factory):
    return load_archive(mar, batch_size=4, dest=tmp_path_factory.mktemp("unpacked"))


def test_one_request(handler):
    assert call(handler, [REQUEST]) == ([[1, 0]], [200])


def test_a_batch_gets_one_reply_per_request(handler):
    replies, codes = call(handler, [REQUEST] * 4)
    assert codes == [200] * 4
    assert replies == [[1, 0]] * 4


def test_a_bad_request_fails_alone(handler):
    replies, codes = call(handler, [REQUEST, BAD, REQUEST])
    assert codes == [200, 400, 200]
    assert replies[1]["message"] == "feature[0]: expected 8 numbers, got 7"
    assert replies[0] == replies[2] == [1, 0]


# Loads an archive in a new Python and prints the error a worker would log, and the one before it.
LOAD = """import sys
from tsharness.worker import load_handler
try:
    load_handler(sys.argv[1])
except ModuleNotFoundError as failure:
    print(failure, failure.__context__, sep="\\n")
"""


def test_a_missing_extra_file_fails_the_load(mar, tmp_path):
    # As if the archive were built without --extra-files handlers/safe_handler.py.
    model_dir = unpack_archive(mar, tmp_path)
    (model_dir / "safe_handler.py").unlink()
    # A worker has only the archive's files and what is installed. This test's process has handlers/
    # on its path (pytest's settings put it there), so the archive is loaded in a new Python.
    load = subprocess.run([sys.executable, "-c", LOAD, str(model_dir)], capture_output=True, text=True,
                          check=True)
    last, cause = load.stdout.splitlines()[-2:]
    assert "ts.torch_handler.route_handler" in last
    # The loader then tried TorchServe's own handlers: the real cause is the first error.
    assert "No module named 'safe_handler'" in cause


def test_the_model_config_is_read(lade_mar, tmp_path):
    assert load_archive(lade_mar, dest=tmp_path).model.time_column == 7


def test_a_wrong_setting_fails_the_load(lade_mar, tmp_path):
    model_dir = unpack_archive(lade_mar, tmp_path)
    (model_dir / "greedy_time_lade.yaml").write_text("handler:\n  time_column: 9\n")
    with pytest.raises(ValueError, match=r"time_column must be an integer in \[0, 8\), got 9"):
        load_handler(model_dir)
