#!/usr/bin/env bash
# A second version of pointer_net: the same files as snippets/archive/pointer_net.sh with another
# --version (in practice: a retrained model). Saved under another file name in the model store.
set -euo pipefail
STORE=${MODEL_STORE:-model_store}
OUT=$(mktemp -d)
torch-model-archiver --model-name pointer_net --version shanghai-v2 \
  --model-file models/pointer_net.py \
  --serialized-file models/pointer_net.pt \
  --handler handlers/route_handler.py \
  --extra-files models/pointer_net_layers.py,handlers/safe_handler.py \
  --export-path "$OUT"
mv "$OUT/pointer_net.mar" "$STORE/pointer_net_v2.mar" && rmdir "$OUT"
ls "$STORE" | grep pointer_net
