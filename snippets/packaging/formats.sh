#!/usr/bin/env bash
# The eager pointer_net in TorchServe's two other archive formats: a plain folder (no-archive),
# which TorchServe loads without unpacking, and a .tar.gz (tgz).
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name pointer_net_folder --version shanghai \
  --model-file models/pointer_net.py \
  --serialized-file models/pointer_net.pt \
  --handler handlers/route_handler.py \
  --extra-files models/pointer_net_layers.py,handlers/safe_handler.py \
  --archive-format no-archive \
  --export-path "${MODEL_STORE:-model_store}" --force
torch-model-archiver --model-name pointer_net_tgz --version shanghai \
  --model-file models/pointer_net.py \
  --serialized-file models/pointer_net.pt \
  --handler handlers/route_handler.py \
  --extra-files models/pointer_net_layers.py,handlers/safe_handler.py \
  --archive-format tgz \
  --export-path "${MODEL_STORE:-model_store}" --force
# What these two wrote (the store holds whatever other pages built, too).
STORE=${MODEL_STORE:-model_store}
ls -d "$STORE/pointer_net_folder" "$STORE"/pointer_net_folder/* "$STORE/pointer_net_tgz.tar.gz"
