#!/usr/bin/env bash
# pointer_latency.mar: the pointer network (snippets/pointer-net) with the handler that times
# itself. No --config-file: batch size 1, so each handler call is one request.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name pointer_latency --version 1.0 \
  --model-file models/pointer_net.py \
  --serialized-file models/pointer_net.pt \
  --handler snippets/alerts/latency_handler.py \
  --extra-files models/pointer_net_layers.py,handlers/route_handler.py,handlers/safe_handler.py \
  --export-path "${MODEL_STORE:-model_store}" --force
