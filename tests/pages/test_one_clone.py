"""A reader keeps one clone: every page in nav order, in one copy of the repository and one shell,
each output compared with the page's (whatever the pages before it left: archives in the store, logs,
a crashed server's key file). After each page nothing it started is left running, except the servers
its text says to stop with `kill %1`; the guide's stop_all.sh then stops them, to the last process.

The whole walk takes as long as every page walk in a row, so it runs only with TSHARNESS_ONE_CLONE=1
(`make one-clone`; TSHARNESS_ONE_CLONE_FROM=<page> starts it at that page); the dirty starts it
depends on are checked in the default suite (test_setup.py:
a stale key file before start.sh, servers of four pages left running before stop_all.sh;
test_litserve.py: nothing of LitServe left after its stop.sh).
"""
from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path

import pytest

from tsharness.pages import nav_order
from tsharness.paths import DOCS
from tsharness.walk import Walk


def shown_failing(page: str) -> list[str]:
    """The commands a page shows failing: what its walk test passes to expect_failure."""
    test = Path(__file__).with_name(f"test_{page.replace('-', '_')}.py")
    text = test.read_text() if test.exists() else ""
    return [m.group(2) for m in re.finditer(r"expect_failure\((['\"])(.+?)\1\)", text)]


pytestmark = pytest.mark.skipif(os.environ.get("TSHARNESS_ONE_CLONE") != "1",
                                reason="the whole one-clone walk: make one-clone")


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def says_kill(page: str) -> bool:
    return "kill %1" in (DOCS / f"{page}.md").read_text()


@pytest.mark.timeout(7200)
def test_every_page_in_nav_order_in_one_clone(tmp_path, java, update_outputs):
    pages = [p for p in nav_order() if (DOCS / f"{p}.md").exists()]
    if start := os.environ.get("TSHARNESS_ONE_CLONE_FROM"):   # a shorter walk: from this page on
        pages = pages[pages.index(start):]
    first = Walk(pages[0], tmp_path, update_outputs)
    failures = []
    try:
        for page in pages:
            walk = first if page == pages[0] else first.next_page(page)
            for part in shown_failing(page):
                walk.expect_failure(part)
            began, before = time.monotonic(), len(failures)
            try:
                walk.finish()
            except AssertionError as e:       # the reader goes on to the next page
                failures.append(f"{page}: {str(e)[:3000]}")
            left = walk.processes()
            if left and not says_kill(page):
                failures.append(f"{page}: still running after the page: "
                                f"{[' '.join(p.cmdline())[:100] for p in left]}")
            if left:
                walk.run("bash snippets/setup/stop_all.sh")
                if still := walk.processes():
                    failures.append(f"{page}: still running after stop_all.sh: "
                                    f"{[' '.join(p.cmdline())[:100] for p in still]}")
                if busy := [g for g, port in walk.ports.items() if listening(port)]:
                    failures.append(f"{page}: guide ports still answering after stop_all.sh: {busy}")
            print(f"one clone: {page} {'ok' if len(failures) == before else 'FAILED'} "
                  f"({time.monotonic() - began:.0f} s)", flush=True)
            for failure in failures[before:]:
                print(failure, flush=True)
    finally:
        first.close()
    assert not failures, "\n\n".join(failures)
