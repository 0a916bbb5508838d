#!/usr/bin/env bash
# pointer_net_aoti.mar: the model compiled ahead of time into a .pt2 package (about a minute).
# No --model-file: the package holds the graph and the weights; the handler loads it.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
build=$(mktemp -d)
# PYTHONPATH: the script imports the guide's model and handler files (the archive packs its own).
PYTHONPATH=handlers:models python snippets/packaging/export_aoti.py "$build/pointer_net.pt2"
torch-model-archiver --model-name pointer_net_aoti --version shanghai \
  --serialized-file "$build/pointer_net.pt2" \
  --handler snippets/packaging/aoti_handler.py \
  --extra-files snippets/packaging/fixed_tasks.py,handlers/route_handler.py,handlers/safe_handler.py \
  --config-file snippets/packaging/batching.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
rm -r "$build"
