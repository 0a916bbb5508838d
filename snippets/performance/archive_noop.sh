#!/usr/bin/env bash
# The no-op archive (model name `noop`): no weights, only snippets/performance/noop_handler.py.
# The benchmark uses it to measure what the frontend and a worker cost on their own.
set -euo pipefail
STORE=${MODEL_STORE:-model_store}
mkdir -p "$STORE"
torch-model-archiver --model-name noop --version 1.0 \
  --handler snippets/performance/noop_handler.py \
  --export-path "$STORE" --force
