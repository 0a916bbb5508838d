#!/usr/bin/env bash
# Move mnist.mar out of the model store into the folder model_server.sh serves.
set -euo pipefail
mkdir -p "${MAR_DIR:-mar_files}"
mv "${MODEL_STORE:-model_store}/mnist.mar" "${MAR_DIR:-mar_files}/"
ls "${MAR_DIR:-mar_files}"
