"""The Performance page's conclusions, worded from the benchmark's results when the site builds.

Python here decides what a result says (higher, lower, about the same; goal met or missed); the
sentences are in words.yaml beside this file. Every comparison of two measurements goes through
tsharness.words.ratio_words, so each sentence follows the data it is given. `render(part)` gives
one part of the page in GUIDE_LANG (zh or en); blocks.py prints the parts, and
`python -m tsharness.words bench [results.json]` previews them all.
"""
from __future__ import annotations

import re

from tools.bench.table import (
    BATCHING_GOAL,
    BOUND,
    GREEDY,
    HANDLER_GOAL,
    MODELS,
    PROTOCOL,
    TARGETS,
    WORDS,
    batching_goal,
    bound_rows,
    goals_table,
    handler_goal,
    levels,
    load,
    local,
    markdown,
    model_batch_gain,
    ms,
    results_table,
    rps,
    served,
    value,
)
from tsharness.words import MULTIPLE, SAME, direction, join, lang, ratio_words, tidy

MOST = 0.5        # the model is "most of the wait" above this share of a client's p50
DIRECTION = {1: "up", 0: "same", -1: "down"}


def grouped(items: list[tuple[str, object, int]], lg: str, verb: str, unit: str | None = None) -> str:
    """Clauses for (subject, qualifier, direction) items, one per direction that occurs, e.g.
    "raised it for `a` (1 and 2 workers) and `b`, lowered it for `c`": the entries `<verb>_up`,
    `<verb>_same`, `<verb>_down` with {who}; `unit_<unit>` words the joined qualifiers."""
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
            q = WORDS.count(f"unit_{unit}", qs[-1] if len(qs) == 1 else 2, lg, list=join(qs, lg))
            who.append(WORDS("qualified", lg, subject=subject, q=q))
        clauses.append(WORDS(f"{verb}_{DIRECTION[d]}", lg, who=join(who, lg)))
    if len(clauses) < 2:
        return "".join(clauses)
    last = WORDS("clauses_two" if len(clauses) == 2 else "clauses_last", lg)
    return WORDS("clause_separator", lg).join(clauses[:-1]) + last + clauses[-1]


# --- the parts of the page -----------------------------------------------------------------
def run(report: dict, lg: str) -> str:
    """What was measured, where and when; and how the page words its comparisons."""
    m, results = report["meta"], report["results"]
    protocols = [name for p, name in PROTOCOL.items() if levels(report, "concurrency", protocol=p)]
    varied = [f"`{t}`" for t in TARGETS
              if any(r["target"] == t and r["protocol"] == "http"
                     and (r["batch_size"] != 1 or r["workers"] != 1) for r in results)]
    seconds = sum(r["seconds"] or 0 for r in results)
    took = (WORDS("took_minutes", lg, x=seconds / 60) if seconds >= 60 else
            WORDS("took_seconds", lg, x=seconds))
    text = WORDS(
        "run", lg, date=m["date"], arch=m["machine"].split(",")[0], cpus=m["cpu_count"],
        torchserve=m["torchserve"], torch=m["torch"], threads=m["server_threads"],
        protocols=join(protocols, lg),
        conc=join(levels(report, "concurrency", protocol="http"), lg),
        seconds=m["duration_per_cell_s"], warmup=m["warmup_requests"], varied=join(varied, lg),
        batches=join([b for b in levels(report, "batch_size", protocol="http") if b != 1], lg),
        workers=join([w for w in levels(report, "workers", protocol="http") if w != 1], lg),
        delay=m["max_batch_delay_ms"],
        local_batches=join(levels(report, "batch_size", protocol="in-process"), lg),
        local_threads=join(levels(report, "threads", protocol="in-process"), lg),
        cells=len(results), took=took, load_start=m["load_average_1m_at_start"],
        load_end=m["load_average_1m_at_end"])
    return text + "\n\n" + WORDS("how_comparisons_read", lg, same=SAME, multiple=round(MULTIPLE))


