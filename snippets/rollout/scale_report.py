"""The worker-scaling figures in the page's language (GUIDE_LANG zh or en), computed from
scale.json (written by scale.py). The page's markdown-exec block (scale_blocks.py) prints render().
Preview: GUIDE_LANG=zh python snippets/rollout/scale_report.py"""
import json
import os
from pathlib import Path

RESULTS = Path(__file__).with_name("scale.json")


def counted(failures: dict, zh: bool) -> str:
    """{"ReadTimeout": 1, "HTTP 500": 2} -> "1 (ReadTimeout), 2 (HTTP 500)"; none -> "0"."""
    if not failures:
        return "0 个" if zh else "0"
    sep = "、" if zh else ", "
    return sep.join(f"{n} ({k})" if not zh else f"{n} 个（{k}）" for k, n in sorted(failures.items()))


def render(results: dict | None = None) -> str:
    r = results or json.loads(RESULTS.read_text())
    zh = os.environ.get("GUIDE_LANG", "en").startswith("zh")
    one, three, back = r["phases"]
    up, down = three["per_second"] / one["per_second"], back["per_second"] / one["per_second"]
    if zh:
        head = "| 阶段 | 已就绪的 worker | 响应 | 秒 | 吞吐量（请求/秒） |\n|---|---:|---:|---:|---:|\n"
        names = ("扩容前", "扩到 3 个之后", "缩回 1 个之后")
    else:
        head = "| phase | workers ready | replies | seconds | throughput (req/s) |\n|---|---:|---:|---:|---:|\n"
        names = ("before", "after scaling to 3", "after scaling back to 1")
    table = head + "".join(
        f"| {n} | {p['workers']} | {p['requests']:,} | {p['seconds']:.1f} | {p['per_second']:,.1f} |\n"
        for n, p in zip(names, r["phases"]))
    f = r["failures"]
    up_f, down_f, other_f = (counted(f["scale to 3"], zh), counted(f["scale to 1"], zh), counted(f["none"], zh))
    if zh:
        text = (f"整个运行中，{r['clients']} 个客户端一共发出 {r['sent']:,} 个请求，"
                f"每个响应都检查过，失败 {r['failed']} 个（{r['timeout']} 秒内没等到响应也算失败）。"
                f"其中扩到 3 个 worker 期间失败 {up_f}，缩回 1 个期间失败 {down_f}，其余时间失败 {other_f}。"
                f"3 个 worker 时的吞吐量是 1 个时的 {up:.2f} 倍，缩回 1 个后是 {down:.2f} 倍。")
    else:
        text = (f"Over the whole run, {r['clients']} clients sent {r['sent']:,} requests, every reply checked, and "
                f"{r['failed']} failed (no reply within {r['timeout']} s counts as failed): {up_f} while scaling to 3 "
                f"workers, {down_f} while scaling back to 1, {other_f} at other times. With 3 workers the "
                f"throughput was {up:.2f}× that with 1; back at 1, {down:.2f}×.")
    if r["failed"] and zh:
        text += "目标是 0 个失败，这次没有做到。worker 数在负载下变化时，有请求失败了。"
    elif r["failed"]:
        text += " The goal was 0 failed, and this run missed it: requests failed while the worker count changed."
    lost = r["failed"] and r.get("slowest_s", r["timeout"]) < r["timeout"] / 2
    if "slowest_s" in r and zh:
        text += f"收到响应的请求里，最慢的一个用了 {r['slowest_s']:.1f} 秒。"
        if lost:
            text += f"所以失败的请求不是因为慢，而是根本没等到响应，{r['timeout']} 秒的超时绰绰有余。"
    elif "slowest_s" in r:
        text += f" The slowest reply that came took {r['slowest_s']:.1f} s."
        if lost:
            text += (f" So the failed requests were not slow ones: they got no reply at all, and the "
                     f"{r['timeout']} s timeout was ample.")
    if up < 1 and zh:
        text += f"worker 多了，吞吐量却没有提高，因为客户端和服务器共用这台机器的 {r['cpus']} 个 CPU 核。"
    elif up < 1:
        text += (" More workers did not raise the throughput: client and server share this machine's "
                 f"{r['cpus']} CPU cores.")
    return table + "\n" + text


if __name__ == "__main__":
    print(render())
