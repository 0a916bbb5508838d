"""The Model quality page, walked as a reader does: activate, then the evaluation. Its table is the
one shown, and the numbers it stores are the ones the page's sentences are written from."""
from __future__ import annotations

import json

from tsharness.capture import check_output
from tsharness.paths import SNIPPETS

PAGE = "model-quality"
QUALITY = SNIPPETS / "model-quality"


def test_the_evaluation_prints_the_table_shown(walk):
    out = walk.through("evaluate.py").text
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 4, out  # header, rule, one row per model
    # The table is shown as Markdown, not in a block the walk compares by itself.
    check_output(QUALITY / "evaluate.py.out", out, walk.update)


def test_it_stores_the_numbers_the_sentences_are_written_from(walk):
    stored = (walk.clone / "snippets" / "model-quality" / "evaluate.json").read_text()
    check_output(QUALITY / "evaluate.json", stored, walk.update)
    rows = json.loads(stored)["rows"]
    krc = {(r["model"], r["column"]): r["KRC"] for r in rows}
    # LaDe's ordering, which the synthetic courier was built to show: learned > distance > time.
    time_greedy = max(v for (name, _), v in krc.items() if name == "greedy_time")
    assert krc["pointer_net", None] > krc["greedy_distance", None] > time_greedy


def test_the_rest_of_the_page(walk):
    assert [r.command for r in walk.finish()] == [
        "source snippets/setup/activate.sh", "PYTHONPATH=models python snippets/model-quality/evaluate.py"]
