"""A system tool a test needs: skipped when missing on a user's machine, a failure in CI."""
from __future__ import annotations

import os
import shutil

import pytest


def require(tool: str, what: str) -> None:
    """Skip (on a user's machine) or fail (in CI) when a system tool is missing."""
    if shutil.which(tool):
        return
    msg = f"{what} needs `{tool}`, which is not installed (tools/setup.sh installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip(msg)
