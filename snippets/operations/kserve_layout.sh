#!/usr/bin/env bash
# The folder KServe's TorchServe runtime expects at storageUri: config/config.properties and
# model-store/ with the .mar files. Built here in kserve/routes/; upload it to your bucket.
set -euo pipefail
DEST=kserve/routes
mkdir -p "$DEST/config" "$DEST/model-store"
cp snippets/operations/kserve.config.properties "$DEST/config/config.properties"
cp "${MODEL_STORE:-model_store}/routes.mar" "$DEST/model-store/"
find "$DEST" -type f | sort
