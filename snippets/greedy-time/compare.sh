#!/usr/bin/env bash
# Send one request (a JSON file) to several route models; one line per model: name, then its order.
# Usage: bash snippets/greedy-time/compare.sh REQUEST.json MODEL...
source snippets/setup/env.sh
request=$1; shift
for model in "$@"; do
  printf '%-17s' "$model"
  curl -s -X POST "$TS_INFERENCE/predictions/$model" \
    -H "Authorization: Bearer $INFERENCE_KEY" \
    -H 'Content-Type: application/json' \
    --data-binary @"$request" | tr -d ' \n'  # one line per model
  echo
done
