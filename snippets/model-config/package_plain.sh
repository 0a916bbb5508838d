#!/usr/bin/env bash
# pointer_net_plain.mar: pointer_net's files without a model-config.yaml, so that its workers,
# batching and timeout come from wherever else they are set (the rows of this page's table).
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name pointer_net_plain --version shanghai \
  --model-file models/pointer_net.py \
  --serialized-file models/pointer_net.pt \
  --handler handlers/route_handler.py \
  --extra-files models/pointer_net_layers.py,handlers/safe_handler.py \
  --export-path "${MODEL_STORE:-model_store}" --force
