#!/usr/bin/env bash
# trouble.mar: no weights, only the handler and its model-config.yaml.
# CONFIG picks another model-config.yaml (the invalid ones below); NAME the archive's name.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name "${NAME:-trouble}" --version 1.0 \
  --handler snippets/model-config/trouble_handler.py \
  --config-file "${CONFIG:-snippets/model-config/trouble.yaml}" \
  --export-path "${MODEL_STORE:-model_store}" --force
