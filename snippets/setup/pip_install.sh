#!/usr/bin/env bash
# A virtual environment with the guide's pinned versions:
# torch 2.13.0 (CPU), torchserve 0.12.0, torch-model-archiver 0.12.0.
set -euo pipefail
python3 -m venv "${VENV:-.venv}"
"${VENV:-.venv}/bin/pip" install -r requirements.txt
