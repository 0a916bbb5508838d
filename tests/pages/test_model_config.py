"""The Model config page, walked as a reader does: settings packed in the archive, batching seen in
the worker's log, which setting wins, timeouts and failures in a batch, invalid model-config.yaml,
a restart from a config snapshot."""
from __future__ import annotations

import json

PAGE = "model-config"
FIELDS = ("minWorkers", "maxWorkers", "batchSize", "maxBatchDelay", "responseTimeout",
          "startupTimeout", "workers")


def table(text: str) -> dict[str, dict[str, int]]:
    """describe.py's table: model -> its settings."""
    rows = [line.split() for line in text.splitlines()]
    assert rows[0][1:] == list(FIELDS)
    return {r[0]: dict(zip(FIELDS, map(int, r[1:]))) for r in rows[1:]}


def settings(walk, name: str) -> dict:
    [m] = walk.get("management", f"/models/{name}").json()
    return {**{f: m[f] for f in FIELDS[:-1]}, "workers": len(m["workers"])}


def replies(text: str) -> list[tuple[str, int, dict]]:
    """batch_of_four.py's lines: (word, status, reply)."""
    out = []
    for line in text.splitlines():
        word, rest = line.split(None, 1)
        status, body = rest.split("-> ", 1)[1].split(" ", 1)
        out.append((word, int(status), json.loads(body)))
    return out


def test_archive_settings_are_loaded_with_models(walk):
    walk.through("package_pointer_net.sh")
    assert "Initial Models: pointer_net=pointer_net.mar" in walk.through("model-config/start.sh").text
    shown = table(walk.through("describe.py pointer_net").text)["pointer_net"]
    assert shown == settings(walk, "pointer_net")
    assert (shown["batchSize"], shown["maxBatchDelay"], shown["responseTimeout"],
            shown["startupTimeout"], shown["workers"]) == (8, 200, 30, 60, 1)


def test_batching_is_visible(walk):
    lines = walk.through("batching.py").text.splitlines()
    assert lines[1] == "32 requests at once -> 4 handler calls, 8 requests per call"
    assert lines[2] == "a lone request: at least maxBatchDelay (200 ms)"


def test_which_setting_wins(walk):
    start = table(walk.through("describe.py pointer_net plain bare").text)
    # model-config.yaml beats models= JSON; models= beats the defaults; bare gets the defaults.
    assert start["pointer_net"]["batchSize"] == 8 and start["pointer_net"]["responseTimeout"] == 30
    assert (start["plain"]["batchSize"], start["plain"]["maxBatchDelay"],
            start["plain"]["responseTimeout"]) == (4, 20, 15)
    assert (start["bare"]["batchSize"], start["bare"]["maxBatchDelay"], start["bare"]["responseTimeout"],
            start["bare"]["workers"]) == (1, 100, 45, 1)
    assert walk.through("register_api.sh").text.count("registered with") == 3
    api = table(walk.through("describe.py api_yaml").text)
    assert (api["api_yaml"]["batchSize"], api["api_yaml"]["maxBatchDelay"]) == (8, 200)
    # The API's batching wins over the archive; its workers and timeout do not.
    assert (api["api_params"]["batchSize"], api["api_params"]["maxBatchDelay"],
            api["api_params"]["workers"], api["api_params"]["responseTimeout"]) == (4, 50, 1, 30)
    assert (api["api_plain"]["workers"], api["api_plain"]["responseTimeout"]) == (2, 10)
    assert "Workers scaled to 2" in walk.through("scale.sh").text
    assert table(walk.through("describe.py pointer_net").text)["pointer_net"]["workers"] == 2
    assert settings(walk, "pointer_net")["workers"] == 2


def test_trouble_model_takes_its_archive_settings(walk):
    assert walk.through("register.py trouble.mar").text.startswith('200 Model "trouble"')
    s = settings(walk, "trouble")
    assert (s["batchSize"], s["maxBatchDelay"], s["responseTimeout"]) == (4, 500, 3)


def test_response_timeout_kills_the_worker(walk):
    lines = walk.through("timeout.py").text.splitlines()
    assert lines[0] == ('{"sleep": 5} -> 500 {"code": 500, "type": "InternalServerException", '
                        '"message": "Worker died."}')
    assert lines[1:] == ["the reply came before the handler's 5 s sleep ended: True",
                         '{} -> 200 {"ok": true}', "the worker was replaced (new PID): True"]
    log = walk.through("log_lines.sh 'did not respond").text
    assert "Backend worker did not respond in given time" in log and "Retry worker" in log


