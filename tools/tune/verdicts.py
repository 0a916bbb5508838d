"""The tuning conclusions, worded from tools/tune/results.json when the site builds.

`render(part)` gives one part in GUIDE_LANG (zh or en); blocks.py prints the parts, and
`python -m tsharness.words tune [results.json]` previews them. The sentences are in words.yaml.
tune.py calls `recommended()` too, to measure the configuration these words recommend.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from tsharness.server import read_properties
from tsharness.words import Words, lang, other_work, tidy

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
RESULTS = HERE / "results.json"
WORDS = Words(HERE / "words.yaml")
PRODUCTION = REPO / "snippets" / "security" / "config.production.properties"
GOAL_CONNECTIONS = 32
MIN_NOISE = 0.03     # the two baselines may agree by chance: a gain must be at least this too
BUSY_LOAD = 3.0      # 128 connections, wrk, the gRPC clients and TorchServe alone reach about twice the cores
GOALS = {"http": 1.0, "grpc": 1.5, "ceiling": 0.5}  # the Performance page's goals at 32 connections
PROTOCOLS = ("http", "grpc")


def load(path=None) -> dict:
    return json.loads(Path(path or os.environ.get("TUNE_RESULTS") or RESULTS).read_text())


# --- the data -------------------------------------------------------------------------------------
def connections(report: dict) -> list[int]:
    return sorted({c["connections"] for c in report["variants"][0]["cells"]})


def at(report: dict) -> int:
    """The connection count the recommendation and the goals are taken at: 32, or the most measured."""
    counts = connections(report)
    return GOAL_CONNECTIONS if GOAL_CONNECTIONS in counts else max(counts)


def cell(row: dict, protocol: str, n: int) -> dict:
    [c] = [c for c in row["cells"] if (c["protocol"], c["connections"]) == (protocol, n)]
    return c


def baselines(report: dict) -> list[dict]:
    return [v for v in report["variants"] if v["knob"] == "baseline"]


def knobs(report: dict) -> list[dict]:
    return [v for v in report["variants"] if v["knob"] != "baseline"]


def base_rps(report: dict, protocol: str, n: int | None = None) -> float:
    """The mean of the two baselines."""
    xs = [cell(b, protocol, n or at(report))["rps"] for b in baselines(report)]
    return sum(xs) / len(xs)


def spread(report: dict, protocol: str, n: int | None = None) -> float:
    """How far apart the two baselines are, as a fraction of their mean."""
    xs = [cell(b, protocol, n or at(report))["rps"] for b in baselines(report)]
    return (max(xs) - min(xs)) / (sum(xs) / len(xs)) if sum(xs) else 0.0


def noise(report: dict, protocol: str) -> float:
    return max(MIN_NOISE, spread(report, protocol))


def gain(report: dict, row: dict, protocol: str, n: int | None = None) -> float:
    base = base_rps(report, protocol, n)
    return cell(row, protocol, n or at(report))["rps"] / base - 1 if base else 0.0


def failed(row: dict, n: int) -> int:
    return sum(cell(row, p, n)["failed"] for p in PROTOCOLS)


def total_failed(row: dict) -> int:
    return sum(c["failed"] for c in row["cells"])


def fixes_failures(report: dict, row: dict) -> bool:
    """Every reply right where both baselines had some fail (at any connection count)."""
    return total_failed(row) == 0 and all(total_failed(b) > 0 for b in baselines(report))


def verdict(report: dict, row: dict) -> int:
    """+1: beats the baseline by more than the noise on one protocol and loses on neither, or answers
    every request where the baselines failed some; -1: loses by more than the noise on one, or fails
    more replies; 0: within the noise."""
    n = at(report)
    gains = {p: gain(report, row, p) for p in PROTOCOLS}
    if failed(row, n) > max(failed(b, n) for b in baselines(report)) or \
            any(g < -noise(report, p) for p, g in gains.items()):
        return -1
    return 1 if any(g > noise(report, p) for p, g in gains.items()) or fixes_failures(report, row) else 0


def mean_gain(report: dict, row: dict) -> float:
    return sum(gain(report, row, p) for p in PROTOCOLS) / len(PROTOCOLS)


def recommended(report: dict) -> list[str]:
    """Per knob, the best setting that beats the baseline (verdict +1); the names of the variants."""
    best: dict[str, dict] = {}
    for row in knobs(report):
        if verdict(report, row) > 0 and (row["knob"] not in best
                                         or mean_gain(report, row) > mean_gain(report, best[row["knob"]])):
            best[row["knob"]] = row
    return [row["name"] for row in report["variants"] if row in best.values()]


def fastapi_rps(report: dict, workers: int, n: int | None = None) -> float | None:
    found = [f for f in report["fastapi"] if f["workers"] == workers]
    return cell(found[0], "http", n or at(report))["rps"] if found else None


def in_process(report: dict, workers: int) -> float:
    """The in-process ceiling at the benchmark's batch size: one core's requests per second, times the
    workers (at most the cores)."""
    [one] = [p for p in report["in_process"] if p["batch"] == report["meta"]["batch_size"]]
    return one["rps_per_core"] * min(workers, report["meta"]["cores_used"])


def ceiling(report: dict, protocol: str, n: int | None = None) -> float | None:
    found = [c["rps"] for c in report["ceilings"] if (c["protocol"], c["connections"]) == (protocol, n or at(report))]
    return found[0] if found else None


def event_loops(row: dict) -> dict:
    """The frontend's Netty groups by their pool number, in ServerGroups.init's order: the acceptors,
    the HTTP connections (number_of_netty_threads), the metrics API, the worker connections
    (netty_client_threads). A group's threads start with its first task: the metrics group, idle
    here, may be absent."""
    groups = row["jvm"]["event_loop_threads"]
    own = sorted(((int(k.rsplit("-", 1)[1]), v) for k, v in groups.items() if k.split("-")[0].endswith(
        "EventLoopGroup")), key=lambda x: x[0])
    grpc = sum(v for k, v in groups.items() if k.startswith("grpc-") and "worker" in k)
    return {"http": own[1][1] if len(own) > 1 else None,
            "backend": own[-1][1] if len(own) > 2 else None, "grpc": grpc}


# --- parts ----------------------------------------------------------------------------------------
def shown(row: dict) -> str:
    """A setting as the page writes it: the config line, or the registration parameter."""
    return f"initial_workers={row['workers']}" if row["knob"] == "workers" else row["setting"]


def label(report: dict, row: dict, lg: str) -> str:
    if row["knob"] == "baseline":
        return WORDS("baseline_first" if row["name"] == baselines(report)[0]["name"] else "baseline_last", lg)
    return f"`{shown(row)}`"


def signed(x: float, lg: str) -> str:
    return WORDS("up" if x > -0.005 else "down", lg, x=abs(x))  # -0.4 % is shown as +0 %


def figure(c: dict, lg: str) -> str:
    return WORDS("figure_bound" if c.get("client_bound") else "figure", lg, x=c["rps"])


def table(report: dict, lg: str) -> str:
    counts, n = connections(report), at(report)
    out = []
    rec = report["recommended"]
    rows = [baselines(report)[0], *knobs(report), baselines(report)[-1]]
    if rec["variants"]:
        rows.append(rec)
    marked = False
    for protocol in PROTOCOLS:
        head = [WORDS("head_setting", lg), *[WORDS.count("head_connections", k, lg, k=k) for k in counts],
                WORDS("head_vs", lg, n=n), WORDS("head_failed", lg)]
        lines = [WORDS(f"title_{protocol}", lg), "", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        for row in rows:
            cells = [cell(row, protocol, k) for k in counts]
            marked |= any(c.get("client_bound") for c in cells)
            name = WORDS("recommended_row", lg) if row is rec else label(report, row, lg)
            g = gain(report, row, protocol)
            vs = "—" if row["knob"] == "baseline" else signed(g, lg)
            if row["knob"] != "baseline" and row is not rec and abs(g) > noise(report, protocol):
                vs = f"**{vs}**"
            lines.append(f"| {name} | " + " | ".join(figure(c, lg) for c in cells)
                         + f" | {vs} | {WORDS('figure', lg, x=sum(c['failed'] for c in cells))} |")
        if protocol == "http":
            for f in report["fastapi"]:
                cells = [cell(f, "http", k) for k in counts]
                marked |= any(c.get("client_bound") for c in cells)
                x = f["cells"] and cell(f, "http", n)["rps"] / base_rps(report, "http") - 1
                lines.append(f"| {WORDS.count('fastapi_row', f['workers'], lg, w=f['workers'])} | "
                             + " | ".join(figure(c, lg) for c in cells)
                             + f" | {signed(x, lg)} | {WORDS('figure', lg, x=sum(c['failed'] for c in cells))} |")
        out.append("\n".join(lines))
    out.append(WORDS("unit", lg, n=n, noise_http=noise(report, "http"), noise_grpc=noise(report, "grpc")))
    out.append(WORDS("bound" if marked else "none_bound", lg,
                     http=ceiling(report, "http"), grpc=ceiling(report, "grpc"), n=n))
    return tidy("\n\n".join(out), lg)


def settings(rows: list[dict], report: dict, lg: str) -> str:
    sep = WORDS("separator", lg)
    return sep.join(WORDS("setting_gain", lg, s=shown(r), h=signed(gain(report, r, "http"), lg),
                          g=signed(gain(report, r, "grpc"), lg)) for r in rows)


def recommendation(report: dict, lg: str) -> str:
    n = at(report)
    text = [WORDS("noise", lg, n=n, h=spread(report, "http"), g=spread(report, "grpc"), floor=MIN_NOISE)]
    groups = {v: [r for r in knobs(report) if verdict(report, r) == v] for v in (1, 0, -1)}
    if groups[1]:
        text.append(WORDS("better", lg, list=settings(groups[1], report, lg)))
    for r in groups[1]:
        if fixes_failures(report, r):
            worst = max(connections(report), key=lambda k: failed(baselines(report)[-1], k))
            text.append(WORDS("fixes", lg, s=shown(r), k=worst, f=failed(baselines(report)[-1], worst)))
    if groups[-1]:
        text.append(WORDS("worse", lg, list=settings(groups[-1], report, lg)))
    if groups[0]:
        text.append(WORDS("within", lg, list=WORDS("separator", lg).join(f"`{shown(r)}`" for r in groups[0])))
    rec = report["recommended"]
    if not rec["variants"]:
        text.append(WORDS("keep_guide", lg))
        return tidy(" ".join(text), lg)
    chosen = [next(r for r in report["variants"] if r["name"] == name) for name in rec["variants"]]
    text.append(WORDS("recommend", lg, list=WORDS("separator", lg).join(f"`{shown(r)}`" for r in chosen),
                      n=n, h=cell(rec, "http", n)["rps"], g=cell(rec, "grpc", n)["rps"],
                      hx=signed(gain(report, rec, "http"), lg), gx=signed(gain(report, rec, "grpc"), lg)))
    text.append(production(report, chosen, lg))
    return tidy(" ".join(text), lg)


def production(report: dict, chosen: list[dict], lg: str) -> str:
    """What of the recommendation the production config (snippets/security/config.production.properties)
    holds, read from the file itself; and why the rest is not in it."""
    props = read_properties(PRODUCTION)
    applied, left = [], []
    for r in chosen:
        keys = {}
        if r["knob"] in CONFIG_KNOBS:
            key, value = r["setting"].split("=", 1)
            keys = {key: value}
        if keys and all(props.get(k) == v for k, v in keys.items()):
            applied.append(f"`{r['setting']}`")
        else:
            left.append(WORDS(f"not_applied_{REASONS.get(r['knob'], 'other')}", lg, s=r["setting"],
                              cores=report["meta"]["cores_used"], models=production_models()))
    text = []
    if applied:
        text.append(WORDS.count("applied", len(applied), lg, list=WORDS("separator", lg).join(applied)))
    text += left
    return " ".join(text)


def production_models() -> int:
    """How many models the production start loads (its --models list)."""
    script = (PRODUCTION.parent / "start_production.sh").read_text()
    return len(re.search(r"--models (\S+=\S+)", script).group(1).split(","))


CONFIG_KNOBS = {"number_of_netty_threads", "netty_client_threads", "job_queue_size", "async_logging", "vmargs"}
REASONS = {"workers": "workers", "OMP_NUM_THREADS": "env", "access_log": "log_config"}


def bad(report: dict, lg: str) -> str:
    head = [WORDS("head_bad_setting", lg), WORDS("head_bad_exit", lg), WORDS("head_bad_seconds", lg),
            WORDS("head_bad_what", lg)]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for b in report["bad_values"]:
        if b["started"]:
            reg = b["register"]
            what = WORDS("bad_started", lg, status=reg["status"], type=reg["type"] or "—",
                         predict=b["predict"]["status"])
            said = list(dict.fromkeys(b.get("log") or []))
        else:
            what = WORDS("bad_refused" if not b["jvm_running"] else "bad_silent", lg)
            said = b["messages"]
        if said:
            what += " " + WORDS("bad_said", lg, said=WORDS("separator", lg).join(f"`{m}`" for m in said))
        what = what.rstrip("。")  # a table cell: no full stop before its bar
        lines.append(f"| `{b['setting']}` | {b['torchserve_start_exit']} | "
                     f"{WORDS('bad_seconds', lg, x=b['seconds'])} | {what} |")
    text = ["\n".join(lines)]
    refused = [b for b in report["bad_values"] if not b["started"]]
    if refused and all(b["torchserve_start_exit"] == 0 for b in refused):
        text.append(WORDS("exit_zero", lg))
    return tidy("\n\n".join(text), lg)


def goals(report: dict, lg: str) -> str:
    n, rec = at(report), report["recommended"]
    w = rec["workers"]
    fast = fastapi_rps(report, w)
    h, g = cell(rec, "http", n)["rps"], cell(rec, "grpc", n)["rps"]
    top = in_process(report, w)
    ratios = {"http": h / fast, "grpc": g / fast, "ceiling": max(h, g) / top}
    text = [WORDS.count("goals_intro", w, lg, n=n, w=w)]
    for goal, x in ratios.items():
        met = x >= GOALS[goal]
        text.append(WORDS(f"goal_{goal}_{'met' if met else 'missed'}", lg, x=x, goal=GOALS[goal],
                          proto=WORDS("proto_http" if h >= g else "proto_grpc", lg)))
    if any(x < GOALS[k] for k, x in ratios.items()):
        one = {p["batch"]: p for p in report["in_process"]}[report["meta"]["batch_size"]]
        per = 1000 * w / h  # ms of one worker's time per request served over HTTP
        ping = ceiling(report, "http")
        text.append(WORDS("where", lg, per=per, work=one["ms_per_request"], share=1 - one["ms_per_request"] / per,
                          fper=1000 * w / fast, w=w, batch=report["meta"]["batch_size"]))
        if ping:
            text.append(WORDS("frontend_fast" if ping >= 2 * h else "frontend_near", lg, ping=ping,
                              x=ping / h, n=n))
    return tidy(" ".join(text), lg)


def zero(report: dict, lg: str) -> str:
    base = event_loops(baselines(report)[0])
    one = next((r for r in knobs(report) if r["setting"] == "number_of_netty_threads=1"), None)
    text = [WORDS("zero_http", lg, n=base["http"], cores=report["meta"]["cores_used"])]
    if one is not None and event_loops(one)["http"] is not None:
        text.append(WORDS("zero_one", lg, n=event_loops(one)["http"]))
    if base["backend"] is not None:
        text.append(WORDS.count("zero_backend", base["backend"], lg, n=base["backend"]))
    text.append(WORDS("zero_grpc", lg, n=base["grpc"]))
    return tidy(" ".join(text), lg)


def logs(report: dict, lg: str) -> str:
    base = baselines(report)[-1]
    off = next((r for r in knobs(report) if r["knob"] == "access_log"), None)
    requests = sum(c["requests"] for c in base["cells"])
    text = [WORDS("access_lines", lg, lines=base["access_log_lines"], requests=requests)]
    if off is not None:
        text.append(WORDS("access_off", lg, lines=off["access_log_lines"]))
    jvm = base["jvm"]
    if jvm["gc"]:
        text.append(WORDS("jvm_default", lg, gc=jvm["gc"], heap=jvm["max_heap_mb"]))
    return tidy(" ".join(text), lg)


def run_line(report: dict, lg: str) -> str:
    m = report["meta"]
    busy = other_work(m["busy_cpus_at_start"], m["cpus"])
    text = WORDS("run", lg, **m, a=m["load_average_at_start"], b=m["load_average_at_end"],
                 busy=WORDS("busy", lg) if busy else "",
                 conns=WORDS("separator", lg).join(str(k) for k in m["connections"]),
                 variants=len(report["variants"]))
    peak = max((c.get("load_average", 0) for r in report["variants"] for c in r["cells"]), default=0)
    if peak > BUSY_LOAD * m["cpus"]:
        text += " " + WORDS("busy_during", lg, peak=peak)
    return tidy(text, lg)


PARTS = {"run": run_line, "zero": zero, "table": table, "logs": logs, "recommendation": recommendation,
         "goals": goals, "bad": bad}


def render(part: str, report: dict | None = None, lg: str | None = None) -> str:
    return PARTS[part](report or load(), lang(lg))
