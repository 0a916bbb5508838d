"""The packaging page's measured parts, worded from tools/packaging/results.json at site build.

`render(part, results=None, lg=None)` gives one part in GUIDE_LANG (zh or en): "run", "caption",
"table", "findings", "decision". The sentences are in words.yaml beside this file; comparisons go
through tsharness.words.ratio_words, so the words follow the data. Preview:
`python -m tsharness.words packaging [results.json]`.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from tsharness import wrk
from tsharness.words import Words, direction, join, lang, number, other_work, ratio_words, tidy

HERE = Path(__file__).resolve().parent
WORDS = Words(HERE / "words.yaml")
EAGER = "pointer_net"
BOUND = "†"  # a throughput within a third of the client's ceiling, as on the Performance page


def load(path: str | Path | None = None) -> dict:
    return json.loads(Path(path or os.environ.get("PACKAGING_RESULTS") or HERE / "results.json")
                      .read_text())


def name(variant: str) -> str:
    return f"`{variant}`"  # the same in both languages


def ms(x: float) -> str:
    return f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def served_p50(r: dict, clients: str = "1") -> float:
    return r["served"][clients]["p50_ms"]


def share(res: dict) -> float:
    return res["setup"].get("client_bound_share", wrk.CLIENT_BOUND)


def bound(res: dict, cell: dict) -> bool:
    """A served throughput close to the client's ceiling at its client count (tsharness.wrk)."""
    return wrk.client_bound(cell["rps"], cell.get("ceiling_rps"), share(res))


def served_rps(r: dict, clients: str = "32") -> float:
    return r["served"][clients]["rps"]


def rps_cell(res: dict, r: dict, lg: str, clients: str = "32") -> str:
    cell = r["served"][clients]
    return number(cell["rps"], "n", lg) + (BOUND if bound(res, cell) else "")


