#!/usr/bin/env bash
# One courier's three tasks in one request: minutes until each pickup.
source snippets/setup/env.sh
curl -s -w '\n' -X POST "$TS_INFERENCE/predictions/eta" \
  -H "Authorization: Bearer $INFERENCE_KEY" \
  -H 'Content-Type: application/json' \
  --data-binary @snippets/eta/request.json
