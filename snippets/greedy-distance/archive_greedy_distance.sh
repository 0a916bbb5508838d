#!/usr/bin/env bash
# greedy_distance.mar: the same route handler as greedy_time, another model file.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name greedy_distance --version 1.0 \
  --model-file models/greedy_distance.py \
  --handler handlers/route_handler.py \
  --extra-files handlers/safe_handler.py \
  --config-file snippets/greedy-distance/greedy_distance.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