def clients(report: dict, lg: str) -> str:
    """The two clients, each one's ceiling (its `ping` cells) and the figures close to it."""
    m = report["meta"]
    ceilings = {(c["protocol"], c["concurrency"]): c["rps"] for c in report.get("ceilings", [])}
    if not ceilings:
        return ""
    conc = sorted({c for _, c in ceilings})
    wrk_version = re.search(r"wrk \S*?(\d+\.\d+\.\d+)", m.get("http_client", ""))
    grpc_version = re.search(r"grpc\.aio ([0-9.]+[0-9])", m.get("grpc_client", ""))
    text = WORDS(
        "clients", lg,
        http=WORDS("http_client", lg, version=wrk_version.group(1) if wrk_version else "?"),
        grpc=WORDS.count("grpc_client", m.get("grpc_processes", 1), lg, n=m.get("grpc_processes", 1),
                         version=grpc_version.group(1) if grpc_version else "?"),
        conc=" / ".join(map(str, conc)),
        http_ceil=" / ".join(rps(ceilings.get(("http", c))) for c in conc),
        grpc_ceil=" / ".join(rps(ceilings.get(("grpc", c))) for c in conc),
        share=m.get("client_bound_share", 2 / 3), mark=BOUND)
    rows = bound_rows(report)
    if not rows:
        text += " " + WORDS("clients_none_bound", lg)
    else:
        groups: dict[tuple, list[int]] = {}
        for r in rows:
            groups.setdefault((r["target"], r["protocol"], r["batch_size"], r["workers"]),
                              []).append(r["concurrency"])
        cells = []
        for (t, p, b, w), cs in groups.items():
            config = "" if (b, w) == (1, 1) else WORDS.count("bound_config", w, lg, b=b, w=w)
            cells.append(WORDS("bound_cell", lg, target=t, config=config, protocol=PROTOCOL[p],
                               cs=join(cs, lg)))
        text += " " + WORDS("clients_bound", lg, cells=WORDS("bound_separator", lg).join(cells))
    top = max(conc)
    g, h = ceilings.get(("grpc", top)), ceilings.get(("http", top))
    if g and h:
        text += " " + WORDS("grpc_ceiling", lg, top=top, g=g, h=h,
                            words=ratio_words(g, h, lg, WORDS("http_ceiling_ref", lg)))
        if any(r["protocol"] == "grpc" for r in rows):
            text += " " + WORDS("grpc_still_bound", lg, mark=BOUND)
        else:
            text += " " + WORDS("grpc_not_bound", lg)
    return text


def goals(report: dict, lg: str) -> str:
    out = [goals_table(report, lg)]
    rows = handler_goal(report)
    missed = [(m, p, a / b) for m, p, a, b in rows if a / b > HANDLER_GOAL]
    if rows:
        if not missed:
            verdict = WORDS("handler_met_all", lg, n=len(rows))
        else:
            which = join([WORDS("handler_missed_cell", lg, model=m, protocol=PROTOCOL[p], r=r)
                          for m, p, r in missed], lg)
            verdict = WORDS("handler_met_some", lg, n=len(rows), met=len(rows) - len(missed),
                            which=which)
        text = WORDS("handler_goal", lg, verdict=verdict)
        threads = report["meta"]["server_threads"]
        floor = value(report, "p50_ms", **served("noop", "http", 1))
        costs = [(m, value(report, "p50_ms", **local(m, "handler", 1, threads))) for m in GREEDY]
        costs = [(m, c) for m, c in costs if c is not None]
        if costs and floor:
            text += " " + WORDS(
                "handler_cost", lg, names=join([f"`{m}`" for m, _ in costs], lg),
                each=join([ms(c) for _, c in costs], lg), floor=floor,
                each_word=WORDS("each_word", lg) if len(costs) > 1 else "",
                shares=join([WORDS("model_share", lg, target="", share=c / floor).strip(" ()（）")
                             for _, c in costs], lg))
        out.append(text)
    rows = batching_goal(report)
    if rows:
        met = [(w, b / s) for w, b, s in rows if b / s >= BATCHING_GOAL]
        missed = [(w, b / s) for w, b, s in rows if b / s < BATCHING_GOAL]

        def part(items):
            return join([WORDS("batching_part", lg, r=r, workers=WORDS.count("workers_count", w, lg, n=w))
                         for w, r in items], lg)

        clauses = ([WORDS("batching_met", lg, part=part(met))] if met else []) + \
                  ([WORDS("batching_missed", lg, part=part(missed))] if missed else [])
        text = WORDS("batching_goal", lg, clauses=WORDS("batching_clause_separator", lg).join(clauses))
        out.append(text + " " + room(report, lg))
    return "\n\n".join(out)


def room(report: dict, lg: str) -> str:
    """How much room batching had: the model's own gain per request, and the no-op handler."""
    parts = []
    gain = model_batch_gain(report)
    if gain:
        one, per = gain
        parts.append(WORDS("room_model", lg, one=one, per=per, change=ratio_words(per, one, lg)))
    top = max(levels(report, "concurrency", protocol="http"), default=None)
    noop = value(report, "rps", **served("noop", "http", top))
    single = value(report, "rps", **served("pointer_net", "http", top))
    if noop and single:
        text = WORDS("room_noop", lg, top=top, noop=noop, against=ratio_words(
            noop, single, lg, WORDS("unbatched_pointer_net", lg, x=single)))
        reached = [(w, b) for w, b, _ in batching_goal(report)]
        if reached:
            text += WORDS("room_batched", lg, reached=join(
                [WORDS("room_batched_cell", lg, x=b, workers=WORDS.count("workers_count", w, lg, n=w),
                       against=ratio_words(b, noop, lg, "`noop`")) for w, b in reached], lg))
            if any(direction(b, noop) > 0 for _, b in reached):
                text += WORDS("room_batched_beyond", lg)
        parts.append(text)
    if not parts:
        return ""
    return WORDS("room", lg, parts=WORDS("room_separator", lg).join(parts))


