#!/usr/bin/env bash
# The original tutorial's request to greedy_time version 1.0: two tasks, start at task 1.
source snippets/setup/env.sh
curl -s -w '\n' -X POST "$TS_INFERENCE/predictions/greedy_time/1.0" \
  -H "Authorization: Bearer $INFERENCE_KEY" \
  -H 'Content-Type: application/json' \
  --data-binary @snippets/greedy-time/request.json
