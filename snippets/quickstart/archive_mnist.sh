#!/usr/bin/env bash
# mnist.mar: the CNN, its trained weights and the digit handler.
# safe_handler.py goes along: mnist_handler.py imports it.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name mnist --version 1.0 \
  --model-file models/mnist.py \
  --serialized-file models/mnist.pt \
  --handler handlers/mnist_handler.py \
  --extra-files handlers/safe_handler.py \
  --export-path "${MODEL_STORE:-model_store}" --force
