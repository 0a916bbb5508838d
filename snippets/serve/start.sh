#!/usr/bin/env bash
# Start TorchServe in the background with the guide's config.
# Run from the repo root: keys go to ./key_file.json, logs to ./logs/.
torchserve --start --ncs \
  --model-store "${MODEL_STORE:-model_store}" \
  --ts-config "${TS_CONFIG:-snippets/serve/config.properties}" "$@"
