#!/usr/bin/env bash
# A valid request to the scorer: the original's two tasks, answered with their order.
source snippets/setup/env.sh
curl -s -w '\nHTTP %{http_code}\n' -H "Authorization: Bearer $INFERENCE_KEY" \
  -H "Content-Type: application/json" -d @snippets/tips/tasks.json "$TS_INFERENCE/predictions/scorer"
