#!/usr/bin/env bash
# pointer_net packed as on the Pointer network page (no model-config.yaml), kept as
# pointer_net_plain.mar so that the archive with settings can take the name pointer_net.mar.
set -euo pipefail
bash snippets/pointer-net/archive_pointer_net.sh
mv "${MODEL_STORE:-model_store}/pointer_net.mar" "${MODEL_STORE:-model_store}/pointer_net_plain.mar"
