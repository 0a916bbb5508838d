#!/usr/bin/env bash
# The original tutorial's request to pointer_net version shanghai: two tasks, start at task 1.
source snippets/setup/env.sh
curl -s -w '\n' -X POST "$TS_INFERENCE/predictions/pointer_net/shanghai" \
  -H "Authorization: Bearer $INFERENCE_KEY" \
  -H 'Content-Type: application/json' \
  --data-binary @snippets/greedy-time/request.json
