#!/usr/bin/env bash
# Pack the trouble handler with a model config (the archive is named after it), and register it,
# waiting for its worker to load.
# Usage: bash snippets/model-config/slow_load.sh snippets/model-config/slow_load.yaml
set -euo pipefail
source snippets/setup/env.sh
name=$(basename "$1" .yaml)
NAME=$name CONFIG=$1 bash snippets/model-config/package_trouble.sh
code=$(curl -s -o reply.json -w "%{http_code}" -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=$name.mar&synchronous=true")
echo "HTTP $code"; cat reply.json; rm reply.json
if [ "$code" != 200 ]; then
  # TorchServe usually unregisters a model whose worker failed to load, but not always: make sure.
  curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/$name"
fi
