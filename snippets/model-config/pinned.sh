#!/usr/bin/env bash
# The trouble handler packed with a model-config.yaml that names no timeout (pinned.yaml), registered
# asking for a 5 s response timeout; then one request whose handler call takes 10 s.
set -euo pipefail
source snippets/setup/env.sh
NAME=pinned CONFIG=snippets/model-config/pinned.yaml bash snippets/model-config/package_trouble.sh
curl -s -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=pinned.mar&synchronous=true&response_timeout=5"; echo
python snippets/model-config/describe.py pinned
start=$(date +%s)
curl -s -w "\nHTTP %{http_code}\n" -H "Authorization: Bearer $INFERENCE_KEY" \
  -H "Content-Type: application/json" -d '{"sleep": 10}' "$TS_INFERENCE/predictions/pinned"
echo "answered after 10 s or more: $([ $(( $(date +%s) - start )) -ge 10 ] && echo yes || echo no)"
curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/pinned"
