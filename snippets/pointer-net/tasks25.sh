#!/usr/bin/env bash
# One courier's 25 open pickups sent to each route model: three orders to compare.
source snippets/setup/env.sh
for model in greedy_time greedy_distance pointer_net; do
  printf '%-16s' "$model"
  curl -s -X POST "$TS_INFERENCE/predictions/$model" \
    -H "Authorization: Bearer $INFERENCE_KEY" \
    -H 'Content-Type: application/json' \
    --data-binary @snippets/pointer-net/tasks25.json | tr -d ' \n'  # one line per model
  echo
done
