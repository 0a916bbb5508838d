"""Shared fixtures: the archives, one live TorchServe per session, snippet runner options."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.live_server import REPO, SNIPPETS, TorchServe, copy_archives

IN_CI = os.environ.get("CI") == "true"


def pytest_addoption(parser):
    parser.addoption("--update-outputs", action="store_true",
                     help="re-capture the outputs stored next to the snippets")


@pytest.fixture(scope="session")
def update_outputs(request) -> bool:
    return request.config.getoption("--update-outputs")


def require(tool: str, what: str) -> None:
    """Skip (on a user's machine) or fail (in CI) when a system tool is missing."""
    if shutil.which(tool):
        return
    msg = f"{what} needs `{tool}`, which is not installed (tools/setup.sh installs it)"
    if IN_CI:
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def java():
    require("java", "TorchServe")


@pytest.fixture(scope="session")
def archives(tmp_path_factory, java) -> Path:
    """Every .mar, built once per session by the guide's own snippets/archive/*.sh."""
    store = tmp_path_factory.mktemp("archives")
    env = {**os.environ, "MODEL_STORE": str(store),
           "PATH": f"{REPO / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    for script in sorted((SNIPPETS / "archive").glob("*.sh")):
        out = subprocess.run(["bash", str(script)], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, f"{script.name} failed:\n{out.stdout}\n{out.stderr}"
    return store


@pytest.fixture(scope="session")
def ts(tmp_path_factory, archives) -> TorchServe:
    """The guide's TorchServe (its config, token auth on), with every archive in its store."""
    work = tmp_path_factory.mktemp("ts")
    store = work / "model_store"
    shutil.copytree(archives, store)
    server = TorchServe(work, store).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def private_ts(tmp_path_factory, archives):
    """Factory for a TorchServe of one's own (guide config, archives copied into its store).

    For tests that change server state others would notice; each is stopped at session end
    at the latest (call .stop() earlier to free the machine)."""
    started = []

    def start(name: str = "ts", models=None, **kwargs) -> TorchServe:
        work = tmp_path_factory.mktemp(name)
        copy_archives(archives, work / "model_store", models)
        server = TorchServe(work, work / "model_store", **kwargs)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the server's logs to a failing test that used it."""
    report = yield
    if report.failed:
        server = item.funcargs.get("ts") if hasattr(item, "funcargs") else None
        if isinstance(server, TorchServe):
            report.sections.append(("TorchServe logs", server.logs()))
    return report


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per session with `mkdocs build --strict` (both languages)."""
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-m", "mkdocs", "build",
                          "--strict", "--site-dir", str(site)],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, f"mkdocs build --strict failed:\n{out.stdout}\n{out.stderr}"
    return site


@pytest.fixture(scope="session")
def grpc_stubs(tmp_path_factory) -> str:
    """Python gRPC stubs, generated once per session by the guide's snippets/grpc/gen_stubs.sh."""
    out = tmp_path_factory.mktemp("grpc_stubs")
    env = {**os.environ, "GRPC_STUBS": str(out),
           "PATH": f"{REPO / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    gen = subprocess.run(["bash", str(SNIPPETS / "grpc" / "gen_stubs.sh")], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120)
    assert gen.returncode == 0, f"gen_stubs.sh failed:\n{gen.stdout}\n{gen.stderr}"
    return str(out)
