"""How the code finds its imports: the repository root is on the venv's path (tools/setup.sh), so
nothing edits the import path or suppresses E402; the machinery (tsharness) has no import cycle; tools,
snippets and the machinery never import tests, and a test imports no other test."""
from __future__ import annotations

import ast
import subprocess

from tsharness.paths import REPO


def tracked(*patterns: str) -> list[str]:
    return subprocess.run(["git", "ls-files", *patterns], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout.split()


def imports(path: str) -> set[str]:
    """Every module `path` imports, at any depth of its code (relative imports resolved)."""
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    package = path.removesuffix(".py").replace("/", ".").rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [base]).strip(".")
            found |= {base} | {f"{base}.{a.name}" for a in node.names}
    return found


# Spelled in two parts so this file does not find itself.
NEEDLES = ("sys." + "path", "noqa: " + "E402")


def test_nothing_edits_the_import_path():
    files = tracked("*.py", "*.sh", "*.toml", "Makefile")
    assert len(files) > 100
    found = [f"{f}:{i}" for f in files
             for i, line in enumerate((REPO / f).read_text(encoding="utf-8").splitlines(), 1)
             if any(needle in line for needle in NEEDLES)]
    assert not found, found


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph` (module -> modules it imports), or None."""
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt):], nxt] if nxt in trail else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*trail, nxt])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_the_cycle_check_finds_one():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_the_machinery_has_no_import_cycle():
    modules = {f.removesuffix(".py").replace("/", "."): f for f in tracked("tsharness/*.py")}
    graph = {m: {i for i in imports(f) if i in modules and i != m} for m, f in modules.items()}
    assert len(graph) > 10
    assert cycle(graph) is None, f"import cycle: {' -> '.join(cycle(graph))}"


def test_only_tests_import_tests():
    code = [f for f in tracked("*.py") if not f.startswith("tests/")]
    found = [f for f in code if any(i == "tests" or i.startswith("tests.") for i in imports(f))]
    assert not found, found
    others = [f"{f}: {i}" for f in tracked("tests/*.py") for i in imports(f)
              if (i == "tests" or i.startswith("tests."))]
    assert not others, others
