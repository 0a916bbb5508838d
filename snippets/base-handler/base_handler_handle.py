"""Print the installed BaseHandler.handle() source as a Markdown code block.

Run: python snippets/base-handler/base_handler_handle.py
"""
import ast
import importlib.util
from pathlib import Path

source = Path(importlib.util.find_spec("ts.torch_handler.base_handler").origin)
text = source.read_text(encoding="utf-8")
cls = next(n for n in ast.parse(text).body if isinstance(n, ast.ClassDef) and n.name == "BaseHandler")
handle = next(f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "handle")
lines = text.splitlines()[handle.lineno - 1:handle.end_lineno]
print(f'```python title="ts/torch_handler/base_handler.py, line {handle.lineno}"')
print("\n".join(line[4:] for line in lines))  # dedent the class level
print("```")
