#!/usr/bin/env bash
# greedy_time version 2.0: the same model and handler, sorting by the time left until the promised
# time (LaDe's TimeGreedy) instead of the accept time. Its own file name, greedy_time_v2.mar, so it
# sits next to version 1.0's greedy_time.mar in the model store; registered under the name greedy_time.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name greedy_time_v2 --version 2.0 \
  --model-file models/greedy_time.py \
  --handler handlers/route_handler.py \
  --extra-files handlers/safe_handler.py \
  --config-file snippets/greedy-time/greedy_time_lade.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
