"""The packaging page, walked as a reader does: trace's silent error, the compiled and AOTInductor
archives, the two other archive formats, all five variants on one TorchServe; then the same random
routes (several task counts, one at a time and eight at once) and the same bad requests sent to
every variant, whose replies must be eager pointer_net's, run in process."""
from __future__ import annotations

import json
import tarfile
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
import torch

from lade_synth import request
from pointer_net import load
from tsharness.paths import SNIPPETS
from tsharness.route_cases import one

PAGE = "packaging"
FIXED_TASKS = 25  # snippets/packaging/fixed_tasks.py's TASKS
VARIANTS = ["pointer_net", "pointer_net_script", "pointer_net_compiled", "pointer_net_aoti", "pointer_net_folder",
            "pointer_net_tgz"]
FIXED = {"pointer_net_compiled", "pointer_net_aoti"}
ROW = [720.22, 120.2653, 30.30396, 13, 6.023, 303, 179.78, 116.02]
BAD = [  # (body, the message every variant answers with a 400)
    ({"feature": [ROW, ROW]}, "start: missing"),
    ({"feature": [ROW, ROW[:7]], "start": 0}, "feature[1]: expected 8 numbers, got 7"),
    ({"feature": [ROW, ROW], "start": 2}, "start: must be an integer in [0, 2), got 2"),
    ({"feature": [ROW] * 101, "start": 0}, "feature: at most 100 tasks, got 101"),
    ({"feature": [], "start": 0}, "feature: no tasks; send 1 to 100 tasks"),
]
MODEL = load()


def eager(body: dict) -> list[int]:
    with torch.no_grad():
        return MODEL(*one(body["feature"], body["start"]))[0].tolist()


def test_trace_is_silently_wrong_at_other_task_counts(walk):
    lines = walk.through("trace_pitfall.py").text.splitlines()
    routes = {}
    for top, bottom in zip(lines[::2], lines[1::2]):
        n = int(top.split()[0].removeprefix("N="))
        routes[n] = (json.loads(top[top.index("["):]), json.loads(bottom[bottom.index("["):bottom.index("]") + 1]))
    assert set(routes) == {10, 13, 7}
    assert routes[10][0] == routes[10][1], "right at the traced task count"
    for n in (13, 7):
        eager_route, traced = routes[n]
        assert sorted(eager_route) == list(range(n))
        assert len(traced) == 10 and traced != eager_route, "the trace keeps its 10 steps"
    assert [line.split()[-1] for line in lines[1::2]] == ["same", "WRONG", "WRONG"]


def test_archives(walk):
    walk.through("archive_pointer_net_script.sh")
    walk.through("archive_pointer_net_compiled.sh")
    walk.through("archive_pointer_net_aoti.sh")
    store = walk.clone / "model_store"
    with zipfile.ZipFile(store / "pointer_net_aoti.mar") as z:
        manifest = json.loads(z.read("MAR-INF/MANIFEST.json"))
    assert "modelFile" not in manifest["model"] and manifest["model"]["serializedFile"].endswith(".pt2")
    walk.through("formats.sh")
    assert (store / "pointer_net_folder" / "MAR-INF" / "MANIFEST.json").is_file()
    with tarfile.open(store / "pointer_net_tgz.tar.gz") as t:
        assert "pointer_net_tgz/MAR-INF/MANIFEST.json" in t.getnames()


def test_start_and_register_every_variant(walk):
    walk.through("start.sh")
    lines = walk.through("register_all.sh").text.splitlines()
    assert lines == [f'  "status": "Model \\"{m}\\" Version: shanghai registered with 1 initial workers"'
                     for m in VARIANTS]
    for model in FIXED:
        [described] = walk.get("management", f"/models/{model}").json()
        assert (described["batchSize"], described["maxBatchDelay"]) == (8, 5)


def test_compiled_at_load(walk):
    log = (walk.clone / "logs" / "model_log.log").read_text(errors="replace")
    assert "Compiled model with backend inductor" in log


def test_same_answers_on_the_page(walk):
    lines = walk.through("same_answers.py snippets/pointer-net/tasks25.json").text.splitlines()
    tasks25 = json.loads((SNIPPETS / "pointer-net" / "tasks25.json").read_text())
    assert [line.split()[:3] for line in lines] == [[m, "200", "same"] for m in sorted(VARIANTS)]
    assert all(line.endswith(json.dumps(eager(tasks25))) for line in lines)


def test_26_tasks_only_the_fixed_variants_refuse(walk):
    lines = walk.through("same_answers.py snippets/packaging/tasks26.json").text.splitlines()
    status = {line.split()[0]: line.split()[1] for line in lines}
    assert status == {m: "400" if m in FIXED else "200" for m in VARIANTS}
    for line in lines:
        if line.split()[0] in FIXED:
            assert line.endswith('"message": "feature: at most 25 tasks, got 26"}')


def send(walk, model: str, body) -> tuple[int, object]:
    r = walk.post("inference", f"/predictions/{model}", json=body)
    return r.status_code, r.json()


@pytest.mark.parametrize("tasks", [2, 7, 13, FIXED_TASKS])
def test_same_routes_as_eager_one_and_eight_at_once(walk, tasks):
    bodies = [request(seed=100 * tasks + i, tasks=tasks) for i in range(8)]
    expected = [(200, eager(b)) for b in bodies]
    with ThreadPoolExecutor(8) as pool:
        for model in VARIANTS:
            assert [send(walk, model, b) for b in bodies[:2]] == expected[:2], f"{model}, one at a time"
            got = list(pool.map(lambda b, model=model: send(walk, model, b), bodies))
            assert got == expected, f"{model}, eight at once"


def test_same_400_for_bad_requests(walk):
    for model in VARIANTS:
        for body, message in BAD:
            assert send(walk, model, body) == (400, {"code": 400, "type": "BadRequest", "message": message}), model


def test_stop_and_the_rest_of_the_page(walk):
    walk.through("stop.sh")
    assert not (walk.clone / "key_file.json").exists()


def test_what_base_handler_loads_by_itself():
    """The page's note: BaseHandler 0.12 picks a loader by the serialized file's name; a .pt goes to
    torch.jit.load, a .so only with pt2: {export: {aot_compile: true}}, a .pt2 to nothing."""
    import inspect

    from ts.torch_handler.base_handler import BaseHandler

    source = inspect.getsource(BaseHandler.initialize)
    assert 'self.model_pt_path.endswith(".pt")' in source
    assert 'self.model_pt_path.endswith(".so")' in source and "self._use_torch_export_aot_compile()" in source
    assert ".pt2" not in source and 'raise RuntimeError("No model weights could be loaded")' in source
    assert "torch.jit.load" in inspect.getsource(BaseHandler._load_torchscript_model)
    assert '"aot_compile"' in inspect.getsource(BaseHandler._use_torch_export_aot_compile)
