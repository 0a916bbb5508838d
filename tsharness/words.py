"""Results into the pages' words, one way for every job.

A job (tools/<job>/, or a page's snippets folder) keeps its sentences in `words.yaml` beside its
code: one entry per sentence, its `zh` and `en` templates side by side. Python decides which entry
a result calls for (ahead or behind, goal met or missed) and gives it the values; this module fills
the template in the page's language, formatting every value the same way everywhere:

    {x:ms}      3.2 毫秒 / 3.2 ms        (about three significant digits)
    {x:sig}     3.2                      (the same number without its unit)
    {x:sec}     52 秒 / 52 s
    {x:min}     1.5 分钟 / 1.5 minutes
    {x:times}   2.4 倍 / 2.4×            ({x:times.2} for two decimals)
    {x:pct}     12% / 12%                (x is a fraction; {x:pct.1} for one decimal)
    {x:rps}     1,200 请求/秒 / 1,200 req/s
    {x:n}       1,200                    (a whole number, thousands with a comma in both languages)
    {x:num.2}   3.14                     (a number with so many decimals, commas for thousands)
    {x}         the value as it is (text, code names)

Chinese text is tidied once, after filling: a space between Chinese and Latin letters, digits or
code; none between two Chinese characters or around full-width punctuation (so none after 。);
none before %.

An entry may also be a list (a table's header, `WORDS.cells`), and an entry `<key>_one` is used
instead of `<key>` when a count is 1 (`WORDS.count`: "1 worker" / "2 workers").

A new job: its words.yaml, a module with PARTS, load(path=None) and render(part, report=None,
lg=None) that builds its sentences with `Words`, a line in JOBS below, and a blocks.py whose sections
the page includes; tests/tools/test_words.py then renders every template of it.

Pages include a job's words through the job's blocks.py (one markdown-exec section per part, each
`print(block("<job>", "<part>"))`); `python -m tsharness.words <job> [results.json]` previews every
part (GUIDE_LANG=zh for Chinese), and the tests render a job's parts from altered results with
`preview()`.
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import yaml

from tsharness.cjk import CJK, HAN
from tsharness.paths import PYTHON, REPO

LANGS = ("zh", "en")
# The jobs whose results become words, and where their code is (a module, or a snippet's file).
JOBS = {
    "bench": "tools.bench.verdicts",
    "sweep": "tools.sweep.verdict",
    "packaging": "tools.packaging.report",
    "compare": "tools.compare.verdicts",
    "tune": "tools.tune.verdicts",
    "load": "tools.load.figures",
    "model-quality": "snippets/model-quality/verdicts.py",
    "alerts": "snippets/alerts/report.py",
    "rollout": "tools.rollout.report",
    "scale": "snippets/rollout/scale_report.py",
}


def lang(lg: str | None = None) -> str:
    """The page's language: `lg` if given, else GUIDE_LANG (the site build sets it per language)."""
    lg = lg or os.environ.get("GUIDE_LANG", "en")
    return "zh" if lg.startswith("zh") else "en"


# --- numbers ---------------------------------------------------------------------------------
def sig(x: float) -> str:
    """About three significant digits: 0.087, 3.60, 25.1, 436, 1,250."""
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:,.0f}"


def _times(x: float, digits: int | None) -> str:
    return f"{x:.{1 if digits is None else digits}f}"


UNITS = {  # name -> the number's format (x, digits); the unit after it is `unit_<name>` in words.yaml
    "ms": lambda x, d: sig(x) if d is None else f"{x:,.{d}f}",
    "sig": lambda x, d: sig(x),
    "sec": lambda x, d: (f"{x:,.0f}" if x >= 10 else f"{x:.1f}") if d is None else f"{x:,.{d}f}",
    "min": lambda x, d: f"{x:.{1 if d is None else d}f}",
    "times": lambda x, d: f"{x:.{1 if d is None else d}f}",
    "pct": lambda x, d: f"{x * 100:.{(1 if x < 0.01 else 0) if d is None else d}f}",
    "rps": lambda x, d: f"{x:,.{d or 0}f}",
    "n": lambda x, d: f"{x:,.{d or 0}f}",
    "num": lambda x, d: f"{x:,.{2 if d is None else d}f}",
}


def number(x: float, unit: str, lg: str, digits: int | None = None) -> str:
    """One value in `unit` (a name of UNITS), as the language writes it."""
    suffix = f"unit_{unit}"
    return UNITS[unit](x, digits) + (COMMON(suffix, lg) if suffix in COMMON.table else "")


class _Formatter(string.Formatter):
    def __init__(self, lg: str):
        self.lg = lg

    def format_field(self, value, spec: str) -> str:
        name, _, digits = spec.partition(".")
        if name in UNITS:
            if value is None:
                return "—"
            return number(value, name, self.lg, int(digits) if digits else None)
        return format(value, spec)


# --- Chinese tidying -----------------------------------------------------------------------------
FULLWIDTH = "，。；：、（）“”！？"


def tidy(text: str, lg: str) -> str:
    """The language's spacing: for zh, Chinese next to Latin/digits/code gets a space, two Chinese
    characters or full-width punctuation none, and % never."""
    text = re.sub(r"(\d)[ \t\u00a0]+%", r"\1%", text)
    if lang(lg) != "zh":
        return text
    text = re.sub(rf"([{HAN}])([A-Za-z0-9`±])", r"\1 \2", text)
    text = re.sub(rf"([A-Za-z0-9`%±])([{HAN}])", r"\1 \2", text)
    text = re.sub(rf"(?<=[{CJK}])[ \t]+(?=[{CJK}])", "", text)
    text = re.sub(rf"(?<=[{FULLWIDTH}])[ \t]+(?=[^|\s])", "", text)
    return re.sub(rf"(?<=[^|\s])[ \t]+(?=[{FULLWIDTH}])", "", text)