def table_lines(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


# --- parts ---------------------------------------------------------------------------------
def run(res: dict, lg: str) -> str:
    s = res["setup"]
    text = WORDS("run", lg, **s, load_start=s["load_average_at_start"],
                 load_end=s["load_average_at_end"])
    limits = {c["clients"]: c["rps"] for c in res.get("ceilings", [])}
    if limits:
        close = any(bound(res, r["served"][k]) for r in res["variants"].values() for k in ("1", "32"))
        text += " " + WORDS("ceiling", lg, c1=limits.get(1), c32=limits.get(32)) + " " + WORDS(
            "ceiling_bound" if close else "ceiling_free", lg, share=share(res), mark=BOUND)
    if other_work(s["busy_cpus_at_start"], s["cpus"]):
        text += " " + WORDS("busy", lg, cpus=s["cpus"], busy=s["busy_cpus_at_start"])
    return text


def caption(res: dict, lg: str) -> str:
    return WORDS("caption", lg, **res["setup"])


def table(res: dict, lg: str) -> str:
    rows = []
    for v, r in res["variants"].items():
        s = r["served"]
        rows.append([name(v), f"{r['build_s']:.0f}", f"{r['archive_bytes'] / 1e6:.1f}",
                     ms(r["model_ms"]["1"]), ms(r["model_ms"]["8"]), f"{s['cold_start_s']:.1f}",
                     f"{ms(s['1']['p50_ms'])} / {ms(s['1']['p99_ms'])}",
                     f"{ms(s['32']['p50_ms'])} / {ms(s['32']['p99_ms'])}", rps_cell(res, r, lg),
                     WORDS(f"needs_build_{v}", lg), WORDS(f"needs_serve_{v}", lg)])
    return table_lines(WORDS.cells("head", lg), rows)


def findings(res: dict, lg: str) -> str:
    vs = res["variants"]
    e = vs[EAGER]
    items = []
    for v, r in vs.items():
        if v == EAGER:
            continue
        items.append(WORDS(
            "finding", lg, name=name(v),
            m8=r["model_ms"]["8"] / e["model_ms"]["8"],
            m8_words=ratio_words(r["model_ms"]["8"], e["model_ms"]["8"], lg),
            p1=served_p50(r) / served_p50(e), p1_words=ratio_words(served_p50(r), served_p50(e), lg),
            p32_words=ratio_words(served_p50(r, "32"), served_p50(e, "32"), lg, "eager"),
            r32_words=ratio_words(served_rps(r), served_rps(e), lg, "eager"),
            cold_words=ratio_words(r["served"]["cold_start_s"], e["served"]["cold_start_s"], lg,
                                   "eager")))
    paragraphs = ["\n".join(items)]
    aoti, compiled = vs.get("pointer_net_aoti"), vs.get("pointer_net_compiled")
    if aoti and compiled:
        paragraphs.append(WORDS("compile_times", lg, aoti_build=aoti["build_s"],
                                compiled_cold=compiled["served"]["cold_start_s"],
                                eager_cold=e["served"]["cold_start_s"]))
    share = e["model_ms"]["1"] / served_p50(e)
    narrower = all(abs(1 - served_p50(r) / served_p50(e)) < abs(1 - r["model_ms"]["1"] / e["model_ms"]["1"])
                   for v, r in vs.items() if v != EAGER)
    last = []
    if narrower:  # the part of a served request that is not the model dilutes every model gain
        last.append(WORDS("narrower", lg, eager_model=e["model_ms"]["1"], eager_p50=served_p50(e),
                          share=share))
        if share < 0.5:
            last.append(WORDS("diluted", lg, delay=res["setup"]["max_batch_delay"]))
    fastest = min(vs, key=lambda v: served_p50(vs[v]))
    # the variants as fast as the fastest, within the noise (SAME)
    tied = [v for v in vs if v != EAGER and direction(served_p50(vs[v]), served_p50(vs[fastest])) == 0]
    if fastest == EAGER:
        last.append(WORDS("none_faster", lg))
    elif len(tied) > 1:
        names = join([WORDS("tied_name", lg, name=name(v), x=served_p50(vs[v]) / served_p50(e))
                      for v in tied], lg)
        last.append(WORDS("tied", lg, names=names))
    else:
        last.append(WORDS("fastest", lg, name=name(fastest), x=served_p50(vs[fastest]) / served_p50(e)))
    paragraphs.append(" ".join(last))
    return "\n\n".join(paragraphs)


def decision(res: dict, lg: str) -> str:
    vs = res["variants"]
    e, c, a = vs[EAGER], vs.get("pointer_net_compiled"), vs.get("pointer_net_aoti")
    sc = vs.get("pointer_net_script")

    def gain(r: dict) -> str:
        """What the data shows the variant gains when served: a lower p50 at one client, more
        throughput at 32, both or neither."""
        parts = []
        if direction(served_p50(r), served_p50(e)) < 0:
            parts.append(WORDS("gain", lg, x=served_p50(r) / served_p50(e)))
        if direction(served_rps(r), served_rps(e)) > 0:
            parts.append(WORDS("gain_rps", lg, x=served_rps(r) / served_rps(e)))
        return WORDS("gain_separator", lg).join(parts) if parts else WORDS("no_gain", lg)

    rows = []
    if a is not None:
        rows.append([WORDS("aoti_when", lg, gain=gain(a)), name("pointer_net_aoti"),
                     WORDS("aoti_fails", lg)])
    if c is not None:
        cold = ratio_words(c["served"]["cold_start_s"], e["served"]["cold_start_s"], lg, "eager")
        rows.append([WORDS("compiled_when", lg, cold=cold), name("pointer_net_compiled"),
                     WORDS("compiled_fails", lg)])
    if sc is not None:
        rows.append([WORDS("script_when", lg, gain=gain(sc)), name("pointer_net_script"),
                     WORDS("script_fails", lg)])
    rows.append([WORDS("eager_when", lg), name(EAGER), WORDS("eager_fails", lg)])
    rows.append([WORDS("trace_when", lg), WORDS("trace_use", lg), WORDS("trace_fails", lg)])
    return table_lines(WORDS.cells("decision_head", lg), rows)


PARTS = {"run": run, "caption": caption, "table": table, "findings": findings, "decision": decision}


def render(part: str, results: dict | None = None, lg: str | None = None) -> str:
    lg = lang(lg)
    return tidy(PARTS[part](results or load(), lg), lg)
