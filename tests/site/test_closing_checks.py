"""The run's closing checks still judge the whole run when pytest-xdist splits it over processes:
a scratch guide of two pages walked on two workers, one file shown and never run (another shown on
one page and run only by the other page's walk), and a test that leaves a file behind."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from tsharness.paths import PYTHON, REPO

PAGE = """# {name}

```bash title="$ bash snippets/scratch/{runs}.sh"
--8<-- "snippets/scratch/{runs}.sh"
```

```text
--8<-- "snippets/scratch/{runs}.sh.out"
```

```bash
--8<-- "snippets/scratch/{shows}.sh"
```
"""
WALK_TEST = """PAGE = "{name}"


def test_walk(walk):
    assert walk.through("{runs}.sh").text == "{runs}\\n"
"""
# Environment a nested pytest must not inherit from this one.
RUN_VARS = ("TSHARNESS_RUN", "TSHARNESS_LEDGER", "TSHARNESS_STARTS", "BASH_ENV", "PYTHONPATH",
            "PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_ADDOPTS")


def scratch_guide(root: Path) -> Path:
    """Page a runs a.sh and shows b.sh; page b runs b.sh and shows never.sh, which nothing runs."""
    for d in ("tsharness", "snippets/your-model/template/ts_worker.py", "snippets/setup/config.properties",
              "tests/__init__.py", "tests/conftest.py", "pyproject.toml"):
        src, dst = REPO / d, root / d
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)
    (root / ".venv").symlink_to(REPO / ".venv")
    (root / "tests" / "pages").mkdir()
    (root / "tests" / "pages" / "__init__.py").touch()
    snippets = root / "snippets" / "scratch"
    snippets.mkdir(parents=True)
    for name in ("a", "b", "never"):
        (snippets / f"{name}.sh").write_text(f"echo {name}\n")
        (snippets / f"{name}.sh.out").write_text(f"{name}\n")
    (root / "docs").mkdir()
    for name, runs, shows in (("a", "a", "b"), ("b", "b", "never")):
        for suffix in (".md", ".en.md"):
            (root / "docs" / f"{name}{suffix}").write_text(PAGE.format(name=name, runs=runs, shows=shows))
        (root / "tests" / "pages" / f"test_{name}.py").write_text(WALK_TEST.format(name=name, runs=runs))
    (root / ".gitignore").write_text(".venv\n__pycache__/\n.pytest_cache/\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "scratch"]):
        subprocess.run([*git, *cmd], cwd=root, check=True)
    return root


def run_pytest(root: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in RUN_VARS}
    return subprocess.run([str(PYTHON), "-m", "pytest", "-v", "-n", "2", "--dist", "loadfile", "-p",
                           "no:cacheprovider", "tests"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)


def test_never_run_and_changed_tree_are_caught_across_workers(tmp_path):
    root = scratch_guide(tmp_path / "guide")
    (root / "tests" / "test_litter.py").write_text(
        "from pathlib import Path\n\n\ndef test_litter():\n"
        "    Path(__file__).with_name('litter.txt').write_text('x')\n")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A"], cwd=root,
                   check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "litter"],
                   cwd=root, check=True)
    out = run_pytest(root)
    report = out.stdout + out.stderr
    assert out.returncode == 1 and "3 passed" in report, report
    workers = {re.search(rf"\[(gw\d)\][^\n]*PASSED tests/pages/test_{page}\.py", report)[1]
               for page in "ab"}
    assert len(workers) == 2, f"both walks ran in one process: {report}"
    never = report.split("never run by any test (or output never compared):")[1].split("The tests")[0]
    # b.sh ran only in page b's walk, on the other worker: the merged ledger has it.
    assert never.split() == ["snippets/scratch/never.sh"], report
    assert "The tests changed the work tree:" in report and "tests/litter.txt" in report, report
