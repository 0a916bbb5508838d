#!/usr/bin/env bash
# pointer_net.mar: a trained model, so its weights go in with --serialized-file.
# The model file may define only one nn.Module; its layers travel as an extra file.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name pointer_net --version shanghai \
  --model-file models/pointer_net.py \
  --serialized-file models/pointer_net.pt \
  --handler handlers/route_handler.py \
  --extra-files models/pointer_net_layers.py,handlers/safe_handler.py \
  --config-file snippets/pointer-net/pointer_net.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
