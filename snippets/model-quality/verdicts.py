"""The Model quality page's sentences about the results, written from evaluate.json (the numbers
evaluate.py printed in the table) in the language GUIDE_LANG names (zh or en); the sentences
themselves are in words.yaml beside this file.

Every number and every comparison in them is computed here from the data, so when the table changes
the sentences follow. `render(part)` gives one part of the page; blocks.py prints them while the
site is built, and `python -m tsharness.words model-quality` previews them.
"""
from __future__ import annotations

import json
from pathlib import Path

from tsharness.words import Words, join, number, tidy
from tsharness.words import lang as language

RESULTS = Path(__file__).with_name("evaluate.json")
WORDS = Words(Path(__file__).with_name("words.yaml"))
HIGHER_IS_BETTER = {"HR@3": True, "KRC": True, "LSD": False, "ED": False}
SAME = 0.01          # values within 1 % of each other count as the same: neither is ahead


def load(path: str | Path | None = None) -> dict:
    return json.loads(Path(path or RESULTS).read_text(encoding="utf-8"))


# --- comparing rows ---------------------------------------------------------------
def same(metric: str, a: dict, b: dict) -> bool:
    return abs(a[metric] - b[metric]) <= SAME * max(abs(a[metric]), abs(b[metric]))


def better(metric: str, a: dict, b: dict) -> bool:
    """a is ahead of b on `metric`, by more than SAME."""
    ahead = a[metric] > b[metric] if HIGHER_IS_BETTER[metric] else a[metric] < b[metric]
    return ahead and not same(metric, a, b)


def rank(rows: list[dict], row: dict, metric: str) -> int:
    """1 + how many rows are ahead of `row`."""
    return 1 + sum(better(metric, other, row) for other in rows if other is not row)


def best(rows: list[dict], metric: str) -> dict:
    return (max if HIGHER_IS_BETTER[metric] else min)(rows, key=lambda r: r[metric])


def model(rows: list[dict], name: str, column: int | None = None) -> dict:
    return next(r for r in rows if r["model"] == name and r["column"] == column)


# --- writing ---------------------------------------------------------------------------
def num(value: float) -> str:
    return f"{value:.2f}"    # as the table prints it


def label(row: dict, lg: str) -> str:
    if row["column"] is None:
        return WORDS("label", lg, model=row["model"])
    return WORDS("label_column", lg, model=row["model"], column=row["column"])


# --- the page's parts ---------------------------------------------------------------
def seeds(d: dict, lg: str) -> str:
    t, v, s = d["train_seed"], d["validation_seed"], d["seed"]
    return WORDS("seeds_new" if s not in (t, v) else "seeds_seen", lg, t=t, v=v, s=s)


def results(d: dict, lg: str) -> str:
    return WORDS("results", lg, n=d["samples"], s=d["seed"])


def _pointer_net(rows: list[dict], lg: str) -> str:
    pn = model(rows, "pointer_net")
    others = [r for r in rows if r is not pn]
    wins = [m for m in HIGHER_IS_BETTER if all(better(m, pn, o) for o in others)]
    top = best(others, "KRC")
    if len(wins) == len(HIGHER_IS_BETTER):
        head = WORDS("pn_all", lg)
    elif wins:
        head = WORDS("pn_some", lg, metrics=join(wins, lg))
    else:
        head = WORDS("pn_none", lg)
    tail = WORDS("pn_krc_ahead" if "KRC" in wins else "pn_krc_behind", lg, krc=pn["KRC"],
                 top=label(top, lg), top_krc=top["KRC"])
    return head + tail


