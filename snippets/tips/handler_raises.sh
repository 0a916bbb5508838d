#!/usr/bin/env bash
# Tip 5: an exception inside the handler -> 503 "Prediction failed"; the traceback is in the model log.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' -H "Authorization: Bearer $INFERENCE_KEY" \
  -H "Content-Type: application/json" -d @snippets/tips/tasks.json "$TS_INFERENCE/predictions/raising"
