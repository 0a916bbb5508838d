"""The Performance page's conclusions, worded from the benchmark's results when the site builds.

Every comparison of two measurements goes through `ratio_words`, so each sentence follows the data
it is given. `render(part)` gives one part of the page in GUIDE_LANG (zh or en); blocks.py prints
the parts, and `python tools/bench/blocks.py [results.json]` previews them all.
"""
from __future__ import annotations

import re

from tools.bench.table import (BATCHING_GOAL, GREEDY, HANDLER_GOAL, MODELS, PROTOCOL, TARGETS,
                               batching_goal, goals_table, handler_goal, lang, levels, load,
                               local, markdown, model_batch_gain, ms, results_table, rps, served,
                               value)

SAME = 0.10       # two measurements within ±10 % of each other: no measurable difference
MULTIPLE = 1.95   # from here on a rise reads as a multiple ("about 2×", "2.6×")
MOST = 0.5        # the model is "most of the wait" above this share of a client's p50


def other_work(busy_at_start: float, cpus: int) -> bool:
    """Other work kept more than half the cores busy just before a run began (tsharness.stats.busy_cpus);
    a run's own clients and servers drive the load average up, so that says nothing about other work."""
    return busy_at_start > cpus / 2


# --- words ---------------------------------------------------------------------------
def direction(new: float, old: float) -> int:
    """+1 higher, -1 lower, 0 about the same (within SAME)."""
    r = new / old
    return 0 if abs(r - 1) <= SAME + 1e-9 else 1 if r > 1 else -1  # 110 / 100 is "the same"


def ratio_words(new: float, old: float, lg: str, ref: str | None = None) -> str:
    """How `new` compares with `old`: "about the same", "65% higher", "about 2×", "30% lower";
    with `ref`, a phrase ending on it ("65% higher than `ref`", "2.6× that of `ref`")."""
    r = new / old
    d = direction(new, old)
    pct = f"{abs(r - 1) * 100:.0f}%"
    zh = lg == "zh"
    if d == 0:
        return (f"与{ref}基本相同" if zh else f"about the same as {ref}") if ref else \
            ("基本相同" if zh else "about the same")
    if d < 0 or r < MULTIPLE:
        word = ("低" if d < 0 else "高") if zh else ("lower" if d < 0 else "higher")
        return (f"比{ref}{word} {pct}" if zh else f"{pct} {word} than {ref}") if ref else \
            (f"{word} {pct}" if zh else f"{pct} {word}")
    about = abs(r - round(r)) <= 0.1
    x = f"{round(r)}" if about else f"{r:.1f}"
    if zh:
        return f"{'约' if about else ''}是{ref}的 {x} 倍" if ref else f"{'约 ' if about else ''}{x} 倍"
    return f"{'about ' if about else ''}{x}×" + (f" that of {ref}" if ref else "")


def percent(x: float) -> str:
    """A fraction in percent: whole numbers, one decimal below 1 %."""
    return f"{x * 100:.1f}%" if x < 0.01 else f"{x * 100:.0f}%"


def share(part: float, whole: float) -> str:
    return percent(part / whole)


