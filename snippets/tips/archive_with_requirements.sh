#!/usr/bin/env bash
# Tip 4: ship the model's own Python packages as a requirements file inside the .mar.
set -euo pipefail
STORE=${MODEL_STORE:-model_store}
mkdir -p "$STORE"
torch-model-archiver --model-name scorer_deps --version 1.0 \
  --model-file snippets/tips/scorer.py \
  --handler snippets/tips/scorer_handler.py \
  --extra-files snippets/tips/scorer_layers.py,handlers/safe_handler.py \
  --requirements-file snippets/tips/scorer_requirements.txt \
  --export-path "$STORE" --force
