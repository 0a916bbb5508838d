"""Every job's words (tools/<job>/words.yaml, snippets/model-quality/words.yaml, and the shared
tsharness/words.yaml) render through tsharness.words from the committed results and from perturbed
copies, in both languages: every template is used by some result, none is left with a placeholder,
the Chinese follows the guide's rules, and the words change when the data does."""
from __future__ import annotations

import copy
import random
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

from tsharness import words
from tsharness.glossary import problems, terms
from tsharness.paths import REPO

LANGS = ("zh", "en")
# Integer fields that are counts of what went wrong (perturbed between 0 and a few); the other
# integers (batch sizes, clients, seeds, columns) are the run's configuration and stay.
COUNTS = {"lost", "wrong", "workers_replaced", "failed", "failed_other_models",
          "after_recovery_wrong"}
FLAGS = {"same_reply", "worker_replaced"}
ZH_RULES = [
    ("an English multiplier ×", re.compile(r"\d\s*×")),
    ("ms instead of 毫秒", re.compile(r"\d\s*ms\b")),
    ("req/s instead of 请求/秒", re.compile(r"req/s")),
    ("a space before %", re.compile(r"\d[ \t\u00a0]+%")),
    ("a space after 。", re.compile(r"。[ \t\u00a0]+(?=\S)")),
    ("a thousands separator other than ,", re.compile(r"\d[ \u00a0\u2009\u202f']\d{3}(?!\d)")),
    ("a calque of 'floor' said of a measurement that is beaten", re.compile(r"下限")),
]


def perturbed(report, rng: random.Random):
    """A copy of `report` with its measurements scaled up or down, its failure counts and flags
    drawn anew; keys of the run's configuration left alone."""
    def walk(x, key=None):
        if isinstance(x, dict):
            return {k: walk(v, k) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v, key) for v in x]
        if isinstance(x, bool):
            return rng.choice([True, False]) if key in FLAGS else x
        if isinstance(x, int) and key in COUNTS:
            return rng.choice([0, 0, 1, 3])
        if isinstance(x, float):
            return x * rng.choice([0.2, 0.5, 0.8, 0.95, 1.0, 1.05, 1.3, 2.0, 5.0])
        return x
    return walk(copy.deepcopy(report))


def special(name: str, report: dict) -> list[dict]:
    """Alterations random scaling rarely makes: each turns a branch of the words on."""
    out = []
    if name == "model-quality":
        seen = copy.deepcopy(report)
        seen["seed"] = seen["train_seed"]
        out.append(seen)
        level = copy.deepcopy(report)
        for r in level["rows"]:
            for m in ("HR@3", "KRC", "LSD", "ED"):
                r[m] = 10.0
        out.append(level)
    if name == "load":
        fault = copy.deepcopy(report)
        fault["fault_run"].update(failed=0, lost=0)
        out.append(fault)
        one = copy.deepcopy(report)
        one["fault_run"].update(failed=1, failed_other_models=1, lost=1)
        one["load_run"].update(lost=1, wrong=1, workers_replaced=1)
        out.append(one)
    if name == "compare":
        level = copy.deepcopy(report)
        n = max(c["clients"] for c in level["cells"])
        fastapi = next(c["rps"] for c in level["cells"] if c["server"] == "fastapi"
                       and c["clients"] == n and c["target"] == level["meta"]["model"])
        for c in level["cells"]:
            if c["server"].startswith("torchserve") and c["clients"] == n and c["target"] != "ping":
                c["rps"] = fastapi * 1.01
        out.append(level)
        busy = copy.deepcopy(report)
        busy["meta"]["busy_cpus_at_start"] = busy["meta"]["cpus"]
        out.append(busy)
    if name == "tune":
        out += tune_special(report)
    if name == "scale":
        trouble = copy.deepcopy(report)
        trouble["failures"] = {"scale to 3": {"ReadTimeout": 2}, "scale to 1": {"HTTP 500": 3, "ReadTimeout": 1},
                               "none": {}}
        trouble["failed"], trouble["slowest_s"] = 6, 1.5
        trouble["scale_resent"] = ["ConcurrentModificationException"]
        out.append(trouble)
        answered = copy.deepcopy(report)
        answered["failures"] = {"scale to 3": {}, "scale to 1": {"HTTP 500": 2}, "none": {}}
        answered["failed"] = 2
        out.append(answered)
    if name == "sweep":
        busy = copy.deepcopy(report)
        busy["meta"]["busy_cpus_at_start"] = busy["meta"]["cpu_count"]
        out.append(busy)
        for share in (1.0, 0.5):  # the best configuration level with, and behind, the no-op
            r = copy.deepcopy(report)
            job = words.job("sweep")
            _, same = job.floors(r)
            same["rps"] = job.best(r)["rps"] / share
            out.append(r)
        close = copy.deepcopy(report)  # a figure within a third of the client's ceiling
        row = close["results"][0]
        row["rps"] = row["ceiling_rps"] * 0.9
        out.append(close)
    if name == "bench":
        short = copy.deepcopy(report)
        for r in short["results"]:
            r["seconds"] = 0.5 if r["seconds"] else r["seconds"]
        out.append(short)
        # figures near their client's ceiling (a gRPC one, and HTTP ones batched with 1 and 2
        # workers), driven by a single gRPC client process
        bound = copy.deepcopy(report)
        bound["meta"]["grpc_processes"] = 1
        top = max(r["concurrency"] for r in bound["results"])
        for r in bound["results"]:
            if r["target"] == "noop" and r["protocol"] == "grpc" and r["concurrency"] == top:
                r["client_bound"] = True
            if r["target"] == "greedy_time" and r["protocol"] == "http" and r["batch_size"] != 1:
                r["client_bound"] = True
        out.append(bound)
    if name == "packaging":
        busy = copy.deepcopy(report)
        busy["setup"]["busy_cpus_at_start"] = busy["setup"]["cpus"]
        out.append(busy)
        close = copy.deepcopy(report)  # a throughput within a third of the client's ceiling
        cell = close["variants"]["pointer_net"]["served"]["32"]
        cell["rps"] = cell["ceiling_rps"] * 0.9
        out.append(close)
    if name == "rollout":
        # memory flat, growing in the JVM, in the workers or in both; the -Xmx run's JVM peak the
        # same as the default's; a failed run with its first wrong reply
        for jvm, worker in ((0, 0), (50, 0), (0, 50), (50, 50)):
            r = copy.deepcopy(report)
            for run in r["runs"]:
                for p in run["samples"] + run["points"]:
                    grow = p.get("requests", 0) / 10_000
                    p["jvm_mb"] = 250.0 + jvm * grow
                    p["workers_mb"] = [240.0 + worker * grow] * run["workers"]
            out.append(r)
        failed = copy.deepcopy(report)
        failed["runs"][1].update(failed=3, first_bad="HTTP 503")
        out.append(failed)
    return out


