"""The test-handler page, walked as a reader does: the reader's handler tests pass, and fail on a
handler broken on purpose (one reply dropped from every batch of more than one)."""
from __future__ import annotations

PAGE = "test-handler"


def test_quick_way(walk):
    assert walk.through("test_quick.py").text.splitlines()[-1] == "3 passed in <time>"


def test_faithful_way(walk):
    assert walk.through("test_faithful.py").text.splitlines()[-1] == "6 passed in <time>"


def test_the_tests_catch_a_dropped_reply(walk):
    out = walk.through("break_handler.sh").text
    failed = [line.split()[1] for line in out.splitlines() if line.startswith("FAILED ")]
    assert failed == [
        "snippets/test-handler/test_quick.py::test_a_batch_gets_one_reply_per_request",
        "snippets/test-handler/test_faithful.py::test_a_batch_gets_one_reply_per_request",
        "snippets/test-handler/test_faithful.py::test_a_bad_request_fails_alone",
    ]
    assert "test_faithful.py:50: assert [503, 503, 503, 503] == [200, 200, 200, 200]" in out
    assert "number of batch response mismatched, expect: 4, got: 3" in out
    assert out.splitlines()[-2:] == ["3 failed, 6 passed in <time>", "pytest exit code: 1"]

