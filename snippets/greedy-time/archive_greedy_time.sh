#!/usr/bin/env bash
# greedy_time.mar: the model file and the route handler, no weights (the model has none).
# safe_handler.py goes along because route_handler.py imports it by plain module name.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name greedy_time --version 1.0 \
  --model-file models/greedy_time.py \
  --handler handlers/route_handler.py \
  --extra-files handlers/safe_handler.py \
  --config-file snippets/greedy-time/greedy_time.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
