"""Print the installed BaseHandler's public methods as a Markdown table (read from its source).

Run: python snippets/base-handler/base_handler_methods.py   (GUIDE_LANG=zh for Chinese headers)
"""
import ast
import importlib.util
import os
from pathlib import Path

HEADERS = {
    "en": ("Method", "Arguments", "Line", "Docstring (first sentence)"),
    "zh": ("方法", "参数", "行号", "文档字符串（第一句）"),
}


def base_handler_source() -> Path:
    # find_spec locates the file without importing it (the import prints backend notices).
    return Path(importlib.util.find_spec("ts.torch_handler.base_handler").origin)


def public_methods(source: Path) -> list[tuple[str, str, int, str]]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "BaseHandler")
    rows = []
    for fn in cls.body:
        if isinstance(fn, ast.FunctionDef) and not fn.name.startswith("_"):
            args = ", ".join(a.arg for a in fn.args.args[1:])
            if fn.args.vararg:
                args += (", " if args else "") + "*" + fn.args.vararg.arg
            doc = " ".join((ast.get_docstring(fn) or "").split("\n\n")[0].split())
            first = doc.split(". ")[0].rstrip(".") + "." if doc else "—"
            rows.append((fn.name, args, fn.lineno, first))
    return rows


def table(lang: str) -> str:
    head = HEADERS.get(lang, HEADERS["en"])
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name, args, line, doc in public_methods(base_handler_source()):
        lines.append(f"| `{name}` | {f'`{args}`' if args else '—'} | {line} | {doc} |")
    return "\n".join(lines)


print(table(os.environ.get("GUIDE_LANG", "en")))
