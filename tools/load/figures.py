"""The load and fault runs in words, for the Security and Troubleshooting pages.

Every number the pages say about the runs is read here from the runs' own figures,
tools/load/load_run.json and fault_run.json, while the site builds; the sentences are in words.yaml
beside this file. Preview: `python -m tsharness.words load [runs.json]` (GUIDE_LANG=zh for Chinese),
where runs.json, if given, holds {"load_run": {...}, "fault_run": {...}}.
"""
from __future__ import annotations

import json
from pathlib import Path

from tsharness.words import Words, lang, tidy

HERE = Path(__file__).resolve().parent
WORDS = Words(HERE / "words.yaml")
SLOWER = 1.5    # a fault run's p99 above this times the load run's: the tail was stretched


def read(run: str) -> dict:
    return json.loads((HERE / f"{run}.json").read_text())


def load(path: str | Path | None = None) -> dict:
    """Both runs' figures: the committed ones, or those in `path` ({"load_run": ..., "fault_run": ...})."""
    if path:
        return json.loads(Path(path).read_text())
    return {run: read(run) for run in ("load_run", "fault_run")}


def counted(key: str, n: int, lg: str) -> str:
    """`5 requests were lost` / `1 request was lost`: the _one or _many entry of `key`."""
    return WORDS(f"{key}_{'one' if n == 1 else 'many'}", lg, n=n)


def ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def load_sentences(f: dict, lg: str) -> str:
    """What the load run did, whether it passed, and its latency."""
    failures = [counted(k, f[field], lg) for k, field in
                (("lost", "lost"), ("wrong", "wrong"), ("replaced", "workers_replaced")) if f[field]]
    did = WORDS("load_did", lg, **f, n_models=len(f["models"]))
    verdict = (WORDS("load_failed", lg, failures=WORDS("failure_separator", lg).join(failures))
               if failures else WORDS("load_passed", lg))
    latency = WORDS("load_latency", lg, **f, ratio=ratio(f["p99_ms"], f["p50_ms"]))
    return f"{did}\n\n{verdict}\n\n{latency}\n"


def fault_sentences(f: dict, base: dict, lg: str) -> str:
    """What the clients saw when a worker was killed, and how the server recovered."""
    victim = f"`{f['victim']}`"
    values = {**f, "victim": victim}
    out = [WORDS("fault_kill", lg, **values)]
    if not f["failed"]:
        out.append(WORDS("fault_none_failed", lg))
    else:
        where = (WORDS("where_victim", lg, victim=victim) if not f["failed_other_models"]
                 else WORDS("where_others", lg, n=f["failed_other_models"]))
        kinds = [WORDS("kind", lg, **x) for x in f["failures"]]
        got = (WORDS("got_replies", lg, kinds=WORDS("kind_separator", lg).join(kinds)) if not f["lost"]
               else WORDS("got_lost", lg, n=f["lost"], timeout_s=f["timeout_s"]))
        out.append(WORDS("fault_failed", lg, failed=f["failed"], where=where, got=got,
                         requests_word=WORDS("request_one" if f["failed"] == 1 else "request_many", lg)))
    out.append(WORDS("fault_replaced" if f["worker_replaced"] else "fault_not_replaced", lg, **values))
    slower = f["p99_ms"] > SLOWER * base["p99_ms"]
    out.append(WORDS("fault_tail_slower" if slower else "fault_tail_same", lg, **values,
                     base_p99_ms=base["p99_ms"], ratio=ratio(f["p99_ms"], base["p99_ms"])))
    out.append(WORDS("fault_after_wrong" if f["after_recovery_wrong"] else "fault_after_right", lg,
                     **values))
    return "\n\n".join(out) + "\n"


PARTS = {"load": lambda runs, lg: load_sentences(runs["load_run"], lg),
         "fault": lambda runs, lg: fault_sentences(runs["fault_run"], runs["load_run"], lg)}


def render(part: str, runs: dict | None = None, lg: str | None = None) -> str:
    lg = lang(lg)
    return tidy(PARTS[part](runs or load(), lg), lg)
