#!/usr/bin/env bash
# Tip 1, the mistake: the model file defines two classes. The archiver accepts it.
set -euo pipefail
STORE=${MODEL_STORE:-model_store}
mkdir -p "$STORE"
torch-model-archiver --model-name scorer_two_classes --version 1.0 \
  --model-file snippets/tips/scorer_two_classes.py \
  --handler snippets/tips/scorer_handler.py \
  --extra-files handlers/safe_handler.py \
  --export-path "$STORE" --force
