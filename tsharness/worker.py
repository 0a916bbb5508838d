"""The in-process worker: `snippets/your-model/template/ts_worker.py`, the one copy, imported here as
`tsharness.worker`.

That file runs a handler the way a TorchServe worker does (TorchServe's model loader, wire codec and
`Service.predict`) and needs nothing but `ts` and the standard library, so the template's tests use
it as it is, wherever the template is copied. The guide's tests and tools import it from here.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "snippets" / "your-model" / "template" / "ts_worker.py"

_spec = importlib.util.spec_from_file_location(__name__, PATH)
_module = importlib.util.module_from_spec(_spec)
sys.modules[__name__] = _module   # before running it: its dataclasses look their module up
_spec.loader.exec_module(_module)
