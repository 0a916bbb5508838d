"""The load and fault runs in words, for the Security and Troubleshooting pages.

Every number the pages say about the runs is read here from the runs' own figures,
tools/load/load_run.json and fault_run.json, while the site builds (GUIDE_LANG picks the language):

    GUIDE_LANG=zh python tools/load/figures.py     # from the repo root
"""
# --8<-- [start:defs]
import json
import os
from pathlib import Path

LANG = os.environ.get("GUIDE_LANG", "en")


def read(run: str) -> dict:
    # The site builds from the repo root.
    return json.loads(Path("tools/load", f"{run}.json").read_text())


def count(n: int, en_one: str, en_many: str, zh: str, lang: str) -> str:
    """`5 requests` / `1 request` / `5 个请求`."""
    if lang == "zh":
        return f"{n} {zh}"
    return f"{n:,} {en_one if n == 1 else en_many}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}" if b else "—"


def load_sentences(f: dict, lang: str) -> str:
    """What the load run did, whether it passed, and its latency."""
    n_models = len(f["models"])
    failures = [x for x in (
        count(f["lost"], "request was lost", "requests were lost", "个请求丢失", lang) if f["lost"] else "",
        count(f["wrong"], "reply was wrong", "replies were wrong", "个回复有误", lang) if f["wrong"] else "",
        count(f["workers_replaced"], "worker was replaced", "workers were replaced", "个 worker 被替换",
              lang) if f["workers_replaced"] else "") if x]
    if lang == "zh":
        did = (f"本次运行从 {f['concurrency']} 个并发客户端向 {n_models} 个模型"
               f"（`batch_size` {f['batch_size']}，`max_batch_delay` {f['max_batch_delay']} 毫秒，"
               f"每个模型 {f['workers_per_model']} 个 worker）发送了 {f['requests']} 个请求，"
               f"请求随机取自一个含 {f['good_in_pool']} 个正常请求、{f['bad_in_pool']} 个不合法请求的池子。")
        verdict = ("没有请求丢失，没有回复与进程内 handler 的回复不同，也没有 worker 被替换：本次运行通过。"
                   if not failures else "，".join(failures) + "：本次运行未通过。")
        latency = (f"一半的请求在 {f['p50_ms']} 毫秒内得到回复，99% 在 {f['p99_ms']} 毫秒内"
                   f"（中位数的 {ratio(f['p99_ms'], f['p50_ms'])} 倍），每秒 {f['per_second']} 个请求；"
                   f"客户端和服务器共用 {f['cpus']} 个 CPU（负载均值开始时为 {f['load_average_start']}，"
                   f"结束时为 {f['load_average_end']}）。")
    else:
        did = (f"The run shown sent {f['requests']:,} requests from {f['concurrency']} concurrent clients "
               f"to the {n_models} models (`batch_size` {f['batch_size']}, `max_batch_delay` "
               f"{f['max_batch_delay']} ms, {f['workers_per_model']} worker each), drawn at random from "
               f"a pool of {f['good_in_pool']} good and {f['bad_in_pool']} bad requests.")
        verdict = ("No request was lost, no reply differed from the in-process handler's, and no worker "
                   "was replaced: the run passed." if not failures else
                   ", ".join(failures) + ": the run failed.")
        latency = (f"Half the requests were answered within {f['p50_ms']} ms, 99 % within "
                   f"{f['p99_ms']} ms ({ratio(f['p99_ms'], f['p50_ms'])} times the median), "
                   f"{f['per_second']} requests per second, with clients and server sharing "
                   f"{f['cpus']} CPUs (load average {f['load_average_start']} at the start, "
                   f"{f['load_average_end']} at the end).")
    return f"{did}\n\n{verdict}\n\n{latency}\n"


