#!/usr/bin/env bash
# The same four tasks to greedy_time (sorts by accept time) and greedy_time_lade (by time left).
source snippets/setup/env.sh
for model in greedy_time greedy_time_lade; do
  printf '%-17s' "$model"
  curl -s -X POST "$TS_INFERENCE/predictions/$model" \
    -H "Authorization: Bearer $INFERENCE_KEY" \
    -H 'Content-Type: application/json' \
    --data-binary @snippets/greedy-time/four_tasks.json | tr -d ' \n'  # one line per model
  echo
done
