#!/usr/bin/env bash
# Tip 5: a model name that is not registered (a typo, or not registered yet) -> 404.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' -H "Authorization: Bearer $INFERENCE_KEY" \
  -H "Content-Type: application/json" -d @snippets/tips/tasks.json "$TS_INFERENCE/predictions/scorre"
