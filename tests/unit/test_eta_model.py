"""The ETA model and its handler: the weights load as TorchServe loads them, and the handler is the
template's handler with only its settings, its `check` rule and its class name changed."""
from __future__ import annotations

import ast
import inspect

import torch

import eta
from tsharness.paths import REPO, SNIPPETS

TEMPLATE_HANDLER = SNIPPETS / "your-model" / "template" / "handler.py"
ETA_HANDLER = SNIPPETS / "eta" / "eta_handler.py"


def test_one_module_and_its_weights_load_weights_only():
    classes = [c for _, c in inspect.getmembers(eta, inspect.isclass) if c.__module__ == "eta"]
    assert [c.__name__ for c in classes] == ["EtaRegressor"]
    model = eta.EtaRegressor()
    model.load_state_dict(torch.load(REPO / "models" / "eta.pt", weights_only=True))
    with torch.inference_mode():
        minutes = model(torch.tensor([[420.0, 35.0, 4.0, 0.0], [2600.0, 160.0, 4.0, 3.0]]))
    assert minutes.shape == (2,) and minutes[0] < minutes[1]


def definitions(path) -> dict[str, str]:
    """Top-level functions and the handler class's methods, as ASTs without docstrings' positions."""
    tree = ast.parse(path.read_text())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out[node.name] = ast.dump(node)
        elif isinstance(node, ast.ClassDef):
            out.update({f"class.{m.name}": ast.dump(m) for m in node.body if isinstance(m, ast.FunctionDef)})
    return out


def test_the_eta_handler_is_the_templates_with_its_settings():
    template, eta_handler = definitions(TEMPLATE_HANDLER), definitions(ETA_HANDLER)
    assert template.keys() == eta_handler.keys()
    changed = sorted(name for name in template if template[name] != eta_handler[name])
    assert changed == ["check"]
