"""Shared fixtures: page walks, the archives, scratch TorchServes, the built site; and the session's
closing checks (every shown file ran, the tree is as it was, how many TorchServes started)."""
from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tsharness import ledger
from tsharness.archives import build_archive
from tsharness.needs import require
from tsharness.pages import pages, split_target
from tsharness.paths import PYTHON, REPO, SNIPPETS, venv_env
from tsharness.server import TorchServe
from tsharness.walk import NOT_RUN, WALKED, Walk

_began = time.monotonic()


def pytest_addoption(parser):
    parser.addoption("--update-outputs", action="store_true",
                     help="re-capture the outputs stored next to the snippets")
    parser.addoption("--check-never-run", action="store_true",
                     help="also on a partial run: every file the walked pages show ran "
                          "(a full run checks every page)")


@pytest.fixture(scope="session")
def update_outputs(request) -> bool:
    return request.config.getoption("--update-outputs")


@pytest.fixture(scope="session")
def java():
    require("java", "TorchServe")


# --- page walks -------------------------------------------------------------------
@pytest.fixture(scope="module")
def walk(request, tmp_path_factory, java, update_outputs):
    """The reader's walk of the module's PAGE (tests/pages/test_<page>.py): fresh clone and shell.
    When the module's tests pass, the walk runs the rest of the page (every block runs)."""
    page = request.module.PAGE
    w = Walk(page, tmp_path_factory.mktemp(f"walk-{page}"), update_outputs)
    failed = request.session.testsfailed
    try:
        yield w
        if request.session.testsfailed == failed:
            w.finish()
    finally:
        w.close()


# --- archives and scratch servers (unit, tools) ---------------------------------
@pytest.fixture(scope="session")
def private_ts(tmp_path_factory, java):
    """Factory for a scratch TorchServe (guide config, the named models' archives built into its
    store by their pages' scripts), for tests that are not a page walk; each is stopped at session
    end at the latest."""
    started = []

    def start(name: str, models, **kwargs) -> TorchServe:
        work = tmp_path_factory.mktemp(name)
        for model in models:
            build_archive(model, work / "model_store")
        server = TorchServe(work, work / "model_store", **kwargs)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the server's logs to a failing test that used one."""
    report = yield
    if report.failed and hasattr(item, "funcargs"):
        for value in item.funcargs.values():
            if isinstance(value, (TorchServe, Walk)):
                report.sections.append(("TorchServe logs", value.logs()))
    return report


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site, built with `mkdocs build --strict` (both languages) once per run: the first
    process to ask builds it, the others (pytest-xdist) wait for it and share it."""
    site = ledger.run_dir() / "site"
    with open(ledger.run_dir() / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "sitemap.xml").exists():
            shutil.rmtree(site, ignore_errors=True)
            env = ledger.child_env(venv_env(NO_MKDOCS_2_WARNING="1"))
            out = subprocess.run([str(PYTHON), "-m", "mkdocs", "build", "--strict", "--site-dir",
                                  str(site)], cwd=REPO, env=env, capture_output=True, text=True,
                                 timeout=600)
            assert out.returncode == 0, f"mkdocs build --strict failed:\n{out.stdout}\n{out.stderr}"
    # Files included into `exec` blocks ran while the site was built.
    for page in pages():
        for block in page.blocks:
            if 'exec="' in block.info:
                for target in block.includes:
                    ledger.ran(REPO / split_target(target)[0])
    return site


@pytest.fixture(scope="session")
def grpc_stubs(tmp_path_factory) -> str:
    """Python gRPC stubs, generated once per session by the guide's snippets/grpc/gen_stubs.sh."""
    out = tmp_path_factory.mktemp("grpc_stubs")
    gen = subprocess.run(["bash", str(SNIPPETS / "grpc" / "gen_stubs.sh")], cwd=REPO,
                         env=ledger.child_env(venv_env(GRPC_STUBS=str(out))),
                         capture_output=True, text=True, timeout=120)
    assert gen.returncode == 0, f"gen_stubs.sh failed:\n{gen.stdout}\n{gen.stderr}"
    return str(out)


# --- closing checks -----------------------------------------------------------------
def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True,
                          text=True).stdout


def _controller(config) -> bool:
    """The process that judges the run: the only one, or pytest-xdist's controller."""
    return not hasattr(config, "workerinput")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    if _controller(config):
        # One folder per run, made before xdist starts its workers (they inherit the variable).
        os.environ.pop("TSHARNESS_RUN", None)
        ledger.run_dir()
        config._status_before = _git_status()


