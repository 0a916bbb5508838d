#!/usr/bin/env bash
# pointer_net.mar as on the Pointer network page, plus its serving settings (--config-file).
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name pointer_net --version shanghai \
  --model-file models/pointer_net.py \
  --serialized-file models/pointer_net.pt \
  --handler handlers/route_handler.py \
  --extra-files models/pointer_net_layers.py,handlers/safe_handler.py \
  --config-file snippets/model-config/pointer_net.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
