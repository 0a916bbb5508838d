#!/usr/bin/env bash
# Tip 1, fixed: one class in the model file; the worker starts.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=scorer.mar&initial_workers=1&synchronous=true"
