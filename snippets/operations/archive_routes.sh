#!/usr/bin/env bash
# routes.mar: greedy_time's model with the route handler that counts tasks and refusals.
# route_handler.py and safe_handler.py go along: the handler imports them by module name.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name routes --version 1.0 \
  --model-file models/greedy_time.py \
  --handler snippets/operations/route_metrics_handler.py \
  --extra-files handlers/route_handler.py,handlers/safe_handler.py \
  --export-path "${MODEL_STORE:-model_store}" --force
