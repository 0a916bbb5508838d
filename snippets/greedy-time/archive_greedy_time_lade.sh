#!/usr/bin/env bash
# greedy_time_lade.mar: greedy_time's files plus a model config that makes it sort by
# the time left to the promise (LaDe's TimeGreedy) instead of the accept time.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name greedy_time_lade --version 1.0 \
  --model-file models/greedy_time.py \
  --handler handlers/route_handler.py \
  --extra-files handlers/safe_handler.py \
  --config-file snippets/greedy-time/greedy_time_lade.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
