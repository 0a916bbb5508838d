#!/usr/bin/env bash
# Build $MODEL_NAME.mar (default my_model) from this folder into $MODEL_STORE (default: model_store/
# in this folder). The handler imports safe_handler.py by plain module name, so it goes along.
set -euo pipefail
cd "$(dirname "$0")"
MODEL_NAME=${MODEL_NAME:-my_model}
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name "$MODEL_NAME" --version 1.0 \
  --model-file model.py \
  --serialized-file model.pt \
  --handler handler.py \
  --extra-files safe_handler.py \
  --config-file model-config.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
echo "$MODEL_NAME.mar in ${MODEL_STORE:-model_store}/"