def plural(n, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def join(items: list[str], lg: str) -> str:
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ("、".join(items[:-1]) + "和" if lg == "zh" else ", ".join(items[:-1]) + " and ") \
        + items[-1]


def grouped(items: list[tuple[str, object, int]], lg: str, words: dict[int, tuple[str, str]],
            unit: tuple[str, str, str] | None = None) -> str:
    """Clauses for (subject, qualifier, direction) items, one per direction that occurs, e.g.
    "raised it for `a` (1 and 2 workers) and `b`, lowered it for `c`". words[d] = (en, zh) with
    {who}; unit = (en singular, en plural, zh) formats for the joined qualifiers."""
    clauses = []
    for d in (1, 0, -1):
        subjects: dict[str, list] = {}
        for subject, qualifier, dd in items:
            if dd == d:
                subjects.setdefault(subject, []).append(qualifier)
        if not subjects:
            continue
        who = []
        for subject, qs in subjects.items():
            if unit is None or qs == [None]:
                who.append(subject)
                continue
            fmt = unit[2] if lg == "zh" else unit[0] if qs == [1] else unit[1]
            q = fmt.format(join([str(x) for x in qs], lg))
            who.append(f"{subject}（{q}）" if lg == "zh" else f"{subject} ({q})")
        clauses.append(words[d][lg == "zh"].format(who=join(who, lg)))
    if lg == "zh":
        return "，".join(clauses)
    if len(clauses) < 2:
        return "".join(clauses)
    return ", ".join(clauses[:-1]) + (", and " if len(clauses) > 2 else " and ") + clauses[-1]


LEVEL = {1: ("higher for {who}", "{who}更高"), 0: ("about the same for {who}", "{who}基本相同"),
         -1: ("lower for {who}", "{who}更低")}
THROUGHPUT = {1: ("raised throughput for {who}", "提高了{who}的吞吐量"),
              0: ("made no measurable difference for {who}", "对{who}没有可测的差别"),
              -1: ("lowered it for {who}", "降低了{who}的吞吐量")}


def workers_word(n: int, lg: str) -> str:
    return f"{n} 个 worker" if lg == "zh" else plural(n, "worker")


def spaced(text: str) -> str:
    """Chinese text with a space between Han characters and Latin letters, digits or code."""
    text = re.sub(r"([\u4e00-\u9fff])([A-Za-z0-9`±])", r"\1 \2", text)
    return re.sub(r"([A-Za-z0-9`%×])([\u4e00-\u9fff])", r"\1 \2", text)


# --- the parts of the page -----------------------------------------------------------------
def run(report: dict, lg: str) -> str:
    """What was measured, where and when; and how the page words its comparisons."""
    m, results = report["meta"], report["results"]
    zh = lg == "zh"
    conc = join([str(c) for c in levels(report, "concurrency", protocol="http")], lg)
    protocols = join([name for p, name in PROTOCOL.items() if levels(report, "concurrency",
                                                                    protocol=p)], lg)
    batches = [b for b in levels(report, "batch_size", protocol="http") if b != 1]
    workers = [w for w in levels(report, "workers", protocol="http") if w != 1]
    varied = [f"`{t}`" for t in TARGETS
              if any(r["target"] == t and r["protocol"] == "http"
                     and (r["batch_size"] != 1 or r["workers"] != 1) for r in results)]
    local_batches = join([str(b) for b in levels(report, "batch_size", protocol="in-process")], lg)
    local_threads = join([str(t) for t in levels(report, "threads", protocol="in-process")], lg)
    seconds = sum(r["seconds"] or 0 for r in results)
    took = (f"{seconds / 60:.1f} 分钟" if zh else f"{seconds / 60:.1f} minutes") if seconds >= 60 \
        else (f"{seconds:.0f} 秒" if zh else f"{seconds:.0f} s")
    arch = m["machine"].split(",")[0]
    a, b = m["load_average_1m_at_start"], m["load_average_1m_at_end"]
    if zh:
        text = (f"**本次运行**：{m['date']}；{arch}，{m['cpu_count']} 个 CPU 核，由客户端线程和服务器共用；"
                f"TorchServe {m['torchserve']}，torch {m['torch']}；每个 worker {m['server_threads']} 个 "
                f"torch 线程。每个目标都通过 {protocols}，分别由 {conc} 个并发客户端调用，每个单元格 "
                f"{m['duration_per_cell_s']:g} 秒，之前每个客户端先发 {m['warmup_per_client']} 个不计时的"
                f"预热请求；{join(varied, lg)} 还通过 HTTP 以批大小 {join(map(str, batches), lg)} 和/或 "
                f"{join(map(str, workers), lg)} 个 worker 运行（`max_batch_delay` "
                f"{m['max_batch_delay_ms']} 毫秒）。进程内下限的批大小为 {local_batches}，每种都用 "
                f"{local_threads} 个 torch 线程各测一次。{len(results)} 个单元格共测量了 {took}。"
                f"1 分钟负载均值：开始时 {a}，结束时 {b}。\n\n"
                f"**比较的措辞**：两个测量值相差在 ±{SAME * 100:.0f}% 以内记为“基本相同”"
                f"（这次运行测不出差别）；超出时给出相差的百分比，约 {round(MULTIPLE)} 倍及以上给出倍数。")
    else:
        text = (f"**This run**: {m['date']}; {arch}, {m['cpu_count']} CPU cores shared by the client "
                f"threads and the server; TorchServe {m['torchserve']}, torch {m['torch']}; "
                f"{plural(m['server_threads'], 'torch thread')} per worker. Every target was "
                f"called over {protocols} by {conc} concurrent clients, {m['duration_per_cell_s']:g} s per cell "
                f"after {plural(m['warmup_per_client'], 'untimed warm-up request')} per client; "
                f"{join(varied, lg)} also ran over HTTP with batch size {join(map(str, batches), lg)}"
                f" and/or {join(map(str, workers), lg)} workers (`max_batch_delay` "
                f"{m['max_batch_delay_ms']} ms). The in-process floors ran with batch "
                f"size{'s' * (',' in local_batches or ' and ' in local_batches)} {local_batches}, "
                f"each with {local_threads} torch threads. The {len(results)} cells took {took} of "
                f"measuring in all. Load average (1 min): {a} at the start, "
                f"{b} at the end.\n\n"
                f"**How comparisons read**: two measurements within ±{SAME * 100:.0f}% of each other "
                f"are “about the same” (no difference this run can measure); beyond that the "
                f"difference is given in percent, and from about {round(MULTIPLE)}× on as a multiple.")
    return text


def goals(report: dict, lg: str) -> str:
    zh = lg == "zh"
    out = [goals_table(report, lg)]
    rows = handler_goal(report)
    missed = [(m, p, a / b) for m, p, a, b in rows if a / b > HANDLER_GOAL]
    if rows:
        if not missed:
            verdict = (f"在全部 {len(rows)} 个单元格中达成" if zh else
                       f"met in all {len(rows)} cells")
        else:
            which = join([f"`{m}` {PROTOCOL[p]}（{r:.2f}）" if zh else
                          f"`{m}` over {PROTOCOL[p]} ({r:.2f})" for m, p, r in missed], lg)
            verdict = (f"{len(rows)} 个单元格中有 {len(rows) - len(missed)} 个达成，未达成：{which}" if zh
                       else f"met in {len(rows) - len(missed)} of {len(rows)} cells; not met for "
                            f"{which}")
        threads = report["meta"]["server_threads"]
        floor = value(report, "p50_ms", **served("noop", "http", 1))
        costs = [(m, value(report, "p50_ms", **local(m, "handler", 1, threads))) for m in GREEDY]
        costs = [(m, c) for m, c in costs if c is not None]
        text = f"**handler 目标**：{verdict}。" if zh else f"**Handler goal**: {verdict}."
        if costs and floor:
            names = join([f"`{m}`" for m, _ in costs], lg)
            each = join([f"{ms(c)}" for _, c in costs], lg)
            shares = join([share(c, floor) for _, c in costs], lg)
            text += (f"在进程内，handler 处理一个请求的完整路径，{names}{'分别' * (len(costs) > 1)}"
                     f"用 {each} 毫秒，是 `noop` 在 HTTP 上 p50（{ms(floor)} 毫秒）的 {shares}。" if zh else
                     f" In-process, the handler's whole path for one request takes {each} ms for "
                     f"{names}: {shares} of the `noop` p50 over HTTP ({ms(floor)} ms).")
        out.append(text)
    rows = batching_goal(report)
    if rows:
        met = [(w, b / s) for w, b, s in rows if b / s >= BATCHING_GOAL]
        missed = [(w, b / s) for w, b, s in rows if b / s < BATCHING_GOAL]
        part = lambda items: join([f"{workers_word(w, lg)}（{r:.2f}）" if zh else  # noqa: E731
                                   f"{workers_word(w, lg)} ({r:.2f})" for w, r in items], lg)
        clauses = ([f"{part(met)}时达成" if zh else f"met with {part(met)}"] if met else []) + \
                  ([f"{part(missed)}时未达成" if zh else f"not met with {part(missed)}"] if missed else [])
        text = (f"**批处理目标**：{'，'.join(clauses)}。" if zh else
                f"**Batching goal**: {'; '.join(clauses)}.")
        out.append(text + ("" if zh else " ") + room(report, lg))
    return "\n\n".join(out)


def room(report: dict, lg: str) -> str:
    """How much room batching had: the model's own gain per request, and the no-op floor."""
    zh = lg == "zh"
    parts = []
    gain = model_batch_gain(report)
    if gain:
        one, per = gain
        parts.append(f"`pointer_net` 的模型本身（进程内）单个请求用 {ms(one)} 毫秒，8 个一批时每个请求 "
                     f"{ms(per)} 毫秒（{ratio_words(per, one, lg)}）" if zh else
                     f"`pointer_net`'s model alone (in-process) takes {ms(one)} ms for one request "
                     f"and {ms(per)} ms per request in a batch of 8 ({ratio_words(per, one, lg)})")
    top = max(levels(report, "concurrency", protocol="http"), default=None)
    noop = value(report, "rps", **served("noop", "http", top))
    single = value(report, "rps", **served("pointer_net", "http", top))
    if noop and single:
        text = (f"`noop` 不做任何模型计算，在 {top} 个客户端时每秒回复 {rps(noop)} 个请求，"
                f"{ratio_words(noop, single, lg, f'不批处理的 `pointer_net`（{rps(single)}）')}" if zh else
                f"`noop`, which does no model work, answers {rps(noop)} req/s at {top} clients, "
                f"{ratio_words(noop, single, lg, f'unbatched `pointer_net` ({rps(single)})')}")
        reached = [(w, b) for w, b, _ in batching_goal(report)]
        if reached:
            text += ("；批大小 8 时 `pointer_net` 达到 " if zh else
                     "; with batch 8, `pointer_net` reached ") + join(
                [f"{rps(b)}（{workers_word(w, lg)}，{ratio_words(b, noop, lg, '`noop`')}）" if zh else
                 f"{rps(b)} with {workers_word(w, lg)} ({ratio_words(b, noop, lg, '`noop`')})"
                 for w, b in reached], lg)
        parts.append(text)
    if not parts:
        return ""
    if zh:
        return "批处理还有多少空间，看两个测量值：" + "；".join(parts) + "。"
    return "Two measurements show the room batching had: " + "; ".join(parts) + "."


def floors(report: dict, lg: str) -> str:
    zh = lg == "zh"
    out = []
    compared = []
    for p, name in PROTOCOL.items():
        noop, ping = (value(report, "p50_ms", **served(t, p, 1)) for t in ("noop", "ping"))
        if noop and ping:
            compared.append(f"在{name}上{ratio_words(noop, ping, lg, '`ping`')}（{ms(noop)}对"
                            f"{ms(ping)}毫秒）" if zh else
                            f"{ratio_words(noop, ping, lg, '`ping`')} over {name} ({ms(noop)} vs "
                            f"{ms(ping)} ms)")
    if compared:
        out.append(f"一个客户端时，`noop`的 p50 {'，'.join(compared)}。" if zh else
                   f"At one client, `noop`'s p50 is {join(compared, lg)}.")

    threads = report["meta"]["server_threads"]
    top = max(levels(report, "concurrency", protocol="http"), default=None)
    header = (["目标", "模型本身 p50 毫秒（进程内）", "HTTP p50 毫秒，c=1", "模型所占比例",
               *[f"c={top} 时的请求/秒与 `noop` 相比，{n}" for n in PROTOCOL.values()]] if zh else
              ["target", "model alone p50 ms (in-process)", "HTTP p50 ms, c=1", "model's share",
               *[f"req/s at c={top} against `noop`, {n}" for n in PROTOCOL.values()]])
    rows, shares, against = [], [], []
    for t in MODELS:
        alone = value(report, "p50_ms", **local(t, "model", 1, threads))
        seen = value(report, "p50_ms", **served(t, "http", 1))
        if alone is None or seen is None:
            continue
        shares.append((t, alone / seen))
        cells = []
        for p in PROTOCOL:
            mine, floor = (value(report, "rps", **served(x, p, top)) for x in (t, "noop"))
            cells.append(ratio_words(mine, floor, lg) if mine and floor else "—")
            if mine and floor:
                against.append((p, t, direction(mine, floor)))
        rows.append([f"`{t}`", ms(alone), ms(seen), share(alone, seen), *cells])
    if not rows:
        return "\n\n".join(out)
    out.append(markdown(header, rows))

    most = [(t, s) for t, s in shares if s > MOST]
    rest = [(t, s) for t, s in shares if s <= MOST]
    text = []
    if most:
        text.append(f"只有{join([f'`{t}`（{percent(s)}）' for t, s in most], lg)}的模型占了客户端等待的大部分"
                    if zh else f"the model is most of what a client waits for only with "
                               f"{join([f'`{t}` ({percent(s)})' for t, s in most], lg)}")
    if rest:
        worst = max(s for _, s in rest)
        names = join([f"`{t}`" for t, _ in rest], lg)
        text.append(f"{names}的模型最多占{percent(worst)}，模型快一倍也最多让它们的等待缩短"
                    f"{percent(worst / 2)}" if zh else
                    f"for {names} it is at most {percent(worst)}, so a model twice as fast would "
                    f"shorten their wait by at most {percent(worst / 2)}")
    said = ("；" if zh else "; ").join(text)
    out.append(said + "。" if zh else said[0].upper() + said[1:] + ".")

    clauses = []
    for p, name in PROTOCOL.items():
        items = [(f"`{t}`", None, d) for pp, t, d in against if pp == p]
        if items:
            said = grouped(items, lg, LEVEL)
            clauses.append(f"{name}上，{said}" if zh else f"over {name} {said}")
    if clauses:
        out.append(f"{top} 个客户端、1 个 worker、不批处理时，与 `noop` 的吞吐量相比："
                   + "；".join(clauses) + "。" if zh else
                   f"At {top} clients with 1 worker and no batching, against `noop`'s throughput: "
                   + "; ".join(clauses) + ".")
    noop = value(report, "rps", **served("noop", "http", top))
    beyond = [(t, value(report, "rps", **served(t, "http", top, 8, 1))) for t in MODELS]
    beyond = [(t, b) for t, b in beyond if b]
    if noop and beyond:
        out.append(("批大小 8、1 个 worker 时：" + "；".join(
            [f"`{t}` 通过 HTTP 达到每秒 {rps(b)} 个请求，{ratio_words(b, noop, lg, '`noop`')}"
             for t, b in beyond]) + "。") if zh else
            ("With batch 8 and 1 worker: " + "; ".join(
                [f"`{t}` reached {rps(b)} req/s over HTTP, {ratio_words(b, noop, lg, '`noop`')}"
                 for t, b in beyond]) + "."))
    return "\n\n".join(out)


def _change(old, new, fmt, lg: str) -> str:
    """A table cell: "365 → 603: 65% higher"."""
    if old is None or new is None:
        return "—"
    return f"{fmt(old)} → {fmt(new)}：{ratio_words(new, old, lg)}" if lg == "zh" else \
        f"{fmt(old)} → {fmt(new)}: {ratio_words(new, old, lg)}"


def batching(report: dict, lg: str) -> str:
    zh = lg == "zh"
    conc = levels(report, "concurrency", protocol="http")
    top, many = max(conc, default=None), [c for c in conc if c > 1]
    header = (["模型", "worker 数", *[f"请求/秒，c={c}：批大小 1 → 8" for c in many],
               f"p99 毫秒，c={top}", "p50 毫秒，c=1"] if zh else
              ["model", "workers", *[f"req/s, c={c}: batch 1 → 8" for c in many],
               f"p99 ms, c={top}", "p50 ms, c=1"])
    rows, gains, lone = [], [], []
    for t in TARGETS:
        for w in levels(report, "workers", target=t, batch_size=8, protocol="http"):
            at = lambda col, c, b: value(report, col, **served(t, "http", c, b, w))  # noqa: E731
            cells = [*[_change(at("rps", c, 1), at("rps", c, 8), rps, lg) for c in many],
                     _change(at("p99_ms", top, 1), at("p99_ms", top, 8), ms, lg),
                     _change(at("p50_ms", 1, 1), at("p50_ms", 1, 8), ms, lg)]
            if any(c != "—" for c in cells):  # a run without batch 1 here has nothing to compare
                rows.append([f"`{t}`", str(w), *cells])
            if at("rps", top, 1) and at("rps", top, 8):
                gains.append((f"`{t}`", w, direction(at("rps", top, 8), at("rps", top, 1))))
            if at("p50_ms", 1, 1) and at("p50_ms", 1, 8):
                lone.append(at("p50_ms", 1, 8) - at("p50_ms", 1, 1))
    if not rows:
        return ""
    text = ""
    if gains:
        said = grouped(gains, lg, THROUGHPUT, ("{} worker", "{} workers", "{} 个 worker"))
        text = f"{top} 个客户端时，批大小 8 {said}。" if zh else f"At {top} clients, batch 8 {said}. "
    if lone:
        delay = report["meta"]["max_batch_delay_ms"]
        rise = [d for d in lone if d > 0]
        span = (f"{min(rise):.1f}" if min(rise) == max(rise) else
                f"{min(rise):.1f}–{max(rise):.1f}") if rise else ""
        rows_zh = f"全部 {len(lone)} 行" if len(rise) == len(lone) else \
            f"{len(lone)} 行中的 {len(rise)} 行"
        rows_en = f"all {len(lone)} rows" if len(rise) == len(lone) else \
            f"{len(rise)} of {len(lone)} rows"
        text += ((f"一个客户端时，批处理让{rows_zh}的 p50 变长"
                  + (f"，多了 {span} 毫秒" if rise else "") + f"（本次 `max_batch_delay` 为 {delay} 毫秒）。")
                 if zh else
                 (f"At one client, batching lengthened p50 in {rows_en}"
                  + (f", by {span} ms" if rise else "") + f" (`max_batch_delay` {delay} ms in this run)."))
    return markdown(header, rows) + ("\n" + text.strip() if text else "")


def workers(report: dict, lg: str) -> str:
    zh = lg == "zh"
    many = [c for c in levels(report, "concurrency", protocol="http") if c > 1]
    header = (["模型", "批大小", *[f"请求/秒，c={c}：1 → 2 个 worker" for c in many]] if zh else
              ["model", "batch", *[f"req/s, c={c}: 1 → 2 workers" for c in many]])
    rows, items = [], []
    for t in TARGETS:
        for b in levels(report, "batch_size", target=t, workers=2, protocol="http"):
            at = lambda c, w: value(report, "rps", **served(t, "http", c, b, w))  # noqa: E731
            cells = [_change(at(c, 1), at(c, 2), rps, lg) for c in many]
            if any(c != "—" for c in cells):  # a run without 1 worker here has nothing to compare
                rows.append([f"`{t}`", str(b), *cells])
            for c in many:
                if at(c, 1) and at(c, 2):
                    items.append((f"`{t}` 批大小 {b}" if zh else f"`{t}` batch {b}", c,
                                  direction(at(c, 2), at(c, 1))))
    if not rows:
        return ""
    said = grouped(items, lg, THROUGHPUT, ("{} client", "{} clients", "{} 个客户端"))
    return markdown(header, rows) + "\n" + (f"第二个 worker {said}。" if zh else
                                            f"A second worker {said}.")


def threads(report: dict, lg: str) -> str:
    """The model alone, in-process: torch's default thread count against the server's."""
    zh = lg == "zh"
    base = report["meta"]["server_threads"]
    counts = levels(report, "threads", protocol="in-process")
    batches = levels(report, "batch_size", protocol="in-process")
    vs = f"与 {base} 个线程相比" if zh else f"against {base} thread{'s' * (base != 1)}"
    header = (["目标", "torch 线程数", *[f"模型 p50 毫秒，批大小 {b}" for b in batches],
               *[f"{vs}，批大小 {b}" for b in batches]] if zh else
              ["target", "torch threads", *[f"model p50 ms, batch {b}" for b in batches],
               *[f"{vs}, batch {b}" for b in batches]])
    rows, items, changes = [], [], []
    for t in MODELS:
        for n in counts:
            p50 = [value(report, "p50_ms", **local(t, "model", b, n)) for b in batches]
            if all(x is None for x in p50):
                continue
            ref = [value(report, "p50_ms", **local(t, "model", b, base)) for b in batches]
            words = []
            for b, new, old in zip(batches, p50, ref):
                if n == base or new is None or old is None:
                    words.append("—")
                    continue
                words.append(ratio_words(new, old, lg))
                items.append((f"`{t}`", b, direction(new, old)))
                changes.append((new / old, t, f"批大小 {b}" if zh else f"batch {b}", new, old))
            rows.append([f"`{t}`", str(n), *[ms(x) for x in p50], *words])
    if not rows:
        return ""
    out = [markdown(header, rows)]
    if items:
        others = join([str(n) for n in counts if n != base], lg)
        said = grouped(items, lg, {1: ("raised the model's p50 for {who}", "让{who}的模型 p50 变长"),
                                   0: ("made no measurable difference for {who}", "对{who}没有可测的差别"),
                                   -1: ("lowered it for {who}", "让{who}的模型 p50 变短")},
                       ("batch {}", "batch {}", "批大小 {}"))
        text = (f"与 {base} 个线程相比，{others} 个线程{said}。" if zh else
                f"Against {base} thread{'s' * (base != 1)}, {others} threads {said}.")
        worst, best = max(changes), min(changes)
        for r, t, label, new, old in ((worst, ) if worst[0] > 1 + SAME else ()) + \
                ((best, ) if best[0] < 1 - SAME else ()):
            text += (f"{'上升最多的' if r > 1 else '下降最多的'}：`{t}` {label}，"
                     f"{ms(new)} 对 {ms(old)} 毫秒（{ratio_words(new, old, lg)}）。" if zh else
                     f" The largest {'rise' if r > 1 else 'drop'}: `{t}` {label}, {ms(new)} vs "
                     f"{ms(old)} ms ({ratio_words(new, old, lg)}).")
        out.append(text)
    return "\n\n".join(out)


def protocols(report: dict, lg: str) -> str:
    zh = lg == "zh"
    top = max(levels(report, "concurrency", protocol="grpc"), default=None)
    header = (["目标", "一个客户端时的 p50：gRPC 对 HTTP", f"{top} 个客户端时的请求/秒：gRPC 对 HTTP"]
              if zh else ["target", "p50 at 1 client: gRPC vs HTTP",
                          f"req/s at {top} clients: gRPC vs HTTP"])
    rows, latency, throughput = [], [], []
    for t in TARGETS:
        g, h = (value(report, "p50_ms", **served(t, p, 1)) for p in ("grpc", "http"))
        gr, hr = (value(report, "rps", **served(t, p, top)) for p in ("grpc", "http"))
        if not (g and h) and not (gr and hr):
            continue
        cell = lambda a, b, f, unit: "—" if not (a and b) else (  # noqa: E731
            f"{f(a)} 对 {f(b)}{unit}：{ratio_words(a, b, lg)}" if zh else
            f"{f(a)} vs {f(b)}{unit}: {ratio_words(a, b, lg)}")
        rows.append([f"`{t}`", cell(g, h, ms, " 毫秒" if zh else " ms"), cell(gr, hr, rps, "")])
        if g and h:
            latency.append((f"`{t}`", None, direction(g, h)))
        if gr and hr:
            throughput.append((f"`{t}`", None, direction(gr, hr)))
    if not rows:
        return ""
    text = []
    if latency:
        text.append(f"一个客户端时，gRPC 的 p50 与 HTTP 相比：{grouped(latency, lg, LEVEL)}。" if zh else
                    f"At one client, gRPC's p50 against HTTP's was {grouped(latency, lg, LEVEL)}.")
    if throughput:
        text.append(f"{top} 个客户端时，gRPC 的吞吐量与 HTTP 相比：{grouped(throughput, lg, LEVEL)}。"
                    if zh else f"At {top} clients, gRPC's throughput against HTTP's was "
                               f"{grouped(throughput, lg, LEVEL)}.")
    return markdown(header, rows) + "\n" + ("" if zh else " ").join(text)


PARTS = {"run": run, "goals": goals, "results": results_table, "floors": floors,
         "batching": batching, "workers": workers, "threads": threads, "protocols": protocols}


def render(part: str, report: dict | None = None, lg: str | None = None) -> str:
    """One part of the page, from `report` (default: load()) in `lg` (default: GUIDE_LANG)."""
    lg = lg or lang()
    text = PARTS[part](report if report is not None else load(), lg)
    return spaced(text) if lg == "zh" else text
