#!/usr/bin/env bash
# Two archives that fail on purpose:
# slow.mar, a handler slower than its responseTimeout;
# greedy_time_no_extra.mar, greedy_time without --extra-files handlers/safe_handler.py.
set -euo pipefail
STORE=${MODEL_STORE:-model_store}
mkdir -p "$STORE"
torch-model-archiver --model-name slow --version 1.0 \
  --handler snippets/troubleshooting/slow_handler.py \
  --config-file snippets/troubleshooting/slow.yaml \
  --export-path "$STORE" --force
torch-model-archiver --model-name greedy_time_no_extra --version 1.0 \
  --model-file models/greedy_time.py \
  --handler handlers/route_handler.py \
  --export-path "$STORE" --force
