"""Captured outputs: make a run's output stable, compare it with the file next to the snippet, or
store it (`make outputs` passes --update-outputs)."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from tsharness import ledger
from tsharness.paths import GUIDE_CONFIG, REPO


def guide_ports(config: Path = GUIDE_CONFIG) -> dict[str, int]:
    """The guide's ports, read from its config (the one place a reader changes them): captured
    outputs show these, never a test's free ports."""
    text = config.read_text()

    def port(pattern: str) -> int:
        return int(re.search(pattern, text, re.M)[1])

    return {
        "inference": port(r"^inference_address=.*:(\d+)$"),
        "management": port(r"^management_address=.*:(\d+)$"),
        "metrics": port(r"^metrics_address=.*:(\d+)$"),
        "grpc_inference": port(r"^grpc_inference_port=(\d+)$"),
        "grpc_management": port(r"^grpc_management_port=(\d+)$"),
        "model_server": port(r"^allowed_urls=.*?:(\d+)/"),   # the local model-file server
    }


GUIDE_PORTS = guide_ports()


def normalise(text: str, ports: dict[int, int] | None = None,
              replace: dict[str, str] | None = None) -> str:
    """The guide's ports for `ports` (actual -> guide), `replace` applied (keys, work folders),
    and no times, PIDs or temp paths."""
    for actual, guide in (ports or {}).items():
        text = re.sub(rf"\b{actual}\b", str(guide), text)
    # Longest first, so a folder is replaced before its parent.
    for old, new in sorted((replace or {}).items(), key=lambda kv: -len(kv[0])):
        if old:
            text = text.replace(old, new)
    text = text.replace(str(REPO) + "/", "").replace(str(REPO), ".")
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[.,]?\d*Z?", "<time>", text)
    text = re.sub(r"\[\d\d/\w{3}/\d{4} \d\d:\d\d:\d\d\]", "[<time>]", text)  # http.server log
    text = re.sub(r'("(?:pid|startTime|memoryUsage|gpuUsage|id)": )("[^"]*"|\d+)', r"\1<...>", text)
    text = re.sub(r"/tmp/[\w./-]+", "<tmp>", text)
    text = re.sub(r"epollEventLoopGroup-\d+-\d+", "epollEventLoopGroup-<n>", text)  # Netty threads
    text = re.sub(r" in \d+\.\d+s( \(\d+:\d\d:\d\d\))?$", " in <time>", text, flags=re.M)  # pytest
    return text


def check_output(expected_file: Path, actual: str, update: bool) -> None:
    """Compare `actual` with the captured file, or store it when updating."""
    expected_file = Path(expected_file)
    ledger.compared(expected_file)
    rel = expected_file.relative_to(REPO) if expected_file.is_relative_to(REPO) else expected_file
    if update:
        expected_file.write_text(actual)
        return
    assert expected_file.exists(), f"no captured output {rel}: run `make outputs`"
    expected = expected_file.read_text()
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(rel), "now"))
        raise AssertionError(f"output {rel} changed (run `make outputs` if intended):\n{diff}")
