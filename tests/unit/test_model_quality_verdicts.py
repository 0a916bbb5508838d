"""snippets/model-quality/verdicts.py: the Model quality page's sentences follow the evaluation's
numbers. Rendered from the stored evaluate.json and from altered copies of it."""
from __future__ import annotations

import copy
import json
import re
import runpy
from collections import Counter

import pytest

from tsharness.pages import NUMBER
from tsharness.paths import SNIPPETS

QUALITY = SNIPPETS / "model-quality"
verdicts = runpy.run_path(str(QUALITY / "verdicts.py"))
render = verdicts["render"]
PARTS = list(verdicts["PARTS"])


@pytest.fixture
def data() -> dict:
    return json.loads((QUALITY / "evaluate.json").read_text())


def row(d: dict, name: str, column=None) -> dict:
    return next(r for r in d["rows"] if r["model"] == name and r["column"] == column)


def numbers(text: str) -> Counter:
    return Counter(NUMBER.findall(text))


def both(part: str, d: dict) -> tuple[str, str]:
    return render(part, d, "en"), render(part, d, "zh")


# --- the stored results ---------------------------------------------------------------
def test_the_json_holds_the_table():
    """evaluate.json and the table evaluate.py printed are the same numbers."""
    d = json.loads((QUALITY / "evaluate.json").read_text())
    table = (QUALITY / "evaluate.py.out").read_text().splitlines()[2:]
    assert len(table) == len(d["rows"])
    for line, r in zip(table, d["rows"]):
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[0].startswith(r["model"]) and (r["column"] is None or f"column {r['column']}" in cells[0])
        assert cells[1:] == [f"{r[m]:.2f}" for m in ("HR@3", "KRC", "LSD", "ED")]


@pytest.mark.parametrize("part", PARTS)
def test_every_number_comes_from_the_data(data, part):
    """Each number in a sentence is a value of evaluate.json (as the table prints it) or a column,
    a seed or a count from it; and both languages state the same numbers."""
    known = {f"{r[m]:.2f}" for r in data["rows"] for m in ("HR@3", "KRC", "LSD", "ED")}
    known |= {str(v) for v in (data["samples"], data["seed"], data["train_seed"], data["validation_seed"])}
    known |= {str(r["column"]) for r in data["rows"] if r["column"] is not None}
    known |= {"3", "1"}  # HR@3's k, and the 1 % that counts as the same
    en, zh = both(part, data)
    assert set(numbers(en)) <= known, set(numbers(en)) - known
    assert numbers(en) == numbers(zh)


def test_the_sentences_as_they_stand(data):
    en = render("choosing", data, "en")
    assert ("**pointer_net** is ahead of every other model on every metric: KRC 48.58 against 34.98 for "
            "**greedy_distance**") in en
    assert "**greedy_distance** comes second on HR@3, KRC and ED, third on LSD" in en
    assert "about the same on HR@3 (44.17 against 44.42, within 1%)" in en
    assert render("ordering", data, "en") == "This page's table shows the same ordering on both HR@3 and KRC."


def test_the_language_comes_from_guide_lang(data, monkeypatch):
    monkeypatch.setenv("GUIDE_LANG", "zh")
    assert render("results", data) == render("results", data, "zh")
    assert "条留出路径" in render("results", data)
    monkeypatch.setenv("GUIDE_LANG", "en")
    assert render("results", data).startswith("The script below scores every model")


# --- altered results: the sentences change with them -------------------------------------
def test_new_numbers_are_quoted(data):
    d = copy.deepcopy(data)
    d["samples"], row(d, "pointer_net")["KRC"] = 1000, 71.5
    assert "the same 1,000 held-out routes" in render("results", d, "en")
    assert "KRC 71.50 against 34.98" in render("choosing", d, "en")


def test_a_pointer_net_that_loses(data):
    d = copy.deepcopy(data)
    pn, gd = row(d, "pointer_net"), row(d, "greedy_distance")
    for metric in ("HR@3", "KRC", "LSD", "ED"):
        pn[metric], gd[metric] = gd[metric], pn[metric]
    en = render("choosing", d, "en")
    assert "**pointer_net** is ahead on no metric: its KRC is 34.98 against 48.58 for **greedy_distance**" in en
    assert "training has not paid off" in en and "Use it when routes look like" not in en
    assert "**greedy_distance** comes first on HR@3, KRC, LSD and ED" in en
    assert "Its LSD" not in en  # no greedy_time row beats it any more
    assert "在任何指标上都没有领先" in render("choosing", d, "zh")
    assert render("ordering", d, "en") == "This page's table shows it on neither HR@3 nor KRC."


def test_a_pointer_net_best_on_some_metrics_only(data):
    d = copy.deepcopy(data)
    row(d, "pointer_net")["LSD"] = 30.0
    en = render("choosing", d, "en")
    assert "**pointer_net** is ahead on HR@3, KRC and ED only: KRC 48.58" in en


def test_the_accept_time_column_winning(data):
    d = copy.deepcopy(data)
    old = row(d, "greedy_time", 0)
    old["KRC"], old["HR@3"] = 30.0, 55.0
    en = render("choosing", d, "en")
    assert "it is better on LSD and ED, and worse on HR@3 and KRC." in en
    assert "hurries for the promise" not in en
    assert "about the same" not in en
    assert "在 HR@3 和 KRC 上更差" in render("choosing", d, "zh")
    # its HR@3 now beats greedy_distance's: LaDe's ordering holds on KRC only
    assert render("ordering", d, "en") == "This page's table shows it on KRC but not on HR@3."


def test_greedy_time_ahead_of_greedy_distance(data):
    d = copy.deepcopy(data)
    row(d, "greedy_time", 7)["KRC"] = 40.0
    en = render("choosing", d, "en")
    assert "**greedy_time** (KRC 19.62 and 40.00) orders the route better than **greedy_distance**." in en
    assert "but it orders these routes no better than **greedy_time**" in en
    assert "sound fallback" not in en


def test_an_evaluation_on_a_training_seed(data):
    d = copy.deepcopy(data)
    d["seed"] = d["train_seed"]
    en, zh = both("seeds", d)
    assert "uses seed 1, one training also used: its scores overstate" in en
    assert "全新" not in zh and "高估" in zh
    assert "so its routes are new" in render("seeds", data, "en")


def test_no_sentence_is_left_with_a_dangling_list(data):
    """Every alteration above still gives whole sentences: no empty list, no doubled punctuation."""
    d = copy.deepcopy(data)
    for r in d["rows"]:
        for metric in ("HR@3", "KRC", "LSD", "ED"):
            r[metric] = 10.0        # every model the same
    for part in PARTS:
        for text in both(part, d):
            assert not re.search(r"on \.|on ,| ,|\.\.|。。|，。|在  上", text), text
