"""A reader's walk through one page: a fresh clone, a fresh shell, the page's commands in order.

The clone is the working tree's files (tracked and new, as `git clone` would give them) in a temp
folder, with the project's `.venv` linked in (README's setup done). The shell is a new bash whose
PATH does not have the venv: the page must activate it. Ports are the one thing changed for the
walk: the guide's ports are replaced by free ones in the clone's `*.properties` (the config is the
one place a reader changes them; env.sh and ts_env.py read it), and the shell has its own TMPDIR
(TorchServe's pid file and worker sockets live there). Each command's output is compared with the
captured output shown right after it on the page (normalised: guide ports, keys, work folders).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import psutil
import requests

from tsharness import ledger
from tsharness.capture import GUIDE_PORTS, check_output, normalise
from tsharness.net import end_processes, free_port, release_ports
from tsharness.pages import Block, parse
from tsharness.paths import DOCS, REPO, VENV_BIN
from tsharness.server import record_start

# Ports of servers other than TorchServe that pages start: Prometheus and HTTPS (set in the
# page's *.properties / *.yml like the guide's ports) and the Python servers (read from these
# environment variables, with these defaults).
EXTRA_PORTS = {9090: None, 8443: None, 8100: "LITSERVE_PORT", 8101: "FASTAPI_PORT",
               8180: None, 8181: None, 8182: None, 7170: None, 7171: None, 8200: None, 8201: None, 8202: None,
               9100: None}  # the alerts page's key-renewal file server

# (page, command, reason) for every block shown but not run, in the order met.
NOT_RUN: list[tuple[str, str, str]] = []
WALKED: set[str] = set()   # the pages walked in this process


@dataclass
class Result:
    command: str
    rc: int
    raw: str        # what the terminal showed (stdout and stderr)
    text: str       # normalised, as the page shows it
    seconds: float


def working_tree_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=REPO, capture_output=True, text=True, check=True).stdout
    return [f for f in out.split("\0") if f and (REPO / f).is_file()]


def fresh_clone(dest: Path) -> Path:
    for f in working_tree_files():
        target = dest / f
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / f, target)
    (dest / ".venv").symlink_to(REPO / ".venv")
    return dest


def reader_env(tmpdir: Path, walk_id: str) -> dict[str, str]:
    """A new terminal's environment: no venv active, its own TMPDIR, the ledger hooks."""
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep)
            if p and Path(p).resolve() != VENV_BIN.resolve()]
    # A reader's terminal is no CI job (pytest, for one, prints longer diffs under CI).
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MAKELEVEL", "MFLAGS", "CI",
                        "BUILD_NUMBER", "PYTEST_ADDOPTS")
           and not k.startswith(("PYTEST_XDIST", "TSHARNESS_RUN"))}
    env.update(PATH=os.pathsep.join(path), TMPDIR=str(tmpdir), TEMP=str(tmpdir), TSHARNESS_WALK=walk_id,
               PYTHONUNBUFFERED="1")
    return ledger.child_env(env)


