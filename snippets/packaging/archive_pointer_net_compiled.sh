#!/usr/bin/env bash
# pointer_net_compiled.mar: the eager files plus a model config that turns on torch.compile,
# and a handler that compiles while the worker loads.
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}"
torch-model-archiver --model-name pointer_net_compiled --version shanghai \
  --model-file models/pointer_net.py \
  --serialized-file models/pointer_net.pt \
  --handler snippets/packaging/compiled_handler.py \
  --extra-files models/pointer_net_layers.py,snippets/packaging/fixed_tasks.py,handlers/route_handler.py,handlers/safe_handler.py \
  --config-file snippets/packaging/compiled.yaml \
  --export-path "${MODEL_STORE:-model_store}" --force
