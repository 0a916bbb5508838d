"""The ETA page, walked as a reader does: the fourth model, made from the template and the
checklist, tested, archived, served, batched, refused when wrong, and measured against baselines."""
from __future__ import annotations

import json

PAGE = "eta"


def test_handler_tests_pass_before_serving(walk):
    walk.through("archive_eta.sh")
    assert (walk.clone / "model_store" / "eta.mar").is_file()
    assert walk.through("test_eta_handler.py").text.splitlines()[-1] == "10 passed in <time>"


def test_served_one_request(walk):
    walk.through("start.sh")
    assert walk.through("register.py eta.mar").text.startswith("200 ")
    reply = json.loads(walk.through("predict.sh").raw)
    assert len(reply["eta_minutes"]) == 3 and all(m > 0 for m in reply["eta_minutes"])


def test_batched_answers_equal_single_ones(walk):
    out = walk.through("batched.py").text
    assert "status codes: [200]" in out and "same answers alone and at once: True" in out


def test_each_bad_input_gets_its_400(walk):
    lines = walk.through("bad_input.py").text.splitlines()
    assert len(lines) == 11 and all(line[16:20] == "400 " for line in lines), lines


def test_metrics_count_the_requests(walk):
    assert 'model_name="eta"' in walk.through("metrics.sh").text


def test_quality_table_the_model_beats_both_baselines(walk):
    rows = [r for r in walk.through("quality.py").text.splitlines()
            if r.startswith("| ") and "MAE" not in r and "---" not in r]
    mae = [float(r.split("|")[2]) for r in rows]
    assert len(mae) == 3 and mae[2] < mae[0] < mae[1], "the model best, the straight line worst"


def test_stop_and_the_rest_of_the_page(walk):
    walk.through("stop.sh")
    walk.finish()