def fault_sentences(f: dict, base: dict, lang: str) -> str:
    """What the clients saw when a worker was killed, and how the server recovered."""
    victim, zh = f"`{f['victim']}`", lang == "zh"
    kinds = [f"{x['count']} × {x['status']} `{x['message']}`" for x in f["failures"]]
    if zh:
        out = [f"本次运行在 {f['requests']} 个请求中的第 {f['killed_at_request']} 个时用 SIGKILL 杀掉了 "
               f"{victim} 的 worker（{f['concurrency']} 个并发客户端）。"]
        if not f["failed"]:
            out.append("没有请求失败。")
        else:
            where = (f"全部发往 {victim}，其他模型毫无察觉" if not f["failed_other_models"]
                     else f"其中 {f['failed_other_models']} 个发往其他模型")
            got = (f"每个失败的请求都得到了回复，没有一个挂起（{'；'.join(kinds)}）。" if not f["lost"]
                   else f"其中 {f['lost']} 个在 {f['timeout_s']} 秒内没有得到回复。")
            out.append(f"{f['failed']} 个请求失败，{where}。{got}")
        out.append(f"worker 被杀 {f['recovery_s']} 秒后，TorchServe 已备好新的 {victim} worker（新的 PID）。"
                   if f["worker_replaced"] else f"没有新的 {victim} worker 就绪。")
        slower = f["p99_ms"] > 1.5 * base["p99_ms"]
        out.append(f"p99 延迟为 {f['p99_ms']} 毫秒，没有故障的负载运行是 {base['p99_ms']} 毫秒"
                   f"（{ratio(f['p99_ms'], base['p99_ms'])} 倍）"
                   + ("：排队等 " + victim + " 的请求要等到新 worker 就绪。" if slower
                      else "：等待新 worker 并没有明显拉长尾部。"))
        out.append(f"恢复之后的 {f['after_recovery']} 个请求全部回答正确。" if not f["after_recovery_wrong"]
                   else f"恢复之后的 {f['after_recovery']} 个请求中有 {f['after_recovery_wrong']} 个回答错误。")
    else:
        out = [f"The run shown killed the {victim} worker with SIGKILL at request "
               f"{f['killed_at_request']:,} of {f['requests']:,} ({f['concurrency']} concurrent clients)."]
        if not f["failed"]:
            out.append("No request failed.")
        else:
            where = (f"all of them to {victim}: the other models did not notice"
                     if not f["failed_other_models"]
                     else f"{f['failed_other_models']} of them to other models")
            got = (f"Each failed request got a reply, none hung ({'; '.join(kinds)})." if not f["lost"]
                   else f"{count(f['lost'], 'of them', 'of them', '', lang)} got no reply within "
                        f"{f['timeout_s']} s.")
            out.append(f"{count(f['failed'], 'request', 'requests', '', lang)} failed, {where}. {got}")
        out.append(f"TorchServe had a new {victim} worker ready (a new PID) {f['recovery_s']} s after "
                   "the kill." if f["worker_replaced"] else f"No new {victim} worker became ready.")
        slower = f["p99_ms"] > 1.5 * base["p99_ms"]
        out.append(f"The 99th percentile latency was {f['p99_ms']} ms, against {base['p99_ms']} ms in the "
                   f"load run without a fault ({ratio(f['p99_ms'], base['p99_ms'])} times)"
                   + (f": requests queued for {victim} waited until the new worker was ready." if slower
                      else ": waiting for the new worker did not stretch the tail much."))
        out.append(f"After recovery, all {f['after_recovery']} requests were answered right."
                   if not f["after_recovery_wrong"] else
                   f"After recovery, {f['after_recovery_wrong']} of {f['after_recovery']} requests were "
                   "answered wrongly.")
    return "\n\n".join(out) + "\n"
# --8<-- [end:defs]


# --8<-- [start:load]
print(load_sentences(read("load_run"), LANG))
# --8<-- [end:load]
# --8<-- [start:fault]
print(fault_sentences(read("fault_run"), read("load_run"), LANG))
# --8<-- [end:fault]
