"""The template folder stands alone (its copy outside the repository passing its own tests is the
your-model page's walk): it imports nothing of the guide, and the in-process worker exists once: the
template's ts_worker.py is what the guide's tests import as tsharness.worker."""
from __future__ import annotations

import ast
import hashlib
import subprocess
import sys
from pathlib import Path

from tsharness import worker
from tsharness.paths import REPO, SNIPPETS

TEMPLATE = SNIPPETS / "your-model" / "template"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_worker_needs_only_ts_and_the_standard_library():
    outside = imported_modules(TEMPLATE / "ts_worker.py") - set(sys.stdlib_module_names)
    assert outside == {"ts"}


def test_one_copy_of_the_worker():
    assert Path(worker.__file__) == TEMPLATE / "ts_worker.py"
    digest = hashlib.sha256((TEMPLATE / "ts_worker.py").read_bytes()).hexdigest()
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
                           cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    same = [f for f in files if (REPO / f).is_file()
            and hashlib.sha256((REPO / f).read_bytes()).hexdigest() == digest]
    assert same == ["snippets/your-model/template/ts_worker.py"]


def test_the_template_imports_nothing_of_the_guide():
    for f in TEMPLATE.rglob("*.py"):
        assert not imported_modules(f) & {"tsharness", "tests", "models", "handlers"}, f


def test_the_safe_handler_is_the_guides():
    # The template ships the guide's SafeHandler as it is; this keeps the two identical.
    assert (TEMPLATE / "safe_handler.py").read_bytes() == (REPO / "handlers" / "safe_handler.py").read_bytes()