def floors(report: dict, lg: str) -> str:
    out = []
    compared = []
    for p, name in PROTOCOL.items():
        noop, ping = (value(report, "p50_ms", **served(t, p, 1)) for t in ("noop", "ping"))
        if noop and ping:
            compared.append(WORDS("noop_vs_ping_protocol", lg, protocol=name, noop=noop, ping=ping,
                                  words=ratio_words(noop, ping, lg, "`ping`")))
    if compared:
        out.append(WORDS("noop_vs_ping", lg,
                         compared=WORDS("noop_vs_ping_separator", lg).join(compared)))

    threads = report["meta"]["server_threads"]
    top = max(levels(report, "concurrency", protocol="http"), default=None)
    header = [*WORDS.cells("floors_head", lg),
              *[WORDS("floors_head_against", lg, top=top, protocol=n) for n in PROTOCOL.values()]]
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
        rows.append([f"`{t}`", ms(alone), ms(seen), WORDS("model_share", lg, target="",
                                                            share=alone / seen).strip(" ()（）"),
                     *cells])
    if not rows:
        return "\n\n".join(out)
    out.append(markdown(header, rows))

    most = [(t, s) for t, s in shares if s > MOST]
    rest = [(t, s) for t, s in shares if s <= MOST]
    text = []
    if most:
        text.append(WORDS("model_most", lg, which=join(
            [WORDS("model_share", lg, target=f"`{t}`", share=s) for t, s in most], lg)))
    if rest:
        worst = max(s for _, s in rest)
        text.append(WORDS("model_rest", lg, names=join([f"`{t}`" for t, _ in rest], lg),
                          worst=worst, half=worst / 2))
    said = WORDS("model_separator", lg).join(text)
    out.append(WORDS("model_sentences", lg, said=said[0].upper() + said[1:]))

    clauses = []
    for p, name in PROTOCOL.items():
        items = [(f"`{t}`", None, d) for pp, t, d in against if pp == p]
        if items:
            clauses.append(WORDS("against_noop_protocol", lg, protocol=name,
                                 said=grouped(items, lg, "level")))
    if clauses:
        out.append(WORDS("against_noop", lg, top=top,
                         clauses=WORDS("against_noop_separator", lg).join(clauses)))
    noop = value(report, "rps", **served("noop", "http", top))
    beyond = [(t, value(report, "rps", **served(t, "http", top, 8, 1))) for t in MODELS]
    beyond = [(t, b) for t, b in beyond if b]
    if noop and beyond:
        out.append(WORDS("beyond_noop", lg, cells=WORDS("beyond_noop_separator", lg).join(
            [WORDS("beyond_noop_cell", lg, target=t, x=b, against=ratio_words(b, noop, lg, "`noop`"))
             for t, b in beyond])))
    return "\n\n".join(out)


def _change(old, new, fmt, lg: str) -> str:
    """A table cell: "365 → 603: 65% higher"."""
    if old is None or new is None:
        return "—"
    return WORDS("change", lg, old=fmt(old), new=fmt(new), words=ratio_words(new, old, lg))


def batching(report: dict, lg: str) -> str:
    conc = levels(report, "concurrency", protocol="http")
    top, many = max(conc, default=None), [c for c in conc if c > 1]
    header = [*WORDS.cells("batching_head", lg),
              *[WORDS("batching_head_rps", lg, c=c) for c in many],
              WORDS("batching_head_p99", lg, c=top), WORDS("batching_head_p50", lg)]
    rows, gains, lone = [], [], []
    for t in TARGETS:
        for w in levels(report, "workers", target=t, batch_size=8, protocol="http"):
            def at(col, c, b, t=t, w=w):
                return value(report, col, **served(t, "http", c, b, w))
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
    text = []
    if gains:
        text.append(WORDS("batching_said", lg, top=top, said=grouped(gains, lg, "throughput", "workers")))
    if lone:
        rise = [d for d in lone if d > 0]
        span = (f"{min(rise):.1f}" if min(rise) == max(rise) else
                f"{min(rise):.1f}–{max(rise):.1f}") if rise else ""
        rows_said = (WORDS("lone_rows_all", lg, n=len(lone)) if len(rise) == len(lone) else
                     WORDS("lone_rows_some", lg, n=len(lone), rise=len(rise)))
        text.append(WORDS("lone", lg, rows=rows_said, delay=report["meta"]["max_batch_delay_ms"],
                          by=WORDS("lone_by", lg, span=span) if rise else ""))
    return markdown(header, rows) + ("\n" + " ".join(text) if text else "")


