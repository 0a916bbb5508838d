"""The troubleshooting page, walked as a reader does: each entry's reproduction prints the line the
entry is keyed by. Outputs quoted from other pages are checked to be compared by the page that
makes them (or, for the fault run, by the tools' tests), and that page to be linked from this one."""
from __future__ import annotations

import re

import pytest

from tools.load.loadgen import OUTPUTS
from tsharness.pages import Page, pages, parse
from tsharness.paths import DOCS, REPO

PAGE = "troubleshooting"
DOC = parse(DOCS / f"{PAGE}.md")
OWN = f"snippets/{PAGE}/"
QUOTED = [b.output for b in DOC.blocks if b.output and not b.output.startswith(OWN)
          and b.output not in {"snippets/setup/start.sh.out", "snippets/setup/stop.sh.out"}]


def entries(path) -> dict[str, list[str]]:
    """Each `###` heading under "by the line you see" (anchor dropped) -> the outputs its entry shows."""
    found, heading = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = None
        elif line.startswith("### "):
            heading = re.sub(r"\s*\{#[\w-]+\}$", "", line[4:]).strip()
            found[heading] = []
        elif heading and (m := re.match(r'\s*--8<-- "([^"]+\.out)"', line)):
            found[heading].append(m[1])
    return found


ENTRIES = entries(DOCS / f"{PAGE}.en.md")


def compares(page: Page, output: str) -> bool:
    """Whether the walk of `page` compares `output`: an output block right after a command it
    runs, or the output of a command it ran in the background."""
    background = set()
    for previous, block in zip([None, *page.blocks], page.blocks):
        if block.command and block.command.endswith("&") and not block.norun:
            background |= set(block.command.split())
        if block.output != output or block.norun:
            continue
        if previous is not None and previous.command and not previous.norun \
                and not previous.command.endswith("&"):
            return True
        if output.removesuffix(".out") in background:
            return True
    return False


def test_the_index_has_every_line_users_ask_about():
    assert {
        "Worker died.", "number of batch response mismatched", "Token Authorization failed",
        "Backend worker did not respond in given time", "Load model failed", "ModuleNotFoundError",
        "Model file already exists", "Prediction failed", "Model not found",
        "TorchServe is not currently running.", "Weights only load failed",
    } <= set(ENTRIES)
    assert entries(DOCS / f"{PAGE}.md") == ENTRIES, "the two languages key the entries alike"


@pytest.mark.parametrize("heading", ENTRIES)
def test_each_entry_heading_is_in_its_captured_output(heading):
    outputs = ENTRIES[heading]
    assert outputs, f"{heading}: the entry shows no captured output"
    assert any(heading in (REPO / o).read_text() for o in outputs), \
        f"{heading!r} does not occur in {outputs}"


# --- the walk ------------------------------------------------------------------------
def test_worker_died(walk):
    assert walk.through("register.py slow.mar").text.startswith("200 ")
    lines = walk.through("slow_request.py").text.splitlines()
    assert lines[0].startswith("sleep 5 s -> HTTP 500 ") and "\"Worker died.\"" in lines[0]
    assert lines[1] == 'sleep 0 s -> HTTP 200 {"slept": 0}', "a new worker answers the next request"
    # A worker killed from outside, within responseTimeout: 507 when the frontend already has the
    # worker's exit code (137), else the same 500 as a timeout (the page says both).
    walk.varies["snippets/troubleshooting/killed_worker.py.out"] = (r"HTTP 500 \{\"code\": 500,",
                                                                    'HTTP 507 {"code": 507,')
    lines = walk.through("killed_worker.py").text.splitlines()
    assert lines[0] == "worker killed during the call"
    assert any(lines[1] == f'sleep 1.5 s -> HTTP {code} {{"code": {code}, "type": "InternalServerException", '
               '"message": "Worker died."}' for code in (507, 500)), lines[1]
    assert lines[2:] == ['sleep 0 s -> HTTP 200 {"slept": 0}', "the worker was replaced (new PID): True"]
    assert "Backend worker did not respond in given time" in walk.through("'did not respond'").text


def test_load_model_failed(walk):
    assert walk.through("register.py greedy_time_no_extra.mar").text.startswith("500 ")
    assert "Load model failed: greedy_time_no_extra" in walk.through("'Load model failed'").text
    out = walk.through("'ModuleNotFoundError'").text
    assert "No module named 'safe_handler'" in out
    assert "No module named 'ts.torch_handler.route_handler'" in out


def test_old_java(walk):
    out = walk.through("old_java.sh").text
    assert "torchserve --start: exit code 0" in out and "key_file.json written: no" in out


def test_weights_only(walk):
    out = walk.through("weights_only.py").text
    assert "_pickle.UnpicklingError: Weights only load failed" in out
    assert "greedy_time.GreedyTime" in out


def test_the_rest_of_the_page(walk):
    walk.finish()
    assert not (walk.clone / "key_file.json").exists()


@pytest.mark.parametrize("output", QUOTED)
def test_each_quoted_output_is_compared_where_it_is_made(output):
    assert (REPO / output).is_file(), output
    if output.startswith("tools/"):
        assert output in OUTPUTS, f"{output}: no test compares it with its run's figures"
        return
    makers = [p.name for p in pages() if p.name != PAGE and p.path.name.endswith(".en.md")
              and compares(p, output)]
    assert makers, f"{output}: no page runs the command that makes it"
    assert any(link.split("#")[0] == f"{name}.md" for name in makers for link in DOC.links), \
        f"{output}: the page does not link {makers}"


def test_what_the_old_java_entry_says_of_torchserve():
    """torchserve --start checks no Java version; the frontend's classes are Java 8 bytecode but
    ConfigManager calls Files.readString (Java 11)."""
    import inspect
    import zipfile
    from pathlib import Path

    import ts
    from ts import model_server

    source = inspect.getsource(model_server.start)
    assert "subprocess.Popen(cmd)" in source and "-version" not in source
    with zipfile.ZipFile(Path(ts.__file__).parent / "frontend" / "model-server.jar") as jar:
        config_manager = jar.read("org/pytorch/serve/util/ConfigManager.class")
        # The newest class file version in the jar (multi-release extras aside): Java 11 reads up to 55.
        newest = max(int.from_bytes(jar.read(n)[6:8], "big") for n in jar.namelist()
                     if n.endswith(".class") and not n.startswith("META-INF/versions/"))
    assert int.from_bytes(config_manager[6:8], "big") == 52  # Java 8's class file version
    assert newest <= 55, newest
    assert b"readString" in config_manager