# The longest modules first (a walk or a tool's run is one module, on one process): with
# --no-loadscope-reorder (Makefile) xdist hands modules out in collection order, so none of them starts
# last and runs alone at the end. From `--durations=0` on 2 cores; a module not listed keeps its place
# after these.
LONGEST_FIRST = (
    "pages/test_packaging.py", "pages/test_operations.py", "browser/test_site.py", "pages/test_rollout.py",
    "pages/test_model_config.py", "tools/test_tune.py", "tools/test_compare.py", "pages/test_litserve.py",
    "pages/test_quickstart.py", "tools/test_load.py", "tools/test_sweep.py", "tools/test_rollout_bench.py",
    "pages/test_tips.py", "tools/test_packaging_bench.py", "pages/test_setup.py", "pages/test_alerts.py",
    "pages/test_security.py", "tools/test_bench.py",
)


def pytest_collection_modifyitems(session, config, items):
    rank = {module: i for i, module in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0].removeprefix("tests/"),
                                         len(LONGEST_FIRST)))  # stable: a module keeps its order


def pytest_sessionstart(session):
    ledger.ENABLED = True
    # Every process a test starts reports what it runs, however the test starts it.
    os.environ.update(ledger.child_env(dict(os.environ)))
    # Servers started by any process of the run (walks, tools' runs) are counted in this file.
    os.environ["TSHARNESS_STARTS"] = str(ledger.starts_file())


def _whole_suite(config) -> bool:
    """Only a run of every test can say that a file was never run."""
    opt = config.option
    return (not opt.keyword and not opt.markexpr and not getattr(opt, "deselect", None)
            and not getattr(opt, "lf", False)
            and [Path(a).resolve() for a in config.args] in ([REPO / "tests"], [REPO]))


def never_run(names=None) -> list[str]:
    """Files a page includes (of the pages `names`, default all) that no test or walk ran,
    imported, sourced or archived, and outputs no walk compared (every process's ledger)."""
    ledger.collect()
    for state in ledger.saved():
        ledger.RAN.update(state["ran"])
        ledger.COMPARED.update(state["compared"])
    missing = set()
    run_code = functools.cache(_run_code)  # read once, when a data file first needs it
    for page in pages():
        if names is not None and page.name not in names:
            continue
        for target in page.includes:
            path = split_target(target)[0]
            if path.endswith(".out"):
                if path not in ledger.COMPARED:
                    missing.add(path)
            elif path not in ledger.RAN and not _named_in(path, run_code()):
                missing.add(path)
    return sorted(missing)


def _named_in(path: str, code: str) -> bool:
    """A data or config file (not code) counts when a file that ran names it."""
    return not path.endswith((".py", ".sh")) and Path(path).name in code


def _run_code() -> str:
    """The text of every script and module that ran."""
    files = (REPO / r for r in sorted(ledger.RAN))
    return "\n".join(f.read_text(errors="replace") for f in files if f.suffix in (".py", ".sh") and f.is_file())


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    # Every process saves what it saw; the controller (which runs last) judges the whole run.
    ledger.save(not_run=NOT_RUN, walked=sorted(WALKED))
    if not _controller(config):
        return
    states = ledger.saved()
    not_run = [tuple(x) for s in states for x in s["not_run"]]
    walked = {page for s in states for page in s["walked"]}
    starts = ledger.starts_file()
    count = len(starts.read_text().splitlines()) if starts.exists() else 0
    lines = [f"TorchServe servers started: {count}; run took {time.monotonic() - _began:.0f} s"]
    if not_run:
        lines.append("Blocks shown but not run here:")
        lines += [f"  {page}: $ {cmd}  ({why})" for page, cmd, why in sorted(set(not_run))]
    failed = []
    whole = _whole_suite(config)
    if exitstatus == 0 and (whole or config.getoption("--check-never-run")):
        if missing := never_run(None if whole else walked):
            failed.append("Shown on a page but never run by any test (or output never compared):\n  "
                          + "\n  ".join(missing))
        if whole and not config.getoption("--update-outputs") \
                and _git_status() != config._status_before:
            failed.append("The tests changed the work tree:\n" + _git_status())
    config._closing_lines = lines + failed
    if failed:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config):
    if _controller(config):
        shutil.rmtree(ledger.run_dir(), ignore_errors=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for line in getattr(config, "_closing_lines", []):
        terminalreporter.write_line(line)
