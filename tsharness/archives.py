"""The guide's archives: each model's `snippets/<page>/archive_<model>.sh`, run as a reader runs it.

`build_archive` runs one script into a model store, `unpack_archive` (from the in-process worker)
extracts a .mar as TorchServe does, and `Archives` builds, unpacks and loads each model once, on
first use. This module imports the worker; the worker imports nothing of tsharness.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from tsharness import ledger
from tsharness.paths import REPO, SNIPPETS, venv_env
from tsharness.worker import load_handler, unpack_archive  # unpack_archive: for the tests


def archive_scripts() -> dict[str, Path]:
    """Model name -> the script that builds its .mar (snippets/<page>/archive_<model>.sh)."""
    return {p.stem.removeprefix("archive_"): p for p in sorted(SNIPPETS.glob("*/archive_*.sh"))}


def build_archive(model: str, store: str | Path, env: dict | None = None) -> Path:
    """Run the model's archive script from the repo root into `store`; return the .mar it wrote."""
    script = archive_scripts()[model]
    store = Path(store)
    store.mkdir(parents=True, exist_ok=True)
    before = {p.name: p.stat().st_mtime_ns for p in store.glob("*.mar")}
    proc = subprocess.run(["bash", str(script)], cwd=REPO,
                          env=ledger.child_env(venv_env(MODEL_STORE=str(store), **(env or {}))),
                          capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise AssertionError(f"{script.relative_to(REPO)} exited {proc.returncode}\n"
                             f"{proc.stdout}\n{proc.stderr}")
    made = [p for p in store.glob("*.mar") if before.get(p.name) != p.stat().st_mtime_ns]
    if len(made) != 1:
        raise AssertionError(f"{script.name} should write exactly one .mar, wrote {[p.name for p in made]}")
    ledger.archived(made[0])
    return made[0]


class Archives:
    """The guide's archives by model name, each built, unpacked and loaded once, on first use."""

    def __init__(self, root: str | Path, batch_size: int = 1):
        self.root = Path(root)
        self.batch_size = batch_size
        self._mars, self._dirs, self._handlers = {}, {}, {}

    def mar(self, name: str) -> Path:
        if name not in self._mars:
            self._mars[name] = build_archive(name, self.root / "store")
        return self._mars[name]

    def unpacked(self, name: str) -> Path:
        if name not in self._dirs:
            self._dirs[name] = unpack_archive(self.mar(name), self.root / "unpacked" / name)
        return self._dirs[name]

    def handler(self, name: str):
        if name not in self._handlers:
            self._handlers[name] = load_handler(self.unpacked(name), batch_size=self.batch_size)
        return self._handlers[name]
