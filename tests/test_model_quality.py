"""`make evaluate`: the model-quality table is reproducible (diffed against its captured output)."""
from tests.live_server import SNIPPETS, check_output, run_snippet

EVALUATE = SNIPPETS / "quality" / "evaluate.py"


def test_evaluation_table_is_reproducible(update_outputs):
    out = run_snippet(EVALUATE, timeout=120).stdout
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 4  # header, rule, one row per model
    krc = {row.split("|")[1].strip(): float(row.split("|")[3]) for row in rows[2:]}
    # LaDe's ordering: learned > distance greedy > time greedy.
    time_greedy = max(v for k, v in krc.items() if k.startswith("greedy_time"))
    assert krc["pointer_net"] > krc["greedy_distance"] > time_greedy
    check_output(EVALUATE, out, update_outputs)
