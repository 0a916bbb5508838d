#!/usr/bin/env bash
# A second version of mnist: the same files as archive_mnist.sh with another --version (in
# practice: a retrained model), saved under another file name in the model store.
set -euo pipefail
STORE=${MODEL_STORE:-model_store}
OUT=$(mktemp -d)
torch-model-archiver --model-name mnist --version 2.0 \
  --model-file models/mnist.py \
  --serialized-file models/mnist.pt \
  --handler handlers/mnist_handler.py \
  --extra-files handlers/safe_handler.py \
  --export-path "$OUT"
mv "$OUT/mnist.mar" "$STORE/mnist_v2.mar" && rmdir "$OUT"
ls "$STORE"
