#!/usr/bin/env bash
# pointer_net_script.mar: one TorchScript file holding the code and the weights. No --model-file:
# BaseHandler loads a serialized file without one with torch.jit.load.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
OUT=$(mktemp -d)
# PYTHONPATH: the script imports models/pointer_net.py (the archive finds it inside itself).
PYTHONPATH=models python snippets/packaging/script_model.py "$OUT/pointer_net_script.pt"
torch-model-archiver --model-name pointer_net_script --version shanghai \
  --serialized-file "$OUT/pointer_net_script.pt" \
  --handler handlers/route_handler.py \
  --extra-files handlers/safe_handler.py \
  --export-path "${MODEL_STORE:-model_store}" --force
rm -r "$OUT"