def tune_special(report: dict) -> list[dict]:
    """The tuning run's branches: every knob recommended (each reason it may not be in the production
    config), none, goals met, a frontend near its limit, a JVM that runs but never answers, a busy
    machine, two worker connections."""
    job = words.job("tune")
    out = []
    for factor, clean in ((3.0, False), (1.0, True), (1.0, False)):
        r = copy.deepcopy(report)
        for v in job.knobs(r):
            for p in job.PROTOCOLS:
                job.cell(v, p, job.at(r))["rps"] = factor * job.base_rps(r, p)
        if clean:  # and the baselines fail nothing: no knob is better
            for c in (c for b in job.baselines(r) for c in b["cells"]):
                c["failed"] = 0
        chosen = job.recommended(r)
        r["recommended"] = {**copy.deepcopy(r["variants"][-1]), "name": "recommended", "knob": "recommended",
                            "variants": chosen}
        out.append(r)
    met = copy.deepcopy(report)
    rec, n = met["recommended"], job.at(met)
    for p in job.PROTOCOLS:
        job.cell(rec, p, n)["rps"] = 5 * job.fastapi_rps(met, rec["workers"])
    out.append(met)
    near = copy.deepcopy(report)
    for c in near["ceilings"]:
        c["rps"] = job.cell(near["recommended"], "http", job.at(near))["rps"] * 1.1
    near["bad_values"][0].update(started=False, jvm_running=True)
    near["meta"]["busy_cpus_at_start"] = near["meta"]["cpus"]
    near["variants"][0]["cells"][0]["load_average"] = 10 * near["meta"]["cpus"]
    groups = near["variants"][0]["jvm"]["event_loop_threads"]
    last = max((k for k in groups if "EventLoopGroup" in k), key=lambda k: int(k.rsplit("-", 1)[1]))
    groups[last] = 3 - groups[last]  # one thread <-> two
    near["variants"][-1]["access_log_lines"] *= 2
    near["variants"][0]["cells"][0]["client_bound"] = True
    out.append(near)
    return out


def variants(name: str) -> list[dict]:
    committed = words.job(name).load()
    rng = random.Random(f"words-{name}")
    return [committed, *special(name, committed), *(perturbed(committed, rng) for _ in range(40))]


def render_all(name: str, report: dict, lg: str) -> dict[str, str]:
    job = words.job(name)
    return {part: job.render(part, copy.deepcopy(report), lg) for part in job.PARTS}


GLOSSARY = terms()


def zh_problems(text: str) -> list[str]:
    """The rules above, and the guide's glossary and Chinese style (tsharness.glossary)."""
    return [f"{what}: …{text[max(0, m.start() - 20):m.end() + 20]}…"
            for what, pattern in ZH_RULES for m in pattern.finditer(text)] + problems(text, GLOSSARY)


