"""What the route pages' walks check alike: registrations, compare.sh's lines, sort orders."""
from __future__ import annotations

import json


def orders(text: str) -> dict[str, list[int]]:
    """`model [order]` lines, as snippets/greedy-time/compare.sh prints them."""
    return {model: json.loads(order) for model, order in (line.split() for line in text.splitlines())}


def by_column(request: dict, column: int) -> list[int]:
    """The start, then the other tasks by ascending `column` (ties: lower index first)."""
    start, tasks = request["start"], request["feature"]
    return [start] + sorted((i for i in range(len(tasks)) if i != start), key=lambda i: tasks[i][column])


def assert_registered(walk, model: str, version: str = "1.0") -> None:
    """register.py printed the registration, and the model has one READY worker."""
    out = walk.through(f"register.py {model}.mar").text
    assert out == f'200 Model "{model}" Version: {version} registered with 1 initial workers\n'
    [described] = walk.get("management", f"/models/{model}").json()
    assert [w["status"] for w in described["workers"]] == ["READY"]
