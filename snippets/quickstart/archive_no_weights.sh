#!/usr/bin/env bash
# The original tutorial's archiver command: no --serialized-file. The archiver accepts it
# without a word; the handler then builds the model with random weights.
# (Named mnist_no_weights here so it can run next to the working mnist.mar.)
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name mnist_no_weights --version 1.0 \
  --model-file models/mnist.py \
  --handler handlers/mnist_handler.py \
  --extra-files handlers/safe_handler.py \
  --export-path "${MODEL_STORE:-model_store}" --force
# What went in: no .pt file.
python3 -c 'import sys, zipfile; print(*zipfile.ZipFile(sys.argv[1]).namelist(), sep="\n")' \
  "${MODEL_STORE:-model_store}/mnist_no_weights.mar"
