"""The Model quality page's sentences about the results, written from evaluate.json (the numbers
evaluate.py printed in the table) in the language GUIDE_LANG names (zh or en).

Every number and every comparison in them is computed here from the data, so when the table changes
the sentences follow. `render(part)` gives one part of the page; blocks.py prints them while the
site is built.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

RESULTS = Path(__file__).with_name("evaluate.json")
HIGHER_IS_BETTER = {"HR@3": True, "KRC": True, "LSD": False, "ED": False}
SAME = 0.01          # values within 1 % of each other count as the same: neither is ahead
ORDINALS = {"en": ["first", "second", "third", "fourth"], "zh": ["第一", "第二", "第三", "第四"]}


def load(path: str | Path = RESULTS) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


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


def join(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ("、".join(items[:-1]) + " 和 " if lang == "zh" else ", ".join(items[:-1]) + " and ") + items[-1]


def label(row: dict, lang: str) -> str:
    if row["column"] is None:
        return f"**{row['model']}**"
    return f"按第 {row['column']} 列排序的 **{row['model']}**" if lang == "zh" else \
        f"**{row['model']}** on column {row['column']}"


def tidy_zh(text: str) -> str:
    """No space between two Chinese characters (the templates put spaces round every value)."""
    cjk = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
    return re.sub(rf"(?<={cjk}) (?={cjk})", "", text)


# --- the page's parts ---------------------------------------------------------------
def seeds(d: dict, lang: str) -> str:
    t, v, s = d["train_seed"], d["validation_seed"], d["seed"]
    new = s not in (t, v)
    if lang == "zh":
        return (f"训练用种子 {t}（训练中的验证用种子 {v}），下面的表格用种子 {s}，"
                + ("所以评估用的路线对训练好的模型来说是全新的。" if new else
                   "这个种子训练时也用过：表中的分数会高估模型在新路线上的表现。"))
    return (f"Training used seed {t} (and seed {v} to validate while it trained); the table below uses "
            f"seed {s}, " + ("so its routes are new to the trained model." if new else
                             "one training also used: its scores overstate how the model does on new routes."))


def results(d: dict, lang: str) -> str:
    n, s = d["samples"], d["seed"]
    if lang == "zh":
        return (f"下面的脚本在同样的 {n} 条留出路线（种子 {s}）上给每个模型打分，每个模型一行。"
                "与 LaDe 的表格一样，HR@3 和 KRC 以百分数表示：")
    return (f"The script below scores every model on the same {n} held-out routes (seed {s}), one row "
            "per model. HR@3 and KRC are in percent, like LaDe's tables:")


def _pointer_net(rows: list[dict], lang: str) -> str:
    pn = model(rows, "pointer_net")
    others = [r for r in rows if r is not pn]
    wins = [m for m in HIGHER_IS_BETTER if all(better(m, pn, o) for o in others)]
    top = best(others, "KRC")
    zh = lang == "zh"
    if len(wins) == len(HIGHER_IS_BETTER):
        head = "在所有指标上都领先" if zh else "is ahead of every other model on every metric"
    elif wins:
        head = f"只在 {join(wins, lang)} 上领先" if zh else f"is ahead on {join(wins, lang)} only"
    else:
        head = "在任何指标上都没有领先" if zh else "is ahead on no metric"
    if "KRC" in wins:
        tail = (f"：KRC 为 {num(pn['KRC'])}，其余模型中最好的是 {label(top, lang)}，为 {num(top['KRC'])}。"
                "它学会了走一公里与多一小时余量之间如何取舍。路线与训练数据相似时就用它。" if zh else
                f": KRC {num(pn['KRC'])} against {num(top['KRC'])} for {label(top, lang)}, the best of the "
                "others. It has learned how much a kilometre of walking is worth against an hour of slack. "
                "Use it when routes look like its training data.")
    else:
        tail = (f"：它的 KRC 为 {num(pn['KRC'])}，{label(top, lang)} 为 {num(top['KRC'])}。"
                "在这些路线上训练没有带来好处，超过贪心模型之前不要部署它。" if zh else
                f": its KRC is {num(pn['KRC'])} against {num(top['KRC'])} for {label(top, lang)}. On these "
                "routes training has not paid off; do not deploy it before it beats the greedy models.")
    return f"- **pointer_net** {head}{tail}"


def _greedy_distance(rows: list[dict], lang: str) -> str:
    gd = model(rows, "greedy_distance")
    times = [r for r in rows if r["model"] == "greedy_time"]
    zh = lang == "zh"
    by_rank: dict[int, list[str]] = {}
    for m in HIGHER_IS_BETTER:
        by_rank.setdefault(rank(rows, gd, m), []).append(m)
    places = [(f"在 {join(ms, lang)} 上排{ORDINALS[lang][r - 1]}" if zh else
               f"{ORDINALS[lang][r - 1]} on {join(ms, lang)}") for r, ms in sorted(by_rank.items())]
    text = f"- **greedy_distance** {'，'.join(places) if zh else 'comes ' + ', '.join(places)}"
    if all(better("HR@3", gd, t) for t in times):
        text += ("：快递员大多走向附近的任务，所以它能猜对接下来的几站。" if zh else
                 ": couriers mostly walk to a nearby task, so it gets the next few stops right.")
    else:
        text += "。" if zh else "."
    ahead = [t for t in times if better("LSD", t, gd)]
    if ahead:
        t = best(ahead, "LSD")
        text += (f"但它的 LSD（{num(gd['LSD'])}）不如 {label(t, lang)}（{num(t['LSD'])}）："
                 "一旦走偏，剩下的任务就会落在离真实位置很远的地方。" if zh else
                 f" Its LSD ({num(gd['LSD'])}) is worse than that of {label(t, lang)} ({num(t['LSD'])}), "
                 "though: once a walk has drifted away from the courier's route, the remaining tasks land far "
                 "from their true positions.")
    if all(better("KRC", gd, t) for t in times):
        text += ("它不需要权重，也不需要训练，因此是可靠的后备方案，例如在测试新模型期间使用。" if zh else
                 " It needs no weights and no training, which makes it a sound fallback, for example while a "
                 "new model is tested.")
    else:
        text += ("它不需要权重，也不需要训练，但它对这些路线顺序的预测并不比 **greedy_time** 好。" if zh else
                 " It needs no weights and no training, but it orders these routes no better than "
                 "**greedy_time**.")
    return text


def _greedy_time(rows: list[dict], lang: str) -> str:
    times = [r for r in rows if r["model"] == "greedy_time"]
    rest = [r for r in rows if r["model"] != "greedy_time"]
    zh = lang == "zh"
    krc = join([num(t["KRC"]) for t in times], lang)
    behind = [r for r in rest if any(better("KRC", t, r) for t in times)]
    if all(better("KRC", r, t) for r in rest for t in times):
        text = (f"- **greedy_time** 对整条路线顺序的预测最弱（KRC 为 {krc}）。" if zh else
                f"- **greedy_time** is the weakest on the order of the route (KRC {krc}).")
    elif behind:
        names = join([label(r, lang) for r in behind], lang)
        text = (f"- **greedy_time**（KRC 为 {krc}）对路线顺序的预测好于 {names}。" if zh else
                f"- **greedy_time** (KRC {krc}) orders the route better than {names}.")
    else:
        text = (f"- **greedy_time**（KRC 为 {krc}）对路线顺序的预测不比其他模型差。" if zh else
                f"- **greedy_time** (KRC {krc}) orders the route no worse than the other models.")
    old, lade = sorted(times, key=lambda t: t["column"])
    wins = [m for m in HIGHER_IS_BETTER if better(m, lade, old)]
    losses = [m for m in HIGHER_IS_BETTER if better(m, old, lade)]
    ties = [m for m in HIGHER_IS_BETTER if same(m, lade, old)]
    within = f"{SAME * 100:g} %"
    if zh:
        text += (f"按距承诺时间的剩余分钟排序（第 {lade['column']} 列，即 LaDe 的 TimeGreedy）"
                 f"与原教程按接单时间排序（第 {old['column']} 列）相比，")
        parts = ([f"在 {join(wins, lang)} 上更好"] if wins else []) + \
                ([f"在 {join(losses, lang)} 上更差"] if losses else []) + \
                [f"{m} 基本相同（{num(lade[m])} 对 {num(old[m])}，相差不到 {within}）" for m in ties]
        text += "，".join(parts) + "。"
        if "KRC" in wins:
            text += "快递员赶的是承诺时间，而不是下单的先后。"
    else:
        text += (f" Sorted by the time left to the promise (column {lade['column']}, LaDe's TimeGreedy) "
                 f"rather than by the original tutorial's accept time (column {old['column']}), it is ")
        ties_values = [f"{m} ({num(lade[m])} against {num(old[m])}, within {within})" for m in ties]
        parts = ([f"better on {join(wins, lang)}"] if wins else []) + \
                ([f"worse on {join(losses, lang)}"] if losses else []) + \
                ([f"about the same on {join(ties_values, lang)}"] if ties else [])
        text += (", ".join(parts[:-1]) + ", and " if len(parts) > 1 else "") + parts[-1] + "."
        if "KRC" in wins:
            text += " The courier hurries for the promise, not for the moment an order came in."
    return text


def choosing(d: dict, lang: str) -> str:
    rows = d["rows"]
    return "\n".join([_pointer_net(rows, lang), _greedy_distance(rows, lang), _greedy_time(rows, lang)])


def ordering(d: dict, lang: str) -> str:
    """Whether this page's table has LaDe's ordering: learned, then distance, then time greedy."""
    rows = d["rows"]
    pn, gd = model(rows, "pointer_net"), model(rows, "greedy_distance")
    times = [r for r in rows if r["model"] == "greedy_time"]
    metrics = ["HR@3", "KRC"]        # the two LaDe publishes
    held = [m for m in metrics if better(m, pn, gd) and all(better(m, gd, t) for t in times)]
    broken = [m for m in metrics if m not in held]
    if lang == "zh":
        if not broken:
            return f"本页的表格在 {join(held, lang)} 上都呈现了同样的排名。"
        if held:
            return f"本页的表格在 {join(held, lang)} 上呈现了同样的排名，在 {join(broken, lang)} 上没有。"
        return f"本页的表格在 {join(broken, lang)} 上都没有呈现这个排名。"
    if not broken:
        return f"This page's table shows the same ordering on both {join(held, lang)}."
    if held:
        return f"This page's table shows it on {join(held, lang)} but not on {join(broken, lang)}."
    return f"This page's table shows it on neither {' nor '.join(broken)}."


PARTS = {"seeds": seeds, "results": results, "choosing": choosing, "ordering": ordering}


def render(part: str, data: dict | None = None, lang: str | None = None) -> str:
    lang = "zh" if (lang or os.environ.get("GUIDE_LANG", "en")) == "zh" else "en"
    text = PARTS[part](data if data is not None else load(), lang)
    return tidy_zh(text) if lang == "zh" else text


if __name__ == "__main__":
    for name in PARTS:
        print(render(name), end="\n\n")
