#!/usr/bin/env bash
# Tip 5: input our handler refuses -> 400 with a message naming the field.
source snippets/setup/env.sh
curl -s -w '\nHTTP %{http_code}\n' -H "Authorization: Bearer $INFERENCE_KEY" \
  -H "Content-Type: application/json" -d '{"feature": "oops"}' "$TS_INFERENCE/predictions/scorer"
