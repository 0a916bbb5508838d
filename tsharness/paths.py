"""Where things are in the repository, and the environment a guide command runs with."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SNIPPETS = REPO / "snippets"
DOCS = REPO / "docs"
VENV_BIN = REPO / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
GUIDE_CONFIG = SNIPPETS / "setup" / "config.properties"


def venv_env(**extra: str) -> dict[str, str]:
    """os.environ with the project's venv first on PATH (what `source .venv/bin/activate` gives)."""
    return {**os.environ, "VIRTUAL_ENV": str(REPO / ".venv"),
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}
