#!/usr/bin/env bash
# Tip 1, the fix: one class in the model file, its parts shipped with --extra-files.
set -euo pipefail
STORE=${MODEL_STORE:-model_store}
mkdir -p "$STORE"
torch-model-archiver --model-name scorer --version 1.0 \
  --model-file snippets/tips/scorer.py \
  --handler snippets/tips/scorer_handler.py \
  --extra-files snippets/tips/scorer_layers.py,handlers/safe_handler.py \
  --export-path "$STORE" --force