class Walk:
    """Walk docs/<page>.md. `through(text)` runs up to the command containing `text`; `finish()`
    runs the rest; `close()` stops whatever the page left running."""

    def __init__(self, page: str, root: Path, update: bool = False, timeout: float = 600):
        self.page = page
        WALKED.add(page)
        self.doc = parse(DOCS / f"{page}.md")
        self.root = Path(root)
        self.update = update
        self.timeout = timeout
        self.clone = fresh_clone(self.root / "guide")
        self.tmp = self.root / "tmp"
        self.tmp.mkdir()
        self.io = self.root / "io"
        self.io.mkdir()
        self.id = uuid.uuid4().hex
        ledger.ROOTS.append(self.clone)
        self.ports = {guide: free_port() for guide in [*GUIDE_PORTS.values(), *EXTRA_PORTS]}
        self._rewrite_ports()
        self.results: list[Result] = []
        self.expected_failures: set[str] = set()
        # An output that differs between runs for a reason its page states: captured file ->
        # (pattern, the captured form). The test sets it and asserts the real text itself.
        self.varies: dict[str, tuple[str, str]] = {}
        self._pos = 0
        self._keys: dict[str, str] = {}
        self._background: dict[str, Path] = {}   # script -> its output file
        self._pid: str | None = None
        env = reader_env(self.tmp, self.id)
        env.update({var: str(self.ports[port]) for port, var in EXTRA_PORTS.items() if var})
        self.shell = subprocess.Popen(["bash"], stdin=subprocess.PIPE, cwd=self.clone, text=True,
                                      env=env, start_new_session=True)

    # --- the page ------------------------------------------------------------
    def _rewrite_ports(self) -> None:
        files = [*self.clone.glob("snippets/**/*.properties"), *self.clone.glob("snippets/**/*.yml")]
        for props in files:
            text = props.read_text()
            for guide, actual in self.ports.items():
                text = re.sub(rf"(?<=[:=]){guide}\b", str(actual), text)
            props.write_text(text)

    @property
    def blocks(self) -> list[Block]:
        return self.doc.blocks

    def _scrub(self, text: str) -> str:
        self._remember_keys()
        replace = {str(self.clone): ".", str(self.tmp): "<tmp>", str(self.root): "<tmp>",
                   **{k: f"<{api.lower()}-key>" for k, api in self._keys.items()}}
        return normalise(text, {a: g for g, a in self.ports.items()}, replace)

    def _remember_keys(self) -> None:
        for f in self.clone.rglob("key_file.json"):
            try:
                for api, entry in json.loads(f.read_text()).items():
                    self._keys[entry["key"]] = api
            except (OSError, ValueError, KeyError, TypeError):
                pass

    # --- running -----------------------------------------------------------------
    def _run(self, command: str) -> Result:
        n = len(self.results)
        out, rc = self.io / f"{n}.out", self.io / f"{n}.rc"
        background = command.endswith("&")
        if background:
            line = (f"{{ {command[:-1].strip()}\n}} > {out} 2>&1 < /dev/null &\n"
                    f"echo 0 > {rc}\n")
        else:
            line = f"{{ {command}\n}} > {out} 2>&1 < /dev/null; echo $? > {rc}\n"
        began = time.monotonic()
        self.shell.stdin.write(line)
        self.shell.stdin.flush()
        while not (rc.exists() and rc.read_text().endswith("\n")):
            if self.shell.poll() is not None:
                raise AssertionError(f"{self.page}: the shell exited running `{command}`")
            if time.monotonic() - began > self.timeout:
                raise AssertionError(f"{self.page}: `{command}` still running after {self.timeout} s")
            time.sleep(0.05)
        seconds = time.monotonic() - began
        for word in command.split():
            if (self.clone / word).is_file():
                ledger.ran(self.clone / word)
                if background:
                    self._background[word] = out
        self._note_start(command, seconds)
        self._note_archives(seconds)
        if background:
            time.sleep(1.5)  # a reader takes longer than this to type the next command
        raw = out.read_text(errors="replace")
        result = Result(command, int(rc.read_text()), raw, self._scrub(raw), seconds)
        self.results.append(result)
        if result.rc != 0 and command not in self.expected_failures:
            raise AssertionError(f"{self.page}: `{command}` exited {result.rc}:\n{raw}\n{self.logs()}")
        return result

    def _note_archives(self, seconds: float) -> None:
        """Count the repo files packed into any .mar the command wrote."""
        for mar in list(self.clone.rglob("*.mar")):
            try:
                if mar.stat().st_mtime >= time.time() - seconds - 1:
                    ledger.archived(mar)
            except (OSError, zipfile.BadZipFile):
                pass  # a download TorchServe is still writing, or already moved

    def _note_start(self, command: str, seconds: float) -> None:
        pid_file = self.tmp / ".model_server.pid"
        pid = pid_file.read_text().strip() if pid_file.exists() else None
        if pid and pid != self._pid:
            record_start(f"walk {self.page}", seconds)
        self._pid = pid

    def _compare(self, block: Block, previous: Block | None, last: Result | None) -> None:
        target = block.output
        script = target.removesuffix(".out")
        if previous is not None and previous.command is not None and last is not None \
                and last.command == previous.command and not previous.command.endswith("&"):
            text = last.text
        elif script in self._background:
            time.sleep(0.5)  # let a background server flush what it printed
            text = self._scrub(self._background[script].read_text(errors="replace"))
        else:
            return  # an output quoted from another page; that page's walk compares it
        if target in self.varies:
            text = re.sub(*self.varies[target], text)
        check_output(REPO / target, text, self.update)

    def _command_before(self, pos: int) -> Block | None:
        """The command whose output the block at `pos` shows: the nearest command before it, with
        only files shown for reading (no other output) in between."""
        for block in reversed(self.blocks[:pos]):
            if block.command is not None:
                return block
            if block.output:
                return None
        return None

    def _step(self) -> Result | None:
        block = self.blocks[self._pos]
        previous = self._command_before(self._pos)
        self._pos += 1
        if block.command is not None:
            if block.norun:
                NOT_RUN.append((self.page, block.command, block.norun))
                return None
            return self._run(block.command)
        if block.output and not block.norun:
            self._compare(block, previous, self.results[-1] if self.results else None)
        return None

    def through(self, text: str) -> Result:
        """Run the page up to and including the next command containing `text`; its Result."""
        while self._pos < len(self.blocks):
            block = self.blocks[self._pos]
            result = self._step()
            if result is not None and text in block.command:
                # its output block, if next, is compared now
                if self._pos < len(self.blocks) and self.blocks[self._pos].output:
                    self._step()
                return result
        raise AssertionError(f"{self.page}: no command containing {text!r} left to run")

    def finish(self) -> list[Result]:
        while self._pos < len(self.blocks):
            self._step()
        return self.results

    def next_page(self, page: str) -> Walk:
        """The same reader going on to `page` in this walk's clone and shell (its ports, TMPDIR and
        whatever the pages before left there); close the first walk once, at the end."""
        nxt = object.__new__(Walk)
        nxt.__dict__.update(self.__dict__)   # the clone, shell, ports, results and keys are shared
        WALKED.add(page)
        nxt.page, nxt.doc, nxt._pos, nxt.expected_failures = page, parse(DOCS / f"{page}.md"), 0, set()
        return nxt

    def run(self, command: str) -> Result:
        """A command the page does not show, typed in the same shell (a dirty start, a check)."""
        return self._run(command)

    def processes(self) -> list[psutil.Process]:
        """Every process this walk's shell started that is still running (the shell excluded)."""
        mine = []
        for p in psutil.process_iter():
            try:
                if p.pid not in (os.getpid(), self.shell.pid) and p.status() != psutil.STATUS_ZOMBIE \
                        and p.environ().get("TSHARNESS_WALK") == self.id:
                    mine.append(p)
            except psutil.Error:
                continue
        return mine

    def expect_failure(self, command_part: str) -> None:
        """The page shows this command failing: its non-zero exit is what the reader sees."""
        self.expected_failures |= {b.command for b in self.doc.commands if command_part in b.command}

    # --- what a test may look at -------------------------------------------------------
    def key(self, api: str, key_file: str = "key_file.json") -> str:
        return json.loads((self.clone / key_file).read_text())[api]["key"]

    def url(self, api: str = "inference") -> str:
        return f"http://127.0.0.1:{self.ports[GUIDE_PORTS[api]]}"

    def grpc_address(self, api: str = "inference") -> str:
        return f"127.0.0.1:{self.ports[GUIDE_PORTS['grpc_' + api]]}"

    def get(self, api: str, path: str, **kw) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.key(api)}"}
        return requests.get(self.url(api) + path, headers=headers, timeout=kw.pop("timeout", 60), **kw)

    def post(self, api: str, path: str, **kw) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.key(api)}", **kw.pop("headers", {})}
        return requests.post(self.url(api) + path, headers=headers, timeout=kw.pop("timeout", 60), **kw)

    def logs(self, lines: int = 60) -> str:
        parts = []
        for f in sorted(self.clone.rglob("logs/*_log.log")):
            tail = f.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {f.relative_to(self.clone)} (last {len(tail)} lines)\n" + "\n".join(tail))
        return "\n".join(parts)

    def close(self) -> None:
        """Stop what the page started: its TorchServe(s), background jobs, the shell."""
        try:
            self.shell.stdin.close()
        except OSError:
            pass
        mine = []
        for p in psutil.process_iter():
            try:
                if p.pid != os.getpid() and p.environ().get("TSHARNESS_WALK") == self.id:
                    mine.append(p)
            except psutil.Error:
                continue
        end_processes(mine, grace=20, terminate=True)
        try:
            self.shell.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.shell.kill()
        release_ports(self.ports.values())
