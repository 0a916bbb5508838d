"""The packaging page's measured parts, worded from tools/packaging/results.json at site build.

`render(part, results=None)` gives one part in GUIDE_LANG (zh or en): "run", "table", "findings",
"decision". Comparisons go through the Performance page's `ratio_words`, so the words follow
the data; $PACKAGING_RESULTS names another run's results.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from tools.bench.verdicts import direction, join, other_work, ratio_words, spaced

HERE = Path(__file__).resolve().parent
EAGER = "pointer_net"
# What each variant needs, from how it is built and loaded (not measured): (en, zh) per column.
NEEDS = {
    "pointer_net": {"build": ("nothing beyond TorchServe", "TorchServe 之外不需要别的"),
                    "serve": ("torch that loads the state dict; the model source", "能加载 state dict 的 torch；模型源码")},
    "pointer_net_script": {"build": ("a model torch.jit.script accepts", "torch.jit.script 能接受的模型"),
                           "serve": ("a torch that loads TorchScript; no model source", "能加载 TorchScript 的 torch；不需要模型源码")},
    "pointer_net_compiled": {"build": ("nothing beyond TorchServe", "TorchServe 之外不需要别的"),
                             "serve": ("g++ on every serving machine; compile time at every worker start",
                                       "每台服务机器上都要有 g++；每次启动 worker 都要编译")},
    "pointer_net_aoti": {"build": ("g++; the serving machines' torch version and CPU",
                                   "g++；与服务机器相同的 torch 版本和 CPU"),
                         "serve": ("exactly the torch version that built the .pt2; no compiler",
                                   "与构建 .pt2 完全相同的 torch 版本；不需要编译器")},
}


def lang() -> str:
    return "zh" if os.environ.get("GUIDE_LANG", "en").startswith("zh") else "en"


def load(path: str | Path | None = None) -> dict:
    return json.loads(Path(path or os.environ.get("PACKAGING_RESULTS") or HERE / "results.json")
                      .read_text())


def name(variant: str, lg: str) -> str:
    return f"`{variant}`"  # the same in both languages


def ms(x: float) -> str:
    return f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def ratio(v: float, eager: float) -> str:
    return f"{v / eager:.2f}×"


def served_p50(r: dict, clients: str = "1") -> float:
    return r["served"][clients]["p50_ms"]


# --- parts ---------------------------------------------------------------------------------
def busy(s: dict, lg: str) -> str:
    """A warning when other work ran on the machine as the run began."""
    busy = s["busy_cpus_at_start"]
    if not other_work(busy, s["cpus"]):
        return ""
    return (f"运行开始前，别的工作占用了 {s['cpus']} 个核中的 {busy:.1f} 个，各阶段受到的干扰不同：比值只能作粗略参考。"
            if lg == "zh" else
            f" Just before the run, other work kept {busy:.1f} of the {s['cpus']} cores busy, which need "
            f"not weigh equally on every stage: read the ratios as rough.")


def run(res: dict, lg: str) -> str:
    s = res["setup"]
    if lg == "zh":
        return spaced(
            f"**本次运行**：{s['date']}，{s['machine']}，{s['cpus']} 个 CPU 核（客户端与服务器共用），torch {s['torch']}，"
            f"TorchServe {s['torchserve']}；开始时 1 分钟负载 {s['load_average_at_start']:.1f}，结束时 "
            f"{s['load_average_at_end']:.1f}。每个请求是一条 {s['tasks']} 个任务的路线，每个回复都与 eager 的路线核对过。"
            f"进程内：模型单独运行，按 handler 的方式调用（编译变体补齐到 25 个任务），取 {s['repeats']} 次的中位数。"
            f"服务：每个变体单独注册，批大小 {s['batch_size']}，最长等待 {s['max_batch_delay']} ms，一个 worker；"
            f"1 个客户端发 {s['requests_1']} 个请求，32 个客户端各发 {s['requests_32']} 个。"
            f"冷启动：从注册到第一个正确回复，包括编译。" + busy(s, lg))
    return (f"**This run**: {s['date']}, {s['machine']}, {s['cpus']} CPU cores (shared by the clients "
            f"and the server), torch {s['torch']}, TorchServe {s['torchserve']}; 1-minute load average "
            f"{s['load_average_at_start']:.1f} at the start, {s['load_average_at_end']:.1f} at the end. "
            f"Every request is a route of {s['tasks']} tasks, and every reply was checked against "
            f"eager's route. In process: the model alone, called as its handler calls it (the compiled "
            f"variants padded to 25 tasks), median of {s['repeats']} calls. Served: each variant "
            f"registered alone, batch size {s['batch_size']}, max delay {s['max_batch_delay']} ms, one "
            f"worker; {s['requests_1']} requests from 1 client, {s['requests_32']} from each of 32 "
            f"clients. Cold start: from register to the first correct reply, compiling included."
            + busy(s, lg))


def table(res: dict, lg: str) -> str:
    zh = lg == "zh"
    head = (["变体", "打包（秒）", "包大小（MB）", "模型，批 1（ms）", "模型，批 8（ms）", "冷启动（秒）",
             "p50 / p99，1 个客户端（ms）", "p50 / p99，32 个客户端（ms）", "打包需要", "服务需要"] if zh else
            ["variant", "build (s)", "archive (MB)", "model, batch 1 (ms)", "model, batch 8 (ms)",
             "cold start (s)", "p50 / p99, 1 client (ms)", "p50 / p99, 32 clients (ms)",
             "needs at build", "needs at serve"])
    rows = []
    for v, r in res["variants"].items():
        s = r["served"]
        rows.append([name(v, lg), f"{r['build_s']:.0f}", f"{r['archive_bytes'] / 1e6:.1f}",
                     ms(r["model_ms"]["1"]), ms(r["model_ms"]["8"]), f"{s['cold_start_s']:.1f}",
                     f"{ms(s['1']['p50_ms'])} / {ms(s['1']['p99_ms'])}",
                     f"{ms(s['32']['p50_ms'])} / {ms(s['32']['p99_ms'])}",
                     NEEDS[v]["build"][zh], NEEDS[v]["serve"][zh]])
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def findings(res: dict, lg: str) -> str:
    zh = lg == "zh"
    vs = res["variants"]
    e = vs[EAGER]
    items = []
    for v, r in vs.items():
        if v == EAGER:
            continue
        m8 = ratio_words(r["model_ms"]["8"], e["model_ms"]["8"], lg)
        p1 = ratio_words(served_p50(r), served_p50(e), lg)
        p32 = ratio_words(served_p50(r, "32"), served_p50(e, "32"), lg)
        cold = ratio_words(r["served"]["cold_start_s"], e["served"]["cold_start_s"], lg, "eager")
        if zh:
            items.append(spaced(
                f"- {name(v, lg)}：进程内批 8 的模型耗时是 eager 的 {ratio(r['model_ms']['8'], e['model_ms']['8'])}"
                f"（{m8}）；服务 p50 在 1 个客户端时是 eager 的 {ratio(served_p50(r), served_p50(e))}（{p1}），"
                f"32 个客户端时{p32}；冷启动{cold}。"))
        else:
            items.append(
                f"- {name(v, lg)}: in process, the model at batch 8 takes "
                f"{ratio(r['model_ms']['8'], e['model_ms']['8'])} eager's time ({m8}); served p50 is "
                f"{ratio(served_p50(r), served_p50(e))} eager's at 1 client ({p1}) and {p32} at 32 "
                f"clients; cold start {cold}.")
    share = e["model_ms"]["1"] / served_p50(e)
    narrower = all(abs(1 - served_p50(r) / served_p50(e)) < abs(1 - r["model_ms"]["1"] / e["model_ms"]["1"])
                   for v, r in vs.items() if v != EAGER)
    note = ""
    if narrower:  # the part of a served request that is not the model dilutes every model gain
        delay = res["setup"]["max_batch_delay"]
        if zh:
            note = spaced(
                f"每个变体在单个客户端时的服务差距都比它在进程内批 1 时的差距小：eager 的模型在进程内批 1 要 "
                f"{ms(e['model_ms']['1'])} ms，只占它服务 p50（{ms(served_p50(e))} ms）的 {share:.0%}。")
            if share < 0.5:
                note += spaced(f"单个客户端时，服务请求的大部分时间是单个请求要等满的 {delay} ms 最长批等待、前端和 "
                               f"handler 的解析，打包方式改变不了这些。")
        else:
            note = (f"Every variant's served gap at one client is narrower than its in-process gap at batch 1: "
                    f"eager's model takes {ms(e['model_ms']['1'])} ms at batch 1 in process, {share:.0%} of its "
                    f"served p50 ({ms(served_p50(e))} ms). ")
            if share < 0.5:
                note += (f"Most of a served request at one client is the {delay} ms max batch delay a lone "
                         f"request waits out, the frontend and the handler's parsing, which no packaging "
                         f"changes. ")
    fastest = min(vs, key=lambda v: served_p50(vs[v]))
    p = served_p50(vs[fastest]) / served_p50(e)
    # the variants as fast as the fastest, within the noise (SAME)
    tied = [v for v in vs if v != EAGER and direction(served_p50(vs[v]), served_p50(vs[fastest])) == 0]
    ratios = join([f"{name(v, lg)}（{ratio(served_p50(vs[v]), served_p50(e))}）" if zh else
                   f"{name(v, lg)} ({ratio(served_p50(vs[v]), served_p50(e))})" for v in tied], lg)
    if fastest == EAGER:
        tail = ("单个客户端时没有哪个变体比 eager 快。" if zh else
                "At one client no variant is faster than eager.")
    elif len(tied) > 1:
        tail = (spaced(f"单个客户端时，{ratios}差不多一样快（括号里是 p50 与 eager 之比）。") if zh else
                f"At one client {ratios} are about equally fast (p50 as a multiple of eager's).")
    elif zh:
        tail = spaced(f"单个客户端时最快的是 {name(fastest, lg)}：p50 为 eager 的 {p:.2f}×。")
    else:
        tail = f"At one client the fastest is {name(fastest, lg)}: its p50 is {p:.2f}× eager's."
    return "\n".join(items) + "\n\n" + note + tail


def decision(res: dict, lg: str) -> str:
    zh = lg == "zh"
    vs = res["variants"]
    e, c, a = vs[EAGER], vs.get("pointer_net_compiled"), vs.get("pointer_net_aoti")
    sc = vs.get("pointer_net_script")

    def gain(r: dict) -> str:
        if direction(served_p50(r), served_p50(e)) >= 0:
            return "服务延迟与 eager 相比没有可测的提升" if zh else "no measurable served gain over eager"
        x = ratio(served_p50(r), served_p50(e))
        return f"1 个客户端时服务 p50 是 eager 的 {x}" if zh else f"served p50 {x} eager's at 1 client"

    head = ["情况", "选择", "失败方式"] if zh else ["your situation", "use", "how it fails"]
    rows = []
    if a is not None:
        rows.append((
            f"服务机器固定（同一 torch、同类 CPU），请求长度有上限；{gain(a)}" if zh else
            f"fixed serving machines (same torch, same CPU), bounded route length; {gain(a)}",
            name("pointer_net_aoti", lg),
            "升级 torch 或换 CPU 后必须重新打包；超过 25 个任务的路线得到 400" if zh else
            "a torch upgrade or another CPU needs a rebuild; routes over 25 tasks get a 400"))
    if c is not None:
        cold = ratio_words(c["served"]["cold_start_s"], e["served"]["cold_start_s"], lg, "eager")
        rows.append((
            f"想要编译带来的速度，又不想在打包时固定 torch 版本；worker 启动{cold}" if zh else
            f"compiled speed without pinning torch at build; worker start {cold}",
            name("pointer_net_compiled", lg),
            "服务机器没有 g++ 时报告 READY 却每个请求都 503；不补齐的话，每种新的任务数都在请求时重新编译" if zh else
            "without g++ it reports READY and answers every request with 503; without the padding, each new "
            "task count recompiles on the request path"))
    if sc is not None:
        rows.append((
            f"服务时只想带一个文件、不带模型源码，路线长度不设上限；{gain(sc)}" if zh else
            f"one file and no model source at serve time, unbounded route lengths; {gain(sc)}",
            name("pointer_net_script", lg),
            "打包时 torch.jit.script 会拒绝它不支持的 Python（错误信息会指出位置）；TorchScript 不再增加新功能" if zh else
            "at build, torch.jit.script refuses Python it does not support (its error names the line); "
            "TorchScript gets no new features"))
    rows.append((
        "路线长度不设上限、机器各不相同，或者服务延迟主要不在模型上" if zh else
        "unbounded route lengths, mixed machines, or a served latency the model does not dominate",
        name(EAGER, lg),
        "不会因编译失败；接受任何任务数（至多 100），不锁定 torch 版本" if zh else
        "nothing to compile; any task count (up to 100), no torch version lock"))
    rows.append((
        "循环次数取决于输入数据的模型" if zh else "a model with a data-dependent loop",
        "不要用 `torch.jit.trace`" if zh else "not `torch.jit.trace`",
        "悄无声息地给出错误结果（见上文）" if zh else "silently wrong answers (see above)"))
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(spaced(x) if zh else x for x in row) + " |"
                              for row in rows])


PARTS = {"run": run, "table": table, "findings": findings, "decision": decision}


def render(part: str, results: dict | None = None) -> str:
    return PARTS[part](results or load(), lang())
