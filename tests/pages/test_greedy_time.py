"""The greedy-by-time page, walked as a reader does: two archives, one TorchServe, the original
request both ways, and four tasks that tell the two sort columns apart."""
from __future__ import annotations

import json
import subprocess

import pytest

from tsharness.paths import PYTHON, SNIPPETS, venv_env
from tsharness.route_replies import assert_registered, by_column, orders

PAGE = "greedy-time"
HERE = SNIPPETS / "greedy-time"


def test_archives_and_start(walk):
    walk.through("archive_greedy_time_lade.sh")
    assert {p.name for p in (walk.clone / "model_store").glob("*.mar")} == \
        {"greedy_time.mar", "greedy_time_lade.mar"}
    assert "Model API enabled: true" in walk.through("start.sh").text


@pytest.mark.parametrize("model", ["greedy_time", "greedy_time_lade"])
def test_registered_with_one_ready_worker(walk, model):
    assert_registered(walk, model)


def test_original_request_both_ways(walk):
    assert json.loads(walk.through("predict.sh").raw) == [1, 0]
    assert walk.through("predict_route.py greedy_time").text == "200 [1, 0]\n"
    direct = walk.post("inference", "/predictions/greedy_time", data=(HERE / "request.json").read_bytes())
    assert direct.status_code == 200 and direct.json() == [1, 0], "the client and a raw POST agree"


def test_bad_body_is_a_400_the_client_shows_and_the_worker_keeps_serving(walk, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"feature": [[1, 2, 3]], "start": 0}))
    out = subprocess.run([str(PYTHON), "snippets/greedy-time/predict_route.py", "greedy_time", str(bad)],
                         cwd=walk.clone, env=venv_env(), capture_output=True, text=True, timeout=60)
    assert out.stdout == ("400 {'code': 400, 'type': 'BadRequest', "
                          "'message': 'feature[0]: expected 8 numbers, got 3'}\n"), out.stderr
    good = walk.post("inference", "/predictions/greedy_time", json={"feature": [[0] * 8] * 3, "start": 2})
    assert good.status_code == 200 and good.json() == [2, 0, 1]


def test_the_model_config_changes_the_sort_column(walk):
    request = json.loads((HERE / "four_tasks.json").read_text())
    got = orders(walk.through("four_tasks.json").raw)
    assert got == {"greedy_time": by_column(request, 0), "greedy_time_lade": by_column(request, 7)}
    assert got["greedy_time"] != got["greedy_time_lade"]


def test_stop_and_the_rest_of_the_page(walk):
    walk.through("stop.sh")
    assert not (walk.clone / "key_file.json").exists()
