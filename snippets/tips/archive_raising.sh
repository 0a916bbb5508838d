#!/usr/bin/env bash
# Tip 5: an archive whose handler raises on every request.
set -euo pipefail
STORE=${MODEL_STORE:-model_store}
mkdir -p "$STORE"
torch-model-archiver --model-name raising --version 1.0 \
  --handler snippets/tips/raising_handler.py \
  --export-path "$STORE" --force