def _greedy_distance(rows: list[dict], lg: str) -> str:
    gd = model(rows, "greedy_distance")
    times = [r for r in rows if r["model"] == "greedy_time"]
    by_rank: dict[int, list[str]] = {}
    for m in HIGHER_IS_BETTER:
        by_rank.setdefault(rank(rows, gd, m), []).append(m)
    places = [WORDS("gd_place", lg, metrics=join(ms, lg), ordinal=WORDS(f"ordinal_{r}", lg))
              for r, ms in sorted(by_rank.items())]
    text = WORDS("gd_places", lg, places=WORDS("place_separator", lg).join(places))
    text += WORDS("gd_hr_ahead" if all(better("HR@3", gd, t) for t in times) else "gd_hr_not_ahead", lg)
    ahead = [t for t in times if better("LSD", t, gd)]
    if ahead:
        t = best(ahead, "LSD")
        text += " " + WORDS("gd_lsd_behind", lg, lsd=gd["LSD"], other=label(t, lg), other_lsd=t["LSD"])
    text += " " + WORDS("gd_fallback" if all(better("KRC", gd, t) for t in times) else "gd_no_better", lg)
    return text


def _greedy_time(rows: list[dict], lg: str) -> str:
    times = [r for r in rows if r["model"] == "greedy_time"]
    rest = [r for r in rows if r["model"] != "greedy_time"]
    krc = join([number(t["KRC"], "num", lg, 2) for t in times], lg)
    behind = [r for r in rest if any(better("KRC", t, r) for t in times)]
    if all(better("KRC", r, t) for r in rest for t in times):
        text = WORDS("gt_weakest", lg, krc=krc)
    elif behind:
        text = WORDS("gt_better_than", lg, krc=krc, names=join([label(r, lg) for r in behind], lg))
    else:
        text = WORDS("gt_no_worse", lg, krc=krc)
    old, lade = sorted(times, key=lambda t: t["column"])
    wins = [m for m in HIGHER_IS_BETTER if better(m, lade, old)]
    losses = [m for m in HIGHER_IS_BETTER if better(m, old, lade)]
    ties = [WORDS("gt_same", lg, metric=m, new=lade[m], old=old[m], within=SAME)
            for m in HIGHER_IS_BETTER if same(m, lade, old)]
    parts = ([WORDS("gt_better", lg, metrics=join(wins, lg))] if wins else []) + \
            ([WORDS("gt_worse", lg, metrics=join(losses, lg))] if losses else []) + \
            ([WORDS("gt_same_all", lg, ties=join(ties, lg))] if ties else [])
    said = WORDS("gt_part_separator", lg).join(parts[:-1])
    said = said + WORDS("gt_last_separator", lg) + parts[-1] if len(parts) > 1 else parts[-1]
    text += " " + WORDS("gt_columns", lg, lade=lade["column"], old=old["column"], parts=said)
    if "KRC" in wins:
        text += " " + WORDS("gt_promise", lg)
    return text


def choosing(d: dict, lg: str) -> str:
    rows = d["rows"]
    return "\n".join([_pointer_net(rows, lg), _greedy_distance(rows, lg), _greedy_time(rows, lg)])


def ordering(d: dict, lg: str) -> str:
    """Whether this page's table has LaDe's ordering: learned, then distance, then time greedy."""
    rows = d["rows"]
    pn, gd = model(rows, "pointer_net"), model(rows, "greedy_distance")
    times = [r for r in rows if r["model"] == "greedy_time"]
    metrics = ["HR@3", "KRC"]        # the two LaDe publishes
    held = [m for m in metrics if better(m, pn, gd) and all(better(m, gd, t) for t in times)]
    broken = [m for m in metrics if m not in held]
    if not broken:
        return WORDS("ordering_all", lg, held=join(held, lg))
    if held:
        return WORDS("ordering_some", lg, held=join(held, lg), broken=join(broken, lg))
    return WORDS("ordering_none", lg, broken=WORDS("nor", lg).join(broken))


PARTS = {"seeds": seeds, "results": results, "choosing": choosing, "ordering": ordering}


def render(part: str, data: dict | None = None, lang: str | None = None) -> str:
    lg = language(lang)
    return tidy(PARTS[part](data if data is not None else load(), lg), lg)


if __name__ == "__main__":
    for name in PARTS:
        print(render(name), end="\n\n")
