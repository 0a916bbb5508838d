"""The Performance page, walked as a reader does. The page reads committed results: the walk redraws
the plots from them and builds the no-op archive; the benchmark itself is shown, not run (its small
version is tests/tools/test_bench.py, its wording tests/tools/test_bench_verdicts.py)."""
from __future__ import annotations

import json

from tsharness.archives import unpack_archive
from tsharness.paths import REPO, SNIPPETS
from tsharness.walk import NOT_RUN
from tsharness.worker import call, grpc, http_json, http_raw, load_handler

PAGE = "performance"
IMAGES = ("perf-floors.svg", "perf-concurrency.svg", "perf-batching.svg")


def test_plots_redraw_from_the_committed_results(walk):
    # Drawn anew, not left over from the clone: the same bytes as the images the page shows.
    for name in IMAGES:
        (walk.clone / "docs" / "images" / name).unlink()
    walk.through("tools/bench/plots.py")
    for name in IMAGES:
        assert (walk.clone / "docs" / "images" / name).read_bytes() == \
            (REPO / "docs" / "images" / name).read_bytes(), f"{name} does not match results.json"


def test_noop_archive_answers_zero_to_every_request(walk, tmp_path):
    walk.through("snippets/performance/archive_noop.sh")
    mar = walk.clone / "model_store" / "noop.mar"
    handler = load_handler(unpack_archive(mar, tmp_path / "noop"))
    tasks = json.loads((SNIPPETS / "pointer-net" / "tasks25.json").read_text())
    # The body is never read: a route request, its gRPC form and garbage all get [0.0].
    replies, codes = call(handler, [http_json(tasks), grpc(tasks), http_raw(b"not json")])
    assert codes == [200, 200, 200] and replies == [[0.0], [0.0], [0.0]]


def test_the_rest_of_the_page(walk):
    walk.finish()
    assert [cmd for page, cmd, _ in NOT_RUN if page == PAGE] == ["make bench"]