def workers(report: dict, lg: str) -> str:
    many = [c for c in levels(report, "concurrency", protocol="http") if c > 1]
    header = [*WORDS.cells("workers_head", lg), *[WORDS("workers_head_rps", lg, c=c) for c in many]]
    rows, items = [], []
    for t in TARGETS:
        for b in levels(report, "batch_size", target=t, workers=2, protocol="http"):
            def at(c, w, t=t, b=b):
                return value(report, "rps", **served(t, "http", c, b, w))
            cells = [_change(at(c, 1), at(c, 2), rps, lg) for c in many]
            if any(c != "—" for c in cells):  # a run without 1 worker here has nothing to compare
                rows.append([f"`{t}`", str(b), *cells])
            for c in many:
                if at(c, 1) and at(c, 2):
                    items.append((WORDS("workers_subject", lg, target=t, b=b), c,
                                  direction(at(c, 2), at(c, 1))))
    if not rows:
        return ""
    return markdown(header, rows) + "\n" + WORDS("workers_said", lg,
                                                 said=grouped(items, lg, "throughput", "clients"))


def threads(report: dict, lg: str) -> str:
    """The model alone, in-process: torch's default thread count against the server's."""
    base = report["meta"]["server_threads"]
    counts = levels(report, "threads", protocol="in-process")
    batches = levels(report, "batch_size", protocol="in-process")
    header = [*WORDS.cells("threads_head", lg),
              *[WORDS("threads_head_p50", lg, b=b) for b in batches],
              *[WORDS.count("threads_head_against", base, lg, base=base, b=b) for b in batches]]
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
                changes.append((new / old, t, b, new, old))
            rows.append([f"`{t}`", str(n), *[ms(x) for x in p50], *words])
    if not rows:
        return ""
    out = [markdown(header, rows)]
    if items:
        others = join([n for n in counts if n != base], lg)
        text = WORDS.count("threads_said", base, lg, base=base, others=others,
                           said=grouped(items, lg, "threads", "batch"))
        worst, best = max(changes), min(changes)
        for r, t, b, new, old in ((worst, ) if worst[0] > 1 + SAME else ()) + \
                ((best, ) if best[0] < 1 - SAME else ()):
            text += " " + WORDS("largest_rise" if r > 1 else "largest_drop", lg, target=t, b=b,
                                new=new, old=old, words=ratio_words(new, old, lg))
        out.append(text)
    return "\n\n".join(out)


def protocols(report: dict, lg: str) -> str:
    top = max(levels(report, "concurrency", protocol="grpc"), default=None)
    header = WORDS.cells("protocols_head", lg, top=top)
    rows, latency, throughput = [], [], []
    for t in TARGETS:
        g, h = (value(report, "p50_ms", **served(t, p, 1)) for p in ("grpc", "http"))
        gr, hr = (value(report, "rps", **served(t, p, top)) for p in ("grpc", "http"))
        if not (g and h) and not (gr and hr):
            continue

        def cell(a, b, key):
            return "—" if not (a and b) else WORDS(key, lg, a=a, b=b, words=ratio_words(a, b, lg))

        rows.append([f"`{t}`", cell(g, h, "versus_ms"), cell(gr, hr, "versus_rps")])
        if g and h:
            latency.append((f"`{t}`", None, direction(g, h)))
        if gr and hr:
            throughput.append((f"`{t}`", None, direction(gr, hr)))
    if not rows:
        return ""
    text = []
    if latency:
        text.append(WORDS("protocol_latency", lg, said=grouped(latency, lg, "level")))
    if throughput:
        text.append(WORDS("protocol_throughput", lg, top=top, said=grouped(throughput, lg, "level")))
    return markdown(header, rows) + "\n" + " ".join(text)


PARTS = {"run": run, "clients": clients, "goals": goals, "results": results_table, "floors": floors,
         "batching": batching, "workers": workers, "threads": threads, "protocols": protocols}


def render(part: str, report: dict | None = None, lg: str | None = None) -> str:
    """One part of the page, from `report` (default: load()) in `lg` (default: GUIDE_LANG)."""
    lg = lang(lg)
    return tidy(PARTS[part](report if report is not None else load(), lg), lg)
