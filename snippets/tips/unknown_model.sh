#!/usr/bin/env bash
# Tip 5: a model name that is not registered (a typo, or not registered yet) -> 404.
source "$(dirname "$0")/../serve/env.sh"
curl -s -w 'HTTP %{http_code}\n' -H "Authorization: Bearer $INFERENCE_KEY" \
  -H "Content-Type: application/json" -d @"$(dirname "$0")/tasks.json" "$TS_INFERENCE/predictions/scorre"
