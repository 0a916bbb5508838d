"""The p99 section's table and figures, computed from latency.json (written by latency_run.py).

render(part) gives one part in GUIDE_LANG (zh or en) as markdown: "table" (client and Prometheus
percentiles side by side), "close" (how close, and the handler's share), "edges" (what the bucket
edges cost), "ms" (the same latency recorded in milliseconds). The page's markdown-exec blocks
(blocks.py) print them. Preview: GUIDE_LANG=en python snippets/alerts/report.py
"""
import json
import os
from itertools import pairwise
from pathlib import Path

RESULTS = Path(__file__).with_name("latency.json")
# The Prometheus Java client's default buckets, which TorchServe 0.12 gives every histogram.
EDGES = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0]
NAMES = {"0.5": "p50", "0.95": "p95", "0.99": "p99"}


def zh() -> bool:
    return os.environ.get("GUIDE_LANG", "en").startswith("zh")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def edge(seconds: float) -> str:
    return f"{seconds * 1000:g}"


def bucket(value: float) -> tuple[float, float]:
    """The bucket (lower, upper] that holds `value`."""
    lower = 0.0
    for edge in EDGES:
        if value <= edge:
            return lower, edge
        lower = edge
    return EDGES[-1], float("inf")


def table(r: dict) -> str:
    if zh():
        head = "| 分位数 | 客户端（毫秒） | Prometheus（毫秒） | 相差 | Prometheus 的值所在的桶（毫秒） |"
    else:
        head = "| quantile | client (ms) | Prometheus (ms) | difference | bucket of Prometheus's value (ms) |"
    rows = [head, "|---|---:|---:|---:|---|"]
    for q, name in NAMES.items():
        c, p = r["client"][q], r["prometheus"][q]
        lo, hi = bucket(p)
        rows.append(f"| {name} | {ms(c)} | {ms(p)} | {(p - c) / c:+.0%} | ({edge(lo)}, {edge(hi)}] |")
    return "\n".join(rows)


def close(r: dict) -> str:
    gaps = {NAMES[q]: abs(r["prometheus"][q] - r["client"][q]) / r["client"][q] for q in NAMES}
    worst = max(gaps, key=gaps.get)
    overhead = (r["client_mean"] - r["prometheus_mean"]) * 1000
    share = r["prometheus_mean"] / r["client_mean"]
    if zh():
        return (f"{r['requests']} 个请求，全部来自同一次运行。"
                f"运行期间，这台 {r['cpus']} 核机器的 1 分钟平均负载为 "
                f"{r['load']:.1f}。三个分位数中相差最大的是 {worst}，"
                f"为 {gaps[worst]:.0%}。两边量的并不是同一段时间：handler 只计自己的 `handle()`，"
                f"客户端还要算上 HTTP、前端和队列。平均下来 handler 占 {share:.0%}，"
                f"其余 {overhead:.1f} 毫秒花在 handler 之外。")
    return (f"{r['requests']} requests, all from one run, while the {r['cpus']}-core machine's 1-minute "
            f"load average was {r['load']:.1f}. Of the three quantiles, {worst} differs most: "
            f"{gaps[worst]:.0%}. The two sides do not time the same span: the handler counts its own "
            f"`handle()`, the client adds HTTP, the frontend and the queue. On average the handler takes "
            f"{share:.0%} of it, and {overhead:.1f} ms go outside the handler.")


def edges(r: dict) -> str:
    p99 = r["prometheus"]["0.99"]
    lo, hi = bucket(p99)
    counts = r["route_latency_seconds"]
    inside = counts[str(hi)] - (counts[str(lo)] if lo else 0)
    off = max(p99 - lo, hi - p99)  # the farthest the true value can be, inside the bucket
    a, b = max(pairwise(EDGES), key=lambda e: (e[1] - e[0]) / e[0])
    if zh():
        return (f"`histogram_quantile` 只知道每个桶里有多少个请求，不知道它们在桶里的位置，"
                f"于是假定它们在桶内均匀分布，再做线性插值。p99 落在 ({edge(lo)}, {edge(hi)}] 毫秒这个桶里，"
                f"本次运行有 {inside:.0f} 个请求在其中。"
                f"真实的 p99 可以是这个桶里的任何值，所以 Prometheus 的答案最多可能差 {off * 1000:,.0f} 毫秒，"
                f"是它给出的值的 {off / p99:.0%}。默认的桶中，"
                f"宽度相对下界最大的是下界的 {(b - a) / a:g} 倍，例如从 {a:g} 秒到 {b:g} 秒。")
    return (f"`histogram_quantile` knows how many requests each bucket holds, not where in the bucket they "
            f"fell, so it assumes they are spread evenly and interpolates. p99 falls in the ({edge(lo)}, "
            f"{edge(hi)}] ms bucket, which holds {inside:.0f} requests of this run. The true p99 can be "
            f"anywhere in that bucket, so Prometheus's answer can be off by up to {off * 1000:,.0f} ms, "
            f"{off / p99:.0%} of the value it gave. Among the default buckets, the widest "
            f"relative to its lower edge is {(b - a) / a:g} times it, from {a:g} s to {b:g} s for one.")


def ms_mistake(r: dict) -> str:
    counts = r["route_latency_ms"]
    total = counts["+Inf"]
    over = total - counts["10.0"]
    cumulative = [(float(le), n) for le, n in counts.items() if le != "+Inf"]
    cumulative.sort()
    rows = (["| `le` | 这个桶里的请求 |" if zh() else "| `le` | requests in the bucket |", "|---:|---:|"])
    previous = 0.0
    for le, n in cumulative:
        if n - previous:
            rows.append(f"| {le:g} | {n - previous:.0f} |")
        previous = n
    rows.append(f"| +Inf | {over:.0f} |")
    p99 = r["ms"]["p99"]
    if zh():
        text = (f"同一次运行、同一段时间，换成毫秒记录：{total:.0f} 个请求中有 {over:.0f} 个"
                f"（{over / total:.0%}）大于 10，也就是最大的有限桶，全部落进 `+Inf`。"
                f"此时 `histogram_quantile(0.99, …)` 的答案是 {p99:g}：p99 落在 `+Inf` 桶里时，"
                f"它返回最大的有限桶的上界。"
                f"这个数看上去像“10 毫秒”，其实什么也没测到；换成秒，同样的请求就分布在各个桶里。")
    else:
        text = (f"The same run, the same time, recorded in milliseconds: {over:.0f} of {total:.0f} requests "
                f"({over / total:.0%}) are above 10, the largest finite bucket, and all land in `+Inf`. "
                f"`histogram_quantile(0.99, …)` then answers {p99:g}: when p99 falls in the `+Inf` bucket, "
                f"it returns the upper edge of the largest finite one. The number reads like \"10 ms\" "
                f"and measures nothing; in seconds, the same requests spread over the buckets.")
    return "\n".join(rows) + "\n\n" + text


PARTS = {"table": table, "close": close, "edges": edges, "ms": ms_mistake}


def render(part: str, results: dict | None = None) -> str:
    return PARTS[part](results or json.loads(RESULTS.read_text()))


if __name__ == "__main__":
    for name in PARTS:
        print(render(name), end="\n\n")