# --- words files -------------------------------------------------------------------------------
class Words:
    """One words.yaml: {key: {zh: template, en: template}} (a template may be a list: a header)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.table: dict[str, dict[str, str]] = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        for key, entry in self.table.items():
            missing = [lg for lg in LANGS if not isinstance(entry, dict) or lg not in entry]
            if missing:
                raise ValueError(f"{self.path}: {key!r} has no {', '.join(missing)} template")
        self.used: set[str] = set()

    def __call__(self, key: str, lg: str, /, **values) -> str:
        """The `key` sentence in `lg`, its placeholders filled from `values`."""
        self.used.add(key)
        template = self.table[key][lang(lg)].strip("\n")
        return _Formatter(lang(lg)).vformat(template, (), values)

    def cells(self, key: str, lg: str, **values) -> list[str]:
        """A list entry (a table's header): its items in `lg`, each filled from `values`."""
        self.used.add(key)
        return [_Formatter(lang(lg)).vformat(str(x), (), values) for x in self.table[key][lang(lg)]]

    def count(self, key: str, amount, lg: str, /, **values) -> str:
        """`key_one` when `amount` is 1 and the file has it (English "1 worker"), else `key`."""
        self.used.add(key)
        return self(f"{key}_one" if amount == 1 and f"{key}_one" in self.table else key, lg, **values)

    def keys(self) -> list[str]:
        return list(self.table)


COMMON = Words(Path(__file__).with_name("words.yaml"))


def join(items, lg: str) -> str:
    """The items as one phrase: "a, b and c" (the separators are in words.yaml)."""
    items = [str(x) for x in items]
    if len(items) < 2:
        return "".join(items)
    return COMMON("join", lg, head=COMMON("list_separator", lg).join(items[:-1]), last=items[-1])


def other_work(busy_at_start: float, cpus: int) -> bool:
    """Other work kept more than half the cores busy just before a run began (tsharness.stats.busy_cpus);
    a run's own clients and servers drive the load average up, so that says nothing about other work."""
    return busy_at_start > cpus / 2


SAME = 0.10       # two measurements within ±10 % of each other: no measurable difference
MULTIPLE = 1.95   # from here on a rise reads as a multiple ("about 2×", "2.6×")


def direction(new: float, old: float, same: float = SAME) -> int:
    """+1 higher, -1 lower, 0 about the same (within `same`)."""
    r = new / old
    return 0 if abs(r - 1) <= same + 1e-9 else 1 if r > 1 else -1  # 110 / 100 is "the same"


def ratio_words(new: float, old: float, lg: str, ref: str | None = None) -> str:
    """How `new` compares with `old`: "about the same", "65% higher", "about 2×", "30% lower";
    with `ref`, a phrase ending on it ("65% higher than `ref`", "2.6× that of `ref`")."""
    r = new / old
    d = direction(new, old)
    of = "_than" if ref else ""
    if d == 0:
        return COMMON("same" + of, lg, ref=ref)
    if d < 0 or r < MULTIPLE:
        return COMMON(("lower" if d < 0 else "higher") + of, lg, pct=abs(r - 1), ref=ref)
    about = abs(r - round(r)) <= 0.1
    return COMMON(("about_times" if about else "times") + of, lg, x=round(r) if about else r, ref=ref)


# --- the jobs ---------------------------------------------------------------------------------
_loaded: dict[str, ModuleType] = {}


def job(name: str) -> ModuleType:
    """A job's module: PARTS, load(path=None) and render(part, report=None, lg=None)."""
    if name not in _loaded:
        where = JOBS[name]
        if where.endswith(".py"):
            spec = importlib.util.spec_from_file_location(f"_words_{name.replace('-', '_')}",
                                                          REPO / where)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        else:
            module = importlib.import_module(where)
        _loaded[name] = module
    return _loaded[name]


def results_variable(name: str) -> str:
    """The variable naming another run's results for a job's blocks: GUIDE_RESULTS_BENCH, ..."""
    return "GUIDE_RESULTS_" + name.upper().replace("-", "_")


def block(name: str, part: str) -> str:
    """One part of a job's words, as a page shows it: from the committed results, or from the file
    named by GUIDE_RESULTS_<JOB>; in GUIDE_LANG."""
    module = job(name)
    other = os.environ.get(results_variable(name))
    return module.render(part, module.load(other) if other else None, lang())


def preview(name: str, report: dict, lg: str, folder: Path) -> str:
    """Every part of a job's words from `report`, in `lg`, rendered in a fresh process from the
    repository root, as the site build renders them."""
    f = Path(folder) / f"{name}-results-{lg}.json"
    f.write_text(json.dumps(report))
    proc = subprocess.run([str(PYTHON), "-m", "tsharness.words", name, str(f)], cwd=REPO,
                          env={**os.environ, "GUIDE_LANG": lg}, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in JOBS:
        print(f"usage: python -m tsharness.words {{{','.join(JOBS)}}} [results.json]", file=sys.stderr)
        return 2
    name = argv[0]
    os.chdir(REPO)
    if len(argv) > 1:
        os.environ[results_variable(name)] = os.path.abspath(argv[1])
    for part in job(name).PARTS:
        print(block(name, part), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
