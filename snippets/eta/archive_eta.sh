#!/usr/bin/env bash
# eta.mar: the template's archive.sh, with the ETA model's files. The guide keeps one
# safe_handler.py (handlers/), so the archive takes that one.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name eta --version 1.0 \
  --model-file models/eta.py \
  --serialized-file models/eta.pt \
  --handler snippets/eta/eta_handler.py \
  --extra-files handlers/safe_handler.py \
  --config-file snippets/eta/eta.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