def test_yaml_without_timeouts_pins_them_to_120(walk):
    out = walk.through("pinned.sh").text
    assert 'Model \\"pinned\\" Version: 1.0 registered with 1 initial workers' in out
    shown = table("\n".join(line for line in out.splitlines()
                            if line.split()[:1] in (["model"], ["pinned"])))["pinned"]
    # The register call asked for 5 s and the config says 45 s: the yaml side's 120 s wins.
    assert (shown["responseTimeout"], shown["startupTimeout"]) == (120, 120)
    assert '"ok": true' in out and "HTTP 200" in out
    assert "answered after 10 s or more: yes" in out
    assert walk.get("management", "/models/pinned").status_code == 404


def test_prediction_exception_fails_the_whole_batch(walk):
    out = replies(walk.through("batch_of_four.py ok ok raise ok").text)
    assert [status for _, status, _ in out] == [507] * 4


def test_set_response_status_fails_one_request(walk):
    out = replies(walk.through("batch_of_four.py ok status ok ok").text)
    assert [status for _, status, _ in out] == [200, 422, 200, 200]


def test_batch_response_mismatched(walk):
    out = replies(walk.through("batch_of_four.py ok ok short ok").text)
    assert {(status, body["message"]) for _, status, body in out} == \
        {(503, "number of batch response mismatched")}
    assert "number of batch response mismatched, expect: 4, got: 3." in \
        walk.through("log_lines.sh mismatched").text


def test_slow_initialize_against_startup_timeout(walk):
    short = walk.through("slow_load.sh snippets/model-config/slow_load.yaml").text
    assert short.startswith("HTTP 500\n") and \
        "Failed to start workers for model slow_load version: 1.0" in short
    log = walk.through("log_lines.sh 'slow_load").text.splitlines()
    assert [line.split(" - ", 1)[-1] for line in log] == [
        "Backend worker error",
        "org.pytorch.serve.wlm.WorkerInitializationException: Backend worker did not respond in given time",
        "Load model failed: slow_load, error: Worker died."]
    assert walk.get("management", "/models/slow_load").status_code == 404  # gone, one way or another
    fixed = walk.through("slow_load.sh snippets/model-config/slow_load_fixed.yaml").text
    assert fixed.startswith("HTTP 200\n") and \
        'Model \\"slow_load_fixed\\" Version: 1.0 registered with 1 initial workers' in fixed
    assert settings(walk, "slow_load_fixed")["startupTimeout"] == 30
    assert walk.post("inference", "/predictions/slow_load_fixed", json={}).json() == {"ok": True}


def test_invalid_model_config(walk):
    out = walk.through("invalid.sh").text
    assert out.count("HTTP 200") == 3
    rows = [line for line in out.splitlines() if line.split()[1:2] in (["minWorkers"], ["1"])]
    shown = table("\n".join(rows))
    assert {name: s["batchSize"] for name, s in shown.items()} == \
        {"bad_type": 1, "unknown_key": 1, "negative": 1}
    assert "Invalid batchSize: eight, should be integer" in out


def test_snapshot_brings_the_model_and_its_workers_back(walk):
    walk.through("setup/stop.sh")
    assert "Initial Models: pointer_net=pointer_net.mar" in walk.through("snapshot_start.sh").text
    assert "Workers scaled to 2" in walk.through("scale.sh").text
    before = settings(walk, "pointer_net")
    assert before["workers"] == before["minWorkers"] == 2
    walk.through("setup/stop.sh")
    config = walk.clone / "logs" / "config"
    # The page's earlier start (with --ncs) wrote none: these are the snapshot run's 3 files.
    assert sorted(f.stem.split("-", 1)[1] for f in config.glob("*.cfg")) == \
        ["shutdown", "snapshot", "startup"]
    lines = walk.through("snapshots.py").text.splitlines()
    kinds = {line.split()[0]: line for line in lines[1:-1]}
    assert list(kinds) == ["startup", "snapshot", "shutdown"]
    assert "workers 1-1, batchSize 8" in kinds["startup"]
    assert "workers 2-2, batchSize 8" in kinds["snapshot"] and "workers 2-2" in kinds["shutdown"]
    assert lines[-1] == "latest: shutdown"
    walk.through("snapshot_restore.sh")
    restored = table(walk.through("describe.py pointer_net").text)["pointer_net"]
    assert restored == before == settings(walk, "pointer_net")
    assert [m["modelName"] for m in walk.get("management", "/models").json()["models"]] == \
        ["pointer_net"]
    # The restored server runs with --ncs: no new snapshot.
    assert len(list(config.glob("*.cfg"))) == 3


def test_the_rest_of_the_page(walk):
    walk.finish()
    assert not (walk.clone / "key_file.json").exists()
