"""The LitServe page, walked as a reader does; then the same requests sent to TorchServe and to the
LitServe port, both started for real on loopback, with identical status codes and reply bytes."""
from __future__ import annotations

import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

import lade_synth
from tools.compare.servers import PythonServer
from tsharness.bad_routes import ROUTE_CASES
from tsharness.paths import SNIPPETS
from tsharness.route_replies import orders

PAGE = "litserve"
MODELS = ("greedy_time", "pointer_net")
BATCH = 8


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_the_port_answers_the_original_request(walk):
    walk.through("server.py --batch 8 &")
    # predict.py waits a minute for /health; a machine busy with other work can take longer to start.
    began = time.monotonic()
    while not listening(walk.ports[8100]) and time.monotonic() - began < 300:
        time.sleep(0.5)
    assert walk.through("predict.py greedy_time").text == "200 [1, 0]\n"
    status, order = walk.through("predict.py pointer_net").text.split(" ", 1)
    on_torchserve = orders((SNIPPETS / "pointer-net" / "compare_tasks25.out").read_text())["pointer_net"]
    assert status == "200" and json.loads(order) == on_torchserve, "the pointer-net page's order"


def test_a_bad_request_gets_torchserves_400(walk):
    assert walk.through("bad.json").text == ("400 {'code': 400, 'type': 'BadRequest', "
                                             "'message': 'feature[0]: expected 8 numbers, got 3'}\n")


def test_the_in_process_test_passes(walk):
    assert "1 passed" in walk.through("test_server.py").text


def test_stop_and_the_rest_of_the_page(walk):
    assert walk.through("litserve/stop.sh").text == "LitServe has stopped.\n"
    assert not (walk.clone / "logs" / "litserve.pid").exists()
    # No process of its group left, its port free (the walk's shell started nothing else).
    left = walk.processes()
    assert not left, f"still running after stop.sh: {[(p.pid, p.cmdline()) for p in left]}"
    assert not listening(walk.ports[8100]), "the LitServe port still answers"


# --- same answers -------------------------------------------------------------------------
def good_requests() -> list[bytes]:
    """Random routes of several sizes (random start), and the pages' own requests."""
    bodies = []
    for seed, n in enumerate((1, 2, 3, 5, 8, 13, 25, 40, 60, 100)):
        body = lade_synth.request(seed, n)
        bodies.append(json.dumps({**body, "start": (seed * 7) % n}).encode())
    pages = [SNIPPETS / "greedy-time" / "request.json", SNIPPETS / "greedy-time" / "four_tasks.json",
             SNIPPETS / "pointer-net" / "tasks25.json"]
    return bodies + [p.read_bytes() for p in pages]


def bad_requests() -> list[tuple[bytes, str | None]]:
    """The Security page's bad-input matrix: (body, content type)."""
    out = []
    for case in ROUTE_CASES:
        body, _, content_type = case.values
        out.append((body.encode() if isinstance(body, str) else body, content_type))
    return out


@pytest.fixture(scope="module")
def servers(private_ts, tmp_path_factory):
    ts = private_ts("ts-vs-litserve", models=list(MODELS))
    for model in MODELS:
        r = ts.register(f"{model}.mar", batch_size=BATCH, max_batch_delay=5)
        assert r.status_code == 200, r.text
    log = tmp_path_factory.mktemp("litserve") / "server.log"
    with PythonServer("litserve", log, ("--batch", str(BATCH))) as lit:
        yield ts, lit
    ts.stop()


def send(base: str, headers: dict, model: str, body: bytes, content_type: str | None):
    r = requests.post(f"{base}/predictions/{model}", data=body, timeout=60,
                      headers={**headers, "Content-Type": content_type or "application/json"})
    return r.status_code, r.content


def both(servers, model, items) -> tuple[list, list]:
    """Each (body, content type) sent to both servers, 8 at a time so they arrive in batches."""
    ts, lit = servers
    with ThreadPoolExecutor(BATCH) as pool:
        on_ts = list(pool.map(lambda it: send(ts.inference, ts.headers("inference"), model, *it), items))
        on_lit = list(pool.map(lambda it: send(lit.inference, {}, model, *it), items))
    return on_ts, on_lit


@pytest.mark.parametrize("model", MODELS)
def test_same_answers_to_good_requests(servers, model):
    items = [(b, None) for b in good_requests()]
    on_ts, on_lit = both(servers, model, items)
    assert all(code == 200 for code, _ in on_ts)
    for (body, _), a, b in zip(items, on_ts, on_lit):
        assert a == b, f"{model}: {body[:80]!r}: TorchServe {a[0]} {a[1][:200]!r}, LitServe {b[0]} {b[1][:200]!r}"


@pytest.mark.parametrize("model", MODELS)
def test_same_answers_to_bad_requests_mixed_with_good_ones(servers, model):
    good = [(b, None) for b in good_requests()]
    items = [x for pair in zip(bad_requests(), good * 4) for x in pair]
    on_ts, on_lit = both(servers, model, items)
    assert sorted({code for code, _ in on_ts}) == [200, 400]
    for (body, _), a, b in zip(items, on_ts, on_lit):
        assert a == b, f"{model}: {body[:80]!r}: TorchServe {a[0]} {a[1][:200]!r}, LitServe {b[0]} {b[1][:200]!r}"
