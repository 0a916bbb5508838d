"""The worker-scaling figures, computed from scale.json (written by scale.py); the sentences are in
words.yaml beside this file. The page's markdown-exec block (scale_blocks.py) prints its one part;
preview it with `python -m tsharness.words scale` (GUIDE_LANG=zh for Chinese)."""
from __future__ import annotations

import json
from pathlib import Path

from tsharness.words import Words, join, lang, tidy

RESULTS = Path(__file__).with_name("scale.json")
WORDS = Words(Path(__file__).with_name("words.yaml"))


def load(path: str | Path | None = None) -> dict:
    return json.loads(Path(path or RESULTS).read_text(encoding="utf-8"))


def counted(failures: dict, lg: str) -> str:
    """{"ReadTimeout": 1, "HTTP 500": 2} -> "2 (HTTP 500) and 1 (ReadTimeout)"; none -> "0"."""
    if not failures:
        return WORDS("failed_none", lg)
    return join([WORDS("failed_kind", lg, n=n, kind=k) for k, n in sorted(failures.items())], lg)


def figures(r: dict, lg: str) -> str:
    one, three, back = r["phases"]
    up, down = three["per_second"] / one["per_second"], back["per_second"] / one["per_second"]
    names = [WORDS(k, lg) for k in ("phase_before", "phase_up", "phase_down")]
    rows = ["| " + " | ".join(WORDS.cells("head", lg)) + " |", "|---|---:|---:|---:|---:|"]
    rows += [f"| {n} | {p['workers']} | {p['requests']:,} | {p['seconds']:.1f} | {p['per_second']:,.1f} |"
             for n, p in zip(names, r["phases"])]
    f = r["failures"]
    text = [WORDS("summary", lg, clients=r["clients"], sent=r["sent"], failed=r["failed"],
                  timeout=r["timeout"], up_failed=counted(f["scale to 3"], lg),
                  down_failed=counted(f["scale to 1"], lg), other_failed=counted(f["none"], lg),
                  up=up, down=down)]
    if r["failed"]:
        text.append(WORDS("missed", lg))
    timeouts = sum(n for step in f.values() for kind, n in step.items() if kind == "ReadTimeout")
    errors = sorted({kind for step in f.values() for kind in step if kind != "ReadTimeout"})
    if "slowest_s" in r:
        text.append(WORDS("slowest", lg, slowest=r["slowest_s"]))
        if timeouts and r["slowest_s"] < r["timeout"] / 2:
            text.append(WORDS("lost", lg, n=timeouts, timeout=r["timeout"]))
    if r["failed"] and not timeouts and errors:
        text.append(WORDS("answered_errors", lg, kinds=join(errors, lg)))
    if up < 1:
        text.append(WORDS("no_gain", lg, cpus=r["cpus"]))
    resent = r.get("scale_resent", [])
    if resent:
        text.append(WORDS("resent", lg, n=len(resent), kinds=join(sorted(set(resent)), lg)))
    return "\n".join(rows) + "\n\n" + " ".join(text)


PARTS = {"figures": figures}


def render(part: str, report: dict | None = None, lg: str | None = None) -> str:
    return tidy(PARTS[part](report or load(), lang(lg)), lang(lg))