@pytest.mark.parametrize("name", words.JOBS)
def test_every_template_renders_and_follows_the_rules(name):
    job = words.job(name)
    job.WORDS.used.clear()
    for report in variants(name):
        for lg in LANGS:
            for part, text in render_all(name, report, lg).items():
                assert not re.search(r"\{[A-Za-z_]\w*(:[^}]*)?\}", text), (name, part, lg, text)
                if lg == "zh":
                    assert not zh_problems(text), (name, part, zh_problems(text))
                else:
                    assert not re.search(r"[\u4e00-\u9fff]", text), (name, part, text)
    unused = set(job.WORDS.keys()) - job.WORDS.used
    assert not unused, f"{job.WORDS.path.relative_to(REPO)}: templates no result renders: {sorted(unused)}"


def test_the_shared_words_are_all_used():
    words.COMMON.used.clear()
    for name in words.JOBS:
        for report in variants(name)[:12]:
            for lg in LANGS:
                render_all(name, report, lg)
    assert set(words.COMMON.keys()) <= words.COMMON.used, set(words.COMMON.keys()) - words.COMMON.used


@pytest.mark.parametrize("name", words.JOBS)
def test_the_words_change_with_the_data(name):
    committed, *others = variants(name)
    for lg in LANGS:
        before = render_all(name, committed, lg)
        changed = {part for report in others for part, text in render_all(name, report, lg).items()
                   if text != before[part]}
        assert changed, f"{name} ({lg}): no part changes with the data"
        assert changed >= {p for p in words.job(name).PARTS if any(ch.isdigit() for ch in before[p])
                           and p not in STATIC.get(name, ())}, (name, lg, changed)


# Parts that state the run's setup only (dates, counts of the configuration): not perturbed.
STATIC = {"model-quality": ("results",), "compare": ("caption",), "packaging": ("caption",)}


@pytest.mark.parametrize("lg, x, unit, shown", [
    ("zh", 2.4, "times", "2.4 倍"), ("en", 2.4, "times", "2.4×"),
    ("zh", 3.21, "ms", "3.21 毫秒"), ("en", 3.21, "ms", "3.21 ms"),
    ("zh", 1200, "rps", "1,200 请求/秒"), ("en", 1200, "rps", "1,200 req/s"),
    ("zh", 0.12, "pct", "12%"), ("en", 0.12, "pct", "12%"), ("en", 0.004, "pct", "0.4%"),
    ("zh", 52.2, "sec", "52 秒"), ("en", 2564.2, "ms", "2,564 ms"), ("en", 12345, "n", "12,345"),
])
def test_numbers_follow_the_language(lg, x, unit, shown):
    assert words.number(x, unit, lg) == shown


def test_chinese_spacing():
    assert words.tidy("它 是 `noop` 的 2.4 倍。 下一句 12 %", "zh") == "它是 `noop` 的 2.4 倍。下一句 12%"
    assert words.tidy("用`noop`测", "zh") == "用 `noop` 测"
    assert words.tidy("| 目标 | 批大小 |", "zh") == "| 目标 | 批大小 |"


def chinese_fstrings(path) -> list[int]:
    """Lines of `path` where an f-string holds Chinese."""
    with open(path, "rb") as f:
        return [t.start[0] for t in tokenize.tokenize(f.readline) if t.type == tokenize.STRING
                and re.match(r"(?i)[rb]*f", t.string) and re.search(r"[\u4e00-\u9fff]", t.string)]


def test_no_chinese_in_any_f_string():
    """A Chinese sentence is a template in a words file, never built in Python."""
    files = subprocess.run(["git", "ls-files", "*.py"], cwd=REPO, capture_output=True, text=True,
                           check=True).stdout.split()
    assert len(files) > 100
    found = [f"{f}:{line}" for f in files for line in chinese_fstrings(REPO / f)]
    assert not found, found


def test_the_f_string_check_sees_chinese(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('x = 1\nprint(f"共 {x} 个")\nprint("共")\nprint(rf"{x} 秒")\n', encoding="utf-8")
    assert chinese_fstrings(sample) == [2, 4]


def test_no_chinese_in_the_jobs_python():
    """The sentences live in the words files: the jobs' Python holds no Chinese."""
    files = [REPO / "tsharness" / "words.py", *(REPO / "tools").glob("*/*.py"),
             REPO / "snippets" / "model-quality" / "verdicts.py", REPO / "snippets" / "alerts" / "report.py",
             REPO / "snippets" / "rollout" / "scale_report.py"]
    folders = {"bench", "sweep", "packaging", "compare", "tune", "load", "model-quality", "alerts", "rollout",
               "tsharness"}
    assert {Path(words.JOBS[j]).parent.name if words.JOBS[j].endswith(".py") else j for j in words.JOBS} <= folders
    found = [f"{p.relative_to(REPO)}:{i}" for p in files if p.parent.name in folders
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"[\u4e00-\u9fff]", line) and not line.lstrip().startswith(("#", "{x:"))]
    assert not found, found
